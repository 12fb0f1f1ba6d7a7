"""What stored codes (``store``, ``yes_no``, ``in_progress``) are called, in the user's language.

One table and one function per code set, shared by forms, pages and the workbook, so a code reads
the same everywhere. The tables hold lazy strings: they are translated when shown, so the same
function serves a request (the user's language) and the workbook (``force_locale``). An unknown
code comes back as it is rather than failing a page.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

CHANNELS = {
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "web": _l("Web"),
    "store": _l("Store"),
    "portal": _l("Customer portal"),
    "chat": _l("Chat"),
    "letter": _l("Letter"),
    "app": _l("App"),
    "social": _l("Social media"),
    "other": _l("Other"),
}
LOCATION_KINDS = {"branch": _l("Branch"), "region": _l("Region")}
LOCATION_METRICS = {
    "index": _l("Touchpoint index (weighted)"),
    "csat": _l("CSAT (1-5)"),
    "nps": _l("NPS"),
    "ces": _l("CES (1-7)"),
    "contacts": _l("Contacts to resolution"),
    "checklist": _l("Checklist score"),
}
PILOT_METRICS = {
    "checklist": _l("Checklist score (%)"),
    **{code: LOCATION_METRICS[code] for code in ("csat", "ces", "nps")},
    "kano_better": _l("Kano satisfaction (better, %)"),
}
"""What a pilot's difference in differences is measured in (services/pilots/effects.py)."""
PHASES = {
    "pre_sales": _l("Pre-sales"),
    "purchase": _l("Purchase"),
    "after_sales": _l("After-sales"),
    "other": _l("Other"),
}
ITEM_TYPES = {
    "kano_feature": _l("Kano feature"),
    "csat": _l("Satisfaction (CSAT)"),
    "nps": _l("Recommendation (NPS)"),
    "ces": _l("Effort (CES)"),
    "contacts": _l("Contacts to resolution"),
    "comment": _l("Comment"),
    "follow_up": _l("Consent to be contacted"),
    "yes_no": _l("Yes / no"),
    "scale": _l("Scale (e.g. 1-5)"),
    "choice": _l("Single choice with points per option"),
    "number": _l("Number"),
    "duration": _l("Duration (stopwatch, seconds)"),
    "datetime": _l("Date and time"),
    "text": _l("Free text"),
    "photo": _l("Photo"),
}
KANO_TAGS = {
    "": _l("No Kano tag"),
    "basic": _l("Basic"),
    "performance": _l("Performance"),
    "delighter": _l("Delighter"),
}
# a checklist's score per Kano tag, named with how each is scored (see docs/method.md)
KANO_TAG_SCORES = {
    "basic": _l("Basic (fulfilment rate)"),
    "performance": _l("Performance (score)"),
    "delighter": _l("Delighter (rate)"),
    "": KANO_TAGS[""],
}
# the answer scale of both Kano questions (Berger et al. 1993), shown in the survey and the codebook
KANO_ANSWERS = {
    1: _l("I like it"),
    2: _l("I expect it"),
    3: _l("I am neutral"),
    4: _l("I can live with it"),
    5: _l("I dislike it"),
}
KANO_CATEGORIES = {
    "A": _l("Attractive (delighter)"),
    "O": _l("One-dimensional (performance)"),
    "M": _l("Must-be (basic)"),
    "I": _l("Indifferent"),
    "R": _l("Reverse"),
    "Q": _l("Questionable"),
}
KANO_CATEGORIES_SHORT = {
    "A": _l("Delighter"),
    "O": _l("Performance"),
    "M": _l("Basic"),
    "I": _l("Indifferent"),
    "R": _l("Reverse"),
    "Q": _l("Questionable"),
}
SCORECARD_PRIORITIES = {
    "fix_basic": _l("1 Fix: a basic feature is missing"),
    "improve": _l("2 Improve: a performance feature falls short"),
    "delight": _l("3 Chance to delight"),
    "now_expected": _l("4 Now expected: delivered everywhere, keep it up like a basic"),
    "keep": _l("5 Keep up"),
    "reconsider": _l("6 Reconsider: customers do not value it"),
    "unknown": _l("7 Not enough data"),
}
INSTRUMENT_KINDS = {"kano": _l("Kano questionnaire"), "checklist": _l("Mystery-shopper checklist")}
GROUPS = {
    "customer": _l("Customers"),
    "employee": _l("Employees"),
    "shopper": _l("Mystery shoppers"),
}
SURVEY_GROUPS = {code: GROUPS[code] for code in ("customer", "employee")}
"""Whom a survey link asks (shoppers answer checklists, not surveys)."""
RESULT_GROUPS = {**SURVEY_GROUPS, "all": _l("All respondents")}
"""Whose Kano answers a results page shows: customers first, all of them pooled last."""
ROLES = {
    "admin": _l("Administrator"),
    "consultant": _l("Consultant"),
    "viewer": _l("Client viewer (read-only)"),
    "shopper": _l("Mystery shopper"),
}
# statuses per kind of object: the same code ("open") may read differently on another object
STATUSES = {
    "wave": {"planned": _l("planned"), "open": _l("open"), "closed": _l("closed")},
    "assignment": {
        "assigned": _l("assigned"),
        "submitted": _l("submitted"),
        "in_review": _l("in review"),
        "approved": _l("approved"),
        "returned": _l("returned"),
    },
    "measure": {
        "planned": _l("Planned"),
        "in_progress": _l("In progress"),
        "live": _l("Live"),
        "dropped": _l("Dropped"),
    },
    "version": {"draft": _l("draft"), "published": _l("published")},
    "case": {
        "open": _l("open"),
        "in_progress": _l("in progress"),
        "resolved": _l("resolved"),
        "no_action": _l("no action"),
    },
}
RULE_KINDS = {
    "nps_detractor": _l("NPS detractor (0-6)"),
    "csat_at_most": _l("CSAT at or below a value"),
    "kano_dislike": _l('Kano feature: "I dislike it" when present'),
    "critical_failure": _l("Critical checklist item failed"),
    "shop_score_below": _l("Shop score below a threshold"),
    "drift": _l("Significant Kano drift"),
    "wave_drop": _l("Significant drop between waves"),
}
# the trend service names its series and tests in English; these are what readers see
TREND_NAMES = {
    "Touchpoint index": _l("Touchpoint index"),
    "Project index (weighted)": _l("Project index (weighted)"),
    "Checklist score": _l("Checklist score"),
    "Section": _l("Section"),
    "Kano tag": _l("Kano tag"),
    "CSAT (1-5)": _l("CSAT (1-5)"),
    "CES (1-7)": _l("CES (1-7)"),
    "NPS": _l("NPS"),
    "Contacts to resolution": _l("Contacts to resolution"),
    "Resolved at first contact": _l("Resolved at first contact (%)"),
    "composite index: no test": _l("composite index: no test"),
    "two-proportion z-test": _l("two-proportion z-test"),
    "two-proportion z-test on points (approximation)": _l(
        "two-proportion z-test on points (approximation)"
    ),
    "Welch's t-test": _l("Welch's t-test"),
    "z-test (multinomial SE)": _l("z-test (multinomial SE)"),
    "NPS z-test": _l("NPS z-test"),
}
CHECKLIST_LEVELS = {
    None: _l("Overall"),
    "section": TREND_NAMES["Section"],
    "kano": TREND_NAMES["Kano tag"],
}
"""What a row of checklist scores sums up: the whole checklist, a section or a Kano tag."""
MEASURE_CLUSTERS = {
    "operational": _l("Immediate operational action"),
    "it_support": _l("IT support (automation, chatbot)"),
    "process": _l("Process documentation and improvement"),
    "training": _l("Training and qualification"),
}

