"""Signing a webhook body so that its receiver can trust it and refuse replays.

The header is ``Surveyor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`` where the HMAC is
computed with the subscription's secret over ``f"{t}.{body}"``: binding the timestamp into the
signature lets a receiver refuse a captured request replayed later (it checks that ``t`` is
recent, e.g. within five minutes), the scheme Stripe and Slack use. ``docs/webhooks.md`` shows
the receiver's side.
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


def header(secret: str, timestamp: int, body: str) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header_value: str, body: str, now: int) -> bool:
    """What a receiver does: a known signature over this body, and a recent timestamp."""
    fields = dict(part.split("=", 1) for part in header_value.split(",") if "=" in part)
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, timestamp, body)
    return hmac.compare_digest(expected, fields.get("v1", ""))
