"""What follow-up cases cost the survey submission: CPU per submit without rules, with a rule
that does not match, and with a rule that opens a case (and two outbox e-mails) every time.

Cases open in the submission's transaction (issue 21), so their cost lands on the busiest write
path. In-process CPU (``time.process_time``, test client) is measured, as in ``submit_load.py``,
because it holds on a shared machine where wall-clock rates do not. Usage:

    .venv/bin/python benchmarks/case_opening.py [--database URL] [--count 300]

Without --database a temporary SQLite file is used; a PostgreSQL database given is emptied.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

from load_client import FEATURES, FORM_TOKEN, SECRET
from load_setup import prepare_database

PHASES = ("no rules", "rule never matches", "rule opens a case each time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        token = prepare_database(url)
        print(f"{platform.python_version()} on {platform.machine()}, {url.split(':')[0]}")
        for phase in PHASES:
            _add_rule(url, phase)
            cost = _submit_cpu(url, token, args.count)
            print(f"{phase:30} submit CPU median {cost[0]:.2f} ms, mean {cost[1]:.2f} ms")


def _add_rule(url: str, phase: str) -> None:
    from surveyor import create_app
    from surveyor.extensions import db
    from surveyor.models import AlertRule, Project, User
    from surveyor.services.accounts import accounts
    from surveyor.services.cases import rules

    kinds = {"rule never matches": "nps_detractor", "rule opens a case each time": "kano_dislike"}
    if phase not in kinds:
        return
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        db.session.execute(db.delete(AlertRule))
        project = db.session.scalars(db.select(Project)).first()
        staff = db.session.scalar(db.select(User).where(User.email == "staff@bench.example"))
        if staff is None:
            staff = accounts.create_user(
                "staff@bench.example", "bench password 1", "viewer", clients=[project.client]
            )
            db.session.flush()
        rule = rules.RuleInput(name=phase, kind=kinds[phase], recipient_ids=(staff.id,))
        rule = rules.add_rule(project, rule) if kinds[phase] == "kano_dislike" else None
        if rule is None:  # no NPS question: saved directly, as validation would refuse it
            db.session.add(
                AlertRule(
                    project_id=project.id,
                    name=phase,
                    kind="nps_detractor",
                    touchpoint_ids=[],
                    location_ids=[],
                    recipient_ids=[staff.id],
                    due_days=7,
                    active=True,
                )
            )
        db.session.commit()
        db.engine.dispose()


def _submit_cpu(url: str, token: str, count: int) -> tuple[float, float]:
    from surveyor import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    costs = []
    for _ in range(count):
        client = app.test_client()  # a new device each time: one answer per device and link
        page = client.get(f"/s/{token}")
        data = {"form_token": FORM_TOKEN.search(page.data).group(1).decode()}
        for number in range(1, FEATURES + 1):
            data[f"f-f{number}"], data[f"d-f{number}"] = "5", "1"
        started = time.process_time()
        assert client.post(f"/s/{token}", data=data).status_code == 303
        costs.append(1000 * (time.process_time() - started))
    return statistics.median(costs), statistics.mean(costs)


if __name__ == "__main__":
    main()
