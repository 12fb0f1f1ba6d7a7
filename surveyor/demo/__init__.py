"""The demo project: a municipal utility's customer contact, ready to click through.

"Stadtwerke Lindenau" sells electricity and gas; its journey has seven touchpoints over six
channels, two own customer centres, a hotline and a competitor's centre. The hotline has a Kano
questionnaire answered by customers and employees in a baseline and a follow-up wave, and the
customer centre has a mystery-shopper checklist.
"""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask_babel import force_locale
from sqlalchemy import delete, select

from surveyor.demo import answers as demo_answers
from surveyor.demo import cases as demo_cases
from surveyor.demo import engagement as engagement_demo
from surveyor.demo import locations as location_demo
from surveyor.demo import shops as demo_shops
from surveyor.demo.invitations import add_invitation_demo
from surveyor.demo.pilots import add_pilot_demo
from surveyor.demo.webhooks import add_demo_webhook
from surveyor.demo.workshops import add_demo_workshop
from surveyor.extensions import db
from surveyor.labels import wave_name
from surveyor.models import (
    Answer,
    Client,
    Instrument,
    KanoAnswer,
    Location,
    Project,
    Response,
    User,
    Wave,
)
from surveyor.models.base import as_utc
from surveyor.services.accounts import provisioning
from surveyor.services.instruments import checklist_authoring, instruments
from surveyor.services.projects import journey, measures
from surveyor.services.shops import plans
from surveyor.services.surveys import surveys
from surveyor.services.synthetic import SampleSpec
from surveyor.services.waves import scheduling
from surveyor.services.waves.periods import period_key

CLIENT_NAME = "Stadtwerke Lindenau"
CLIENT_SLUG = "stadtwerke-lindenau"
ADMIN_EMAIL = "admin@demo.surveyor"
CONSULTANT_EMAIL = "berater@demo.surveyor"
VIEWER_EMAIL = "kunde@demo.surveyor"
EMPLOYEE_SHARE = 0.15
SEED = 20260301

