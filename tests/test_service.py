"""Every conversation state, driven through the service with a real database."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy.engine import Connection

from bot.core import messages as m
from bot.core.messages import Inbound, Reply
from bot.core.service import ConsultationService, LiveContent
from bot.settings import Settings
from bot.storage import repository as repo
from bot.storage.db import Database

POLICE = "有个自称检察院的人说我的卡涉嫌洗钱，要我把存款转到监管账户"
BOSS = (
    "my boss added me on wechat with a new account and wants me to transfer 50000 to a supplier now"
)


class Clock:
    """A hand-moved clock, so the follow-up window is tested without sleeping."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(db: Database, live_content: LiveContent, clock: Clock) -> ConsultationService:
    settings = Settings(_env_file=None, org_name_zh="示例银行", org_hotline="95500")  # type: ignore[call-arg]
    return ConsultationService(settings=settings, db=db, content=live_content, clock=clock)


def say(text: str = "", user: str = "web:u1", action: str | None = None) -> Inbound:
    return Inbound(channel="test", user_ref=user, text=text, action=action)


def actions(reply: Reply) -> list[str]:
    return [b.action for b in reply.buttons]


async def rows(service: ConsultationService, user: str = "web:u1") -> list[repo.Consultation]:
    return await repo.consultations_for_user(service.db, user_ref=user)


async def test_description_gets_assessment_and_question(service: ConsultationService) -> None:
    reply = await service.handle(say(POLICE))
    assert reply.kind == "assessment"
    assert "诈骗" in reply.text() and "110" in reply.text()
    assert "已经转了钱" in reply.text()
    assert actions(reply)[:2] == [m.PAID, "not_paid"]
    assert {m.HELPFUL, m.NOT_HELPFUL, m.STAFF} <= set(actions(reply))
    [row] = await rows(service)
    assert row.category == "impersonate_police" and row.risk == "high"
    assert row.status == "needs_follow_up" and row.channel == "test"
    for fmt in ("plain", "telegram", "web"):
        assert len(reply.texts[fmt]) <= 700  # 600 visible characters plus markup


async def test_yes_in_own_words_leads_to_urgent(service: ConsultationService) -> None:
    await service.handle(say(POLICE))
    reply = await service.handle(say("是的,已经转了五千"))
    assert reply.kind == "urgent"
    assert "110" in reply.text() and "95500" in reply.text() and "5,000" in reply.text()
    [row] = await rows(service)
    assert row.urgent and row.outcome == "lost" and row.amount_lost == 5000
    assert row.status == "needs_follow_up"


async def test_paid_button_and_not_yet(service: ConsultationService) -> None:
    await service.handle(say(POLICE))
    assert (await service.handle(say(action=m.PAID))).kind == "urgent"
    await service.handle(say(BOSS, user="web:u2"))
    reply = await service.handle(say("还没有", user="web:u2"))
    assert reply.kind == "not_paid"
    [row] = await rows(service, "web:u2")
    assert row.outcome == "stopped" and row.amount_at_risk == 50000 and not row.urgent


async def test_not_my_situation_shows_next_match(service: ConsultationService) -> None:
    first = await service.handle(say(POLICE))
    [row] = await rows(service)
    before = row.pattern
    nxt = await service.handle(say(action=m.NOT_MINE))
    [row] = await rows(service)
    assert nxt.kind in {"assessment", "no_match"}
    assert row.pattern != before
    assert first.text() != nxt.text()
    for _ in range(10):  # bounded: the list of matches runs out
        nxt = await service.handle(say(action=m.NOT_MINE))
    assert nxt.kind == "no_match"
    [row] = await rows(service)
    assert row.category == "none" and row.status == "unmatched"


async def test_feedback_and_staff(service: ConsultationService) -> None:
    await service.handle(say(POLICE))
    assert (await service.handle(say(action=m.HELPFUL))).kind == "feedback"
    reply = await service.handle(say(action=m.STAFF))
    assert reply.kind == "staff_request" and reply.extra["staff_alert"] is True
    [row] = await rows(service)
    assert row.feedback == "helpful" and "call back" in row.staff_notes
    assert str(row.id) in reply.text()


