"""Several turns' writes in one transaction (`save_turns`, `load_states`), on both backends."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.storage.batching import Batcher
from bot.storage.db import Database
from bot.storage.repository import (
    TurnWrite,
    add_consultation,
    consultation_values,
    consultations_for_user,
    get_consultation,
    load_state,
    load_states,
    save_state,
    save_turns,
)
from tests.storage.factories import CARD, PHONE, consultation_fields


def new_values(**overrides: Any) -> dict[str, Any]:
    """`consultation_values` of a plausible new consultation."""
    return consultation_values(**consultation_fields(**overrides))


def remember_id(state: dict[str, Any], calls: list[int] | None = None) -> Any:
    """An `on_new_id` like the service's: the state learns the new consultation's id."""

    def on_new_id(new_id: int) -> None:
        if calls is not None:
            calls.append(new_id)
        # Top-level keys: a state copied before the callback ran would not have them.
        state["consultation_id"] = new_id
        state["case"]["id"] = new_id  # again on a retry: the last id is the kept one

    return on_new_id


async def save(db: Database, writes: list[TurnWrite]) -> None:
    await db.run_sync(lambda conn: save_turns(conn, writes), write=True)


async def test_new_consultations_get_distinct_ids_in_order(db: Database) -> None:
    states = {ref: {"case": {"id": None, "text": ref}} for ref in ("u-1", "u-2", "u-3")}
    writes = [
        TurnWrite(
            ref,
            states[ref],
            new=new_values(user_ref=ref, text=f"第{n}个人的故事"),
            on_new_id=remember_id(states[ref]),
        )
        for n, ref in enumerate(states)
    ]
    # A turn with no new consultation in the middle must not shift the pairing.
    writes.insert(1, TurnWrite("u-plain", {"lang": "en"}))
    await save(db, writes)

    news = [w for w in writes if w.new is not None]
    ids = [w.new_id for w in news]
    assert all(isinstance(i, int) and i > 0 for i in ids)
    assert len(set(ids)) == 3 and ids == sorted(ids)
    assert writes[1].new_id is None
    for n, w in enumerate(news):
        assert w.new_id is not None
        row = await get_consultation(db, consultation_id=w.new_id)
        assert row is not None
        assert row.user_ref == w.user_ref and row.text == f"第{n}个人的故事"
        # The callback ran before the state was saved: the stored state knows the id.
        stored = await load_state(db, user_ref=w.user_ref)
        assert stored is not None
        assert stored["consultation_id"] == w.new_id
        assert stored["case"] == {"id": w.new_id, "text": w.user_ref}
    assert await load_state(db, user_ref="u-plain") == {"lang": "en"}


async def test_new_consultation_text_is_masked(db: Database) -> None:
    w = TurnWrite("u-m", {}, new=new_values(user_ref="u-m", text=f"电话{PHONE}卡号{CARD}"))
    await save(db, [w])
    [row] = await consultations_for_user(db, user_ref="u-m")
    assert row.id == w.new_id
    assert PHONE not in row.text and CARD not in row.text
    assert "5678" in row.text and "0004" in row.text


async def test_changes_with_different_columns_all_land(db: Database) -> None:
    added = [await add_consultation(db, **consultation_fields(user_ref=f"u-{n}")) for n in range(4)]
    a, b, c, d = (row.id for row in added)
    assert a is not None and b is not None and c is not None and d is not None

    first = TurnWrite("u-0", {"step": 1})
    first.change(a, status="closed", outcome="stopped")
    first.change(a, staff_notes=f"回拨 {PHONE}")  # merged into a's changes
    first.change(b, feedback="helpful")  # one turn may change two consultations
    second = TurnWrite("u-2", {"step": 2})
    second.change(c, feedback="not_helpful")  # same columns as b's: one executemany
    second.change(d, text=f"对方电话{PHONE}，卡号{CARD}", risk="low", amount_lost=5000.0)
    await save(db, [first, second])

    got = {row.id: await get_consultation(db, consultation_id=row.id) for row in added}
    ra, rb, rc, rd = (got[i] for i in (a, b, c, d))
    assert ra is not None and rb is not None and rc is not None and rd is not None
    assert (ra.status, ra.outcome, ra.feedback) == ("closed", "stopped", None)
    assert PHONE not in ra.staff_notes and "5678" in ra.staff_notes
    assert (rb.feedback, rb.status, rb.outcome) == ("helpful", "new", "unknown")
    assert (rc.feedback, rc.status) == ("not_helpful", "new")
    assert rd.risk == "low" and rd.amount_lost == 5000.0 and rd.feedback is None
    assert PHONE not in rd.text and CARD not in rd.text
    assert "5678" in rd.text and "0004" in rd.text and "对方电话" in rd.text
    # Columns nobody changed stay as they were.
    for row in (ra, rb, rc):
        assert row.text == added[0].text and row.risk == "high"
    for before in added:
        after = got[before.id]
        assert after is not None
        assert after.updated_at > before.updated_at
        assert after.created_at == before.created_at
        assert after.user_ref == before.user_ref


async def test_new_and_changed_consultations_in_one_call(db: Database) -> None:
    old = await add_consultation(db, **consultation_fields(user_ref="u-old"))
    assert old.id is not None
    state: dict[str, Any] = {"case": {"id": None}}
    fresh = TurnWrite(
        "u-new", state, new=new_values(user_ref="u-new"), on_new_id=remember_id(state)
    )
    follow = TurnWrite("u-old", {"case": {"id": old.id}})
    follow.change(old.id, urgent=True, status="needs_follow_up")
    await save(db, [follow, fresh])
    assert fresh.new_id is not None and fresh.new_id != old.id
    changed = await get_consultation(db, consultation_id=old.id)
    assert changed is not None and changed.urgent and changed.status == "needs_follow_up"
    assert (await load_state(db, user_ref="u-new")) == {
        "case": {"id": fresh.new_id},
        "consultation_id": fresh.new_id,
    }


async def test_state_none_leaves_the_stored_state_alone(db: Database) -> None:
    await save_state(db, user_ref="u-keep", data={"step": "asked"})
    keep = TurnWrite("u-keep", None, new=new_values(user_ref="u-keep"))
    ghost = TurnWrite("u-ghost", None)
    other = TurnWrite("u-other", {"step": "done"})
    await save(db, [keep, ghost, other])
    assert await load_state(db, user_ref="u-keep") == {"step": "asked"}
    assert await load_state(db, user_ref="u-ghost") is None
    assert await load_state(db, user_ref="u-other") == {"step": "done"}
    [row] = await consultations_for_user(db, user_ref="u-keep")
    assert row.id == keep.new_id


async def test_states_are_replaced_not_merged(db: Database) -> None:
    await save_state(db, user_ref="u-s", data={"old": True, "lang": "zh"})
    await save(db, [TurnWrite("u-s", {"lang": "en"})])
    assert await load_state(db, user_ref="u-s") == {"lang": "en"}


async def test_load_states_returns_only_users_with_a_state(db: Database) -> None:
    await save_state(db, user_ref="u-a", data={"n": 1})
    await save_state(db, user_ref="u-b", data={"n": 2, "case": {"id": 7}})
    await save_state(db, user_ref="u-not-asked", data={"n": 3})
    states, nothing, empty = await db.run_sync(
        lambda conn: tuple(
            load_states(conn, user_refs=refs)
            for refs in (["u-a", "u-missing", "u-b"], ["u-missing"], [])
        ),
        write=False,
    )
    assert states == {"u-a": {"n": 1}, "u-b": {"n": 2, "case": {"id": 7}}}
    assert nothing == {} and empty == {}


@pytest.mark.parametrize(
    "changes",
    [{"status": "done"}, {"outcome": "won"}, {"feedback": "meh"}, {"user_ref": "x"}],
)
async def test_invalid_change_raises_at_once(db: Database, changes: dict[str, Any]) -> None:
    added = await add_consultation(db, **consultation_fields())
    assert added.id is not None
    w = TurnWrite("u-test", {"step": 1})
    w.change(added.id, risk="medium")
    with pytest.raises(ValueError):
        w.change(added.id, **changes)  # raised by change(), before anything is saved
    assert w.changes == {added.id: {"risk": "medium"}}  # the valid change is kept
    await save(db, [w])
    got = await get_consultation(db, consultation_id=added.id)
    assert got is not None
    assert got.risk == "medium"
    assert (got.status, got.outcome, got.feedback) == ("new", "unknown", None)


async def test_a_failed_save_writes_nothing(db: Database) -> None:
    old = await add_consultation(db, **consultation_fields(user_ref="u-x"))
    assert old.id is not None
    good = TurnWrite("u-x", {"step": 1}, new=new_values(user_ref="u-x"))
    good.change(old.id, status="closed")
    bad = TurnWrite("u-bad", {"not json": object()})  # fails in the state upsert, last
    with pytest.raises(Exception):  # noqa: B017 - the driver's error type differs by backend
        await save(db, [good, bad])
    assert [r.id for r in await consultations_for_user(db, user_ref="u-x")] == [old.id]
    got = await get_consultation(db, consultation_id=old.id)
    assert got is not None and got.status == "new"
    assert await load_state(db, user_ref="u-x") is None


async def test_a_retried_round_calls_on_new_id_again_with_the_kept_id(db: Database) -> None:
    """The Batcher retries a failed round item by item, as the service's `_save` does.

    The first attempt's INSERT is rolled back, so its id is not the row's: `on_new_id`
    runs again on the retry, and the saved state must end up with the kept id.
    """

    async def run(writes: list[TurnWrite]) -> list[None]:
        await save(db, writes)
        return [None] * len(writes)

    batcher: Batcher[TurnWrite, None] = Batcher(run)
    # The bad turn comes first, so its INSERT takes the first id of the failed round.
    bad = TurnWrite("u-bad", {"not json": object()}, new=new_values(user_ref="u-bad"))
    state: dict[str, Any] = {"case": {"id": None}}
    calls: list[int] = []
    good = TurnWrite(
        "u-good", state, new=new_values(user_ref="u-good"), on_new_id=remember_id(state, calls)
    )
    async with asyncio.timeout(30):
        results = await asyncio.gather(batcher(bad), batcher(good), return_exceptions=True)
    assert isinstance(results[0], Exception) and results[1] is None
    assert await consultations_for_user(db, user_ref="u-bad") == []
    assert await load_state(db, user_ref="u-bad") is None
    [row] = await consultations_for_user(db, user_ref="u-good")
    assert good.new_id == row.id
    assert len(calls) == 2 and calls[-1] == row.id  # once per attempt, the kept id last
    stored = await load_state(db, user_ref="u-good")
    assert stored is not None
    assert stored["case"]["id"] == row.id and stored["consultation_id"] == row.id
