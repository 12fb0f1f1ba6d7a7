"""Consultants and client viewers read Kano results: table, chart, group filter and gap view."""

import re

import pytest

from surveyor.extensions import db
from surveyor.models import Instrument, Wave
from surveyor.scoring import kano
from surveyor.services.instruments import instruments
from surveyor.services.results import kano_results
from surveyor.web.charts import ScatterPoint, better_worse_scatter

# Five customers answer two features. Feature 1: O, M, M, A, I -> M (better 0.40, worse -0.60).
# Feature 2: O, O, M, M, I -> a tie of M and O, broken towards M (better 0.40, worse -0.80).
CUSTOMER_ANSWERS = (
    {"f1": (1, 5, 9), "f2": (1, 5, 8)},
    {"f1": (2, 5, 8), "f2": (1, 5, 7)},
    {"f1": (2, 5, 7), "f2": (2, 5, 9)},
    {"f1": (1, 3, 3), "f2": (2, 5, 9)},
    {"f1": (3, 3, 1), "f2": (3, 3, 2)},
)


def answer(app, link, pairs: dict) -> None:
    """A respondent opens the survey link in their own browser and submits."""
    respondent = app.test_client()
    url = f"/s/{link.token}"
    page = respondent.get(url)
    data = {"form_token": re.search(rb'name="form_token" value="([^"]+)"', page.data)[1].decode()}
    for key, (functional, dysfunctional, importance) in pairs.items():
        data |= {f"f-{key}": functional, f"d-{key}": dysfunctional, f"i-{key}": importance}
    assert respondent.post(url, data=data).status_code == 303


@pytest.fixture
def survey(make, app):
    instrument, wave, link = make.open_survey(features=2, importance=True)
    with app.app_context():
        client = db.session.get(Instrument, instrument.id).touchpoint.project.client
        db.session.expunge(client)
    return {"instrument": instrument, "wave": wave, "link": link, "client": client}


@pytest.fixture
def answered(app, survey):
    for pairs in CUSTOMER_ANSWERS:
        answer(app, survey["link"], pairs)
    return survey


def results_url(survey) -> str:
    return f"/instruments/{survey['instrument'].id}/results"


def row(page: bytes, key: str) -> str:
    found = re.search(rf'<tr id="feature-{key}">(.*?)</tr>', page.decode(), re.S)
    assert found, f"no row for {key}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[1])).strip()


def test_table_shows_the_scoring_of_the_answers(client, auth, make, app, answered):
    auth.login(make.user(clients=(answered["client"],)))
    page = client.get(results_url(answered))
    assert page.status_code == 200
    first = row(page.data, "f1")
    assert first.startswith("1 Feature 1 is there. 5 1 1 2 1 0 0 M")
    assert "0.40 -0.60 20 % 80 %" in first
    second = row(page.data, "f2")
    assert "5 0 2 2 1 0 0 M tie with O 0.40 -0.80 0 % 80 % not significant" in second

    expected = kano.analyze({"A": 1, "O": 1, "M": 2, "I": 1})
    with app.app_context():
        instrument = db.session.get(Instrument, answered["instrument"].id)
        wave = db.session.get(Wave, answered["wave"].id)
        scored = kano_results.feature_results(instrument, wave)
        rows = kano_results.pair_counts(instrument.id, [wave.id], "customer")
    assert scored[0].kano == expected
    assert sorted(r[1:] for r in rows if r[1] == "f1") == [
        ("f1", 1, 3, 3, 1),
        ("f1", 1, 5, 9, 1),
        ("f1", 2, 5, 7, 1),
        ("f1", 2, 5, 8, 1),
        ("f1", 3, 3, 1, 1),
    ]
    assert scored[0].importance_mean == pytest.approx((9 + 8 + 7 + 3 + 1) / 5)
    functional = [kano.FUNCTIONAL_SCORES[f] for f in (1, 2, 2, 1, 3)]
    assert scored[0].continuous.functional_mean == pytest.approx(sum(functional) / 5)
    assert f"{scored[0].continuous.functional_mean:.2f}" in first


def test_page_has_an_accessible_chart_with_every_answered_feature(client, auth, make, answered):
    auth.login(make.user(clients=(answered["client"],)))
    page = client.get(results_url(answered)).data.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<circle") == 2
    assert "Feature 2 is there." in svg


def test_respondent_group_filter(client, auth, make, app, answered):
    employees = make.survey_link(answered["instrument"], answered["wave"], group="employee")
    answer(app, employees, {"f1": (1, 3, 5), "f2": (1, 3, 5)})
    auth.login(make.user(clients=(answered["client"],)))

    everyone = client.get(results_url(answered) + "?group=all").data
    staff = client.get(results_url(answered) + "?group=employee").data
    customers = client.get(results_url(answered) + "?group=customer").data
    assert row(everyone, "f1").split()[5] == "6"  # "1 Feature 1 is there. n A O ..."
    assert row(staff, "f1").split()[5:7] == ["1", "1"]  # n = 1, A = 1
    assert row(customers, "f1").split()[5:7] == ["5", "1"]
    assert client.get(results_url(answered) + "?group=shopper").status_code == 400


def test_a_viewer_of_the_client_sees_results(client, auth, make, answered):
    auth.login(make.user(role="viewer", clients=(answered["client"],)))
    assert client.get(results_url(answered)).status_code == 200
    assert client.get(f"/instruments/{answered['instrument'].id}/gaps").status_code == 200


def test_another_clients_user_gets_404(client, auth, make, answered):
    auth.login(make.user(clients=(make.client(),)))
    assert client.get(results_url(answered)).status_code == 404
    assert client.get(f"/instruments/{answered['instrument'].id}/gaps").status_code == 404


