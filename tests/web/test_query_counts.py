"""List pages cost a fixed number of queries, however many rows they show (no N+1)."""

from tests.factories import _Ref


def _cost(client, queries, url: str) -> int:
    with queries:
        assert client.get(url).status_code == 200
    return queries.count


def test_project_page_does_not_grow_with_touchpoints(client, auth, make, queries):
    project = make.project()
    auth.login(make.user("admin"))
    make.touchpoint(project)
    make.location(project)
    few = _cost(client, queries, f"/projects/{project.id}")
    for _ in range(8):
        make.touchpoint(project)
        make.location(project)
    make.wave(project, sequence=1)
    assert _cost(client, queries, f"/projects/{project.id}") == few


def test_users_page_does_not_grow_with_users(client, auth, make, queries):
    shared = make.client()
    auth.login(make.user("admin"))
    make.user(clients=(shared,))
    few = _cost(client, queries, "/admin/users/")
    for _ in range(6):
        make.user(clients=(shared, make.client()))
    assert _cost(client, queries, "/admin/users/") == few


def test_instrument_page_does_not_grow_with_items_or_links(client, auth, make, queries, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, features=2)
    auth.login(make.user("admin"))
    few = _cost(client, queries, f"/instruments/{instrument.id}")
    bigger = make.kano_instrument(touchpoint, features=12, optional=("nps", "comment"))
    for sequence in range(3):
        wave = make.wave(_Ref(touchpoint.project_id), sequence=sequence)
        make.survey_link(bigger, wave)
    assert _cost(client, queries, f"/instruments/{bigger.id}") == few