ENGAGEMENT_STEPS = {
    1: _l("Initiation"),
    2: _l("Preparation and kick-off"),
    3: _l("Touchpoints and customer requirements"),
    4: _l("Resources, processes, data and IT systems"),
    5: _l("Effectiveness analysis and baseline"),
    6: _l("Prioritisation and weighting"),
    7: _l("Measure development"),
    8: _l("Test-market trial"),
    9: _l("Integration into daily business"),
    10: _l("Success measurement"),
}
"""The ten steps of the touchpoint method (docs/method.md, "The engagement")."""
ENGAGEMENT_STEP_STATES = {
    "done": _l("done"),
    "started": _l("started"),
    "open": _l("not started"),
}
WORLDS = {
    "company": _l("Company world"),
    "customer": _l("Customer world"),
    "experience": _l("Experience world"),
    "perception": _l("Perception world"),
    "cause": _l("Cause world"),
    "measure": _l("Measure world"),
}
WORLD_QUESTIONS = {
    "company": _l("What is our own basic understanding?"),
    "customer": _l("How does the customer see the company?"),
    "experience": _l("What does the customer relationship look like?"),
    "perception": _l("What does the company perceive in the customer interaction?"),
    "cause": _l("What is the experience based on?"),
    "measure": _l("What can we concretely do?"),
}
PARTICIPANT_ROLES = {
    "employee": _l("Employee"),
    "customer": _l("Customer"),
    "partner": _l("Partner"),
}
CAUSE_STAGES = {"reason": _l("possible reason"), "cause": _l("cause")}


