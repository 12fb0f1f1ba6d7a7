"""The ``surveyor`` command: Flask's CLI over ``create_app`` plus Surveyor's own commands.

Side effects such as migrations and demo data belong here, never in ``create_app``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from flask_migrate.cli import db as db_commands

from surveyor.extensions import db
from surveyor.models.tenancy import ROLES
from surveyor.services.privacy import audit

if TYPE_CHECKING:
    from surveyor.services.reports.scope import ExportScope
from surveyor.services.accounts.accounts import AccountError, create_user


def _create_app() -> Flask:
    from surveyor import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """Surveyor: measure customer touchpoints (Kano questionnaires, mystery shopping)."""


main.add_command(db_commands)


def init_app(app: Flask) -> None:
    """Register Surveyor's commands on the app, so ``surveyor`` and ``flask`` both have them."""
    for command in (
        create_user_command,
        demo_command,
        backup_command,
        restore_command,
        scheduler_command,
    ):
        app.cli.add_command(command)
    app.cli.add_command(create_token_command)
    app.cli.add_command(export_command)
    app.cli.add_command(report_command)


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", default="")
@click.option("--client", "client_slugs", multiple=True, help="Slug of a client this user may see.")
@click.option("--password", help="Prompted for (hidden, twice) when not given.")
@with_appcontext
def create_user_command(
    email: str, role: str, name: str, client_slugs: tuple[str, ...], password: str | None
) -> None:
    """Create a user who can log in with EMAIL.

    The password is asked for only after the clients are found, so a mistyped slug is
    reported before anybody types a password for nothing.
    """
    from sqlalchemy import select

    from surveyor.models import Client

    clients = db.session.scalars(select(Client).where(Client.slug.in_(client_slugs))).all()
    missing = set(client_slugs) - {client.slug for client in clients}
    if missing:
        raise click.BadParameter(
            f"no client with slug {', '.join(sorted(missing))} (the client's page in the "
            "workspace shows its slug)",
            param_hint="--client",
        )
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email, password, role, name=name, clients=clients)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    audit.record(
        "user.created",
        target=user.email,
        details={"role": role, "clients": [client.id for client in clients], "via": "cli"},
        actor_email="command line",
    )
    db.session.commit()
    click.echo(f"Created {role} {email}.")


@click.command("demo")
@click.option(
    "--responses",
    default=400,
    show_default=True,
    type=click.IntRange(0, 5_000_000),
    help="Synthetic Kano responses spread over the baseline and follow-up wave.",
)
@click.option("--reset", is_flag=True, help="Delete an existing demo client first.")
@click.option("--no-serve", is_flag=True, help="Only create the data; do not start the server.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@with_appcontext
def demo_command(responses: int, reset: bool, no_serve: bool, host: str, port: int) -> None:
    """Create a realistic demo client (a municipal utility) and serve the app."""
    from surveyor import demo

    if not no_serve and not _port_is_free(host, port):
        raise click.UsageError(
            f"Port {port} is in use: choose another, e.g. {_program()} demo --port 8080."
        )
    upgrade(directory=current_app.extensions["migrate"].directory)
    try:
        summary = demo.create_demo(responses=responses, reset=reset)
    except AccountError as error:  # a demo e-mail taken by an account of another role
        raise click.ClickException(str(error)) from error
    click.echo(summary.describe())
    click.echo(f"Open http://{host}:{port}/ and log in with password {summary.password} as")
    for who, email in summary.logins:
        click.echo(f"  {email:<24} {who}")
    if no_serve:
        return
    click.echo(f"Another port: {_program()} demo --port 8080. Stop with Ctrl-C.")
    current_app.config["EXPORTS_INLINE"] = True  # the demo runs no `surveyor scheduler`
    serve(current_app._get_current_object(), host, port)


def _program() -> str:
    """How the user called us (``.venv/bin/surveyor`` after README command 1), for hints."""
    import sys

    called = sys.argv[0] if sys.argv else ""
    return called if called.endswith("surveyor") else "surveyor"


def _port_is_free(host: str, port: int) -> bool:
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve(app: Flask, host: str, port: int) -> None:
    """Serve ``app`` with Werkzeug's threaded server from inside a CLI command.

    ``app.run()`` refuses to block a ``flask`` CLI command, so the server is started directly.
    The command's database session is closed first: each request gets its own, and an open
    transaction left behind here (on SQLite, BEGIN IMMEDIATE) would hold the write lock for as
    long as the server runs.
    """
    from werkzeug.serving import run_simple

    db.session.remove()
    db.engine.dispose()
    run_simple(host, port, app, threaded=True)


@click.command("backup")
@click.argument("target", required=False, type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(target: str | None) -> None:
    """Write a consistent backup of the database and the photos while the app keeps serving.

    One .tar archive: the database (SQLite online backup API, or pg_dump custom format), the
    shoppers' photos, the secret key and surveyor.cfg. TARGET defaults to
    instance/backups/surveyor-<UTC time>.tar. Restoring: surveyor restore, docs/security.md.
    """
    from pathlib import Path

    from surveyor.services.operations import backup

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    path = (
        Path(target)
        if target
        else backup.default_target(url, Path(current_app.instance_path) / "backups")
    )
    try:
        result = backup.backup(url, path, backup.kept_files(current_app))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {result.path} ({result.kind}, {result.bytes} bytes).")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.confirmation_option(
    prompt="Replace the database and the photos with the backup? Stop the app servers first."
)
@with_appcontext
def restore_command(source: str) -> None:
    """Replace the database, photos, secret key and surveyor.cfg with a backup archive.

    Existing files and folders are renamed to <name>.before-restore-<UTC time>, not deleted.
    """
    from pathlib import Path

    from surveyor.services.operations import backup

    db.session.remove()
    db.engine.dispose()  # no pooled connection may outlive the database file it points to
    try:
        aside = backup.restore(
            Path(source),
            current_app.config["SQLALCHEMY_DATABASE_URI"],
            backup.kept_files(current_app),
        )
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {source}.")
    for path in aside:
        click.echo(f"The previous {path.name.split('.before-restore-')[0]} is kept as {path}.")


@click.command("scheduler")
@click.option(
    "--interval",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0.05, 86_400),
    help="Seconds between runs of the wave jobs.",
)
@with_appcontext
def scheduler_command(interval: float) -> None:
    """Open, close and remind waves on the measurement plans (run exactly one, or several)."""
    import logging

    from surveyor import scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    click.echo(f"Scheduler running every {interval:g} s; stop with Ctrl-C.")
    scheduler.run(current_app._get_current_object(), interval)


