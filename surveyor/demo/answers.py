"""The demo's Kano answers: a share sent through the survey's use case, the bulk inserted.

Every respondent is drawn by :mod:`surveyor.services.synthetic` (a category per feature from
the wave's intended mix, then an answer pair of that category). The first tenth of each wave
and group (at most :data:`SENT_AT_MOST`) is then stored by
:func:`~surveyor.services.surveys.submissions.take_kano`, checked as a submitted form is, at the
moment it was drawn for, while the wave is still open; the rest is inserted in bulk. Sending
all of them would cost about as much again as the whole demo (see ``synthetic.py``), and
``--responses`` goes up to five million.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from surveyor.models import InstrumentVersion, Item
from surveyor.models.base import as_utc
from surveyor.services.surveys import submissions, surveys
from surveyor.services.synthetic import SampleSpec, draw_respondents, insert_respondents

SENT_SHARE = 0.1
SENT_AT_MOST = 200


def add_answers(
    version: InstrumentVersion, items: Sequence[Item], spec: SampleSpec, rng: random.Random
) -> int:
    """``spec.count`` answers to ``version`` in an open wave; returns how many were stored."""
    link = surveys.ensure_link(version.instrument, spec.wave, spec.group)
    target = surveys.SurveyTarget(link, None, version.id, version.published_at)
    left = min(SENT_AT_MOST, math.ceil(spec.count * SENT_SHARE))
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