def _label(table: dict, code: str | None) -> str:
    return str(table.get(code or "", code or ""))


def channel_label(code: str | None) -> str:
    return _label(CHANNELS, code)


def phase_label(code: str | None) -> str:
    return _label(PHASES, code)


def item_type_label(code: str | None) -> str:
    return _label(ITEM_TYPES, code)


def kano_tag_label(code: str | None) -> str:
    return _label(KANO_TAGS, code)


def kano_category_label(code: str | None, short: bool = False) -> str:
    """Berger et al.'s names ("Must-be (basic)"), or ``short`` the consultants' ("Basic")."""
    return _label(KANO_CATEGORIES_SHORT if short else KANO_CATEGORIES, code)


def scorecard_priority_label(code: str | None) -> str:
    return _label(SCORECARD_PRIORITIES, code)


def instrument_kind_label(code: str | None) -> str:
    return _label(INSTRUMENT_KINDS, code)


def group_label(code: str | None) -> str:
    return _label(GROUPS, code)


def status_label(kind: str, code: str | None) -> str:
    """``status_label("wave", "open")``: ``kind`` is wave, assignment, measure or version."""
    return _label(STATUSES[kind], code)


def rule_kind_label(code: str | None) -> str:
    return _label(RULE_KINDS, code)


def case_finding(kind: str, summary: dict) -> str:
    """What opened a case, from the data stored with it, in the reader's language."""
    if "nps" in summary:
        return _("Recommendation %(value)s of 10", value=summary["nps"])
    if "csat" in summary:
        return _("Satisfaction %(value)s of 5", value=summary["csat"])
    if "disliked" in summary:
        return _("Disliked when present: %(keys)s", keys=", ".join(summary["disliked"]))
    if "critical_failures" in summary:
        return _("%(count)s critical item(s) failed", count=summary["critical_failures"])
    if "score" in summary:
        return _("Shop score %(value)s %%", value=summary["score"])
    if "feature" in summary:
        return _(
            "%(feature)s moved from %(before)s to %(after)s",
            feature=summary["feature"],
            before=kano_category_label(summary.get("before")),
            after=kano_category_label(summary.get("after")),
        )
    if "series" in summary:
        return _(
            "%(series)s fell from %(before)s to %(after)s",
            series=trend_label(summary["series"]),
            before=summary.get("before"),
            after=summary.get("after"),
        )
    return rule_kind_label(kind)


def cluster_label(code: str | None) -> str:
    return _label(MEASURE_CLUSTERS, code)


def world_label(code: str | None) -> str:
    return _label(WORLDS, code)


def world_question(code: str | None) -> str:
    return _label(WORLD_QUESTIONS, code)


def participant_role_label(code: str | None) -> str:
    return _label(PARTICIPANT_ROLES, code)


def cause_stage_label(code: str | None) -> str:
    return _label(CAUSE_STAGES, code)


def wave_name(sequence: int) -> str:
    """The name a new wave gets: the baseline ("Nullmessung") first, then numbered follow-ups."""
    return str(_l("Baseline")) if sequence == 0 else _("Follow-up %(num)s", num=sequence)


def reads_german() -> bool:
    """Whether the reader (the request, or the workbook under ``force_locale``) reads German."""
    return str(get_locale()) == "de"


def in_language(locale: str, english: str | None, german: str | None) -> str:
    """A consultant's text written in two languages, for a reader of ``locale``: the German
    text for German readers, else the English one; whichever was written when one is empty."""
    return (german if locale == "de" else english) or english or german or ""


