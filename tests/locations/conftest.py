"""A client with two regions, branches with codes, a competitor, and an open Kano survey."""

from __future__ import annotations

import pytest

from surveyor.extensions import db
from surveyor.models import Touchpoint
from tests.api.conftest import api_as, token_for

__all__ = ["api_as", "branches", "token_for"]


@pytest.fixture
def branches(make, app):
    """``{"survey": (instrument, wave, link), "project_id", "client", "consultant", "north",
    "south", "nord", "hafen", "sued", "rival", "stranger_code"}``; codes NORD, HAFEN, SUED."""
    instrument, wave, link = make.open_survey(features=2, optional=("csat", "nps"))
    with app.app_context():
        project = db.session.get(Touchpoint, instrument.touchpoint_id).project
        project_id, client = project.id, project.client
        db.session.expunge(client)
    north = make.location(_Project(project_id), name="North", kind="region")
    south = make.location(_Project(project_id), name="South", kind="region")
    found = {
        "survey": (instrument, wave, link),
        "project_id": project_id,
        "client": client,
        "consultant": make.user("consultant", clients=(client,)),
        "north": north,
        "south": south,
        "nord": make.location(
            _Project(project_id), name="Nordstadt", code="NORD", parent_id=north.id
        ),
        "hafen": make.location(
            _Project(project_id), name="Hafen", code="HAFEN", parent_id=north.id
        ),
        "sued": make.location(
            _Project(project_id), name="Südstadt", code="SUED", parent_id=south.id
        ),
        "rival": make.location(
            _Project(project_id), name="Rival shop", code="RIVAL", is_competitor=True
        ),
    }
    make.location(name="Elsewhere", code="ELSE")  # another client's branch
    return found


class _Project:
    def __init__(self, project_id: int) -> None:
        self.id = project_id
