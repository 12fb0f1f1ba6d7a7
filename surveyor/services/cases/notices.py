"""The e-mails about a case, in the reader's language: their own setting, else the project's.

They name what happened and link to the case; the answers and any contact details stay behind
the log-in, since an e-mail may be forwarded or read on a shared device.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, format_date

from surveyor.labels import case_finding, localized
from surveyor.models import AlertRule, FollowUpCase, Project, User
from surveyor.models.base import as_utc
from surveyor.services.messaging import mail_texts


def case_url(case: FollowUpCase) -> str:
    """Links in e-mails written outside a request (the scheduler) use the configured host."""
    base = current_app.config.get("PUBLIC_URL") or "http://localhost:5000"
    return f"{base.rstrip('/')}/cases/{case.id}"


def opened(user: User, project: Project, rule: AlertRule, case: FollowUpCase) -> tuple[str, str]:
    lang = user.locale or project.language
    with force_locale(lang):
        finding = case_finding(case.kind, case.summary)
        name = localized(rule)
    return mail_texts.case_opened(lang, finding, name, _day(case, lang), case_url(case))


def overdue(user: User, project: Project, case: FollowUpCase) -> tuple[str, str]:
    lang = user.locale or project.language
    with force_locale(lang):
        finding = case_finding(case.kind, case.summary)
    return mail_texts.case_overdue(lang, finding, _day(case, lang), case_url(case))


def _day(case: FollowUpCase, lang: str) -> str:
    """The due day as the reader writes it (27.11.2026 in German, Nov 27, 2026 in English)."""
    with force_locale(lang):
        return format_date(as_utc(case.due_at).date(), "medium")
