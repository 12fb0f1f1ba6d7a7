"""A consultant pilots a measure in some branches and reads its difference in differences."""

from datetime import date

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure
from tests.pilot_scenario import pilot_project


def _login(make, auth, shops: bool = True):
    measure, places, consultant = pilot_project(make, shops)
    auth.login(consultant)
    return measure, places


def _choose(client, measure, places, *names):
    data = {"location_ids": [str(places[name].id) for name in names]}
    return client.post(f"/measures/{measure.id}/pilot", data=data)


def test_consultant_pilots_a_measure_and_sees_its_effect(client, auth, make, app):
    measure, places = _login(make, auth)
    assert _choose(client, measure, places, "P1", "P2").status_code == 302
    page = client.get(f"/measures/{measure.id}/pilot").get_data(as_text=True)
    assert "the pilot locations rose by" in page
    assert "more than the others; 95 % CI" in page
    assert "That is an improvement." in page
    with app.app_context():
        stored = db.session.scalar(select(Measure))
        assert [location.name for location in stored.pilot_locations] == ["P1", "P2"]


def test_the_page_speaks_german(client, auth, make):
    measure, places = _login(make, auth)
    _choose(client, measure, places, "P1", "P2")
    page = client.get(f"/measures/{measure.id}/pilot", headers={"Accept-Language": "de"})
    text = page.get_data(as_text=True)
    assert "mehr als die übrigen" in text
    assert "95-%-KI" in text


def test_competitor_cannot_be_a_pilot_and_nothing_is_stored(client, auth, make, app):
    measure, places = _login(make, auth, shops=False)
    response = _choose(client, measure, places, "P1", "Rival")
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(Measure)).pilot_locations == []


def test_every_branch_a_pilot_leaves_no_comparison(client, auth, make):
    measure, places = _login(make, auth)
    _choose(client, measure, places, "P1", "P2", "C1", "C2", "C3")
    page = client.get(f"/measures/{measure.id}/pilot").get_data(as_text=True)
    assert "No comparison locations" in page
    assert "95 % CI" not in page


def test_no_wave_before_go_live_says_so(client, auth, make, app):
    measure, places = _login(make, auth, shops=False)
    with app.app_context():
        db.session.get(Measure, measure.id).go_live = date(2025, 1, 1)
        db.session.commit()
    _choose(client, measure, places, "P1")
    page = client.get(f"/measures/{measure.id}/pilot").get_data(as_text=True)
    assert "No data before go-live" in page


def test_viewers_see_but_cannot_choose_and_other_clients_get_404(client, auth, make):
    measure, places = _login(make, auth, shops=False)
    auth.logout()
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.get(f"/measures/{measure.id}/pilot").status_code == 404
    assert _choose(client, measure, places, "P1").status_code == 404


def test_customer_metrics_count_each_location_once(client, auth, make, app):
    """Two customers per location and wave. Kano better (%): pilots 0 -> 100 and 0 -> 50,
    others 0 -> 0, 0 -> 50, 0 -> 0: effect 75 - 16.67 = 58.3. CSAT: pilots +2 and +1, others
    0, +1, 0: effect 1.5 - 0.33 = 1.2 (by hand)."""
    from datetime import UTC, datetime

    from tests.scorecard_scenario import customer_answers

    owner = make.client()
    project = make.project(owner)
    touchpoint = make.touchpoint(project)
    kano = make.kano_instrument(touchpoint, features=1, optional=("csat",))
    before = make.wave(project, 0, opens_at=datetime(2026, 1, 10, tzinfo=UTC))
    after = make.wave(project, 1, opens_at=datetime(2026, 6, 10, tzinfo=UTC))
    indifferent, performance = (3, 3), (1, 5)
    plan = {  # location: (Kano pairs of the two customers after go-live, CSAT after)
        "P1": ((performance, performance), 5),
        "P2": ((performance, indifferent), 4),
        "C1": ((indifferent, indifferent), 3),
        "C2": ((performance, indifferent), 4),
        "C3": ((indifferent, indifferent), 3),
    }
    places = {}
    for name, (pairs, csat) in plan.items():
        places[name] = location = make.location(project, name=name)
        customer_answers(app, kano, before, location, {"f1": indifferent}, 2, {"csat": 3})
        for pair in pairs:
            customer_answers(app, kano, after, location, {"f1": pair}, 1, {"csat": csat})
    measure = make.measure(touchpoint, go_live=date(2026, 5, 1))
    auth.login(make.user("consultant", clients=(owner,)))
    _choose(client, measure, places, "P1", "P2")
    page = client.get(f"/measures/{measure.id}/pilot").get_data(as_text=True)
    assert "Kano satisfaction (better, %): the pilot locations rose by 58.3 percentage" in page
    assert "CSAT (1-5): the pilot locations rose by 1.2 points" in page