async def test_no_match_is_unmatched_and_invents_nothing(service: ConsultationService) -> None:
    reply = await service.handle(say("今天天气不错，我想去公园散步"))
    assert reply.kind == "no_match"
    [row] = await rows(service)
    assert row.category == "none" and row.pattern is None and row.status == "unmatched"


@pytest.mark.parametrize("text", ["hi", "你好", "谢谢", "thanks!"])
async def test_greetings_and_thanks_make_no_case(service: ConsultationService, text: str) -> None:
    reply = await service.handle(say(text))
    assert reply.kind in {"greeting", "thanks"}
    assert await rows(service) == []


async def test_follow_up_within_window_is_judged_together(
    service: ConsultationService, clock: Clock
) -> None:
    await service.handle(say("有人打电话说是公安局的"))
    clock.now += 30
    await service.handle(say("【通知】您涉嫌洗钱案，请将资金转入安全账户配合核查 http://a-b.top/x"))
    [row] = await rows(service)
    assert row.category == "impersonate_police" and row.risk == "high"
    assert "公安局" in row.text and "安全账户" in row.text
    clock.now += 10_000
    await service.handle(say("股票群里的老师天天推荐牛股，让我下一个app跟着买"))
    assert len(await rows(service)) == 2


async def test_language_follows_person_and_override(service: ConsultationService) -> None:
    en = await service.handle(say(BOSS))
    assert en.language == "en" and "scam" in en.text()
    trad = await service.handle(say("對方說是法院的，要我把錢轉去安全帳戶", user="web:t"))
    assert trad.language == "zh-hant" and "詐騙" in trad.text()
    await service.handle(say(action="lang:en", user="web:t"))
    again = await service.handle(say("对方说是法院的，要我把钱转去安全账户", user="web:t"))
    assert again.language == "en"


async def test_elderly_mode_is_shorter(service: ConsultationService) -> None:
    normal = await service.handle(say(POLICE, user="web:a"))
    await service.handle(say(action=m.ELDERLY_ON, user="web:b"))
    short = await service.handle(say(POLICE, user="web:b"))
    assert len(short.text()) < len(normal.text())
    assert "96110" in short.text()


async def test_my_data_and_forget_me(service: ConsultationService) -> None:
    await service.handle(say("对方电话13812345678让我转账到6222020200000000004"))
    data = await service.handle(say(action=m.MY_DATA))
    assert "13812345678" not in data.text() and "5678" in data.text()
    ask = await service.handle(say(action=m.FORGET))
    assert actions(ask) == [m.FORGET_CONFIRM] and await rows(service)
    done = await service.handle(say(action=m.FORGET_CONFIRM))
    assert done.kind == "forgotten" and await rows(service) == []
    assert await repo.load_state(service.db, user_ref="web:u1") is None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "字" * 100_000, "\x00\x01\x1b[31m", "<script>alert(1)</script>", "{{ 7*7 }}"],
)
async def test_bad_input_gets_clear_reply_and_a_row(
    service: ConsultationService, text: str
) -> None:
    reply = await service.handle(say(text))
    assert reply.text().strip()
    assert "49" not in reply.text()  # never evaluated as a template
    assert "<script>" not in reply.texts["web"] and "<script>" not in reply.texts["telegram"]
    assert len(await rows(service)) == 1


async def test_numbers_are_masked_in_stored_rows(service: ConsultationService) -> None:
    await service.handle(
        say("客服电话13812345678，让我把卡号6222020200000000004和身份证11010119900307447X发给他")
    )
    [row] = await rows(service)
    for raw in ("13812345678", "6222020200000000004", "11010119900307447X"):
        assert raw not in row.text and raw not in str(row.entities)
    assert "5678" in row.text and "447X" in row.text


async def test_state_survives_a_restart(
    service: ConsultationService, db: Database, live_content: LiveContent, clock: Clock
) -> None:
    await service.handle(say(POLICE))
    restarted = ConsultationService(
        settings=service.settings, db=db, content=live_content, clock=clock
    )
    reply = await restarted.handle(say("是的"))
    assert reply.kind == "urgent"


async def test_hundred_users_at_once_lose_nothing(service: ConsultationService) -> None:
    users = [f"web:user{i}" for i in range(100)]
    replies = await asyncio.gather(*(service.handle(say(POLICE, user=u)) for u in users))
    assert all(r.kind == "assessment" for r in replies)
    listed = await repo.list_consultations(service.db, limit=500)
    assert len(listed) == 100 and len({r.user_ref for r in listed}) == 100


