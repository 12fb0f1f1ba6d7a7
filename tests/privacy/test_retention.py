"""The scheduler removes personal data a project's retention period after a wave closes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from surveyor import scheduler
from surveyor.extensions import db
from surveyor.models import (
    Answer,
    Invitation,
    Item,
    KanoAnswer,
    OutboxMessage,
    Photo,
    Project,
    ShopVisit,
    Wave,
)
from surveyor.models.base import utcnow
from surveyor.services.privacy import retention
from surveyor.services.waves import scheduling
from tests.privacy.helpers import answer_survey, build_scene

CLOSED = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def scene(app, make, tmp_path, monkeypatch, client):
    """Kim answered and shopped in March 2026; the wave closed on 1 March, kept for 30 days."""
    monkeypatch.setitem(app.config, "PHOTO_STORAGE_PATH", str(tmp_path))
    with freeze_time("2026-02-20 10:00"):
        built = build_scene(app, make, tmp_path)
        assert answer_survey(client, built.invitation.token).status_code == 303
    with app.app_context():
        db.session.get(Project, built.project_id).retention_days = 30
        wave = db.session.get(Wave, built.wave.id)
        wave.closes_at = CLOSED
        db.session.commit()
    return built


def _run_scheduler_jobs(app, moment: str) -> None:
    """Every scheduler job once, as one tick of ``surveyor scheduler`` at ``moment``."""
    with freeze_time(moment):
        for name, job in scheduler.JOBS:
            scheduler.run_job(app, name, job)


def _state(app) -> dict:
    with app.app_context():
        count = lambda model, *where: db.session.scalar(  # noqa: E731
            select(func.count()).select_from(model).where(*where)
        )
        notes = select(Answer.text).join(Item).where(Item.key == "notes")
        return {
            "emails": count(Invitation, Invitation.email != ""),
            "used": count(Invitation, Invitation.used_at.is_not(None)),
            "messages": count(OutboxMessage),
            "photos": count(Photo),
            "gps": count(ShopVisit, ShopVisit.latitude.is_not(None)),
            "notes": db.session.scalar(notes),
            "kano": count(KanoAnswer),
            "points": db.session.scalar(select(func.sum(Answer.earned))),
            "visits": count(ShopVisit),
        }


def test_nothing_goes_before_the_period_ends(app, scene):
    _run_scheduler_jobs(app, "2026-03-31 11:59")
    state = _state(app)
    assert state["emails"] == 1 and state["messages"] == 1 and state["photos"] == 1
    assert state["gps"] == 1 and state["notes"] == "All fine."


def test_after_the_period_personal_data_goes_and_results_stay_countable(app, scene):
    before = _state(app)
    _run_scheduler_jobs(app, "2026-03-31 12:01")
    after = _state(app)
    assert after["emails"] == 0
    assert after["messages"] == 0
    assert after["photos"] == 0 and not scene.photo_file.exists()
    assert after["gps"] == 0
    assert after["notes"] is None
    for kept in ("kano", "points", "visits", "used"):
        assert after[kept] == before[kept], kept
    with app.app_context():
        wave = db.session.get(Wave, scene.wave.id)
        assert wave.status == "closed"
        assert wave.personal_data_removed_at is not None


def test_a_project_without_retention_keeps_its_data(app, scene):
    with app.app_context():
        db.session.get(Project, scene.project_id).retention_days = None
        db.session.commit()
    _run_scheduler_jobs(app, "2030-01-01 00:00")
    assert _state(app)["emails"] == 1


def test_a_cleaned_wave_is_not_cleaned_again_until_it_closes_again(app, scene):
    with freeze_time("2026-04-01"), app.app_context():
        scheduling.close_due_waves(utcnow())
        assert retention.remove_expired_personal_data(utcnow()) == 1
        assert retention.remove_expired_personal_data(utcnow()) == 0
    with app.app_context():
        wave = db.session.get(Wave, scene.wave.id)
        wave.status, wave.closes_at = "closed", datetime(2026, 4, 10, tzinfo=UTC)
        db.session.commit()
    with freeze_time("2026-05-11"), app.app_context():
        assert retention.remove_expired_personal_data(utcnow()) == 1


def test_the_retention_job_is_one_of_the_scheduler_jobs():
    assert ("remove_expired_personal_data", retention.remove_expired_personal_data) in (
        scheduler.JOBS
    )