@click.command("create-token")
@click.argument("email")
@click.option("--name", default="CLI", show_default=True, help="Where the token will be used.")
@with_appcontext
def create_token_command(email: str, name: str) -> None:
    """Create a personal API token for EMAIL and print it (it is shown only this once)."""
    from surveyor.services.accounts import api_tokens
    from surveyor.services.accounts.accounts import user_by_email

    user = user_by_email(email)
    if user is None or not user.is_active:
        raise click.ClickException(f"no active user {email}")
    try:
        _, secret = api_tokens.create_token(user, name)
    except api_tokens.TokenRefused as refused:
        raise click.ClickException(str(refused)) from refused
    db.session.commit()
    click.echo(secret)


@click.command("export")
@click.option("--project", "project_slug", required=True, help="Slug of the project.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The .xlsx to write.")
@click.option("--wave", "waves", multiple=True, type=int, help="Wave number; repeat for more.")
@click.option("--touchpoint", "touchpoints", multiple=True, help="Touchpoint id or name.")
@click.option("--lang", default="en", show_default=True, type=click.Choice(("en", "de")))
@with_appcontext
def export_command(
    project_slug: str, out: str, waves: tuple[int, ...], touchpoints: tuple[str, ...], lang: str
) -> None:
    """Write the project's Excel workbook (the same as the workspace download)."""
    from surveyor.services.reports.workbooks import build_workbook

    scope = _export_scope(project_slug, waves, touchpoints, lang)
    rows = build_workbook(scope, out)
    click.echo(f"Wrote {out} with {rows} responses.")


def _export_scope(
    project_slug: str, waves: tuple[int, ...], touchpoints: tuple[str, ...], lang: str
) -> ExportScope:
    """The scope that ``export`` and ``report`` name on the command line, or a usage error.

    The command's session is closed afterwards, so the build reads in a snapshot of its own.
    """
    from sqlalchemy import select

    from surveyor.models import Project
    from surveyor.services.reports.scope import ScopeError, resolve_scope

    project = db.session.scalar(select(Project).where(Project.slug == project_slug))
    if project is None:
        raise click.BadParameter(f"no project with slug {project_slug}", param_hint="--project")
    try:
        scope = resolve_scope(project, waves, touchpoints, lang)
    except ScopeError as error:
        raise click.BadParameter(str(error)) from error
    db.session.remove()
    return scope


@click.command("report")
@click.option("--project", "project_slug", required=True, help="Slug of the project.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The .pptx to write.")
@click.option("--wave", "waves", multiple=True, type=int, help="Wave number; repeat for more.")
@click.option("--touchpoint", "touchpoints", multiple=True, help="Touchpoint id or name.")
@click.option("--lang", default="en", show_default=True, type=click.Choice(("en", "de")))
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False),
    help="A .pptx whose master (layouts, fonts, colours) the deck uses.",
)
@with_appcontext
def report_command(
    project_slug: str,
    out: str,
    waves: tuple[int, ...],
    touchpoints: tuple[str, ...],
    lang: str,
    template: str | None,
) -> None:
    """Write the project's client deck (PowerPoint, the same as the workspace download)."""
    from surveyor.deck.canvas import DeckTemplateError
    from surveyor.services.reports.decks import build_deck

    scope = _export_scope(project_slug, waves, touchpoints, lang)
    try:
        slides = build_deck(scope, out, template)
    except DeckTemplateError as error:
        raise click.BadParameter(str(error), param_hint="--template") from error
    click.echo(f"Wrote {out} with {slides} slides.")
