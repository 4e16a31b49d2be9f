"""Every command, the command menus, and the staff-only commands."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from bot.core import messages as m
from tests.conftest import CONTENT
from tests.telegram import updates as u
from tests.telegram.checks import CHATTER, POLICE, assert_telegram_html, rows
from tests.telegram.conftest import MakeBot
from tests.telegram.harness import Harness
from tests.telegram.updates import ALICE, BOB, STAFF, STAFF_CHAT


async def test_commands_registered_in_zh_and_en_and_for_staff(tg: Harness) -> None:
    menus = tg.api.of("setMyCommands")
    by_lang = {c.params.get("language_code"): c for c in menus if "scope" not in c.params}
    assert set(by_lang) == {None, "zh", "en"}
    names = [c["command"] for c in by_lang["en"].params["commands"]]
    assert names == [
        *("start", "check", "tips", "hotline", "lang", "privacy", "forget", "help"),
        *("subscribe", "settings", "guardian", "unsubscribe"),
    ]
    assert "Check" in by_lang["en"].params["commands"][1]["description"]
    assert "检查" in by_lang["zh"].params["commands"][1]["description"]
    [staff] = [c for c in menus if "scope" in c.params]
    assert staff.params["scope"] == {"type": "chat", "chat_id": STAFF_CHAT}
    assert {"stats", "unmatched", "reload", "alert"} <= {
        c["command"] for c in staff.params["commands"]
    }


async def test_start_explains_what_the_bot_does(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/start"), ALICE)
    assert "诈骗" in reply.text and "/check" in reply.text and "/forget" in reply.text
    assert_telegram_html(reply.text)
    [english] = await tg.ask(u.command("/start", language_code="en"), ALICE)
    assert "scam" in english.text and "/hotline" in english.text


async def test_help_uses_the_service_and_lists_commands(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/help"), ALICE)
    assert "/tips" in reply.text and "110" in reply.text
    assert set(reply.actions()) == {m.MY_DATA, m.FORGET}


async def test_unknown_command_gets_help(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/whatever"), ALICE)
    assert "/check" in reply.text


async def test_check_with_text(tg: Harness) -> None:
    [reply] = await tg.ask(u.command(f"/check {POLICE}"), ALICE)
    assert m.PAID in reply.actions()
    [row] = await rows(tg, ALICE)
    assert row.category == "impersonate_police"


async def test_check_without_text_asks_for_it(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/check"), ALICE)
    assert "告诉我" in reply.text or "粘贴" in reply.text


async def test_check_in_reply_to_a_message_judges_that_message(tg: Harness) -> None:
    scam = u.forwarded(POLICE)["message"]
    [reply] = await tg.ask(u.command("/check", reply_to=scam), ALICE)
    assert m.PAID in reply.actions()


async def test_tips_gives_a_tip_from_the_library(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/tips"), ALICE)
    tips = tg.runtime.content.library.tips
    assert any(html.escape(tip.zh) in reply.text for tip in tips)
    [english] = await tg.ask(u.command("/tips elderly", language_code="en"), ALICE)
    elderly = [tip.en for tip in tips if "elderly" in tip.audience]
    assert any(html.escape(text) in english.text for text in elderly)


async def test_hotline_lists_contacts_and_the_org(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/hotline"), ALICE)
    for number in ("110", "96110", "95500"):
        assert number in reply.text
    assert "示例银行" in reply.text
    assert_telegram_html(reply.text)
    assert "reply_markup" not in reply.params  # phone numbers only as text


async def test_lang_offers_three_languages_and_switches(tg: Harness) -> None:
    [prompt] = await tg.ask(u.command("/lang"), ALICE)
    assert prompt.actions() == ["lang:zh", "lang:zh-hant", "lang:en"]
    [done] = await tg.ask(u.press(tg.api.current(prompt), "lang:en"), ALICE)
    assert "English" in done.text
    edit = tg.api.of("editMessageReplyMarkup")[-1]
    assert "reply_markup" not in edit.params  # the choice is made: keyboard gone
    [start] = await tg.ask(u.command("/start"), ALICE)  # language_code zh, but en was chosen
    assert "Hello" in start.text
    [prompt] = await tg.ask(u.command("/lang"), ALICE)
    await tg.ask(u.press(tg.api.current(prompt), "lang:zh-hant"), ALICE)
    [start] = await tg.ask(u.command("/start"), ALICE)
    assert "詐騙" in start.text


async def test_privacy_says_what_is_kept_and_how_long(tg: Harness) -> None:
    [reply] = await tg.ask(u.command("/privacy"), ALICE)
    assert "180" in reply.text and "/forget" in reply.text


async def test_forget_asks_then_deletes(tg: Harness) -> None:
    await tg.ask(u.message(POLICE), ALICE)
    [ask] = await tg.ask(u.command("/forget"), ALICE)
    assert ask.actions() == [m.FORGET_CONFIRM]
    assert len(await rows(tg, ALICE)) == 1
    [done] = await tg.ask(u.press(tg.api.current(ask), m.FORGET_CONFIRM), ALICE)
    assert "2" in done.text  # the consultation and the conversation state
    assert await rows(tg, ALICE) == []


async def test_staff_commands_refused_to_others(tg: Harness) -> None:
    for command in ("/stats", "/unmatched", "/reload"):
        [reply] = await tg.ask(u.command(command), ALICE)
        assert "工作人员" in reply.text


async def test_stats_for_staff(tg: Harness) -> None:
    await tg.ask(u.message(POLICE), ALICE)
    await tg.ask(u.message(CHATTER, sender=BOB), BOB)
    [reply] = await tg.ask(u.command("/stats", sender=STAFF), STAFF)
    assert "今天 Today</b>: 2" in reply.text and "本月 This month</b>: 2" in reply.text
    assert "冒充公检法 1" in reply.text and "high 1" in reply.text
    assert_telegram_html(reply.text)


async def test_unmatched_lists_masked_recent_cases(tg: Harness) -> None:
    await tg.ask(u.message("昨天在小区门口看到一只猫，电话13812345678"), ALICE)
    [reply] = await tg.ask(u.command("/unmatched", sender=STAFF), STAFF)
    assert "小区门口" in reply.text and "13812345678" not in reply.text
    assert_telegram_html(reply.text)


async def test_reload_accepts_good_content(make_bot: MakeBot, tmp_path: Path) -> None:
    tg = await make_bot()
    [reply] = await tg.ask(u.command("/reload", sender=STAFF), STAFF)
    assert "Reloaded" in reply.text


async def test_reload_refuses_broken_content_and_keeps_the_old(
    make_bot: MakeBot, tmp_path: Path
) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    pattern = sorted((broken / "patterns").glob("*.yaml"))[0]
    pattern.write_text("id: [unclosed\n", encoding="utf-8")
    tg = await make_bot(content_dir=broken)
    [reply] = await tg.ask(u.command("/reload", sender=STAFF), STAFF)
    assert "Refused" in reply.text and pattern.name in reply.text
    [still] = await tg.ask(u.message(POLICE), ALICE)
    assert m.PAID in still.actions()


async def test_subscribe_through_the_channel_and_forget_removes_it(tg: Harness) -> None:
    """The push commands (issue 6) run inside the same Telegram channel as consultations."""
    from sqlmodel import select

    from bot.push.models import PushSubscriber

    [reply] = await tg.ask(u.command("/subscribe"), ALICE)
    assert "09:00" in reply.text
    db = tg.runtime.db
    async with db.session() as session:
        subs = (await session.exec(select(PushSubscriber))).all()
    assert len(subs) == 1 and subs[0].subscribed and subs[0].user_ref.startswith("telegram:")
    [ask] = await tg.ask(u.command("/forget"), ALICE)
    await tg.ask(u.press(tg.api.current(ask), m.FORGET_CONFIRM), ALICE)
    async with db.session() as session:
        assert (await session.exec(select(PushSubscriber))).all() == []
