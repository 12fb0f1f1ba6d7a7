"""The API reference in the workspace, rendered on the server from the OpenAPI document.

No Swagger UI: the Content-Security-Policy allows no external scripts, and a plain page reads
well, prints, and is translated like the rest of the workspace. The document comes from the
builder the API publishes in ``app.extensions`` (see :mod:`surveyor.api.openapi`): the workspace
does not import the API package, which only the app factory wires in.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from surveyor.extensions import OPENAPI_BUILDER

bp = Blueprint("api_docs", __name__, url_prefix="/api-docs")


@bp.get("/")
def index():
    spec = current_app.extensions[OPENAPI_BUILDER](current_app)
    return render_template(
        "api/reference.html",
        spec=spec,
        operations=_operations(spec),
        schemas=spec["components"]["schemas"],
    )


def _operations(spec: dict) -> list[dict]:
    found = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            found.append({"path": path, "method": method.upper(), **operation})
    return sorted(found, key=lambda op: (op["tags"][0], op["path"], op["method"]))
