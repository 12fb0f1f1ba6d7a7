"""The audit log records who did what, administrators read and filter it, nobody changes it."""

from __future__ import annotations

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import ApiToken, AuditEvent, ExportJob, SurveyLink
from tests.factories import _Ref


def _actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.action, AuditEvent.actor_email).order_by(AuditEvent.id)
        ).all()
        return [tuple(row) for row in rows]


def test_log_ins_are_recorded_with_success_and_failure(app, client, auth, make):
    user = make.user("consultant", email="ana@consultancy.example")
    auth.login(user, password="wrong password")
    auth.login(user)
    assert _actions(app) == [
        ("login.failed", "ana@consultancy.example"),
        ("login.succeeded", "ana@consultancy.example"),
    ]
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.address).limit(1)) == "127.0.0.1"


def test_user_creation_publishing_exports_and_tokens_are_recorded(app, client, auth, make):
    admin = make.user("admin", email="root@consultancy.example")
    client_ = make.client()
    auth.login(admin)
    created = client.post(
        "/admin/users/new",
        data={
            "email": "viewer@client.example",
            "role": "viewer",
            "password": "long enough",
            "client_ids": [str(client_.id)],
        },
    )
    assert created.status_code == 302
    instrument = make.kano_instrument(publish=False)
    assert client.post(f"/instruments/{instrument.id}/publish").status_code == 302
    assert client.post("/api-tokens/", data={"name": "CRM"}).status_code == 201
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    assert client.post(f"/api-tokens/{token_id}/revoke").status_code == 302
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        by_action = {event.action: event for event in events}
    assert by_action["user.created"].target == "viewer@client.example"
    assert by_action["user.created"].details == {"role": "viewer", "clients": [client_.id]}
    assert by_action["instrument.published"].target.startswith(f"instrument {instrument.id}")
    assert "CRM" in by_action["api_token.created"].target
    assert by_action["api_token.revoked"].actor_email == "root@consultancy.example"


def test_admins_filter_the_log_and_others_do_not_see_it(client, auth, make):
    admin = make.user("admin", email="root@consultancy.example")
    consultant = make.user("consultant", email="ana@consultancy.example")
    auth.login(consultant, password="wrong password")
    auth.login(consultant)
    assert client.get("/admin/audit").status_code == 404
    auth.logout()
    auth.login(admin)
    page = client.get("/admin/audit?action=login.failed").get_data(as_text=True)
    assert "ana@consultancy.example" in page and "root@consultancy.example" not in page
    page = client.get("/admin/audit?actor=root@").get_data(as_text=True)
    assert "login.succeeded" in page and "login.failed" not in page.split("<tbody>")[1]
    bad = client.get("/admin/audit?since=yesterday")
    assert bad.status_code == 200
    assert "Enter dates as YYYY-MM-DD" in bad.get_data(as_text=True)
    future = client.get("/admin/audit?since=2999-01-01").get_data(as_text=True)
    assert "No entries." in future


def test_no_route_changes_or_deletes_audit_events(app):
    audit_rules = [rule for rule in app.url_map.iter_rules() if "audit" in rule.rule]
    assert [rule.rule for rule in audit_rules] == ["/admin/audit"]
    assert audit_rules[0].methods <= {"GET", "HEAD", "OPTIONS"}


def test_accounts_and_tokens_made_on_the_command_line_are_recorded(app, runner):
    created = runner.invoke(
        args=["create-user", "ops@consultancy.example", "--role", "admin", "--password", "x" * 12]
    )
    assert created.exit_code == 0, created.output
    assert runner.invoke(args=["create-token", "ops@consultancy.example"]).exit_code == 0
    assert _actions(app) == [
        ("user.created", "command line"),
        ("api_token.created", "ops@consultancy.example"),
    ]


def test_downloads_of_workbooks_and_invitation_lists_are_recorded(
    app, client, auth, make, tmp_path, monkeypatch
):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path))
    _instrument, _wave, link = make.open_survey()
    make.invitation(link)
    with app.app_context():
        project = db.session.get(SurveyLink, link.id).wave.project
        client_id = project.client_id
        job = ExportJob(
            project_id=project.id,
            status="done",
            progress=1.0,
            filename="results.xlsx",
            stored_name="stored.xlsx",
        )
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    (tmp_path / "stored.xlsx").write_bytes(b"workbook")
    auth.login(make.user("viewer", clients=(_Ref(client_id),), email="v@client.example"))
    assert client.get(f"/exports/{job_id}/download").status_code == 200
    assert client.get(f"/links/{link.id}/invitations.csv").status_code == 403  # not for viewers
    auth.logout()
    auth.login(make.user("consultant", clients=(_Ref(client_id),), email="c@consult.example"))
    assert client.get(f"/links/{link.id}/invitations.csv").status_code == 200
    downloads = [entry for entry in _actions(app) if not entry[0].startswith("login.")]
    assert downloads[-2:] == [
        ("export.downloaded", "v@client.example"),
        ("invitations.downloaded", "c@consult.example"),
    ]
    with app.app_context():
        clients = db.session.scalars(
            select(AuditEvent.client_id).where(AuditEvent.action.like("%.downloaded"))
        ).all()
    assert clients == [client_id, client_id]


def test_every_audit_action_has_a_label_in_both_languages():
    from surveyor import labels
    from surveyor.models.audit import AUDIT_ACTIONS

    assert set(labels.AUDIT_ACTIONS) == set(AUDIT_ACTIONS)
