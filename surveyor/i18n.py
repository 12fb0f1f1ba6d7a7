"""Interface language: the user's own setting, else a ``?lang=`` choice, else the browser's.

Templates also get the localised number and date filters (:mod:`surveyor.formatting`) and the
label functions of the stored codes (:mod:`surveyor.labels`).
"""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user

from surveyor import formatting, labels


def select_locale() -> str | None:
    """The signed-in user's, the session's or the browser's language; outside a request (CLI,
    scheduler, services called from tests) none, so the default applies unless forced."""
    if not has_request_context():
        return None
    languages = current_app.config["LANGUAGES"]
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(formatting.FILTERS)
    app.jinja_env.globals.update(labels.TEMPLATE_FUNCTIONS)
    app.jinja_env.filters["localized"] = labels.localized

    @app.before_request
    def remember_language_choice() -> None:
        choice = request.args.get("lang")
        if choice in app.config["LANGUAGES"]:
            session["lang"] = choice

    @app.context_processor
    def inject_languages() -> dict:
        from flask_babel import get_locale

        return {"languages": app.config["LANGUAGES"], "current_locale": str(get_locale())}
