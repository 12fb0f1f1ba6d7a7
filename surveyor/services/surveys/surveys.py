"""Reaching a questionnaire: public links, single-use invitations, and token resolution.

Tokens are 192-bit values from :mod:`secrets` (a CSPRNG), far beyond the 128 bits needed to make
guessing hopeless; unknown tokens are still counted per network address and throttled.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Integer, bindparam, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import (
    AlertRule,
    Instrument,
    InstrumentVersion,
    Invitation,
    SurveyLink,
    TokenMiss,
    Wave,
    WebhookSubscription,
)
from surveyor.models.base import as_utc, utcnow
from surveyor.models.cases import RESPONSE_KINDS
from surveyor.services.instruments.spreadsheet_uploads import UnreadableSheet, csv_rows, xlsx_rows
from surveyor.services.locations import directory
from surveyor.services.locations.link_fields import NO_ORIGIN, Origin
from surveyor.services.messaging import addresses

TOKEN_BYTES = 24
MAX_RECIPIENTS = 10_000


class TokenUnknown(LookupError):
    """No link or invitation has this token."""


class TokenThrottled(Exception):
    """Too many unknown tokens from this address recently."""


class RecipientListInvalid(ValueError):
    """The uploaded recipient list cannot be used; ``errors`` locate each problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class SurveyTarget:
    """What a token opens: a link, and the invitation when the token was personal.

    ``version_id`` and ``published_at`` name the published version to show or to store against
    (None: nothing suitable is published), read in the same query as the link. Together they key
    the cached wording (surveyor/services/surveys/published_forms.py). ``origin`` holds the link's
    validated hidden fields (location, channel, reference).

    ``watched`` and ``subscribed`` say whether the project has active response rules (follow-up
    cases) and webhook subscriptions, also read in that query: most projects have neither, and
    then a submission skips both look-ups. A target built without knowing says True (look).
    """

    link: SurveyLink
    invitation: Invitation | None = None
    version_id: int | None = None
    published_at: datetime | None = None
    origin: Origin = NO_ORIGIN
    watched: bool = True
    subscribed: bool = True

    @property
    def location_id(self) -> int | None:
        """The link's location, else the one the recipient list gave the invitation."""
        if self.origin.location_id is not None:
            return self.origin.location_id
        return self.invitation.location_id if self.invitation is not None else None

    @property
    def wave(self) -> Wave:
        return self.link.wave


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def wave_is_open(wave: Wave, now: datetime | None = None) -> bool:
    """Open means status "open" and the field period not over (the scheduler may lag behind)."""
    now = now or utcnow()
    if wave.status != "open":
        return False
    opens, closes = as_utc(wave.opens_at), as_utc(wave.closes_at)
    return (opens is None or opens <= now) and (closes is None or now < closes)


def wave_is_over(wave: Wave, now: datetime | None = None) -> bool:
    """Closed, or its field period has ended: a new link to it could never take an answer.

    A planned wave is not over: consultants prepare its links before it opens.
    """
    closes = as_utc(wave.closes_at)
    return wave.status == "closed" or (closes is not None and closes <= (now or utcnow()))


class WaveOver(ValueError):
    """A new link was asked for a wave that no longer accepts answers."""


def new_link(
    instrument: Instrument, wave: Wave, group: str, many_per_device: bool | None = None
) -> SurveyLink:
    """A consultant's link: as :func:`ensure_link`, but refused when the wave is over and no
    link exists yet, so that nobody hands out a QR code that only ever says "closed"."""
    if not has_link(instrument, wave, group) and wave_is_over(wave):
        raise WaveOver(wave.label)
    return ensure_link(instrument, wave, group, many_per_device)


@committed
def create_link(
    instrument: Instrument, wave: Wave, group: str, many_per_device: bool, anonymous: bool
) -> SurveyLink:
    """The workspace's "new link" (:func:`new_link`, raises :class:`WaveOver`), saved at once."""
    link = new_link(instrument, wave, group, many_per_device=many_per_device)
    if anonymous:
        link.anonymous = True
    return link


def links_of(instrument: Instrument) -> list[SurveyLink]:
    query = (
        select(SurveyLink)
        .options(joinedload(SurveyLink.wave))
        .where(SurveyLink.instrument_id == instrument.id)
    )
    return list(db.session.scalars(query))


@committed
def set_device_mode(link: SurveyLink, many_per_device: bool) -> None:
    """One answer per device, or a counter tablet that takes many one after another."""
    link.many_per_device = many_per_device


def ensure_link(
    instrument: Instrument, wave: Wave, group: str, many_per_device: bool | None = None
) -> SurveyLink:
    """The public link for this instrument, wave and group, created once.

    ``many_per_device`` (None: leave as is) is the consultant's explicit choice of a counter
    tablet; a link made without that choice takes one answer per device.
    """
    query = _link_of(instrument, wave, group)
    link = db.session.scalar(query)
    if link is None:
        link = SurveyLink(
            token=new_token(), instrument=instrument, wave=wave, respondent_group=group
        )
        try:
            with db.session.begin_nested():
                db.session.add(link)
        except IntegrityError:
            link = db.session.scalar(query)
    if many_per_device is not None:
        link.many_per_device = many_per_device
    return link


