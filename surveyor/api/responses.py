"""Responses: submit one (idempotent by submission id, as in the survey UI) and list them."""

from __future__ import annotations

from datetime import datetime

from surveyor.api import bp
from surveyor.api.errors import ApiError
from surveyor.api.invitations import wave_of_project
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.surveys import (
    ReceiptSchema,
    ResponsePageSchema,
    ResponseQuerySchema,
    ResponseSubmitSchema,
)
from surveyor.models import Instrument
from surveyor.services import tenancy
from surveyor.services.errors import Invalid, NotFound
from surveyor.services.instruments import instruments
from surveyor.services.locations.link_fields import Origin, read_origin
from surveyor.services.surveys import response_pages, submissions, surveys
from surveyor.services.surveys.kano_answers import InvalidAnswers


@bp.post("/responses")
@operation(
    "Submit a Kano questionnaire response",
    tag="responses",
    description="Stored exactly once per submission_id: resending the same id and content "
    "answers 200 with duplicate=true; the same id with other content answers 409. A closed "
    "wave or an unpublished questionnaire answers 410. location_code, channel and reference are "
    "the hidden fields of a survey link; an unknown or foreign location code answers 422 and "
    "nothing is stored.",
    body=ResponseSubmitSchema(),
    response=ReceiptSchema(),
    status=201,
    extra_statuses={
        200: "A retry of a stored submission.",
        409: "Id reused",
        410: "Closed",
        503: "Not stored; send the same submission again",
    },
)
def submit_response(data: dict):
    user = api_user()
    instrument = _instrument(data["instrument_id"])
    tenancy.require_editor(user)
    wave = wave_of_project(instrument, data["wave_id"])
    version_id, published_at = data["version_id"], None
    if version_id is None:
        version_id, published_at = _published_version(instrument)
    link = surveys.ensure_link(instrument, wave, data["respondent_group"])
    origin = _origin(wave.project_id, data)
    target = surveys.SurveyTarget(link, None, version_id, published_at, origin)
    raw = {key: {k: v for k, v in answer.items()} for key, answer in data["answers"].items()}
    try:
        receipt = submissions.submit_kano(target, version_id, data["submission_id"], raw)
    except InvalidAnswers as invalid:
        errors = {f"answers.{key}": [problem.message] for key, problem in invalid.errors.items()}
        raise ApiError(422, "Some answers are invalid; see errors.", errors) from None
    except submissions.SubmissionRejected as rejected:
        raise ApiError(rejected.status, str(rejected)) from None
    answer = {"id": receipt.response_id, "submission_id": data["submission_id"]}
    return {**answer, "duplicate": receipt.duplicate}, 200 if receipt.duplicate else 201


@bp.get("/responses")
@operation(
    "List responses, oldest first, with keyset paging",
    tag="responses",
    description="Pass next_cursor as 'after' to read the next page. Pages are stable while new "
    "responses arrive: they only ever appear after the cursor.",
    query=ResponseQuerySchema(),
    response=ResponsePageSchema(),
)
def list_responses(args: dict):
    if "instrument_id" in args:
        tenancy.get_instrument(api_user(), args["instrument_id"])
    after, limit = args.pop("after", 0), args.pop("limit")
    wanted = response_pages.ResponseFilter(**args)
    return response_pages.response_page(api_user(), wanted, after, limit)


_API_FIELD = {"loc": "location_code", "ch": "channel", "ref": "reference"}


def _origin(project_id: int, data: dict) -> Origin:
    """The hidden fields of a survey link, sent as body fields; refused like a bad link."""
    values = {"loc": data["location_code"], "ch": data["channel"], "ref": data["reference"]}
    try:
        return read_origin(project_id, values)
    except Invalid as invalid:
        errors = {_API_FIELD[key]: problems for key, problems in invalid.errors.items()}
        raise validation_failed(errors) from None


def _instrument(instrument_id: int) -> Instrument:
    try:
        instrument = tenancy.get_instrument(api_user(), instrument_id)
    except NotFound:
        raise validation_failed({"instrument_id": ["No such instrument."]}) from None
    if instrument.kind != "kano":
        raise validation_failed({"instrument_id": ["Only Kano questionnaires take responses."]})
    return instrument


def _published_version(instrument: Instrument) -> tuple[int, datetime | None]:
    """The newest published version's id and publication time (which key the wording cache)."""
    version = instruments.published_version(instrument)
    if version is None:
        raise ApiError(410, "This questionnaire is not published.")
    return version.id, version.published_at
