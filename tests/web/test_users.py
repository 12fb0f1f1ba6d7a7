"""Administrators create accounts and assign clients."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import User


def test_admin_creates_a_consultant_for_a_client(client, auth, make, app):
    own = make.client("Stadtwerke")
    auth.login(make.user("admin"))
    response = client.post(
        "/admin/users/new",
        data={
            "email": "new@example.com",
            "name": "Nina",
            "role": "consultant",
            "password": "long enough pw",
            "client_ids": [own.id],
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new@example.com"))
        assert [c.name for c in user.clients] == ["Stadtwerke"]
        assert user.password_hash != "long enough pw"


def test_duplicate_email_is_explained(client, auth, make):
    make.user(email="taken@example.com")
    auth.login(make.user("admin"))
    response = client.post(
        "/admin/users/new",
        data={"email": "taken@example.com", "role": "viewer", "password": "long enough pw"},
    )
    assert b"exists already" in response.data


def test_unknown_client_id_is_rejected(client, auth, make):
    auth.login(make.user("admin"))
    response = client.post(
        "/admin/users/new",
        data={
            "email": "x@example.com",
            "role": "viewer",
            "password": "long enough pw",
            "client_ids": ["424242"],
        },
    )
    assert response.status_code == 200
    assert b"One of the chosen entries is no longer available" in response.data


def test_the_user_list_names_roles_in_the_admins_language(client, auth, make):
    make.user("viewer", email="staff@example.com")
    auth.login(make.user("admin", locale="de"))
    page = client.get("/admin/users/").get_data(as_text=True)
    assert "<td>Kunde (nur lesen)</td>" in page and "<td>viewer</td>" not in page
    # A phone scrolls the wide table inside its own region, not the page.
    assert 'class="table-scroll" role="region" tabindex="0" aria-label="Benutzer"' in page


def test_a_german_admin_saving_a_stale_location_list_reads_german(client, auth, make):
    """A branch deleted while the admin had the form open: the refusal is in German too."""
    viewer = make.user("viewer")
    auth.login(make.user("admin", locale="de"))
    response = client.post(f"/admin/users/{viewer.id}/locations", data={"location_ids": ["424242"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "not a valid choice" not in page
    assert "Einer der gewählten Einträge steht nicht mehr zur Auswahl" in page
