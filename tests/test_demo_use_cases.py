"""The demo is built through the use cases: its answers are checked as submitted ones are.

``take_kano`` is what the survey form's ``submit_kano`` stores, without the commit and at a
given moment, so the demo's answers can arrive during their waves' field periods.
"""

from datetime import timedelta
from uuid import uuid4

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Assignment, KanoAnswer, Response, SurveyLink, User, Wave
from surveyor.models.base import as_utc
from surveyor.services.surveys import submissions, surveys
from surveyor.services.surveys.kano_answers import InvalidAnswers


def _demo(runner, responses: int) -> None:
    result = runner.invoke(args=["demo", "--responses", str(responses), "--no-serve"])
    assert result.exit_code == 0, result.output


def _open_wave_target() -> tuple[surveys.SurveyTarget, Wave]:
    wave = db.session.scalar(select(Wave).where(Wave.status == "open"))
    link = db.session.scalar(
        select(SurveyLink).where(
            SurveyLink.wave_id == wave.id, SurveyLink.respondent_group == "customer"
        )
    )
    return surveys.resolve(link.token, "127.0.0.1"), wave


def _answers(target: surveys.SurveyTarget) -> dict:
    version = submissions.answerable_version(target, target.version_id)
    return {
        item.key: {"functional": 1, "dysfunctional": 5, "importance": 5}
        for item in version.items
        if item.item_type == "kano_feature"
    }


def test_take_kano_stores_at_the_moment_given_and_leaves_the_commit_to_the_caller(runner, app):
    _demo(runner, 0)
    with app.app_context():
        target, wave = _open_wave_target()
        moment = as_utc(wave.opens_at) + timedelta(hours=5)
        response_id = submissions.take_kano(
            target, target.version_id, uuid4().hex, _answers(target), moment
        )
        stored = db.session.get(Response, response_id)
        assert as_utc(stored.submitted_at) == moment
        features = db.session.scalar(
            select(func.count()).select_from(KanoAnswer).where(KanoAnswer.response_id == stored.id)
        )
        assert features == 8
        db.session.rollback()
        assert db.session.get(Response, response_id) is None


def test_take_kano_refuses_what_the_survey_form_refuses(runner, app):
    _demo(runner, 0)
    with app.app_context():
        target, wave = _open_wave_target()
        after = as_utc(wave.closes_at) + timedelta(minutes=1)
        with pytest.raises(submissions.SurveyClosed):
            submissions.take_kano(target, target.version_id, uuid4().hex, _answers(target), after)
        during = as_utc(wave.opens_at) + timedelta(hours=1)
        incomplete = dict(list(_answers(target).items())[1:])
        with pytest.raises(InvalidAnswers):
            submissions.take_kano(target, target.version_id, uuid4().hex, incomplete, during)
        sent = (target, target.version_id, uuid4().hex, _answers(target), during)
        submissions.take_kano(*sent)
        with pytest.raises(submissions.SubmissionConflict):
            submissions.take_kano(*sent)


def test_the_demo_answers_arrive_in_their_field_periods_and_shops_are_reviewed(runner, app):
    _demo(runner, 60)
    with app.app_context():
        rows = db.session.execute(
            select(Response.submitted_at, Wave.opens_at, Wave.closes_at, Wave.status)
            .join(Wave, Wave.id == Response.wave_id)
            .where(Response.respondent_group.in_(("customer", "employee")))
        ).all()
        assert len(rows) == 60
        for submitted, opens, closes, status in rows:
            assert as_utc(opens) <= as_utc(submitted) < as_utc(closes)
            assert status == "closed"
        consultant = db.session.scalar(select(User).where(User.role == "consultant"))
        approved = db.session.scalars(
            select(Assignment).where(Assignment.status == "approved")
        ).all()
        assert approved and all(a.reviewed_by_id == consultant.id for a in approved)
