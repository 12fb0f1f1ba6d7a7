"""Client staff (viewers) see a stable pseudonym instead of the mystery shopper's identity."""

from __future__ import annotations

from tests.factories import _Ref


def test_viewers_see_a_pseudonym_and_consultants_the_name(client, auth, make):
    project = make.project()
    instrument = make.checklist_instrument(make.touchpoint(project, channel="store"))
    shopper = make.shopper("kim.shopper@example.com", name="Kim Shopper")
    first = make.approved_shop(instrument, shopper=shopper)
    second = make.approved_shop(instrument, shopper=shopper)
    auth.login(make.user("viewer", clients=(_Ref(project.client_id),), locale="de"))
    pages = [client.get(f"/shops/{shop.id}").text for shop in (first, second)]
    for page in pages:
        assert "Kim" not in page and "kim.shopper@example.com" not in page
        assert f"Testkäufer {shopper.id}" in page
    auth.logout()
    auth.login(make.user("consultant", clients=(_Ref(project.client_id),)))
    assert "Kim Shopper" in client.get(f"/shops/{first.id}").text
    assert "Kim Shopper" in client.get(f"/projects/{project.id}/assignments").text
