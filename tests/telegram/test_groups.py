"""Group chats: answer when addressed; unasked only for a sure high-risk match, rarely."""

from __future__ import annotations

from tests.telegram import updates as u
from tests.telegram.checks import CHATTER, POLICE, rows
from tests.telegram.fake_bot_api import BOT_USER
from tests.telegram.harness import Harness
from tests.telegram.updates import ALICE, BOB, FAMILY_GROUP, STAFF_CHAT

SCAM_2 = "客服说我的快递丢了要赔偿，让我点链接填银行卡号和验证码，还要下载会议软件共享屏幕"


async def test_chatter_is_ignored_and_not_logged(tg: Harness) -> None:
    assert await tg.ask(u.message(CHATTER, chat_id=FAMILY_GROUP)) == []
    assert await rows(tg, ALICE) == []


async def test_mention_is_answered_with_a_quote(tg: Harness) -> None:
    update = u.mention("我妈接到电话说是公安局的，要她转钱到安全账户", chat_id=FAMILY_GROUP)
    [reply] = await tg.ask(update, FAMILY_GROUP)
    assert reply.params["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert "@fraudcheck_bot" not in (await rows(tg, ALICE))[0].text


async def test_mention_under_a_forwarded_scam_judges_the_scam(tg: Harness) -> None:
    scam = u.forwarded(POLICE, sender=BOB, chat_id=FAMILY_GROUP)["message"]
    [reply] = await tg.ask(u.mention("这是真的吗", chat_id=FAMILY_GROUP, reply_to=scam))
    assert "paid" in reply.actions()


async def test_reply_to_the_bot_is_answered(tg: Harness) -> None:
    [first] = await tg.ask(u.mention(POLICE, chat_id=FAMILY_GROUP), FAMILY_GROUP)
    [reply] = await tg.ask(
        u.message("是的，已经转了五千", chat_id=FAMILY_GROUP, reply_to=first.result), FAMILY_GROUP
    )
    assert "110" in reply.text


async def test_command_in_a_group_is_answered(tg: Harness) -> None:
    update = u.command(f"/check@{BOT_USER['username']} {POLICE}", chat_id=FAMILY_GROUP)
    [reply] = await tg.ask(update, FAMILY_GROUP)
    assert "paid" in reply.actions()


async def test_command_for_another_bot_is_ignored(tg: Harness) -> None:
    assert await tg.ask(u.command("/check@other_bot hello", chat_id=FAMILY_GROUP)) == []


async def test_unasked_high_risk_once_then_quiet(tg: Harness) -> None:
    [reply] = await tg.ask(u.forwarded(POLICE, chat_id=FAMILY_GROUP), FAMILY_GROUP)
    assert "paid" in reply.actions()
    # A second sure scam a moment later stays unanswered: no flooding the family chat.
    assert await tg.ask(u.forwarded(SCAM_2, sender=BOB, chat_id=FAMILY_GROUP)) == []
    assert await rows(tg, BOB) == []
    # Asked directly, the bot still answers.
    assert len(await tg.ask(u.mention(SCAM_2, sender=BOB, chat_id=FAMILY_GROUP))) == 1


async def test_unasked_low_risk_is_ignored(tg: Harness) -> None:
    assert (
        await tg.ask(u.message("公安局今天在小区搞反诈宣传，送了鸡蛋", chat_id=FAMILY_GROUP)) == []
    )


async def test_staff_chat_talk_about_scams_is_ignored(tg: Harness) -> None:
    assert await tg.ask(u.message(POLICE, chat_id=STAFF_CHAT)) == []


async def test_media_in_a_group_is_ignored_unless_replying_to_the_bot(tg: Harness) -> None:
    assert await tg.ask(u.sticker(chat_id=FAMILY_GROUP)) == []
    [first] = await tg.ask(u.mention(POLICE, chat_id=FAMILY_GROUP), FAMILY_GROUP)
    [reply] = await tg.ask(u.photo(chat_id=FAMILY_GROUP, reply_to=first.result), FAMILY_GROUP)
    assert "文字" in reply.text


async def test_buttons_belong_to_the_person_who_asked(tg: Harness) -> None:
    [first] = await tg.ask(u.mention(POLICE, chat_id=FAMILY_GROUP), FAMILY_GROUP)
    assert await tg.ask(u.press(tg.api.current(first), "paid", sender=BOB)) == []
    answer = tg.api.of("answerCallbackQuery")[-1]
    assert answer.params["show_alert"] == "true" and "提问" in answer.params["text"]
    [row] = await rows(tg, ALICE)
    assert not row.urgent
    [urgent] = await tg.ask(u.press(tg.api.current(first), "paid", sender=ALICE), FAMILY_GROUP)
    assert "110" in urgent.text
    assert (
        urgent.params["reply_parameters"]["message_id"]
        == first.result["reply_to_message"]["message_id"]
    )