def test_templates_render_for_every_pattern_language_and_format(live_content: LiveContent) -> None:
    base = {"short": False, "org_name": "X", "org_hotline": "95500", "max_chars": 4000}
    for pattern in live_content.library.patterns:
        for lang in ("zh", "zh-hant", "en"):
            key = "en" if lang == "en" else "zh"
            ctx = {
                **base,
                "title": getattr(pattern.title, key),
                "risk": pattern.default_risk,
                "steps": getattr(pattern.what_to_do, key),
                "flags": [getattr(f, key) for f in pattern.red_flags[:2]],
                "ask_paid": True,
                "truncated": False,
            }
            texts = live_content.renderer.render("assessment", lang, ctx)
            assert set(texts) == {"plain", "telegram", "web"}
            if len(texts["plain"]) > 600:  # the service falls back to the short form
                texts = live_content.renderer.render("assessment", lang, {**ctx, "short": True})
            assert len(texts["plain"]) <= 600, (pattern.id, lang, len(texts["plain"]))
            texts = live_content.renderer.render("urgent", lang, {**ctx, "amount": "5,000"})
            assert "110" in texts["plain"]


def test_missing_template_variable_fails_loudly(live_content: LiveContent, tmp_path: Path) -> None:
    from bot.core.render import TemplateProblem

    texts = live_content.renderer.render("assessment", "zh", {"short": False})
    with pytest.raises(TemplateProblem):  # each format renders when it is first read
        texts["plain"]


# --- group commit, follow-ups that continue a case, /forget under load -----------------

MEDIUM_POLICE = "有人打电话说是公安局的，说我涉嫌洗钱"
STOCK_APP = "股票群里的老师天天推荐牛股，让我下一个app跟着买"
LIMIT_SECONDS = 60  # every concurrent test is bounded; a lost wake-up fails, never hangs


async def test_thirty_people_at_once_each_get_their_own_row(service: ConsultationService) -> None:
    users = [f"web:p{i:02d}" for i in range(30)]
    async with asyncio.timeout(LIMIT_SECONDS):
        replies = await asyncio.gather(*(service.handle(say(POLICE, user=u)) for u in users))
    ids = [r.consultation_id for r in replies]
    assert len(set(ids)) == 30 and None not in ids
    for user, reply in zip(users, replies, strict=True):
        [row] = await rows(service, user)
        assert row.user_ref == user and reply.consultation_id == row.id
        assert row.category == "impersonate_police"
        # The saved state points at the same row, so follow-ups change the right one.
        state = await repo.load_state(service.db, user_ref=user)
        assert state is not None and state["case"]["id"] == row.id
    assert 1 <= service._save.rounds < 30  # the writes were grouped
    assert 1 <= service._load.rounds < 30  # and so were the reads


async def test_follow_up_demand_raises_the_same_row_to_high(
    service: ConsultationService, clock: Clock
) -> None:
    first = await service.handle(say(MEDIUM_POLICE))
    [row] = await rows(service)
    assert (row.category, row.risk, row.status) == ("impersonate_police", "medium", "new")
    before = (row.id, row.pattern, row.updated_at)
    clock.now += 30
    reply = await service.handle(say("他让我把钱转到安全账户"))
    [row] = await rows(service)
    assert row.id == before[0] == first.consultation_id == reply.consultation_id
    assert row.category == "impersonate_police" and row.pattern == before[1]
    assert row.risk == "high" and row.status == "needs_follow_up" and not row.urgent
    assert "公安局" in row.text and "安全账户" in row.text  # the whole story is kept
    assert row.updated_at > before[2]
    assert reply.kind == "assessment" and reply.extra["risk"] == "high"
    assert actions(reply)[:2] == [m.PAID, "not_paid"]


async def test_follow_up_never_lowers_the_risk(service: ConsultationService, clock: Clock) -> None:
    await service.handle(say(POLICE))
    clock.now += 30
    reply = await service.handle(say("他还说不要告诉家人"))
    [row] = await rows(service)
    assert row.category == "impersonate_police" and row.risk == "high"
    assert reply.consultation_id == row.id


