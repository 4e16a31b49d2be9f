"""Slots: the chosen local time, frequency and time zone, and when a slot counts as due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.push.models import PushSubscriber
from bot.push.schedule import ScheduleError, due_slot, latest_slot, parse_time

MONDAY_9_SHANGHAI = datetime(2025, 1, 6, 1, 0, tzinfo=UTC)  # 09:00 in Asia/Shanghai


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:00", "09:00"), ("0930", "09:30"), ("21.30", "21:30"), ("07：05", "07:05")],
)
def test_parse_time(text: str, expected: str) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9", "noon", "12:60"])
def test_parse_time_refuses_nonsense(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_time(text)


def slot(at: datetime, frequency: str = "daily", weekday: int = 0) -> datetime:
    return latest_slot(
        send_time="09:00", timezone="Asia/Shanghai", frequency=frequency, weekday=weekday, at=at
    )


def test_daily_slot_is_nine_in_shanghai() -> None:
    assert slot(MONDAY_9_SHANGHAI) == MONDAY_9_SHANGHAI
    just_before = MONDAY_9_SHANGHAI - timedelta(seconds=1)
    assert slot(just_before) == MONDAY_9_SHANGHAI - timedelta(days=1)


def test_weekdays_skip_the_weekend_and_weekly_keeps_its_day() -> None:
    assert slot(
        MONDAY_9_SHANGHAI - timedelta(minutes=1), "weekdays"
    ) == MONDAY_9_SHANGHAI - timedelta(days=3)
    assert slot(MONDAY_9_SHANGHAI + timedelta(days=3), "weekly", weekday=0) == MONDAY_9_SHANGHAI


def test_due_slot_respects_creation_last_slot_and_catch_up() -> None:
    sub = PushSubscriber(
        channel="t", chat_id="1", user_ref="r", created_at=MONDAY_9_SHANGHAI - timedelta(days=1)
    )
    window = timedelta(hours=6)
    assert due_slot(sub, MONDAY_9_SHANGHAI, catch_up=window) == MONDAY_9_SHANGHAI
    assert due_slot(sub, MONDAY_9_SHANGHAI + timedelta(hours=7), catch_up=window) is None
    sub.last_slot = MONDAY_9_SHANGHAI
    assert due_slot(sub, MONDAY_9_SHANGHAI + timedelta(hours=1), catch_up=window) is None
    late = PushSubscriber(
        channel="t", chat_id="2", user_ref="r", created_at=MONDAY_9_SHANGHAI + timedelta(minutes=5)
    )
    assert due_slot(late, MONDAY_9_SHANGHAI + timedelta(minutes=10), catch_up=window) is None
