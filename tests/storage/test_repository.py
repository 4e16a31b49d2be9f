"""The repository functions, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import func, select

from bot.storage.db import Database
from bot.storage.models import Consultation, ConversationState, utcnow
from bot.storage.repository import (
    add_consultation,
    consultations_for_user,
    consultations_since,
    delete_user_data,
    get_consultation,
    list_consultations,
    load_state,
    save_state,
    summary,
    update_consultation,
)
from tests.storage.factories import CARD, ID_NUMBER, PHONE, consultation_fields

ENTITIES = {
    "phones": ["*******5678"],
    "urls": ["http://安全账户.example/验证"],
    "amounts": [50000.0, 1.5],
    "nested": {"flag": True, "none": None},
}


async def test_add_and_get_round_trip(db: Database) -> None:
    before = utcnow()
    added = await add_consultation(db, **consultation_fields(entities=ENTITIES, urgent=True))
    assert added.id is not None
    got = await get_consultation(db, consultation_id=added.id)
    assert got is not None
    assert got.entities == ENTITIES
    assert got.urgent is True and got.score == pytest.approx(0.92)
    assert got.pattern == "fake_police_safe_account" and got.outcome == "unknown"
    assert got.staff_notes == "" and got.feedback is None and got.amount_lost is None
    for stamp in (got.created_at, got.updated_at):
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
        assert before - timedelta(seconds=1) <= stamp <= utcnow() + timedelta(seconds=1)
    assert abs(got.created_at - added.created_at) < timedelta(milliseconds=1)


async def test_get_missing_returns_none(db: Database) -> None:
    assert await get_consultation(db, consultation_id=999_999) is None


async def test_update_changes_fields_and_updated_at(db: Database) -> None:
    added = await add_consultation(db, **consultation_fields())
    assert added.id is not None
    updated = await update_consultation(
        db,
        consultation_id=added.id,
        status="closed",
        outcome="stopped",
        feedback="helpful",
        amount_at_risk=50000.0,
        entities={"amounts": [1.0]},
    )
    assert updated is not None and updated.updated_at >= added.updated_at
    got = await get_consultation(db, consultation_id=added.id)
    assert got is not None
    assert (got.status, got.outcome, got.feedback) == ("closed", "stopped", "helpful")
    assert got.amount_at_risk == 50000.0 and got.entities == {"amounts": [1.0]}
    assert got.created_at == added.created_at


async def test_update_missing_returns_none(db: Database) -> None:
    assert await update_consultation(db, consultation_id=424242, status="closed") is None


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "done"},
        {"outcome": "won"},
        {"feedback": "meh"},
        {"user_ref": "someone-else"},
        {"created_at": datetime(2020, 1, 1, tzinfo=UTC)},
        {"no_such_field": 1},
        {"staff_notes": None},
    ],
)
async def test_update_rejects_bad_values_and_fields(db: Database, changes: dict) -> None:
    added = await add_consultation(db, **consultation_fields())
    assert added.id is not None
    with pytest.raises(ValueError):
        await update_consultation(db, consultation_id=added.id, **changes)
    got = await get_consultation(db, consultation_id=added.id)
    assert got is not None and got.status == "new" and got.user_ref == "u-test"


@pytest.mark.parametrize("field", ["status", "outcome"])
async def test_add_rejects_invalid_status_and_outcome(db: Database, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        await add_consultation(db, **consultation_fields(**{field: "bogus"}))
    assert await list_consultations(db) == []


async def test_numbers_are_masked_in_text_and_staff_notes(db: Database) -> None:
    raw = f"他让我打 {PHONE}，把卡号 {CARD} 和身份证 {ID_NUMBER} 发过去"
    added = await add_consultation(db, **consultation_fields(text=raw))
    assert added.id is not None
    await update_consultation(db, consultation_id=added.id, staff_notes=f"回拨 {PHONE}, {CARD}")
    got = await get_consultation(db, consultation_id=added.id)
    assert got is not None
    for stored in (got.text, got.staff_notes):
        assert PHONE not in stored and CARD not in stored and ID_NUMBER not in stored
        assert "*" in stored
    assert "5678" in got.text and "0004" in got.text and "447X" in got.text
    assert "他让我打" in got.text
    assert "5678" in got.staff_notes and "0004" in got.staff_notes


async def test_list_newest_first_with_filters(db: Database) -> None:
    first = await add_consultation(db, **consultation_fields(category="investment"))
    second = await add_consultation(db, **consultation_fields(status="needs_follow_up"))
    third = await add_consultation(db, **consultation_fields(status="unmatched", category="none"))
    assert [c.id for c in await list_consultations(db)] == [third.id, second.id, first.id]
    assert [c.id for c in await list_consultations(db, limit=2)] == [third.id, second.id]
    follow_up = await list_consultations(db, status="needs_follow_up")
    assert [c.id for c in follow_up] == [second.id]
    assert [c.id for c in await list_consultations(db, category="investment")] == [first.id]
    # An aware time in another zone means the same instant.
    future = (utcnow() + timedelta(hours=1)).astimezone(timezone(timedelta(hours=8)))
    assert await list_consultations(db, since=future) == []
    past = utcnow() - timedelta(hours=1)
    assert len(await list_consultations(db, since=past)) == 3
    assert [c.id for c in await consultations_since(db, since=past)] == [
        first.id,
        second.id,
        third.id,
    ]


async def test_list_rejects_naive_since_and_unknown_status(db: Database) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await list_consultations(db, since=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="status"):
        await list_consultations(db, status="open")


async def test_delete_user_data_removes_only_that_user(db: Database) -> None:
    for user in ("u-a", "u-a", "u-b"):
        await add_consultation(db, **consultation_fields(user_ref=user))
    await save_state(db, user_ref="u-a", data={"step": "asked"})
    await save_state(db, user_ref="u-b", data={"step": "done"})

    assert await delete_user_data(db, user_ref="u-a") == 3
    assert await consultations_for_user(db, user_ref="u-a") == []
    assert await load_state(db, user_ref="u-a") is None
    assert [c.user_ref for c in await consultations_for_user(db, user_ref="u-b")] == ["u-b"]
    assert await load_state(db, user_ref="u-b") == {"step": "done"}
    assert await delete_user_data(db, user_ref="u-a") == 0


async def test_save_state_upserts(db: Database) -> None:
    assert await load_state(db, user_ref="u-s") is None
    await save_state(db, user_ref="u-s", data={"step": "asked", "texts": ["你好"]})
    assert await load_state(db, user_ref="u-s") == {"step": "asked", "texts": ["你好"]}
    await save_state(db, user_ref="u-s", data={"step": "done"})
    assert await load_state(db, user_ref="u-s") == {"step": "done"}
    async with db.session() as session:
        count = (await session.exec(select(func.count()).select_from(ConversationState))).one()
    assert count == 1


async def test_concurrent_saves_for_one_user_keep_one_row(db: Database) -> None:
    await asyncio.gather(*(save_state(db, user_ref="u-c", data={"n": n}) for n in range(30)))
    state = await load_state(db, user_ref="u-c")
    assert state is not None and state["n"] in range(30)


async def _insert_old(db: Database, days_ago: int) -> None:
    stamp = utcnow() - timedelta(days=days_ago)
    row = Consultation(
        **consultation_fields(outcome="stopped", amount_at_risk=1e6, amount_lost=1e6),
        created_at=stamp,
        updated_at=stamp,
    )
    async with db.session() as session:
        session.add(row)
        await session.commit()


async def test_summary_figures(db: Database) -> None:
    await _insert_old(db, days_ago=30)
    cases = [
        {"category": "impersonation", "risk": "high", "urgent": True, "outcome": "stopped",
         "amount_at_risk": 50000.0},
        {"category": "impersonation", "risk": "high", "status": "needs_follow_up",
         "outcome": "lost", "amount_at_risk": 9.0, "amount_lost": 3000.0},
        {"category": "investment", "risk": "medium", "outcome": "stopped",
         "amount_at_risk": 1200.5},
        {"category": "none", "risk": "low", "status": "unmatched", "pattern": None},
        {"category": "investment", "risk": "medium", "outcome": "stopped"},
    ]  # fmt: skip
    for case in cases:
        await add_consultation(db, **consultation_fields(**case))

    figures = await summary(db, since=utcnow() - timedelta(days=7))

    assert figures["total"] == 5
    assert figures["by_category"] == {"impersonation": 2, "investment": 2, "none": 1}
    assert figures["by_risk"] == {"high": 2, "medium": 2, "low": 1}
    assert figures["urgent"] == 1
    assert figures["needs_follow_up"] == 1
    assert figures["stopped"] == 3
    assert figures["money_saved"] == pytest.approx(51200.5)
    assert figures["amount_lost"] == pytest.approx(3000.0)


async def test_summary_of_nothing_is_zero(db: Database) -> None:
    figures = await summary(db, since=utcnow())
    assert figures["total"] == 0 and figures["by_category"] == {}
    assert figures["money_saved"] == 0.0 and figures["amount_lost"] == 0.0


async def _one_user_message(db: Database, n: int) -> None:
    user = f"u-{n:03d}"
    await add_consultation(db, **consultation_fields(user_ref=user, text=f"第{n}条 {PHONE}"))
    await save_state(db, user_ref=user, data={"step": "asked", "n": n})


async def test_100_concurrent_writers_lose_nothing(db: Database) -> None:
    await asyncio.gather(*(_one_user_message(db, n) for n in range(100)))

    rows = await list_consultations(db, limit=500)
    assert len(rows) == 100
    assert {r.user_ref for r in rows} == {f"u-{n:03d}" for n in range(100)}
    assert all(PHONE not in r.text for r in rows)
    async with db.session() as session:
        states = (await session.exec(select(func.count()).select_from(ConversationState))).one()
    assert states == 100
    assert await load_state(db, user_ref="u-042") == {"step": "asked", "n": 42}
