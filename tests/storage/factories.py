"""Builders for test inputs: one valid consultation, changed only where a test cares."""

from __future__ import annotations

from typing import Any

PHONE = "13812345678"
CARD = "6222020200000000004"
ID_NUMBER = "11010119900307447X"


def consultation_fields(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for `add_consultation` describing a plausible high-risk case."""
    fields: dict[str, Any] = {
        "channel": "telegram",
        "user_ref": "u-test",
        "language": "zh",
        "text": "自称公安说我涉嫌洗钱，让我把钱转到安全账户",
        "category": "impersonation",
        "pattern": "fake_police_safe_account",
        "score": 0.92,
        "risk": "high",
        "urgent": False,
        "entities": {"phones": ["*******5678"], "amounts": [50000.0]},
        "status": "new",
    }
    fields.update(overrides)
    return fields