def has_link(instrument: Instrument, wave: Wave, group: str) -> bool:
    """Whether the instrument already has its public link for this wave and group."""
    return db.session.scalar(_link_of(instrument, wave, group)) is not None


def _link_of(instrument: Instrument, wave: Wave, group: str):
    return select(SurveyLink).where(
        SurveyLink.instrument_id == instrument.id,
        SurveyLink.wave_id == wave.id,
        SurveyLink.respondent_group == group,
    )


@committed
def make_anonymous(link: SurveyLink) -> None:
    """One way only: respondents of an anonymous link were promised that, so it stays."""
    link.anonymous = True


def resolve(token: str, address: str | None, version_id: int | None = None) -> SurveyTarget:
    """Find what ``token`` opens, or record the miss and raise TokenUnknown / TokenThrottled.

    ``version_id``: the version a submitted form was rendered from; the target then carries it
    when it is published and belongs to the token's questionnaire. Without it, the target
    carries the newest published version.

    A throttled address is refused even a valid token, so that guessing cannot go on at full
    speed and tell hits from misses. To keep that check off the common path's round trips, the
    address's recent misses are counted in the same query that finds the link, together with
    the link's wave and the version.
    """
    window = timedelta(seconds=current_app.config["SURVEY_TOKEN_WINDOW_SECONDS"])
    params = {
        "token": token,
        "address": (address or "unknown")[:64],
        "since": utcnow() - window,
        "limit": current_app.config["SURVEY_TOKEN_MAX_MISSES"],
        "version_id": version_id,
    }
    if 16 <= len(token) <= 64:
        row = db.session.execute(_RESOLVE.link, params).first()
        if row is None:
            row = db.session.execute(_RESOLVE.invitation, params).first()
        if row is not None:
            found, recent_misses, found_version_id, published_at, watched, subscribed = row
            if recent_misses >= params["limit"]:
                raise TokenThrottled
            invitation = found if isinstance(found, Invitation) else None
            return SurveyTarget(
                found.link if invitation is not None else found,
                invitation,
                found_version_id,
                published_at,
                watched=bool(watched),
                subscribed=bool(subscribed),
            )
    if db.session.scalar(_RESOLVE.misses, params) >= params["limit"]:
        raise TokenThrottled
    _record_miss(params["address"])
    raise TokenUnknown(token)


class _ResolveStatements:
    """The statements of :func:`resolve`, built once (building a statement costs more CPU than
    running it on the survey's hot path) and filled in through bound parameters."""

    def __init__(self) -> None:
        recent = (
            select(TokenMiss.id)
            .where(
                TokenMiss.address == bindparam("address"),
                TokenMiss.missed_at >= bindparam("since"),
            )
            .limit(bindparam("limit"))
            .subquery()
        )
        # Counted only up to the limit: enough to decide, and bounded work however many
        # misses an attacker piles up.
        misses = select(func.count()).select_from(recent).scalar_subquery().label("misses")
        wanted = bindparam("version_id", type_=Integer)
        version_id, published_at = (
            select(column)
            .where(
                InstrumentVersion.instrument_id == SurveyLink.instrument_id,
                InstrumentVersion.status == "published",
                or_(wanted.is_(None), InstrumentVersion.id == wanted),
            )
            .order_by(InstrumentVersion.number.desc())
            .limit(1)
            .correlate(SurveyLink)
            .scalar_subquery()
            .label(name)
            for column, name in (
                (InstrumentVersion.id, "version_id"),
                (InstrumentVersion.published_at, "published_at"),
            )
        )
        watched = (
            exists()
            .where(
                AlertRule.project_id == Wave.project_id,
                AlertRule.active.is_(True),
                AlertRule.kind.in_(sorted(RESPONSE_KINDS)),
            )
            .correlate(Wave)
            .label("watched")
        )
        subscribed = (
            exists()
            .where(WebhookSubscription.project_id == Wave.project_id)
            .correlate(Wave)
            .label("subscribed")
        )
        self.misses = select(misses)
        self.link = (
            select(SurveyLink, misses, version_id, published_at, watched, subscribed)
            .join(SurveyLink.wave)
            .options(contains_eager(SurveyLink.wave))
            .where(SurveyLink.token == bindparam("token"))
        )
        self.invitation = (
            select(Invitation, misses, version_id, published_at, watched, subscribed)
            .join(Invitation.link)
            .join(SurveyLink.wave)
            .options(contains_eager(Invitation.link).contains_eager(SurveyLink.wave))
            .where(Invitation.token == bindparam("token"))
        )


_RESOLVE = _ResolveStatements()


@dataclass(frozen=True)
class Recipient:
    """One person to invite: the address, the name to greet, and the branch to count for."""

    email: str
    name: str = ""
    location_id: int | None = None


