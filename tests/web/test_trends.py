"""The trend page of a touchpoint: per-wave figures, drift alerts, the chart and measure effects."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from surveyor.extensions import db
from surveyor.models import Instrument, Touchpoint, Wave
from surveyor.services.instruments import instruments
from surveyor.services.results import trends
from surveyor.services.synthetic import SampleSpec, insert_kano_responses

STABLE = {"M": 60, "O": 25, "I": 15}
DELIGHTER = {"A": 60, "O": 20, "I": 20}
PERFORMANCE = {"O": 60, "A": 20, "I": 20}


def _setup(make, app):
    client = make.client()
    project = make.project(client)
    touchpoint = make.touchpoint(project, name="Service hotline")
    instrument = make.kano_instrument(touchpoint, features=2, optional=("csat", "nps", "contacts"))
    waves = [
        make.wave(project, 0, status="closed", opens_at=datetime(2026, 1, 5, tzinfo=UTC)),
        make.wave(project, 1, status="closed", opens_at=datetime(2026, 4, 5, tzinfo=UTC)),
    ]
    for index, (wave, mix) in enumerate(zip(waves, (DELIGHTER, PERFORMANCE), strict=True)):
        _answer(app, instrument, wave, {"f1": mix, "f2": STABLE}, improved=bool(index))
    make.measure(touchpoint, title="Call-back <b>booking</b>", go_live=date(2026, 2, 1))
    return client, touchpoint, waves


def _answer(app, instrument, wave, mixes, improved, count=150):
    with app.app_context():
        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        spec = SampleSpec(
            wave=db.session.get(Wave, wave.id),
            group="customer",
            count=count,
            mixes=mixes,
            improved=improved,
        )
        insert_kano_responses(version.id, list(version.items), spec, random.Random(wave.id))
        db.session.commit()


def test_trend_service_flags_the_drifted_feature_only(app, make):
    _client, touchpoint, waves = _setup(make, app)
    with app.app_context():
        trend = trends.touchpoint_trend(db.session.get(Touchpoint, touchpoint.id))
        assert [feature.key for feature in trend.features] == ["f1", "f2"]
        assert [alert.feature.key for alert in trend.alerts] == ["f1"]
        alert = trend.alerts[0]
        assert (alert.drift.before, alert.drift.after) == ("A", "O")
        assert alert.drift.along_lifecycle
        csat = next(series for series in trend.scales if series.name.startswith("CSAT"))
        assert [point.n for point in csat.points] == [150, 150]
        assert csat.points[1].previous is not None
        assert trend.index.points[0].value is not None
        assert trend.project_index.value_of(waves[1].id) == trend.index.value_of(waves[1].id)
        effect = trends.measure_effects(trend.touchpoint, trend)[0]
        assert (effect.before.id, effect.after.id) == (waves[0].id, waves[1].id)
        assert any(name.startswith("CSAT") and test for name, _, _, test in effect.changes)


def test_trend_page_shows_waves_drift_chart_and_measures(client, auth, make, app):
    owner, touchpoint, _waves = _setup(make, app)
    auth.login(make.user("viewer", clients=(owner,)))
    page = client.get(f"/touchpoints/{touchpoint.id}/trends")
    assert page.status_code == 200
    html = page.data.decode()
    assert "Drift alerts" in html
    assert "Delighter → Performance" in html
    assert "n = 150" in html
    assert "95 % CI" in html
    assert "<svg" in html and 'role="img"' in html
    assert "Call-back &lt;b&gt;booking&lt;/b&gt;" in html
    assert "<b>booking" not in html
    assert "Wave 0" in html and "Wave 1" in html
    assert "CSAT (1-5)" in html and "NPS" in html and "Resolved at first contact" in html


def test_trend_page_without_waves_and_of_another_client(client, auth, make):
    owner = make.client()
    touchpoint = make.touchpoint(make.project(owner))
    auth.login(make.user("consultant", clients=(owner,)))
    page = client.get(f"/touchpoints/{touchpoint.id}/trends")
    assert page.status_code == 200
    assert b"No waves yet" in page.data
    assert client.get(f"/touchpoints/{make.touchpoint().id}/trends").status_code == 404


def test_measure_list_shows_before_and_after(client, auth, make, app):
    owner, touchpoint, _waves = _setup(make, app)
    auth.login(make.user("consultant", clients=(owner,)))
    html = client.get(f"/touchpoints/{touchpoint.id}/measures").data.decode()
    assert "Wave 0" in html and "Wave 1" in html
    assert "CSAT (1-5)" in html
