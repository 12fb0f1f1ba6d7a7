"""The ``surveyor`` command: Flask's CLI over ``create_app`` plus Surveyor's own commands.

Side effects such as migrations and demo data belong here, never in ``create_app``.
"""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade
from flask_migrate.cli import db as db_commands

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
    for command in (create_user_command, demo_command):
        app.cli.add_command(command)


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
