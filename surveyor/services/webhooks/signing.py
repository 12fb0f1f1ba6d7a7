"""Signing a webhook body so that its receiver can trust it and refuse replays.

The header is ``Surveyor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`` where the HMAC is
computed with the subscription's secret over ``f"{t}.{body}"``: binding the timestamp into the
signature lets a receiver refuse a captured request replayed later (it checks that ``t`` is
recent, e.g. within five minutes), the scheme Stripe and Slack use. ``docs/webhooks.md`` shows
the receiver's side.

After a secret rotation the header carries one ``v1`` entry per valid secret, the new one first:
``t=<t>,v1=<under the new secret>,v1=<under the previous secret>`` (as Stripe does), so a
receiver still holding the previous secret and one already holding the new one both find a
signature they can check. A receiver accepts the request when any ``v1`` entry matches.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: str) -> str:
    message = f"{timestamp}.{body}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(secret: str, timestamp: int, body: str, previous: str | None = None) -> str:
    """``t=…,v1=…``, with a second ``v1`` under the ``previous`` secret during its grace."""
    entries = [f"v1={signature(key, timestamp, body)}" for key in (secret, previous) if key]
    return ",".join([f"t={timestamp}", *entries])


def verify(secret: str, header_value: str, body: str, now: int) -> bool:
    """What a receiver does: a signature over this body under its secret, a recent timestamp."""
    pairs = [part.split("=", 1) for part in header_value.split(",") if "=" in part]
    stamps = [value for key, value in pairs if key.strip() == "t"]
    try:
        timestamp = int(stamps[0]) if len(stamps) == 1 else None
    except ValueError:
        return False
    if timestamp is None or abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, timestamp, body)
    candidates = [value for key, value in pairs if key.strip() == "v1"]
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
