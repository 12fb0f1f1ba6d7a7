"""The wording of invitations and reminders, in the language of the one who reads them.

Messages are written by the scheduler, outside any request, so the language is chosen here and
not by the browser: a shopper's own setting, else the project's language (customers have no
account; the consultant sets the language their surveys and e-mails speak). The texts come
from the Babel catalogue like every other interface text.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import force_locale
from flask_babel import gettext as _

Message = tuple[str, str]
"""(subject, body)."""


def invitation(lang: str, touchpoint: str, name: str | None, url: str) -> Message:
    with force_locale(lang):
        return (
            _("Your opinion on %(touchpoint)s", touchpoint=touchpoint),
            _(
                "Hello %(name)s,\n\nwe would like to hear how we did. The survey takes about "
                "five minutes:\n%(url)s\n",
                name=name or "",
                url=url,
            ),
        )


def survey_reminder(lang: str, name: str | None, url: str) -> Message:
    with force_locale(lang):
        return (
            _("Reminder: we would still like your opinion"),
            _("Hello %(name)s,\n\nthe survey is still open:\n%(url)s\n", name=name or "", url=url),
        )


def shop_reminder(lang: str, wave: str, locations: Sequence[str]) -> Message:
    lines = "\n".join(f"- {name}" for name in locations)
    with force_locale(lang):
        return (
            _("Reminder: open shops in %(wave)s", wave=wave),
            _("Please complete these shops before the wave closes:\n%(shops)s\n", shops=lines),
        )


def case_opened(lang: str, finding: str, rule: str, due: str, url: str) -> Message:
    """To the recipients of a rule: what happened and where to act; no answers or contacts."""
    with force_locale(lang):
        return (
            _("New follow-up case: %(finding)s", finding=finding),
            _(
                'A new follow-up case was opened by the rule "%(rule)s":\n%(finding)s\n\n'
                "Please follow it up by %(due)s:\n%(url)s\n",
                rule=rule,
                finding=finding,
                due=due,
                url=url,
            ),
        )


def case_overdue(lang: str, finding: str, due: str, url: str) -> Message:
    with force_locale(lang):
        return (
            _("Overdue follow-up case: %(finding)s", finding=finding),
            _(
                "This follow-up case was due on %(due)s and is still open:\n%(finding)s\n%(url)s\n",
                finding=finding,
                due=due,
                url=url,
            ),
        )
