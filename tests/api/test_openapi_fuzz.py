"""Schemathesis fuzzes every operation of the OpenAPI document against the app.

With a valid token and real data to find, no request may cause a server error, and every answer
must match the document (status codes, content type, response schemas). Examples are few per
operation so that CI stays fast; the contract tests cover behaviour in depth.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from surveyor import create_app
from surveyor.api.openapi import build_spec
from surveyor.extensions import db
from surveyor.models import Touchpoint


@pytest.fixture
def bearer(make, app, token_for):
    """A consultant's token, with a client, project, open wave and Kano questionnaire to find."""
    instrument, _, _ = make.open_survey(features=2)
    with app.app_context():
        client = db.session.get(Touchpoint, instrument.touchpoint_id).project.client
        db.session.expunge(client)
    make.location(make.project(client))
    return {"Authorization": f"Bearer {token_for(make.user('consultant', clients=(client,)))}"}


def _document() -> dict:
    """The document depends only on the code, so an app without a database can produce it.

    (schemathesis' fixture-based loader does not run under pytest 9, so the test points the
    loaded schema at the test app itself.)
    """
    return build_spec(create_app({"TESTING": True, "SECRET_KEY": "fuzz", **NO_DATABASE}))


NO_DATABASE = {"SQLALCHEMY_DATABASE_URI": "sqlite://"}
schema = schemathesis.openapi.from_dict(_document())
# Every check but "schema-valid data is accepted": a valid shape can still break a business rule
# (a wave that closes before it opens, an unknown phase id) and rightly answer 422.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]


@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,  # the same examples on every run, so CI never flakes
    database=None,  # and no .hypothesis folder in the working tree
    suppress_health_check=list(HealthCheck),
)
def test_the_api_matches_its_document(case, bearer, app):
    case.operation.schema.app = app  # the session's test app, on the test database
    case.call_and_validate(headers=bearer, app=app, checks=CHECKS)