TOUCHPOINTS = (
    # name, phase kind, channel, weight
    ("Website and tariff calculator", "pre_sales", "web", 1.0),
    ("Live chat", "pre_sales", "chat", 0.8),
    ("Customer centre counter", "purchase", "store", 1.5),
    ("Online contract sign-up", "purchase", "portal", 1.0),
    ("Service hotline", "after_sales", "phone", 2.0),
    ("E-mail enquiries", "after_sales", "email", 1.0),
    ("Customer portal", "after_sales", "portal", 1.2),
)
# The demo speaks German first: every name a German reader sees has its German form.
GERMAN_NAMES = {
    "Website and tariff calculator": "Website und Tarifrechner",
    "Live chat": "Live-Chat",
    "Customer centre counter": "Schalter im Kundencenter",
    "Online contract sign-up": "Online-Vertragsabschluss",
    "Service hotline": "Service-Hotline",
    "E-mail enquiries": "Anfragen per E-Mail",
    "Customer portal": "Kundenportal",
    "Call-back booking in the IVR": "Rückrufbuchung im Sprachdialog",
    "Friendliness and needs-assessment training": "Schulung Freundlichkeit und Bedarfsanalyse",
    "Daily tidy-up round of the waiting area": "Tägliche Aufräumrunde im Wartebereich",
    "Meter-reading reminder in the call script": "Zählerstand-Erinnerung im Gesprächsleitfaden",
}
LOCATIONS = (
    ("Kundencenter Mitte", "Lindenau", False, ""),
    ("Kundencenter Süd", "Lindenau", False, ""),
    ("Service-Hotline 0800", "Lindenau", False, ""),
    ("Energie Nord Kundenzentrum", "Lindenau", True, "Energie Nord"),
)
HOTLINE = json.loads(Path(__file__).with_name("hotline.json").read_text(encoding="utf-8"))
"""The hotline's Kano questionnaire: per feature its functional and dysfunctional questions
(written out: negating a German sentence by a prefix breaks it) and the customers' category
mix in the baseline and follow-up 1; and where employees misjudge customers (the gap view
shows these first). Data, not code, in its own file."""
TEXT_FIELDS = ("text_en", "text_de", "negative_text_en", "negative_text_de")
CHECKLIST_THRESHOLDS = {
    # A number or duration scores only against a target (scoring/checklist.py): served within
    # 3 minutes earns all points, falling to none at 10 minutes (durations are in seconds).
    "wait": {"target": 180, "direction": "at_most", "limit": 600},
}
CHECKLIST = (
    # section, key, English text, type, points, Kano tag, critical, N/A allowed
    (
        "Arrival",
        "greeted",
        "The shopper was greeted within 30 seconds.",
        "yes_no",
        2,
        "basic",
        True,
        False,
    ),
    (
        "Arrival",
        "wait",
        "Waiting time until served (minutes).",
        "duration",
        2,
        "performance",
        False,
        False,
    ),
    (
        "Consultation",
        "polite",
        "The employee was polite throughout.",
        "yes_no",
        3,
        "basic",
        True,
        False,
    ),
    (
        "Consultation",
        "friendly",
        "How friendly was the employee?",
        "scale",
        4,
        "performance",
        False,
        False,
    ),
    (
        "Consultation",
        "needs",
        "The employee asked about the household's consumption.",
        "yes_no",
        3,
        "performance",
        False,
        False,
    ),
    (
        "Consultation",
        "anticipate",
        "The employee mentioned the move-in service unasked.",
        "yes_no",
        2,
        "delighter",
        False,
        True,
    ),
    (
        "Closing",
        "offer",
        "A written tariff offer was handed over.",
        "yes_no",
        2,
        "performance",
        False,
        True,
    ),
    (
        "Closing",
        "farewell",
        "The shopper was thanked and said goodbye to.",
        "yes_no",
        1,
        "basic",
        False,
        False,
    ),
    (
        "Premises",
        "clean",
        "The customer centre was clean and tidy.",
        "yes_no",
        1,
        "basic",
        False,
        False,
    ),
    ("Premises", "photo", "Photo of the waiting area.", "photo", 0, "basic", False, True),
)

# checklist item key -> German text (the demo is German-first)
CHECKLIST_GERMAN = {
    "greeted": "Die Testkundin wurde innerhalb von 30 Sekunden begrüßt.",
    "wait": "Wartezeit bis zur Bedienung (Minuten).",
    "polite": "Die Mitarbeiterin oder der Mitarbeiter war durchgehend höflich.",
    "friendly": "Wie freundlich war die Mitarbeiterin oder der Mitarbeiter?",
    "needs": "Nach dem Verbrauch des Haushalts wurde gefragt.",
    "anticipate": "Der Umzugsservice wurde unaufgefordert erwähnt.",
    "offer": "Ein schriftliches Tarifangebot wurde übergeben.",
    "farewell": "Die Testkundin wurde mit Dank verabschiedet.",
    "clean": "Das Kundencenter war sauber und aufgeräumt.",
    "photo": "Foto des Wartebereichs.",
}


@dataclass(frozen=True)
class DemoSummary:
    project: Project
    admin_email: str
    password: str
    responses: int

    @property
    def logins(self) -> list[tuple[str, str]]:
        """Every demo login as (who it is for, e-mail); they all share ``password``."""
        return [
            ("admin", ADMIN_EMAIL),
            ("consultant", CONSULTANT_EMAIL),
            ("client staff (read-only)", VIEWER_EMAIL),
            ("mystery shopper", SHOPPER_EMAIL),
        ]

    def describe(self) -> str:
        touchpoints = len(self.project.touchpoints)
        return (
            f"Demo project '{self.project.name}' (slug {self.project.slug}): {touchpoints} "
            f"touchpoints, {len(self.project.waves)} waves, {self.responses} new responses."
        )


