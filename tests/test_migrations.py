"""The Alembic scripts must build exactly the schema the models describe.

Otherwise a fresh install (which runs migrations) and the code (which trusts the models) drift
apart; the diff below names the table or column that was forgotten.
"""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from surveyor.extensions import db


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "render_as_batch": True}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == [], diff


def test_addresses_are_lowered_where_safe_and_existing_links_count_as_invited(app, make):
    """Revision f7a0c0de0001 on data: invitation addresses lose their capitals; a user's only
    when no other account has the address in other capitals (never merged); links made before
    count as already sent to their wave's invitees."""
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import select, text

    from surveyor.models import Invitation, SurveyLink, User

    _, _, link = make.open_survey()
    invitation = make.invitation(link, "kim@example.org")
    alone, twin, lower_twin = make.user(), make.user(), make.user()
    directory = app.extensions["migrate"].directory
    with app.app_context():
        downgrade(directory=directory, revision="f6a0c0de0001")
        try:
            for table, row_id, email in (
                ("invitation", invitation.id, "Kim@Example.org"),
                ("user", alone.id, "Alone@Example.org"),
                ("user", twin.id, "Twin@Example.org"),
                ("user", lower_twin.id, "twin@example.org"),
            ):
                db.session.execute(
                    text(f'UPDATE "{table}" SET email = :email WHERE id = :id'),
                    {"email": email, "id": row_id},
                )
            db.session.commit()
        finally:
            upgrade(directory=directory)
        db.session.remove()
        users = dict(db.session.execute(select(User.id, User.email)).all())
        assert db.session.get(Invitation, invitation.id).email == "kim@example.org"
        assert users[alone.id] == "alone@example.org"
        assert (users[twin.id], users[lower_twin.id]) == ("Twin@Example.org", "twin@example.org")
        assert db.session.get(SurveyLink, link.id).plan_invited_at is not None


def test_survey_cases_opened_before_the_fix_take_their_answers_branch(app, make):
    """Revision fac0c0de0001 on data: a survey case opened without the location of the answer
    behind it (before survey answers passed it on) gets that location; a case of an answer
    without a branch keeps none."""
    from types import SimpleNamespace

    from flask_migrate import downgrade, upgrade
    from sqlalchemy import select, text

    from surveyor.models import FollowUpCase, Response
    from tests.cases.helpers import answer, detractor_survey
    from tests.factories import _Ref

    setup = detractor_survey(make)
    branch = make.location(_Ref(setup.project_id), name="Nordstadt", code="NORD")
    for token in (f"{setup.link.token}?loc=NORD", setup.link.token):
        answer(app.test_client(), SimpleNamespace(token=token), nps=1)

    def locations() -> list[tuple[int | None, int | None]]:
        """(case, answer) locations, the branch's first."""
        rows = db.session.execute(
            select(FollowUpCase.location_id, Response.location_id)
            .join(Response, Response.id == FollowUpCase.response_id)
            .order_by(Response.location_id.is_(None))
        )
        return [tuple(row) for row in rows]

    with app.app_context():
        assert locations() == [(branch.id, branch.id), (None, None)]
    directory = app.extensions["migrate"].directory
    with app.app_context():
        downgrade(directory=directory, revision="f9b1c0de0001")
        try:
            db.session.execute(text("UPDATE follow_up_case SET location_id = NULL"))
            db.session.commit()
        finally:
            upgrade(directory=directory)
        db.session.remove()
        assert locations() == [(branch.id, branch.id), (None, None)]