def test_pilots_already_moving_apart_before_go_live_are_flagged(client, auth, make, app):
    """Three waves, two before go-live: the pilots' CSAT already rose between them."""
    from datetime import UTC, datetime

    from tests.scorecard_scenario import customer_answers

    owner = make.client()
    project = make.project(owner)
    touchpoint = make.touchpoint(project)
    kano = make.kano_instrument(touchpoint, features=1, optional=("csat",))
    waves = [
        make.wave(project, n, opens_at=datetime(2026, month, 10, tzinfo=UTC))
        for n, month in enumerate((1, 3, 6))
    ]
    csat = {
        "P1": (2, 4, 5),
        "P2": (2, 4, 5),
        "P3": (2, 5, 5),
        "C1": (3, 3, 3),
        "C2": (3, 3, 4),
        "C3": (3, 4, 3),
        "C4": (3, 3, 3),
    }
    places = {}
    for name, values in csat.items():
        places[name] = location = make.location(project, name=name)
        for wave, value in zip(waves, values, strict=True):
            customer_answers(app, kano, wave, location, {"f1": (3, 3)}, 1, {"csat": value})
    measure = make.measure(touchpoint, go_live=date(2026, 5, 1))
    auth.login(make.user("consultant", clients=(owner,)))
    _choose(client, measure, places, "P1", "P2", "P3")
    page = client.get(f"/measures/{measure.id}/pilot").get_data(as_text=True)
    # Before go-live: pilots +2.33 (changes 2, 2, 3), others +0.25 (0, 0, 1, 0): SE 0.417,
    # Welch df 4.03, t 2.77: 95 % CI 0.93 to 3.24, which excludes zero.
    assert "Pre-trend check, CSAT (1-5)" in page
    assert "already moved +2.1 relative to the others (95 % CI 0.9 to 3.2)" in page
    assert "parallel trends is doubtful" in page


def test_pilots_that_fell_less_than_the_others_are_not_said_to_have_risen(client, auth, make):
    """Both groups fell, the pilots less: the effect is positive, but the pilots did not rise."""
    from datetime import UTC, datetime

    customer = make.client()
    project = make.project(customer)
    touchpoint = make.touchpoint(project, channel="store")
    checklist = make.checklist_instrument(touchpoint)
    before = make.wave(project, 0, opens_at=datetime(2026, 1, 10, tzinfo=UTC))
    after = make.wave(project, 1, opens_at=datetime(2026, 6, 10, tzinfo=UTC))
    later = {"P1": (1, 4), "P2": (1, 3), "C1": (0, 2), "C2": (0, 3), "C3": (0, 1)}
    places = {}
    for name, (greet, friendly) in later.items():
        places[name] = make.location(project, name=name)
        make.approved_shop(
            checklist, {"greet": 1, "friendly": 5}, location=places[name], wave=before
        )
        answers = {"greet": greet, "friendly": friendly}
        make.approved_shop(checklist, answers, location=places[name], wave=after)
    measure = make.measure(touchpoint, go_live=date(2026, 5, 1))
    auth.login(make.user("consultant", clients=(customer,)))
    assert _choose(client, measure, places, "P1", "P2").status_code == 302
    page = client.get(f"/measures/{measure.id}/pilot").get_data(as_text=True)
    assert "the pilot locations rose by" not in page
    assert "the pilot locations fell by" in page and "less than the others" in page
    german = client.get(f"/measures/{measure.id}/pilot", headers={"Accept-Language": "de"})
    assert "Die Pilotstandorte fielen um" in german.get_data(as_text=True)
    assert "weniger als die übrigen" in german.get_data(as_text=True)
