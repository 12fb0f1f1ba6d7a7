"""A pilot measure with shops before and after its go-live, for web and API tests."""

from datetime import UTC, date, datetime


def pilot_project(make, shops: bool = True):
    """Two waves around a 1 May go-live; pilots greet every customer only after it."""
    client = make.client()
    project = make.project(client)
    touchpoint = make.touchpoint(project, channel="store")
    checklist = make.checklist_instrument(touchpoint)
    before = make.wave(project, 0, opens_at=datetime(2026, 1, 10, tzinfo=UTC))
    after = make.wave(project, 1, opens_at=datetime(2026, 6, 10, tzinfo=UTC))
    places = {name: make.location(project, name=name) for name in ("P1", "P2", "C1", "C2", "C3")}
    places["Rival"] = make.location(project, name="Rival", is_competitor=True)
    if shops:
        friendly = {"P1": 4, "P2": 3, "C1": 4, "C2": 3, "C3": 5}
        for name, score in friendly.items():
            pilot = name.startswith("P")
            for wave, greet in ((before, 0 if pilot else 1), (after, 1)):
                answers = {"greet": greet, "friendly": score + (wave is after and name == "C1")}
                make.approved_shop(checklist, answers, location=places[name], wave=wave)
    measure = make.measure(touchpoint, go_live=date(2026, 5, 1))
    return measure, places, make.user("consultant", clients=(client,))