def create_demo(responses: int = 400, reset: bool = False) -> DemoSummary:
    """Create the demo client unless it exists; always hand out a fresh demo password."""
    existing = db.session.scalar(select(Client).where(Client.slug == CLIENT_SLUG))
    if existing is not None and reset:
        delete_client(existing)
        existing = None
    created = 0
    if existing is None:
        client = journey.create_client(CLIENT_NAME)
        project = _build_project(client)
        db.session.flush()
        created = _add_responses(project, responses, random.Random(SEED))
    else:
        client = existing
        project = client.projects[0]
    password = secrets.token_urlsafe(9)
    _ensure_users(client, password)
    add_mystery_shops(project, password, fresh=existing is None)
    add_measurement_plan(project, fresh=existing is None)
    engagement_demo.add_engagement(project, fresh=existing is None)
    add_pilot_demo(project, existing is None, CONSULTANT_EMAIL)
    # branches before the cases: a case is at the branch of the answer that opened it
    location_demo.add_branches(project, fresh=existing is None)
    demo_cases.add_follow_up(project, VIEWER_EMAIL, CONSULTANT_EMAIL, fresh=existing is None)
    add_demo_webhook(project, fresh=existing is None)
    add_demo_workshop(project, fresh=existing is None)
    add_invitation_demo(project, fresh=existing is None)
    db.session.commit()
    return DemoSummary(
        project=project, admin_email=ADMIN_EMAIL, password=password, responses=created
    )


def delete_client(client: Client) -> None:
    """Delete a client with everything it owns, in bulk (responses first: they are the bulk)."""
    wave_ids = select(Wave.id).join(Project).where(Project.client_id == client.id)
    response_ids = select(Response.id).where(Response.wave_id.in_(wave_ids))
    db.session.execute(delete(KanoAnswer).where(KanoAnswer.response_id.in_(response_ids)))
    db.session.execute(delete(Answer).where(Answer.response_id.in_(response_ids)))
    db.session.execute(delete(Response).where(Response.wave_id.in_(wave_ids)))
    # Everything else hangs on the client through ON DELETE CASCADE foreign keys.
    db.session.execute(delete(Client).where(Client.id == client.id))
    db.session.expunge_all()


def _build_project(client: Client) -> Project:
    """The journey, questionnaire, checklist, waves and first measure, as the workspace builds
    them: each part through the service the form calls, in one transaction."""
    project = journey.create_project(
        client,
        "Kundenkontakt 2026",
        "Null- und Folgemessungen entlang der Customer Journey: Kano-Befragungen an der "
        "Service-Hotline, Mystery Shopping in den Kundencentern.",
        language="de",
    )
    db.session.flush()  # saved before its touchpoints, as in the workspace
    phases = {phase.kind: phase for phase in project.phases}
    touchpoints = {
        name: journey.add_touchpoint(
            project,
            name=name,
            name_de=GERMAN_NAMES[name],
            phase=phases[phase_kind],
            channel=channel,
            weight=weight,
        )
        for name, phase_kind, channel, weight in TOUCHPOINTS
    }
    for name, city, is_competitor, competitor in LOCATIONS:
        journey.add_location(
            project, name=name, city=city, is_competitor=is_competitor, competitor_name=competitor
        )
    questionnaire = _add_kano_questionnaire(touchpoints["Service hotline"])
    _add_checklist(touchpoints["Customer centre counter"])
    _add_waves(project)
    for wave in project.waves:
        for group in ("customer", "employee"):
            surveys.ensure_link(questionnaire, wave, group)
    measures.new_measure(
        touchpoints["Service hotline"],
        title="Call-back booking in the IVR",
        title_de=GERMAN_NAMES["Call-back booking in the IVR"],
        description="Callers in the queue can book a call-back slot instead of waiting.",
        cluster="it_support",
        owner="Head of customer service",
        status="live",
        go_live=(datetime.now(UTC) - timedelta(days=150)).date(),
    )
    return project


