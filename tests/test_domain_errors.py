"""Each face maps the services' domain errors once: the web to a page, the API to its JSON shape."""

from __future__ import annotations

import pytest

from surveyor import errors as web_errors
from surveyor.api import errors as api_errors
from surveyor.services.errors import Conflict, DomainError, Invalid, NotFound, found


def test_found_passes_a_value_through_and_turns_none_into_not_found():
    assert found(0) == 0
    with pytest.raises(NotFound):
        found(None)


@pytest.mark.parametrize(("error", "status"), [(NotFound(), 404), (Conflict("Taken."), 409)])
def test_the_web_answers_with_the_status_and_the_service_message(app, error, status):
    with app.test_request_context("/"):
        page, code = web_errors.handle_domain_error(error)
    assert code == status
    if error.message:
        assert error.message in page


def test_the_api_answers_in_its_one_error_shape(app):
    with app.test_request_context("/api/v1/x"):
        response = api_errors.handle_domain_error(
            Invalid("Check the fields.", {"name": ["Required."]})
        )
    assert response.status_code == 422
    assert response.get_json() == {
        "status": 422,
        "code": "validation_failed",
        "message": "Check the fields.",
        "errors": {"name": ["Required."]},
    }


def test_a_domain_error_without_a_message_gets_the_status_default(app):
    with app.test_request_context("/api/v1/x"):
        body = api_errors.handle_domain_error(DomainError()).get_json()
    assert body["status"] == 400 and body["message"]


def test_the_web_answers_json_to_its_scripts_in_the_same_handler(app):
    """A workshop card (JSON) and the shop sync (JSON or a photo upload) read the reason."""
    invalid = Invalid("Too long.", {"text": ["At most 280 characters."]})
    for url, body in (
        ("/w/key/cards", {"json": {}}),
        ("/shop/sync/assignments/1/photos", {"data": {}}),
    ):
        with app.test_request_context(url, method="POST", **body):
            response, code = web_errors.handle_domain_error(invalid)
        assert code == 422
        assert response.get_json() == {
            "status": "rejected",
            "message": "Too long.",
            "errors": {"text": ["At most 280 characters."]},
        }