def add_invitations(link: SurveyLink, recipients: list[tuple[str, ...]]) -> list[Invitation]:
    """Invitations for ``(email, name)`` or ``(email, name, location code)`` rows.

    Every location code must name an own branch of the link's project; otherwise nothing is
    added and RecipientListInvalid names the codes, since an answer counted for no location or
    another client's would be lost for the ranking. Addresses are invited once per link
    (:func:`invite_recipients`).
    """
    codes = [row[2] for row in recipients if len(row) > 2 and row[2]]
    known = directory.ids_by_code(link.wave.project_id, codes)
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise RecipientListInvalid(
            [
                _("The location code %(code)s is not a location of this project.", code=code[:40])
                for code in unknown
            ][:50]
        )
    return invite_recipients(
        link,
        [
            Recipient(row[0], row[1], known.get(row[2]) if len(row) > 2 else None)
            for row in recipients
        ],
    )


def invite_recipients(link: SurveyLink, recipients: list[Recipient]) -> list[Invitation]:
    """New invitations on ``link``, one per address whatever its capitals; returns the new ones.

    An address the link has invited already, or one listed twice, is skipped: a second token
    would let one customer answer twice, and a second e-mail annoys. The address is kept as
    given (lower-cased by the callers' lists).
    """
    invited = set()
    if link.id is not None:
        invited = set(
            db.session.scalars(
                select(addresses.folded(Invitation.email)).where(Invitation.link_id == link.id)
            )
        )
    invitations = []
    for recipient in recipients:
        address = addresses.normalise(recipient.email)
        if address in invited:
            continue
        invited.add(address)
        invitations.append(
            Invitation(
                link=link,
                token=new_token(),
                email=recipient.email.strip(),
                name=recipient.name,
                location_id=recipient.location_id,
            )
        )
    db.session.add_all(invitations)
    return invitations


def invitations_for(link: SurveyLink, emails: list[str]) -> list[Invitation]:
    """The link's invitation of each address in ``emails`` (any capitals), in that order."""
    wanted = [addresses.normalise(email) for email in emails]
    found = {
        addresses.normalise(invitation.email): invitation
        for invitation in db.session.scalars(
            select(Invitation)
            .where(
                Invitation.link_id == link.id,
                addresses.folded(Invitation.email).in_(wanted),
            )
            .order_by(Invitation.id.desc())
        )
    }
    return [found[email] for email in wanted if email in found]


@committed
def invite(link: SurveyLink, recipients: list[tuple[str, ...]]) -> list[Invitation]:
    """Personal invitations for ``recipients`` (:func:`add_invitations`), saved at once."""
    return add_invitations(link, recipients)


def read_recipients(filename: str, content: bytes) -> list[tuple[str, str, str]]:
    """Parse a CSV or Excel list with an ``email`` column (optionally ``name``, ``location``).

    ``location`` holds a location code; :func:`add_invitations` checks it against the project.
    """
    try:
        if filename.lower().endswith(".xlsx"):
            rows = xlsx_rows(content, max_rows=MAX_RECIPIENTS + 2)
        elif filename.lower().endswith((".csv", ".txt")):
            rows = csv_rows(content)
        else:
            raise RecipientListInvalid([_("Upload a .csv or .xlsx file.")])
    except UnreadableSheet as unreadable:
        raise RecipientListInvalid([_(unreadable.message)]) from None
    return _recipients_from_rows(rows)


def _recipients_from_rows(rows: list[list[str]]) -> list[tuple[str, str, str]]:
    if not rows:
        raise RecipientListInvalid([_("The file is empty.")])
    header = [cell.strip().lower() for cell in rows[0]]
    if "email" not in header and "e-mail" not in header:
        raise RecipientListInvalid([_("Row 1 needs a column headed 'email'.")])
    email_column = header.index("email") if "email" in header else header.index("e-mail")
    name_column = header.index("name") if "name" in header else None
    location_column = header.index("location") if "location" in header else None
    recipients, errors, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        email = addresses.normalise(row[email_column]) if email_column < len(row) else ""
        name = (
            row[name_column].strip() if name_column is not None and name_column < len(row) else ""
        )
        if not email and not name:
            continue
        if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
            errors.append(
                _(
                    "Row %(number)s: '%(email)s' is not an e-mail address.",
                    number=number,
                    email=email[:80],
                )
            )
        elif email in seen:
            errors.append(_("Row %(number)s: %(email)s appears twice.", number=number, email=email))
        else:
            seen.add(email)
            recipients.append((email, name[:120], _cell(row, location_column)[:40]))
    if len(recipients) > MAX_RECIPIENTS:
        errors.append(_("At most %(num)s recipients per upload.", num=MAX_RECIPIENTS))
    if errors:
        raise RecipientListInvalid(errors[:50])
    if not recipients:
        raise RecipientListInvalid([_("The file lists no recipients.")])
    return recipients


def _cell(row: list[str], column: int | None) -> str:
    return row[column].strip() if column is not None and column < len(row) else ""


def _record_miss(address: str) -> None:
    """Written in a transaction of its own, so a read-only request can record it safely."""
    db.session.rollback()
    db.session.add(TokenMiss(address=address))
    db.session.commit()
