"""The OpenAPI 3 document, generated from the operations' marshmallow schemas (apispec).

Built from the URL map and each view's :class:`~surveyor.api.operation.Operation`, so every
route under /api/v1 is documented exactly as it parses and answers.
"""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, current_app, jsonify
from marshmallow import Schema, fields

from surveyor.api import bp
from surveyor.api.operation import Operation
from surveyor.api.schemas.webhooks import EVENT_DATA
from surveyor.extensions import OPENAPI_BUILDER
from surveyor.models.base import MAX_ID

TITLE = "Surveyor API"
VERSION = "1.0.0"
_PARAMETER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
_STATUS_TEXT = {200: "OK", 201: "Created", 204: "No content"}


class ErrorSchema(Schema):
    status = fields.Integer(required=True)
    code = fields.String(required=True, metadata={"example": "validation_failed"})
    message = fields.String(required=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "Field name (dotted for nested fields) -> problems."},
    )


@bp.record_once
def _publish(state) -> None:
    """Lets the workspace's API reference render the document without importing the API."""
    state.app.extensions[OPENAPI_BUILDER] = build_spec


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(build_spec(current_app))


def operations(app: Flask) -> list[tuple[str, str, Operation]]:
    """(path, method, operation) of every documented API route, in URL order."""
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        spec = getattr(view, "api_operation", None)
        if spec is None:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((_PARAMETER.sub(r"{\2}", rule.rule), method.lower(), spec))
    return found


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title=TITLE,
        version=VERSION,
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Surveyor's JSON API. Authenticate with a personal API token from "
            "the workspace: 'Authorization: Bearer TOKEN'. Errors always have the shape of the "
            "Error schema."
        },
        servers=[{"url": "/"}],
        security=[{"bearerAuth": []}],
    )
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", schema=ErrorSchema)
    _webhook_events(spec)
    paths: dict[str, dict[str, Any]] = {}
    for path, method, operation in operations(app):
        paths.setdefault(path, {})[method] = _operation(path, operation)
    for path, methods in paths.items():
        spec.path(path=path, operations=methods)
    return spec.to_dict()


def _webhook_events(spec: APISpec) -> None:
    """The JSON bodies Surveyor POSTs to webhook receivers, as components (OpenAPI 3.0 has no
    ``webhooks`` section): the ``WebhookEvent`` envelope and one ``data`` schema per kind."""
    kinds = []
    for kind, schema in EVENT_DATA.items():
        if schema is not None and schema.__name__ not in spec.components.schemas:
            spec.components.schema(schema.__name__, schema=schema)
        kinds.append(kind)
    data_refs = sorted({s.__name__ for s in EVENT_DATA.values() if s is not None})
    spec.components.schema(
        "WebhookEvent",
        {
            "type": "object",
            "description": "The body of every webhook request. Headers: Surveyor-Event (the "
            "kind), Surveyor-Delivery (= delivery_id, the same on every retry: deduplicate by "
            "it) and Surveyor-Signature 't=<unix seconds>,v1=<hex>', where v1 is the "
            "HMAC-SHA256 of '<t>.<raw body>' with the subscription's secret (for 24 hours "
            "after a secret rotation a second v1 entry with the previous secret: accept any "
            "matching v1); refuse t older than five minutes. See docs/webhooks.md.",
            "required": ["delivery_id", "event", "occurred_at", "project_id", "data"],
            "properties": {
                "delivery_id": {"type": "string", "example": "dlv_4f1c2e..."},
                "event": {"type": "string", "enum": kinds},
                "occurred_at": {"type": "string", "format": "date-time"},
                "project_id": {"type": "integer"},
                "data": {
                    "description": "By event: response.stored ResponseStoredData, "
                    "shop.approved ShopApprovedData, wave.opened and wave.closed WaveData, "
                    "drift.detected DriftData; case.opened and case.closed as documented "
                    "with follow-up cases.",
                    "oneOf": [
                        *({"$ref": f"#/components/schemas/{name}"} for name in data_refs),
                        {"type": "object"},
                    ],
                },
            },
        },
    )


def _operation(path: str, operation: Operation) -> dict[str, Any]:
    error = {"description": "Error", "content": _json("Error")}
    answer: dict[str, Any] = {"description": _STATUS_TEXT.get(operation.status, "OK")}
    if operation.response is not None:
        answer["content"] = {"application/json": {"schema": operation.response}}
    responses: dict[Any, Any] = {str(operation.status): answer}
    for status, text in operation.extra_statuses.items():
        responses[str(status)] = (
            {**answer, "description": text} if status < 300 else {**error, "description": text}
        )
    responses["default"] = error
    result: dict[str, Any] = {
        "summary": operation.summary,
        "tags": [operation.tag],
        "parameters": [_path_parameter(name) for name in re.findall(r"{(\w+)}", path)],
        "responses": responses,
    }
    if operation.description:
        result["description"] = operation.description
    if operation.query is not None:
        result["parameters"].append({"in": "query", "schema": operation.query})
    if operation.body is not None:
        result["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": operation.body}},
        }
    return result


def _path_parameter(name: str) -> dict[str, Any]:
    return {
        "in": "path",
        "name": name,
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    }


def _json(component: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}}