def _add_kano_questionnaire(touchpoint) -> Instrument:
    instrument, version = instruments.new_instrument(
        touchpoint, "kano", "Erwartungen an die Hotline"
    )
    for feature in HOTLINE["features"]:
        texts = {name: feature[name] for name in TEXT_FIELDS}
        instruments.add_item(
            version, key=feature["key"], item_type="kano_feature", asks_importance=True, **texts
        )
    titles = {"title_en": "Your call with our hotline", "title_de": "Ihr Anruf bei unserer Hotline"}
    instruments.set_texts(version, titles, {"csat", "nps", "contacts", "comment", "follow_up"})
    instruments.publish(version)
    return instrument


def _add_checklist(touchpoint) -> None:
    """Each item from the fields the checklist form sends (thresholds in seconds)."""
    _, version = instruments.new_instrument(touchpoint, "checklist", "Besuch im Kundencenter")
    titles = {"title_en": "Customer centre visit", "title_de": "Besuch im Kundencenter"}
    instruments.set_texts(version, titles)
    for section, key, text, item_type, points, tag, critical, na_allowed in CHECKLIST:
        form = {
            "item_type": item_type,
            "section": section,
            "text_en": text,
            "text_de": CHECKLIST_GERMAN[key],
            "points": points,
            "kano_tag": tag,
            "critical": critical,
            "na_allowed": na_allowed,
            "required": item_type != "photo",
            **CHECKLIST_THRESHOLDS.get(key, {}),
        }
        instruments.add_item(version, key=key, **checklist_authoring.item_fields(form))
    instruments.publish(version)


