"""The ``surveyor`` command group."""

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Client, KanoAnswer, Response, Touchpoint, User
from tests.demo_output import demo_password


def test_create_user_with_role_and_client(runner, make, app):
    client = make.client("Stadtwerke")
    result = runner.invoke(
        args=[
            "create-user",
            "Eva@Example.com",
            "--role",
            "consultant",
            "--client",
            client.slug,
            "--password",
            "long enough pw",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert (user.email, user.role, [c.slug for c in user.clients]) == (
            "eva@example.com",
            "consultant",
            [client.slug],
        )


def test_create_user_refuses_unknown_role_and_client(runner):
    result = runner.invoke(
        args=["create-user", "x@example.com", "--role", "boss", "--password", "long enough pw"]
    )
    assert result.exit_code == 2
    assert "'boss' is not one of" in result.output
    result = runner.invoke(
        args=[
            "create-user",
            "x@example.com",
            "--role",
            "viewer",
            "--client",
            "nobody",
            "--password",
            "long enough pw",
        ]
    )
    assert result.exit_code == 2
    assert "no client with slug nobody" in result.output


def test_an_unknown_client_is_refused_before_the_password_is_asked(runner, app):
    result = runner.invoke(
        args=["create-user", "x@example.com", "--role", "viewer", "--client", "UNKNOWN"], input=""
    )
    assert result.exit_code == 2
    assert "no client with slug UNKNOWN" in result.output
    assert "Password" not in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_the_password_is_asked_twice_when_not_given(runner, make, app):
    client = make.client("Stadtwerke")
    result = runner.invoke(
        args=["create-user", "x@example.com", "--role", "viewer", "--client", client.slug],
        input="long enough pw\nlong enough pw\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") == 1 and "Repeat for confirmation" in result.output
    with app.app_context():
        assert db.session.scalar(select(User.email)) == "x@example.com"


def test_create_user_explains_short_passwords(runner):
    result = runner.invoke(
        args=["create-user", "x@example.com", "--role", "viewer", "--password", "short"]
    )
    assert result.exit_code == 1
    assert "at least 8 characters" in result.output


def test_demo_creates_a_journey_with_responses(runner, app):
    result = runner.invoke(args=["demo", "--responses", "60", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "with password" in result.output and "admin@demo.surveyor" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Touchpoint)) >= 6
        assert db.session.scalar(_survey_responses()) == 60
        groups = dict(
            db.session.execute(
                select(Response.respondent_group, func.count()).group_by(Response.respondent_group)
            ).all()
        )
        assert groups["customer"] > groups["employee"] > 0
        per_response = db.session.scalar(select(func.count()).select_from(KanoAnswer)) / 60
        assert per_response == 8


def test_demo_prints_every_login(runner):
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    for email in ("admin@", "berater@", "kunde@", "shopper@"):
        assert f"{email}demo.surveyor" in result.output


def test_demo_login_works(runner, client):
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    password = demo_password(result.output)
    response = client.post("/login", data={"email": "admin@demo.surveyor", "password": password})
    assert response.status_code == 302
    assert b"Stadtwerke Lindenau" in client.get("/clients/").data


def test_demo_twice_keeps_one_client_and_reset_rebuilds(runner, app):
    runner.invoke(args=["demo", "--responses", "10", "--no-serve"])
    runner.invoke(args=["demo", "--responses", "10", "--no-serve"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Client)) == 1
        assert db.session.scalar(_survey_responses()) == 10
    result = runner.invoke(args=["demo", "--responses", "20", "--no-serve", "--reset"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Client)) == 1
        assert db.session.scalar(_survey_responses()) == 20


def _survey_responses():
    """``--responses N`` counts survey answers; the demo's mystery shops come on top."""
    return select(func.count()).select_from(Response).where(Response.respondent_group != "shopper")


def test_demo_on_a_busy_port_says_how_to_choose_another(runner):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(args=["demo", "--responses", "0", "--port", str(port)])
    assert result.exit_code == 2
    assert f"Port {port} is in use" in result.output and "--port" in result.output