def localized(obj: object, field: str = "name") -> str:
    """A consultant's text in the reader's language: ``name_de`` for German readers when
    written, else ``name`` (the text as first written, in whichever language)."""
    locale = "de" if reads_german() else "en"
    return in_language(locale, getattr(obj, field), getattr(obj, f"{field}_de", ""))


def kano_answer_scale() -> list[tuple[int, str]]:
    """The Kano answers as (code, wording) for the survey's radio buttons."""
    return [(code, str(label)) for code, label in KANO_ANSWERS.items()]


def kano_answer_codes() -> str:
    """ "1 I like it; 2 I expect it; ..." for the workbook's codebook."""
    return "; ".join(f"{code} {label}" for code, label in kano_answer_scale())


AUDIT_ACTIONS = {
    "login.succeeded": _l("Logged in"),
    "login.failed": _l("Log-in failed"),
    "user.created": _l("User created"),
    "user.locations": _l("Location access changed"),
    "instrument.published": _l("Instrument published"),
    "export.requested": _l("Export requested"),
    "export.downloaded": _l("Export downloaded"),
    "invitations.downloaded": _l("Personal links downloaded"),
    "person.exported": _l("Personal data exported (Art. 15)"),
    "person.erased": _l("Personal data erased (Art. 17)"),
    "api_token.created": _l("API token created"),
    "api_token.revoked": _l("API token revoked"),
    "webhook.created": _l("Webhook created"),
    "webhook.paused": _l("Webhook paused"),
    "webhook.resumed": _l("Webhook resumed"),
    "webhook.deleted": _l("Webhook deleted"),
    "webhook.secret_rotated": _l("Webhook secret rotated"),
}
WEBHOOK_EVENTS = {
    "response.stored": _l("Response stored"),
    "shop.approved": _l("Mystery shop approved"),
    "case.opened": _l("Follow-up case opened"),
    "case.closed": _l("Follow-up case closed"),
    "wave.opened": _l("Wave opened"),
    "wave.closed": _l("Wave closed"),
    "drift.detected": _l("Kano drift detected"),
}
WEBHOOK_PAUSE_REASONS = {
    "consultant": _l("Paused by a consultant."),
    "failing": _l("Paused automatically: the receiver failed too many deliveries in a row."),
}
WEBHOOK_DELIVERY_STATES = {
    "pending": _l("waiting"),
    "sending": _l("sending"),
    "delivered": _l("delivered"),
}


def webhook_event_label(code: str | None) -> str:
    return _label(WEBHOOK_EVENTS, code)


def webhook_pause_label(code: str | None) -> str:
    return _label(WEBHOOK_PAUSE_REASONS, code)


def webhook_delivery_label(code: str | None) -> str:
    return _label(WEBHOOK_DELIVERY_STATES, code)


def audit_action_label(code: str | None) -> str:
    return _label(AUDIT_ACTIONS, code)


def engagement_step_label(step: int) -> str:
    return str(ENGAGEMENT_STEPS.get(step, step))


def engagement_state_label(code: str | None) -> str:
    return _label(ENGAGEMENT_STEP_STATES, code)


def trend_label(name: str | None) -> str:
    """A trend series or test name; "Section: Arrival" and "Kano tag: basic" in parts."""
    prefix, sep, rest = (name or "").partition(": ")
    if sep and prefix in ("Section", "Kano tag"):
        detail = kano_tag_label(rest) if prefix == "Kano tag" else rest
        return f"{_label(TREND_NAMES, prefix)}: {detail}"
    return _label(TREND_NAMES, name)


TEMPLATE_FUNCTIONS = {
    function.__name__: function
    for function in (
        audit_action_label,
        webhook_event_label,
        webhook_pause_label,
        webhook_delivery_label,
        channel_label,
        phase_label,
        item_type_label,
        kano_tag_label,
        kano_category_label,
        scorecard_priority_label,
        instrument_kind_label,
        group_label,
        status_label,
        cluster_label,
        world_label,
        world_question,
        participant_role_label,
        cause_stage_label,
        trend_label,
        engagement_step_label,
        engagement_state_label,
        kano_answer_scale,
        rule_kind_label,
        case_finding,
        in_language,
    )
}
"""Registered as Jinja globals by :func:`surveyor.i18n.init_app`."""
