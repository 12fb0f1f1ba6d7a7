"""The demo's Kano answers, sent through the survey's use case (beyond a few hundred, inserted).

Every respondent is drawn by :mod:`surveyor.services.synthetic` (a category per feature from
the wave's intended mix, then an answer pair of that category) as the form fields they send,
and stored by :func:`~surveyor.services.surveys.submissions.take_kano`: checked as a submitted
form is, at the moment drawn for them, while the wave is still open. Only respondents beyond
:data:`SENT_AT_MOST` per wave and group (``--responses`` goes up to five million) are inserted
in bulk from the same draws; a checked answer costs about twenty bulk-inserted ones.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from surveyor.models import InstrumentVersion, Item
from surveyor.models.base import as_utc
from surveyor.services.surveys import submissions, surveys
from surveyor.services.synthetic import SampleSpec, draw_respondents, insert_respondents

SENT_AT_MOST = 250
"""Per wave and group: the default demo (400 answers) sends every one."""


def add_answers(
    version: InstrumentVersion, items: Sequence[Item], spec: SampleSpec, rng: random.Random
) -> int:
    """``spec.count`` answers to ``version`` in an open wave; returns how many were stored."""
    link = surveys.ensure_link(version.instrument, spec.wave, spec.group)
    target = surveys.SurveyTarget(link, None, version.id, version.published_at)
    left = SENT_AT_MOST
    stored = 0
    for batch in draw_respondents(items, spec, rng):
        sent, left = batch[:left], max(0, left - len(batch))
        for respondent in sent:
            moment = as_utc(respondent.submitted_at)
            submissions.take_kano(
                target, version.id, respondent.submission_id, respondent.fields, moment
            )
        stored += len(sent) + insert_respondents(version.id, items, spec, batch[len(sent) :])
    return stored
