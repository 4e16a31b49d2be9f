"""Every message and event type, in plaintext and in safe mode (the `bot` fixture)."""

from __future__ import annotations

from bot.channels import wechat_state
from bot.core.identity import user_ref
from bot.storage import repository as repo
from tests.wechat.conftest import Bot
from tests.wechat.fakes import OPENID, event, message_xml, text

POLICE = "有人打电话自称公安，说我涉嫌洗钱，让我把钱转到安全账户"


def _ref(bot: Bot, openid: str = OPENID) -> str:
    return user_ref("wechat", openid, bot.runtime.settings.user_ref_secret.get_secret_value())


async def test_text_message_gets_the_assessment_with_numbered_choices(bot: Bot) -> None:
    reply = await bot.reply(text(POLICE))
    content = reply["Content"]
    assert reply["MsgType"] == "text" and reply["ToUserName"] == OPENID
    assert "诈骗" in content and "110" in content
    assert "回复数字选择：" in content and "1. 我已经转钱/给了验证码" in content
    [row] = await repo.list_consultations(bot.runtime.db)
    assert row.channel == "wechat" and row.user_ref == _ref(bot)
    assert OPENID not in row.user_ref


async def test_number_reply_presses_the_button(bot: Bot) -> None:
    await bot.reply(text(POLICE))
    urgent = await bot.reply(text("1"))
    assert "110" in urgent["Content"] and "止付" in urgent["Content"]
    [row] = await repo.list_consultations(bot.runtime.db)
    assert row.urgent and row.outcome == "lost"


async def test_fullwidth_number_and_english(bot: Bot) -> None:
    english = await bot.reply(
        text("Someone claiming to be police says I must move my savings to a safe account")
    )
    assert "Reply with a number:" in english["Content"]
    helpful = await bot.reply(text("４"))  # the 4th choice
    assert helpful["Content"]


async def test_voice_with_recognition_is_assessed(bot: Bot) -> None:
    reply = await bot.reply(message_xml("voice", MediaId="m1", Format="amr", Recognition=POLICE))
    assert "诈骗" in reply["Content"]
    assert len(await repo.list_consultations(bot.runtime.db)) == 1


async def test_voice_without_recognition_asks_for_text(bot: Bot) -> None:
    reply = await bot.reply(message_xml("voice", MediaId="m1", Format="amr"))
    assert "文字" in reply["Content"]
    assert await repo.list_consultations(bot.runtime.db) == []


async def test_image_asks_for_the_words(bot: Bot) -> None:
    reply = await bot.reply(
        message_xml("image", PicUrl="http://example.invalid/p.jpg", MediaId="m2")
    )
    assert "图片" in reply["Content"] and "文字" in reply["Content"]


async def test_other_message_types_ask_for_text(bot: Bot) -> None:
    others = [
        message_xml("video", MediaId="v", ThumbMediaId="t"),
        message_xml("shortvideo", MediaId="v", ThumbMediaId="t"),
        message_xml("location", Location_X="23.1", Location_Y="113.3", Scale="20", Label="x"),
        message_xml("link", Title="t", Description="d", Url="http://example.invalid"),
        message_xml("something_new"),
    ]
    for xml in others:
        reply = await bot.reply(xml)
        assert "文字" in reply["Content"], xml


async def test_subscribe_welcomes_and_offers_the_daily_tip(bot: Bot) -> None:
    reply = await bot.reply(event("subscribe"))
    assert "欢迎关注" in reply["Content"] and "今日防骗提示：" in reply["Content"]
    assert not await wechat_state.stopped_for_pushes(bot.runtime.db, user_ref=_ref(bot))


async def test_subscribe_from_a_qr_code_is_welcomed_too(bot: Bot) -> None:
    reply = await bot.reply(event("subscribe", "qrscene_branch42"))
    assert "欢迎关注" in reply["Content"]


async def test_unsubscribe_stops_everything_and_deletes_nothing(bot: Bot) -> None:
    await bot.reply(text(POLICE))
    assert await bot.reply(event("unsubscribe")) == {}  # "success": nothing to say
    assert await wechat_state.stopped_for_pushes(bot.runtime.db, user_ref=_ref(bot))
    assert len(await repo.list_consultations(bot.runtime.db)) == 1
    await bot.reply(event("subscribe"))
    assert not await wechat_state.stopped_for_pushes(bot.runtime.db, user_ref=_ref(bot))


async def test_menu_clicks(bot: Bot) -> None:
    check = await bot.reply(event("CLICK", "CHECK"))
    assert "告诉我" in check["Content"]
    tips = await bot.reply(event("CLICK", "TIPS"))
    assert tips["Content"].startswith("今日防骗提示：")
    hotline = await bot.reply(event("CLICK", "HOTLINE"))
    assert "110" in hotline["Content"] and "96110" in hotline["Content"]
    assert "测试银行 95588" in hotline["Content"]
    unknown = await bot.reply(event("CLICK", "SOMETHING_ELSE"))
    assert unknown["Content"] == check["Content"]


async def test_events_that_need_no_answer(bot: Bot) -> None:
    for xml in (
        event("VIEW", "https://bank.example/"),
        event("LOCATION"),
        event("TEMPLATESENDJOBFINISH"),
        event("some_future_event"),
    ):
        response = await bot.send(xml)
        assert response.status_code == 200 and response.text == "success", xml


async def test_english_speaker_gets_english_menu_texts(bot: Bot) -> None:
    await bot.reply(text("Hello, a man says he is from the bank and wants my SMS code"))
    tips = await bot.reply(event("CLICK", "TIPS"))
    assert tips["Content"].startswith("Today's anti-fraud tip: ")


async def test_reply_text_cannot_break_out_of_the_xml(bot: Bot) -> None:
    said = "对方发来的短信里写着 ]]></Content><MsgType>news</MsgType> 让我马上转账到他的账户"
    await bot.reply(text(said))
    menu = await bot.reply(event("CLICK", "CHECK"))  # help, with "my data" as choice 1
    assert "1. 我的记录" in menu["Content"]
    reply = await bot.reply(text("1"))
    assert reply["MsgType"] == "text" and "]]></Content><MsgType>news" in reply["Content"]


async def test_follow_offers_tips_and_typed_subscribe_works(bot: Bot) -> None:
    """Issue 6 through the real WeChat endpoint: the offer, then '订阅', then unfollow pauses."""
    from sqlmodel import select

    from bot.push.models import PushSubscriber

    welcome = await bot.reply(event("subscribe"))
    assert "订阅" in welcome["Content"]
    subscribed = await bot.reply(text("订阅"))
    assert "09:00" in subscribed["Content"]
    async with bot.runtime.db.session() as session:
        [row] = (await session.exec(select(PushSubscriber))).all()
    assert row.channel == "wechat" and row.subscribed and not row.paused
    await bot.reply(event("unsubscribe"))
    async with bot.runtime.db.session() as session:
        [row] = (await session.exec(select(PushSubscriber))).all()
    assert row.paused