async def test_follow_up_payment_makes_the_high_risk_row_urgent(
    service: ConsultationService, clock: Clock
) -> None:
    first = await service.handle(say(POLICE))
    clock.now += 30
    reply = await service.handle(say("我已经转了5000"))
    assert reply.kind == "urgent" and "5,000" in reply.text()
    [row] = await rows(service)
    assert row.id == first.consultation_id == reply.consultation_id
    assert row.urgent and row.amount_lost == 5000 and row.outcome == "lost"
    assert row.category == "impersonate_police" and row.status == "needs_follow_up"


@pytest.mark.parametrize("start", [MEDIUM_POLICE, POLICE])
async def test_follow_up_about_another_scam_starts_a_new_row(
    service: ConsultationService, clock: Clock, start: str
) -> None:
    first = await service.handle(say(start))
    clock.now += 30  # well inside the follow-up window
    reply = await service.handle(say(STOCK_APP))
    old, new = await rows(service)
    assert old.id == first.consultation_id and new.id == reply.consultation_id
    assert old.category == "impersonate_police" and "股票" not in old.text
    assert new.category == "fake_investment" and "公安" not in new.text
    state = await repo.load_state(service.db, user_ref="web:u1")
    assert state is not None and state["case"]["id"] == new.id


@pytest.mark.parametrize("follow_up", ["我已经转了5000", "然后他就挂了电话"])
async def test_vague_follow_up_to_a_medium_case_continues_it(
    service: ConsultationService, clock: Clock, follow_up: str
) -> None:
    first = await service.handle(say(MEDIUM_POLICE))
    clock.now += 30
    reply = await service.handle(say(follow_up))
    logged = await rows(service)
    # On its own the message weakly "matches" another scam; it must not split the case.
    assert [(r.id, r.category) for r in logged] == [(first.consultation_id, "impersonate_police")]
    [row] = logged
    assert row.id == first.consultation_id == reply.consultation_id
    if "5000" in follow_up:  # money already gone: the police case itself turns urgent
        assert reply.kind == "urgent"
        assert row.urgent and row.amount_lost == 5000 and row.outcome == "lost"
    else:
        assert not row.urgent and row.risk == "medium"


async def test_forget_right_after_a_consultation_among_concurrent_turns(
    service: ConsultationService,
) -> None:
    others = [f"web:o{i:02d}" for i in range(20)]
    async with asyncio.timeout(LIMIT_SECONDS):
        replies = await asyncio.gather(
            service.handle(say(POLICE)),
            *(service.handle(say(POLICE, user=u)) for u in others[:10]),
            service.handle(say(action=m.FORGET_CONFIRM)),  # waits for web:u1's first turn
            *(service.handle(say(BOSS, user=u)) for u in others[10:]),
        )
    assert replies[0].kind == "assessment" and replies[11].kind == "forgotten"
    assert await rows(service) == []
    assert await repo.load_state(service.db, user_ref="web:u1") is None
    for user in others:
        [row] = await rows(service, user)
        assert await repo.load_state(service.db, user_ref=user) is not None
    assert service._save.rounds < len(replies)  # the forget really shared the load


async def test_forget_while_another_round_is_being_saved(service: ConsultationService) -> None:
    await service.handle(say(POLICE))
    assert len(await rows(service)) == 1
    others = [f"web:o{i:02d}" for i in range(10)]
    entered, release = asyncio.Event(), asyncio.Event()
    original = service._save._run

    async def held(writes: list[repo.TurnWrite]) -> list[None]:
        entered.set()
        await release.wait()
        return await original(writes)

    service._save._run = held  # type: ignore[method-assign]
    async with asyncio.timeout(LIMIT_SECONDS):
        busy = [asyncio.create_task(service.handle(say(POLICE, user=u))) for u in others]
        await entered.wait()  # the other people's round is in flight
        forget = asyncio.create_task(service.handle(say(action=m.FORGET_CONFIRM)))
        for _ in range(500):  # bounded: until the forget's own write is queued
            if any(w.user_ref == "web:u1" for w, _ in service._save._queue):
                break
            await asyncio.sleep(0.01)
        else:
            pytest.fail("the forget turn never reached the save queue")
        assert await rows(service) == []  # erased already, while the round waits
        release.set()
        done = await forget
        await asyncio.gather(*busy)
    assert done.kind == "forgotten"
    assert await rows(service) == []
    assert await repo.load_state(service.db, user_ref="web:u1") is None
    for user in others:
        assert len(await rows(service, user)) == 1