def _add_waves(project: Project) -> None:
    """Named in the project's language (German), as the scheduler names the waves it opens."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    plan = (
        (0, -270, "open"),  # closed once its answers are in (_add_responses)
        (1, -90, "open"),
        (2, -5, "open"),
    )
    for sequence, start_offset, status in plan:
        opens = today + timedelta(days=start_offset)
        scheduling.new_wave(
            project,
            sequence=sequence,
            label=_wave_name(project, sequence),
            opens_at=opens,
            closes_at=opens + timedelta(days=28),
            status=status,
        )
    db.session.expire(project, ["waves"])


def _wave_name(project: Project, sequence: int) -> str:
    with force_locale(project.language):
        return wave_name(sequence)


def _add_responses(project: Project, total: int, rng: random.Random) -> int:
    """Split ``total`` over the baseline and the first follow-up, customers and employees,
    who answer while these waves are open; then the waves close."""
    version = next(
        i for t in project.touchpoints for i in t.instruments if i.kind == "kano"
    ).versions[0]
    items = list(version.items)
    inserted = 0
    for wave_index, wave in enumerate(project.waves[:2]):
        share = total // 2 + (total % 2 if wave_index == 0 else 0)
        employees = round(share * EMPLOYEE_SHARE)
        customer_mix = {f["key"]: f["mixes"][wave_index] for f in HOTLINE["features"]}
        employee_mix = {**customer_mix, **HOTLINE["employee_beliefs"]}
        for group, count, mixes in (
            ("customer", share - employees, customer_mix),
            ("employee", employees, employee_mix),
        ):
            spec = SampleSpec(
                wave=wave, group=group, count=count, mixes=mixes, improved=wave_index > 0
            )
            inserted += demo_answers.add_answers(version, items, spec, rng)
        scheduling.close_wave(wave, as_utc(wave.closes_at))  # its field period is over
    return inserted


def _ensure_users(client: Client, password: str) -> None:
    """The demo's logins, created once and given this run's password (admins need no client)."""
    for email, role, name in (
        (ADMIN_EMAIL, "admin", "Demo Admin"),
        (CONSULTANT_EMAIL, "consultant", "Demo Beraterin"),
        (VIEWER_EMAIL, "viewer", "Stadtwerke Lindenau (read-only)"),
    ):
        clients = () if role == "admin" else (client,)
        provisioning.ensure_user(email, password, role, name=name, clients=clients)


# --- Mystery shopping (issue 4) -------------------------------------------------------------
SHOPPER_EMAIL = demo_shops.SHOPPER_EMAIL
# wave sequence -> (chance of a "good" answer at own locations, at the competitor)
SHOP_QUALITY = {0: (0.7, 0.75), 1: (0.85, 0.75)}


def add_mystery_shops(project: Project, password: str, fresh: bool) -> None:
    """A demo shopper (password as the other demo users) and, on a fresh demo, shops.

    Baseline and follow-up 1 get shops at both own customer centres and the competitor's,
    approved by the demo consultant; follow-up 2 has an open assignment, one awaiting review
    and a late one.
    """
    shopper = provisioning.ensure_user(SHOPPER_EMAIL, password, "shopper", "Demo Testkäuferin")
    checklist = next(
        (i for t in project.touchpoints for i in t.instruments if i.kind == "checklist"), None
    )
    if not fresh or checklist is None:
        return
    reviewer = db.session.scalar(select(User).where(User.email == CONSULTANT_EMAIL))
    rng = random.Random(SEED + 4)
    stores = [
        location
        for location in db.session.scalars(
            select(Location).where(Location.project_id == project.id).order_by(Location.name)
        )
        if location.is_competitor or location.name.startswith("Kundencenter")
    ]
    for wave in project.waves:
        opens = (wave.opens_at or datetime.now(UTC)).date()
        for index, location in enumerate(stores):
            days = 14 if index else 3
            assignment = demo_shops.assign(project, shopper, checklist, wave, location, opens, days)
            if wave.sequence in SHOP_QUALITY:
                good = SHOP_QUALITY[wave.sequence][1 if location.is_competitor else 0]
                demo_shops.send_shop(assignment, good, rng, reviewer)
            elif index == 1:
                demo_shops.send_shop(assignment, 0.85, rng)


# --- Measurement plan and measures (issue 5) ------------------------------------------------
DEMO_MEASURES = (
    # touchpoint, title, cluster, owner, status, go-live (days from today, None: not yet)
    (
        "Customer centre counter",
        "Friendliness and needs-assessment training",
        "training",
        "Head of customer centres",
        "live",
        -120,
    ),
    (
        "Customer centre counter",
        "Daily tidy-up round of the waiting area",
        "operational",
        "Centre managers",
        "live",
        -140,
    ),
    (
        "Service hotline",
        "Meter-reading reminder in the call script",
        "process",
        "Hotline team lead",
        "in_progress",
        None,
    ),
)


def add_measurement_plan(project: Project, fresh: bool) -> None:
    """A quarterly plan that owns the demo's waves, and measures at two touchpoints.

    The plan is anchored at the newest wave, so a scheduler started on the demo opens the next
    follow-up a quarter later (not a stray wave today). The responses of the baseline and the
    first follow-up contain the drift the trend page highlights: the hotline's call-back offer
    moves from delighter to performance feature after the call-back booking went live.
    """
    if not fresh or not project.waves:
        return
    newest = project.waves[-1]
    centres = db.session.scalars(
        select(Location.id).where(
            Location.project_id == project.id, Location.name.startswith("Kundencenter")
        )
    )
    plan = plans.set_plan(
        project,
        None,
        {
            "recurrence": "quarterly",
            "starts_at": newest.opens_at,
            "field_days": 28,
            "reminder_days": 14,
            "instrument_ids": [i.id for t in project.touchpoints for i in t.instruments],
            "location_ids": list(centres),
            "assignment_rule": "each_location_once",
            "active": True,
        },
    )
    db.session.flush()
    for wave in project.waves:  # the scheduler's waves would carry these from the start
        wave.plan_id, wave.period_key = plan.id, period_key(wave.opens_at)
    touchpoints = {touchpoint.name: touchpoint for touchpoint in project.touchpoints}
    today = datetime.now(UTC).date()
    for touchpoint, title, cluster, owner, status, go_live in DEMO_MEASURES:
        measures.new_measure(
            touchpoints[touchpoint],
            title=title,
            title_de=GERMAN_NAMES[title],
            cluster=cluster,
            owner=owner,
            status=status,
            due_date=today + timedelta(days=30) if go_live is None else None,
            go_live=None if go_live is None else today + timedelta(days=go_live),
        )
