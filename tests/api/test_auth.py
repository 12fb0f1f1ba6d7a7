"""Only a valid, unrevoked bearer token opens the API; sessions and cookies play no part."""

from surveyor.extensions import db
from surveyor.models import ApiToken, User
from surveyor.services.accounts import api_tokens


def test_requests_without_a_token_get_401_json(client, make):
    response = client.get("/api/v1/clients")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json == {
        "status": 401,
        "code": "unauthorized",
        "message": response.json["message"],
        "errors": {},
    }


def test_an_unknown_token_gets_401(client):
    response = client.get("/api/v1/clients", headers={"Authorization": "Bearer sv_nope"})
    assert response.status_code == 401
    response = client.get("/api/v1/clients", headers={"Authorization": "Basic abc"})
    assert response.status_code == 401


def test_a_revoked_token_gets_401(app, make, api_as):
    user = make.user("consultant")
    api = api_as(user)
    assert api.get("/clients").status_code == 200
    with app.app_context():
        token = db.session.scalar(db.select(ApiToken))
        api_tokens.revoke(db.session.get(User, user.id), token.id)
        db.session.commit()
    assert api.get("/clients").status_code == 401


def test_a_deactivated_users_token_gets_401(app, make, api_as):
    user = make.user("consultant")
    api = api_as(user)
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert api.get("/clients").status_code == 401


def test_a_logged_in_session_is_not_enough(client, auth, make):
    auth.login(make.user("admin"))
    assert client.get("/api/v1/clients").status_code == 401


def test_api_answers_set_no_cookie_and_skip_csrf(make, api_as):
    api = api_as(make.user("admin"))
    response = api.get("/clients?lang=de")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    client_ = make.client()
    response = api.post(f"/clients/{client_.id}/projects", json={"name": "Kiosk"})
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers


def test_only_the_hash_is_stored_and_last_use_is_recorded(app, make, api_as):
    user = make.user("consultant")
    api = api_as(user)
    api.get("/clients")
    with app.app_context():
        token = db.session.scalar(db.select(ApiToken))
        assert token.token_hash == api_tokens.hash_token(api.token)
        assert api.token not in (token.token_hash, token.prefix)
        assert api.token.startswith(token.prefix)
        assert token.last_used_at is not None
