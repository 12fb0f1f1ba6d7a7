"""The wording of invitations and reminders, in the language of the one who reads them.

Messages are written by the scheduler, outside any request, so the language is chosen here and
not by the browser: a shopper's own setting, else the project's language (customers have no
account; the consultant sets the language their surveys and e-mails speak). The texts come
from the Babel catalogue like every other interface text, and so do the consultant's own names
in them: a German project's e-mail names the touchpoint by its ``name_de`` and the
questionnaire by its ``title_de`` where the consultant wrote them, never half in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from surveyor.labels import in_language
from surveyor.models import Instrument
from surveyor.services.instruments import instruments

Message = tuple[str, str]
"""(subject, body)."""


@dataclass(frozen=True)
class SurveyNames:
    """How an e-mail names the survey: the touchpoint and the questionnaire's title."""

    touchpoint: str
    title: str


def survey_names(lang: str, instrument: Instrument) -> SurveyNames:
    """The touchpoint and title in ``lang``; the text as first written where none is given."""
    touchpoint = instrument.touchpoint
    version = instruments.published_version(instrument) or instruments.newest_version(instrument)
    return SurveyNames(
        touchpoint=in_language(lang, touchpoint.name, touchpoint.name_de),
        title=in_language(lang, version.title_en, version.title_de),
    )


def invitation(lang: str, survey: SurveyNames, name: str | None, url: str) -> Message:
    with force_locale(lang):
        if survey.title:
            text = _(
                "we would like to hear how we did. The survey “%(title)s” takes about five "
                "minutes:",
                title=survey.title,
            )
        else:
            text = _("we would like to hear how we did. The survey takes about five minutes:")
        return (
            _("Your opinion on %(touchpoint)s", touchpoint=survey.touchpoint),
            _body(name, text, url),
        )


def survey_reminder(lang: str, survey: SurveyNames, name: str | None, url: str) -> Message:
    with force_locale(lang):
        if survey.title:
            text = _("the survey “%(title)s” is still open:", title=survey.title)
        else:
            text = _("the survey is still open:")
        return (
            _("Reminder: your opinion on %(touchpoint)s", touchpoint=survey.touchpoint),
            _body(name, text, url),
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


def _body(name: str | None, text: str, url: str) -> str:
    """Greeting, text and link; a list without names greets without an empty gap."""
    greeting = _("Hello %(name)s,", name=name) if name else _("Hello,")
    return f"{greeting}\n\n{text}\n{url}\n"
