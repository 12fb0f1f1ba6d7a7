"""The ``surveyor`` command: Flask's CLI over ``create_app`` plus Surveyor's own commands.

Side effects such as migrations and demo data belong here, never in ``create_app``.
"""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from flask_migrate.cli import db as db_commands

from surveyor import database
from surveyor.extensions import db
from surveyor.models.tenancy import ROLES
from surveyor.services.accounts import AccountError, create_user


def _create_app() -> Flask:
    from surveyor import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """Surveyor: measure customer touchpoints (Kano questionnaires, mystery shopping)."""


main.add_command(db_commands)


def init_app(app: Flask) -> None:
    """Register Surveyor's commands on the app, so ``surveyor`` and ``flask`` both have them."""
    for command in (create_user_command, demo_command, backup_command, scheduler_command):
        app.cli.add_command(command)
    app.cli.add_command(create_token_command)
    app.cli.add_command(export_command)


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", default="")
@click.option("--client", "client_slugs", multiple=True, help="Slug of a client this user may see.")
@click.password_option(help="Prompted for (hidden, twice) when not given.")
@with_appcontext
def create_user_command(
    email: str, role: str, name: str, client_slugs: tuple[str, ...], password: str
) -> None:
    """Create a user who can log in with EMAIL."""
    from sqlalchemy import select

    from surveyor.models import Client

    clients = db.session.scalars(select(Client).where(Client.slug.in_(client_slugs))).all()
    missing = set(client_slugs) - {client.slug for client in clients}
    if missing:
        raise click.BadParameter(
            f"no client with slug {', '.join(sorted(missing))}", param_hint="--client"
        )
    try:
        create_user(email, password, role, name=name, clients=clients)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
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
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def demo_command(responses: int, reset: bool, no_serve: bool, host: str, port: int) -> None:
    """Create a realistic demo client (a municipal utility) and serve the app."""
    from surveyor.services import demo

    upgrade(directory=current_app.extensions["migrate"].directory)
    summary = demo.create_demo(responses=responses, reset=reset)
    click.echo(summary.describe())
    url = f"http://{host}:{port}/"
    click.echo(f"Open {url} and log in as {summary.admin_email} with password {summary.password}")
    if not no_serve:
        current_app.run(host=host, port=port, debug=False, use_reloader=False)


@click.command("backup")
@click.argument("target", required=False, type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(target: str | None) -> None:
    """Write a consistent backup of the database while the app keeps serving.

    SQLite: online backup API to a .sqlite file; PostgreSQL: pg_dump custom format (.dump).
    TARGET defaults to instance/backups/surveyor-<UTC time>.<ext>. Restoring: docs/security.md.
    """
    from pathlib import Path

    from surveyor.services import backup

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    path = (
        Path(target)
        if target
        else backup.default_target(url, Path(current_app.instance_path) / "backups")
    )
    try:
        result = backup.backup(url, path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backup written to {result.path} ({result.kind}, {result.bytes} bytes).")


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
    from sqlalchemy import select

    from surveyor.models import User
    from surveyor.services import api_tokens
    from surveyor.services.accounts import normalise_email

    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
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
    from sqlalchemy import select

    from surveyor.export.scope import ScopeError, resolve_scope
    from surveyor.export.workbook import build_workbook
    from surveyor.models import Project

    project = db.session.scalar(select(Project).where(Project.slug == project_slug))
    if project is None:
        raise click.BadParameter(f"no project with slug {project_slug}", param_hint="--project")
    try:
        scope = resolve_scope(project, waves, touchpoints, lang)
    except ScopeError as error:
        raise click.BadParameter(str(error)) from error
    db.session.remove()
    with database.read_only():
        rows = build_workbook(scope, out)
    click.echo(f"Wrote {out} with {rows} responses.")
