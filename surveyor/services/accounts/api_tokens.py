"""Creating, checking and revoking personal API tokens.

A token is ``sv_`` plus 256 bits from :mod:`secrets` (a CSPRNG); only its SHA-256 is stored. A
fast hash is enough here, unlike for passwords: the secret has full entropy, so there is nothing
for a slow hash to protect against brute force.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from surveyor import permissions
from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import ApiToken, User
from surveyor.models.base import as_utc, utcnow
from surveyor.permissions import Action
from surveyor.services.errors import found
from surveyor.services.privacy import audit

TOKEN_PREFIX = "sv_"
TOKEN_BYTES = 32
DISPLAY_PREFIX_LENGTH = 10
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class TokenRefused(ValueError):
    """The user's role may not use the API (shoppers); the CLI and the workspace both ask here."""


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the secret is returned once and never stored."""
    if not permissions.allows(user.role, Action.USE_API):
        raise TokenRefused(f"A {user.role} account cannot have API tokens.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(
        user=user,
        name=name.strip()[:80],
        token_hash=hash_token(secret),
        prefix=secret[:DISPLAY_PREFIX_LENGTH],
    )
    db.session.add(token)
    audit.record("api_token.created", user, target=f"{token.prefix}… {token.name}")
    return token, secret


issue_token = committed(create_token)
"""The workspace's "create token": :func:`create_token`, saved at once."""


def user_for(secret: str) -> User | None:
    """The active user behind an unrevoked token, or None; records when it was last used.

    ``last_used_at`` is written at most once a minute, so busy integrations do not turn every
    read into a write.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = utcnow()
    last = as_utc(token.last_used_at)
    if last is None or now - last >= LAST_USED_RESOLUTION:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        db.session.commit()
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


@committed
def revoke(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; :class:`NotFound` when it is not theirs."""
    token = found(
        db.session.scalar(
            select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id)
        )
    )
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("api_token.revoked", user, target=f"{token.prefix}… {token.name}")
    return token
