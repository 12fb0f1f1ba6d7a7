"""Surveyor: measure customer touchpoints with Kano questionnaires and mystery-shopper checklists.

``create_app`` builds the Flask application; it binds extensions and blueprints and does nothing
else with side effects (no migrations, no prompts): that is what the ``surveyor`` CLI is for.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from surveyor import cli, config, database, errors, i18n, safe_json, security
from surveyor.extensions import babel, csrf, db, login_manager, migrate
from surveyor.web import converters, input_guard, pseudonyms, role_guard


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create a Surveyor app; ``test_config`` overrides every other configuration source."""
    app = Flask(__name__, instance_relative_config=True)
    config.load(app, test_config)
    app.json = safe_json.SafeJSONProvider(app)
    if app.config["BEHIND_PROXY"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    register_extensions(app)
    converters.init_app(app)
    pseudonyms.init_app(app)
    register_blueprints(app)
    input_guard.init_app(app)
    role_guard.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    cli.init_app(app)
    return app


def register_extensions(app: Flask) -> None:
    from surveyor import models  # noqa: F401  (registers the tables before migrations look)
    from surveyor.web.sessions import load_user

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_path()), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)


def register_blueprints(app: Flask) -> None:
    from surveyor import api
    from surveyor.web import (
        alert_rules,
        api_docs,
        api_tokens,
        assignments,
        auth,
        cases,
        checklist_results,
        checklists,
        clients,
        deck_templates,
        engagement,
        exports,
        instrument_io,
        instrument_preview,
        instruments,
        journey,
        kano_results,
        location_links,
        location_results,
        measures,
        passwords,
        pilots,
        plans,
        privacy,
        public,
        scorecards,
        shop,
        shop_reviews,
        shop_sync,
        survey,
        survey_links,
        trends,
        users,
        webhooks,
        workshop_convergence,
        workshop_join,
        workshop_reports,
        workshops,
    )

    for module in (
        public,
        auth,
        clients,
        journey,
        instruments,
        survey,
        survey_links,
        users,
        checklists,
        assignments,
        shop_reviews,
        checklist_results,
        api,
        api_tokens,
        api_docs,
        kano_results,
        shop,
        shop_sync,
        instrument_io,
        instrument_preview,
        exports,
        deck_templates,
        measures,
        pilots,
        passwords,
        plans,
        privacy,
        scorecards,
        trends,
        engagement,
        cases,
        alert_rules,
        webhooks,
        location_links,
        location_results,
        workshops,
        workshop_join,
        workshop_convergence,
        workshop_reports,
    ):
        app.register_blueprint(module.bp)


def _migrations_path():
    from pathlib import Path

    return Path(__file__).parent / "migrations"
