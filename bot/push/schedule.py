"""When a subscriber's tips are due: local time of day, frequency, and the time zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.push.models import PushSubscriber

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.：]?([0-5]\d)$")


class ScheduleError(ValueError):
    """A time of day or time zone that cannot be used."""


def parse_time(text: str) -> str:
    """'9:00', '0900', '21.30' -> 'HH:MM'; ScheduleError when it is not a time of day."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ScheduleError(f"not a time of day: {text!r} (use HH:MM, e.g. 09:00)")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def zone(name: str) -> ZoneInfo:
    """The named IANA time zone; ScheduleError when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"unknown time zone: {name!r}") from exc


def _runs_on(day: datetime, frequency: str, weekday: int) -> bool:
    if frequency == "weekdays":
        return day.weekday() < 5
    if frequency == "weekly":
        return day.weekday() == weekday
    return True


def latest_slot(
    *, send_time: str, timezone: str, frequency: str, weekday: int, at: datetime
) -> datetime:
    """The most recent scheduled moment at or before `at`, in UTC."""
    tz = zone(timezone)
    hour, minute = (int(x) for x in parse_time(send_time).split(":"))
    local = at.astimezone(tz)
    for back in range(8):
        day = (local - timedelta(days=back)).date()
        slot = datetime.combine(day, time(hour, minute), tzinfo=tz)
        if slot <= local and _runs_on(slot, frequency, weekday):
            return slot.astimezone(UTC)
    raise ScheduleError(f"no slot in the week before {at.isoformat()}")  # pragma: no cover


def due_slot(sub: PushSubscriber, at: datetime, *, catch_up: timedelta) -> datetime | None:
    """The slot to send now, or None: not yet due, already planned, or too late to send."""
    slot = latest_slot(
        send_time=sub.send_time,
        timezone=sub.timezone,
        frequency=sub.frequency,
        weekday=sub.weekday,
        at=at,
    )
    if at - slot > catch_up:
        return None  # the scheduler was down too long; the next slot will do
    if slot < sub.created_at:
        return None  # subscribed after today's time: start with the next one
    if sub.last_slot is not None and slot <= sub.last_slot:
        return None
    return slot
