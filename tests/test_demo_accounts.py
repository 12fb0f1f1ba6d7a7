"""The demo's logins are built through the accounts use cases, and a re-run stays idempotent.

Each run hands out a fresh password; like any password change it ends the sessions opened with
the old one. An address of the demo taken by an account of another role is refused, never
turned into the demo's role: roles are fixed when an account is created.
"""

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Client, User
from tests.demo_output import demo_password

LOGINS = {
    "admin@demo.surveyor": "admin",
    "berater@demo.surveyor": "consultant",
    "kunde@demo.surveyor": "viewer",
    "shopper@demo.surveyor": "shopper",
}


def _demo(runner):
    return runner.invoke(args=["demo", "--responses", "0", "--no-serve"])


def test_a_rerun_keeps_one_account_per_login_and_ends_the_old_passwords_sessions(
    runner, app, client
):
    first = demo_password(_demo(runner).output)
    login = {"email": "kunde@demo.surveyor", "password": first}
    assert client.post("/login", data=login).status_code == 302
    assert client.get("/clients/").status_code == 200
    again = _demo(runner)
    assert again.exit_code == 0, again.output
    second = demo_password(again.output)
    assert client.get("/clients/").status_code == 302  # the old password's session has ended
    with app.app_context():
        users = dict(db.session.execute(select(User.email, User.role)).all())
        assert users == LOGINS
        viewer = db.session.scalar(select(User).where(User.email == "kunde@demo.surveyor"))
        assert [c.name for c in viewer.clients] == ["Stadtwerke Lindenau"]
        assert db.session.scalar(select(func.count()).select_from(Client)) == 1
    assert client.post("/login", data={**login, "password": second}).status_code == 302
    assert client.post("/login", data=login).status_code != 302  # the old one is refused


def test_a_demo_address_taken_by_another_role_is_refused_not_changed(runner, app, make):
    make.user("viewer", email="berater@demo.surveyor")
    result = _demo(runner)
    assert result.exit_code == 1
    assert "berater@demo.surveyor exists already with another role" in result.output
    assert "Traceback" not in result.output
    with app.app_context():
        role = db.session.scalar(select(User.role).where(User.email == "berater@demo.surveyor"))
        assert role == "viewer"
