"""The rate limiter and the frame-ancestors setting, without a server."""

from __future__ import annotations

import pytest

from bot.web.middleware import frame_ancestors
from bot.web.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limiter_allows_per_minute_then_tells_how_long_to_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.hit("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    clock.now += 10
    assert limiter.hit("a") == pytest.approx(50.0)
    assert limiter.hit("b") == 0.0  # other clients are unaffected
    clock.now += 50
    assert limiter.hit("a") == 0.0


def test_limiter_memory_is_bounded() -> None:
    limiter = RateLimiter(1, clock=Clock(), max_clients=100)
    for i in range(1000):
        limiter.hit(f"client{i}")
    assert len(limiter._hits) == 100
    assert limiter.hit("client0") == 0.0  # forgotten, so allowed again


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("", "'none'"),
        ("   ", "'none'"),
        ("'self'", "'self'"),
        (
            "https://bank.example  https://m.bank.example:8443",
            "https://bank.example https://m.bank.example:8443",
        ),
        ("https://*.bank.example", "https://*.bank.example"),
    ],
)
def test_frame_ancestors(setting: str, expected: str) -> None:
    assert frame_ancestors(setting) == expected


@pytest.mark.parametrize(
    "setting", ["*", "bank.example", "https://a.example; script-src *", "'unsafe-inline'"]
)
def test_frame_ancestors_refuses_non_origins(setting: str) -> None:
    with pytest.raises(ValueError, match="WEB_FRAME_ANCESTORS"):
        frame_ancestors(setting)
