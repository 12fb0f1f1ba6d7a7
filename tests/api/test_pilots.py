"""The API reads a pilot's effect and chooses its pilot locations."""

from tests.pilot_scenario import pilot_project


def test_api_chooses_pilots_and_reads_the_effect_in_both_languages(make, api_as):
    measure, places, consultant = pilot_project(make)
    api = api_as(consultant)
    ids = [places["P1"].id, places["P2"].id]
    answer = api.put(f"/measures/{measure.id}/pilot", json={"location_ids": ids})
    assert answer.status_code == 200, answer.json
    body = api.get(f"/measures/{measure.id}/pilot").json
    assert body["pilot_location_ids"] == ids
    assert (body["measure_id"], body["go_live"]) == (measure.id, "2026-05-01")  # ISO, as documented
    assert body["problem"] == ""
    checklist = next(e for e in body["effects"] if e["metric"] == "checklist")
    assert checklist["result"]["low"] > 0
    assert checklist["pilot_locations"] == 2 and checklist["other_locations"] == 3
    assert "more than the others" in checklist["sentence_en"]
    assert "mehr als die übrigen" in checklist["sentence_de"]


def test_api_refuses_a_competitor_pilot_and_says_why(make, api_as):
    measure, places, consultant = pilot_project(make, shops=False)
    api = api_as(consultant)
    answer = api.put(f"/measures/{measure.id}/pilot", json={"location_ids": [places["Rival"].id]})
    assert answer.status_code == 422
    assert "Competitor" in str(answer.json)
    assert api.get(f"/measures/{measure.id}/pilot").json["pilot_location_ids"] == []


def test_api_without_pilots_gives_a_reason_and_no_numbers(make, api_as):
    measure, _places, consultant = pilot_project(make, shops=False)
    body = api_as(consultant).get(f"/measures/{measure.id}/pilot").json
    assert body["problem"].startswith("Choose pilot locations")
    assert body["effects"] == []
