"""Pseudonymous user references: a keyed hash, so logs never hold a raw channel id."""

from __future__ import annotations

import hashlib
import hmac


def user_ref(channel: str, raw_id: str | int, secret: str) -> str:
    """Stable per channel and user, irreversible without the secret."""
    digest = hmac.new(secret.encode(), f"{channel}:{raw_id}".encode(), hashlib.sha256)
    return f"{channel}:{digest.hexdigest()[:32]}"