async def test_a_failed_save_fails_only_that_turn(service: ConsultationService) -> None:
    """One turn whose write cannot be saved does not take other people's turns with it."""
    original = service._save._run

    async def picky(writes: list[repo.TurnWrite]) -> list[None]:
        if any(w.user_ref == "web:bad" for w in writes):
            raise RuntimeError("disk full for web:bad")
        return await original(writes)

    service._save._run = picky  # type: ignore[method-assign]
    users = ["web:bad", *(f"web:g{i}" for i in range(9))]
    async with asyncio.timeout(LIMIT_SECONDS):
        replies = await asyncio.gather(
            *(service.handle(say(POLICE, user=u)) for u in users), return_exceptions=True
        )
    assert isinstance(replies[0], RuntimeError)
    assert await rows(service, "web:bad") == []
    for user, reply in zip(users[1:], replies[1:], strict=True):
        assert not isinstance(reply, BaseException)
        [row] = await rows(service, user)
        assert reply.consultation_id == row.id
        state = await repo.load_state(service.db, user_ref=user)
        assert state is not None and state["case"]["id"] == row.id


async def test_after_a_retried_round_states_point_at_their_own_rows(
    service: ConsultationService,
) -> None:
    """A round that fails late (after the INSERT, e.g. at commit) and is then retried."""

    async def fails_late(writes: list[repo.TurnWrite]) -> list[None]:
        def work(conn: Connection) -> None:
            repo.save_turns(conn, writes)
            if any(w.user_ref == "web:bad" for w in writes):
                raise RuntimeError("commit failed")

        await service.db.run_sync(work, write=True)
        return [None] * len(writes)

    service._save._run = fails_late  # type: ignore[method-assign]
    users = ["web:bad", "web:g0", "web:g1"]
    async with asyncio.timeout(LIMIT_SECONDS):
        replies = await asyncio.gather(
            *(service.handle(say(POLICE, user=u)) for u in users), return_exceptions=True
        )
    assert isinstance(replies[0], RuntimeError)
    for user, reply in zip(users[1:], replies[1:], strict=True):
        assert not isinstance(reply, BaseException)
        [row] = await rows(service, user)
        assert reply.consultation_id == row.id  # the reply is right...
        state = await repo.load_state(service.db, user_ref=user)
        assert state is not None
        # ...and so is the state (what feedback, staff requests and follow-ups change),
        # not an id from the rolled-back round (on SQLite: another person's row).
        assert state["case"]["id"] == row.id


async def test_per_user_locks_are_not_kept_after_the_turn(service: ConsultationService) -> None:
    for i in range(3):
        await service.handle(say("hi", user=f"web:l{i}"))
    assert service._locks == {}
    # Dropping idle locks must not let one person's turns overlap: five messages at
    # once still make one case (overlapping turns would each see no case and log one).
    async with asyncio.timeout(LIMIT_SECONDS):
        replies = await asyncio.gather(*(service.handle(say(POLICE)) for _ in range(5)))
    [row] = await rows(service)
    assert {r.consultation_id for r in replies} == {row.id}
    assert service._locks == {}


async def test_a_turn_cancelled_while_saving_still_saves_before_a_forget(
    service: ConsultationService,
) -> None:
    """Shutdown cancels a turn mid-save: its write lands before the person's /forget runs."""
    release = asyncio.Event()
    real_run = service._save._run

    async def held(writes: list[repo.TurnWrite]) -> Sequence[None]:
        await release.wait()
        return await real_run(writes)

    service._save._run = held  # type: ignore[method-assign]
    turn = asyncio.create_task(service.handle(say(POLICE)))
    async with asyncio.timeout(5):
        while not service._save._queue and service._save.rounds == 0:
            await asyncio.sleep(0.01)
    turn.cancel()
    forget = asyncio.create_task(service.handle(say(action=m.FORGET_CONFIRM)))
    await asyncio.sleep(0.05)
    assert not forget.done()  # it waits for the cancelled turn's write
    release.set()
    async with asyncio.timeout(5):
        with pytest.raises(asyncio.CancelledError):
            await turn
        assert (await forget).kind == "forgotten"
    assert await rows(service) == []
    assert await repo.load_state(service.db, user_ref="web:u1") is None
