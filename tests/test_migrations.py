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
