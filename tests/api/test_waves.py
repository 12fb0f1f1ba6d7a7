"""Waves through the API: create the baseline and follow-ups, open and close them."""


def _consultant_project(make):
    client = make.client()
    project = make.project(client)
    return project, make.user("consultant", clients=(client,))


def test_a_consultant_creates_and_opens_a_wave(make, api_as):
    project, consultant = _consultant_project(make)
    api = api_as(consultant)
    response = api.post(
        f"/projects/{project.id}/waves",
        json={"sequence": 0, "label": "Nullmessung", "opens_at": "2026-12-01T08:00:00+01:00"},
    )
    assert response.status_code == 201
    wave = response.json
    assert wave["is_baseline"] is True and wave["status"] == "planned"
    assert wave["opens_at"] == "2026-12-01T07:00:00+00:00"
    response = api.patch(f"/waves/{wave['id']}", json={"status": "open"})
    assert response.status_code == 200 and response.json["status"] == "open"
    listed = api.get(f"/projects/{project.id}/waves").json["items"]
    assert [(w["sequence"], w["status"]) for w in listed] == [(0, "open")]


def test_wave_conflicts_and_bad_periods_are_explained(make, api_as):
    project, consultant = _consultant_project(make)
    api = api_as(consultant)
    wave = make.wave(project, sequence=0)
    response = api.post(f"/projects/{project.id}/waves", json={"sequence": 0, "label": "Again"})
    assert response.status_code == 409 and response.json["code"] == "conflict"
    response = api.post(
        f"/projects/{project.id}/waves",
        json={
            "sequence": 1,
            "label": "Backwards",
            "opens_at": "2026-12-02T00:00:00Z",
            "closes_at": "2026-12-01T00:00:00Z",
        },
    )
    assert response.status_code == 422 and "closes_at" in response.json["errors"]
    response = api.patch(
        f"/waves/{wave.id}", json={"opens_at": "2027-01-02T00:00:00Z", "closes_at": "2027-01-01"}
    )
    assert response.status_code == 422 and set(response.json["errors"]) == {"closes_at"}
    response = api.patch(f"/waves/{wave.id}", json={"status": "finished", "sequence": 4})
    assert set(response.json["errors"]) == {"status", "sequence"}
    response = api.post(f"/projects/{project.id}/waves", json={"sequence": 10**12, "label": "x"})
    assert response.status_code == 422 and "sequence" in response.json["errors"]


def test_foreign_waves_are_404_and_viewers_cannot_change_them(make, api_as):
    project, consultant = _consultant_project(make)
    other = make.project()
    foreign_wave = make.wave(other, sequence=0)
    api = api_as(consultant)
    assert api.get(f"/waves/{foreign_wave.id}").status_code == 404
    assert api.patch(f"/waves/{foreign_wave.id}", json={"status": "open"}).status_code == 404
    assert api.get(f"/projects/{other.id}/waves").status_code == 404
    own_wave = make.wave(project, sequence=0)
    viewer = api_as(make.user("viewer", clients=(_Ref(project.client_id),)))
    assert viewer.patch(f"/waves/{own_wave.id}", json={"status": "open"}).status_code == 403


class _Ref:
    def __init__(self, object_id: int) -> None:
        self.id = object_id