def test_empty_wave_says_no_answers_yet(client, auth, make, survey):
    auth.login(make.user(clients=(survey["client"],)))
    page = client.get(results_url(survey) + f"?wave={survey['wave'].id}")
    assert page.status_code == 200
    assert b"No answers yet" in page.data
    gaps = client.get(f"/instruments/{survey['instrument'].id}/gaps")
    assert gaps.status_code == 200 and b"No answers yet" in gaps.data


def test_wave_must_be_a_wave_of_the_project(client, auth, make, survey):
    auth.login(make.user(clients=(survey["client"],)))
    elsewhere = make.wave(make.project(survey["client"]))
    assert client.get(results_url(survey) + f"?wave={elsewhere.id}").status_code == 404
    assert client.get(results_url(survey) + "?wave=first").status_code == 400
    assert client.get(results_url(survey) + "?wave=%C2%B2").status_code == 400  # superscript 2


def test_answers_to_two_versions_add_up_by_feature(client, auth, make, app, answered):
    with app.app_context():
        instrument = db.session.get(Instrument, answered["instrument"].id)
        draft = instruments.new_draft(instrument)
        draft.items[0].text_en = "Feature 1, reworded."
        instruments.publish(draft)
        db.session.commit()
    answer(app, answered["link"], {"f1": (1, 3, 5), "f2": (1, 3, 5)})
    auth.login(make.user(clients=(answered["client"],)))
    first = row(client.get(results_url(answered)).data, "f1")
    assert first.startswith("1 Feature 1, reworded. 6 2 1 2 1")


def test_gap_view_puts_disagreement_first(client, auth, make, app, answered):
    employees = make.survey_link(answered["instrument"], answered["wave"], group="employee")
    for _ in range(3):  # employees think feature 2 (customers: M/O) is a delighter
        answer(app, employees, {"f1": (2, 5, 5), "f2": (1, 3, 5)})
    auth.login(make.user(clients=(answered["client"],)))
    page = client.get(f"/instruments/{answered['instrument'].id}/gaps").data.decode()
    assert page.index('id="gap-f2"') < page.index('id="gap-f1"')
    assert "category differs" in page
    with app.app_context():
        instrument = db.session.get(Instrument, answered["instrument"].id)
        wave = db.session.get(Wave, answered["wave"].id)
        gaps = kano_results.feature_gaps(instrument, wave)
    assert [g.key for g in gaps] == ["f2", "f1"]
    assert gaps[0].category_differs and gaps[0].employees.kano.category == "A"


def test_links_from_touchpoint_and_instrument_pages(client, auth, make, app, survey):
    auth.login(make.user(clients=(survey["client"],)))
    with app.app_context():
        touchpoint_id = db.session.get(Instrument, survey["instrument"].id).touchpoint_id
    url = results_url(survey)
    assert url.encode() in client.get(f"/touchpoints/{touchpoint_id}").data
    assert url.encode() in client.get(f"/instruments/{survey['instrument'].id}").data


def test_chart_escapes_text_and_keeps_points_inside():
    svg = better_worse_scatter(
        [ScatterPoint("1", 1.4, -0.2, "A", note='<script>alert("x")</script>')],
        title="Hotline & <shop>",
        description="d",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Hotline &amp; &lt;shop&gt;" in svg
    assert re.search(r'<circle cx="[\d.]+" cy="24.0"', svg)  # better > 1 is drawn at the top


def test_results_pages_cost_the_same_queries_for_more_features_and_answers(
    client, auth, make, app, answered, queries
):
    auth.login(make.user("admin"))

    def cost(url: str) -> int:
        with queries:
            assert client.get(url).status_code == 200
        return queries.count

    instrument_id = answered["instrument"].id
    few = cost(f"/instruments/{instrument_id}/results"), cost(f"/instruments/{instrument_id}/gaps")
    bigger, wave, link = make.open_survey(features=9, importance=True)
    employees = make.survey_link(bigger, wave, group="employee")
    pairs = {f"f{n}": (1, 5, 5) for n in range(1, 10)}
    for each in (link, link, employees):
        answer(app, each, pairs)
    many = cost(f"/instruments/{bigger.id}/results"), cost(f"/instruments/{bigger.id}/gaps")
    assert many == few


def test_results_count_customers_unless_employees_or_all_are_chosen(
    client, auth, make, app, answered
):
    """Employees answer to be compared with customers, not to be mixed into their figures."""
    employees = make.survey_link(answered["instrument"], answered["wave"], group="employee")
    answer(app, employees, {"f1": (1, 3, 5), "f2": (1, 3, 5)})
    auth.login(make.user(clients=(answered["client"],)))
    page = client.get(results_url(answered)).data
    assert row(page, "f1").split()[5] == "5"
    options = re.findall(r'<option value="(\w+)" ?(selected)?>', page.decode())
    assert [value for value, _ in options if value in ("customer", "employee", "all")] == [
        "customer",
        "employee",
        "all",
    ]
    assert ("customer", "selected") in options


def test_german_results_write_decimal_commas_in_the_table_and_the_chart(
    client, auth, make, answered
):
    auth.login(make.user(clients=(answered["client"],)))
    page = client.get(results_url(answered), headers={"Accept-Language": "de"}).text
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert ">0,25<" in svg and ">0.25<" not in svg
    table = page[page.index("<table") : page.index("</table>")]
    assert not re.search(r">-?\d+\.\d+", table) and re.search(r">-?\d+,\d+", table)
