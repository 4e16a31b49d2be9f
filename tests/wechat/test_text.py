"""WeChat wording helpers: byte-limited splitting, numbered choices, safe reply XML."""

from __future__ import annotations

import datetime as dt

import pytest
import xmltodict

from bot.channels.wechat_text import (
    daily_tip,
    pick_choice,
    say,
    split_for_wechat,
    text_reply_xml,
    with_choices,
)
from bot.core.content import Library
from bot.core.messages import Button, Reply

BUTTONS = (Button("paid", "我已经转钱"), Button("not_paid", "还没有"))


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def test_short_text_is_one_part() -> None:
    assert split_for_wechat("你好\n世界", 100) == ["你好\n世界"]


def test_parts_fit_the_limit_and_keep_everything() -> None:
    text = "\n".join(f"第{i}行：" + "诈骗" * (i % 7 + 1) for i in range(60))
    parts = split_for_wechat(text, 120)
    assert len(parts) > 1 and all(_bytes(p) <= 120 for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_a_line_longer_than_the_limit_is_cut_between_characters() -> None:
    text = "字" * 100  # 300 bytes, no line breaks
    parts = split_for_wechat(text, 64)
    assert all(_bytes(p) <= 64 for p in parts) and "".join(parts) == text


@pytest.mark.parametrize(
    ("answer", "action"), [("1", "paid"), (" 2 ", "not_paid"), ("２", "not_paid"), ("1.", "paid")]
)
def test_pick_choice(answer: str, action: str) -> None:
    assert pick_choice(answer, BUTTONS) == action


@pytest.mark.parametrize("answer", ["0", "3", "12", "一", "1 and more", ""])
def test_not_a_choice(answer: str) -> None:
    assert pick_choice(answer, BUTTONS) is None


def test_with_choices_in_each_language() -> None:
    zh = Reply(texts={"plain": "回答", "telegram": "", "web": ""}, buttons=BUTTONS, language="zh")
    assert with_choices(zh) == "回答\n\n回复数字选择：\n1. 我已经转钱\n2. 还没有"
    en = Reply(texts={"plain": "Answer", "telegram": "", "web": ""}, buttons=BUTTONS, language="en")
    assert "Reply with a number:" in with_choices(en)
    bare = Reply(texts={"plain": "Only text", "telegram": "", "web": ""})
    assert with_choices(bare) == "Only text"


def test_traditional_chinese_texts_are_converted() -> None:
    assert say("choices", "zh-hant") == "回覆數字選擇："
    assert say("tip", "zh-hant") == "今日防騙提示："


def test_reply_xml_escapes_cdata_and_drops_invalid_characters() -> None:
    content = "a]]><MsgType>news</MsgType>\x00\x07b"
    xml = text_reply_xml(to_user="u]]>", from_user="gh", content=content, now=1700000000)
    parsed = xmltodict.parse(xml)["xml"]
    assert parsed["Content"] == "a]]><MsgType>news</MsgType>b"
    assert parsed["MsgType"] == "text" and parsed["ToUserName"] == "u]]>"


def test_daily_tip_is_stable_for_a_day_and_changes(library: Library) -> None:
    day = dt.date(2025, 3, 1)
    assert daily_tip(library, "zh", day) == daily_tip(library, "zh", day)
    assert daily_tip(library, "zh", day) != daily_tip(library, "zh", day + dt.timedelta(days=1))
    assert daily_tip(library, "en", day).startswith("Today's anti-fraud tip: ")
