"""The mystery shopper's pages: their assignments and the checklist they fill in on the phone.

Everything under ``/shop/`` is the service worker's scope (it is served from ``/shop/sw.js``), so
once a checklist has been opened it keeps working without a connection. Submitting goes through
the JSON endpoints in :mod:`surveyor.web.shop_sync`; these pages only render.
"""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, make_response, render_template, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from surveyor.labels import in_language
from surveyor.models import InstrumentVersion, Item
from surveyor.models.base import utcnow
from surveyor.models.shops import OPEN_STATUSES
from surveyor.services.instruments import instruments
from surveyor.services.privacy import privacy_notice
from surveyor.services.shops import assignments, photos, shop_reviews
from surveyor.services.shops.shop_submissions import own_assignment
from surveyor.web import shop_worker

bp = Blueprint("shop", __name__, url_prefix="/shop")


@bp.get("/sw.js")
def service_worker():
    """Served from /shop/ (not /static/) so that its scope covers the checklist pages, with the
    list of files it pre-caches and their version (:mod:`surveyor.web.shop_worker`)."""
    response = make_response(shop_worker.worker_script())
    response.mimetype = "text/javascript"
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/shop/"
    return response


@bp.get("/")
@login_required
def index():
    return render_template(
        "shop/index.html",
        assignments=assignments.shopper_assignments(current_user),
        today=utcnow().date(),
        open=OPEN_STATUSES,
    )


@bp.get("/assignments/<int:assignment_id>")
@login_required
def checklist(assignment_id: int):
    assignment = own_assignment(current_user, assignment_id)
    version = instruments.published_version(assignment.instrument)
    return render_template(
        "shop/checklist.html",
        **checklist_context(version, str(get_locale())),
        assignment=assignment,
        editable=assignment.status in OPEN_STATUSES and version is not None,
        comments=shop_reviews.comments_for_shopper(assignment),
        notice=privacy_notice.for_project(assignment.wave.project, str(get_locale())),
    )


def checklist_context(version: InstrumentVersion | None, locale: str) -> dict:
    """What shop/checklist.html needs to show ``version``: shared by the app and its preview."""
    sections = [
        (_section_name(items, locale), items)
        for items in (
            list(group)
            for _name, group in groupby(version.items if version else [], key=lambda i: i.section)
        )
    ]
    return {
        "version": version,
        "sections": sections,
        "locale": locale,
        "total": sum(len(items) for _name, items in sections),
        "options_of": lambda item: answer_options(item, locale),
        "title": in_language(locale, version.title_en, version.title_de) if version else "",
    }


def _section_name(items: list, locale: str) -> str:
    """A section's heading: its German name for German readers where written, else the first."""
    first = items[0]
    return in_language(locale, first.section, first.section_de)


def answer_options(item: Item, locale: str) -> list[tuple[str, str]]:
    """(value, label) pairs of the items answered by tapping one of several buttons."""
    settings = item.settings or {}
    if item.item_type == "yes_no":
        return [("yes", _("Yes")), ("no", _("No"))]
    if item.item_type == "scale":
        low, high = int(settings.get("min", 1)), int(settings.get("max", 5))
        return [(str(n), str(n)) for n in range(low, high + 1)]
    return [
        (
            str(option.get("value")),
            option.get(f"label_{locale}") or option.get("label_en") or str(option.get("value")),
        )
        for option in settings.get("options", ())
    ]


@bp.get("/photos/<int:photo_id>")
@login_required
def photo(photo_id: int):
    """A photo as an attachment: never rendered as a page, never sniffed, never cached shared."""
    found = photos.photo_for_viewer(current_user, photo_id)
    if found is None:
        abort(404)
    path = photos.photo_path(found)
    if not path.is_file():
        abort(404)
    extension = path.suffix
    response = send_file(
        path,
        mimetype=found.mime,
        as_attachment=True,
        download_name=f"shop-{found.response_id}-photo-{found.id}{extension}",
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    return response
