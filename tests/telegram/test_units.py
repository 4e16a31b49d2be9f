"""The pure parts of the channel: rendering, keyboards, flood and group limits."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels import telegram_texts as t
from bot.channels.telegram_limits import Flood, FloodGate, GroupQuiet
from bot.channels.telegram_render import after_press, keyboard, reply_text, split_html
from bot.core import messages as m
from bot.core.messages import Button, Link, Reply


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def reply(text: str = "hi", **kwargs: object) -> Reply:
    return Reply(texts={"plain": text, "telegram": text, "web": text}, **kwargs)  # type: ignore[arg-type]


def test_phone_numbers_missing_from_the_text_are_added_as_text() -> None:
    r = reply("call <b>110</b>", links=(Link("110", "tel:110"), Link("Bank", "tel:95500")))
    text = reply_text(r)
    assert text.count("110") == 1 and "95500" in text


def test_answer_pairs_share_a_row_and_long_actions_are_left_out() -> None:
    buttons = [
        Button(m.PAID, "Paid"),
        Button("not_paid", "No"),
        Button(m.STAFF, "Staff"),
        Button("x" * 65, "Too long"),
    ]
    markup = keyboard(buttons)
    assert markup is not None
    rows = [[b.callback_data for b in row] for row in markup.inline_keyboard]
    assert rows == [[m.PAID, "not_paid"], [m.STAFF]]
    assert keyboard([]) is None


def test_pressing_retires_the_button_and_its_pair() -> None:
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("a", callback_data=m.PAID),
                InlineKeyboardButton("b", callback_data="not_paid"),
            ],
            [InlineKeyboardButton("c", callback_data=m.STAFF)],
        ]
    )
    left = after_press(markup, "not_paid")
    assert left is not None
    assert [[b.callback_data for b in row] for row in left.inline_keyboard] == [[m.STAFF]]
    assert after_press(left, m.STAFF) is None
    assert after_press(markup, "lang:en") is None
    assert after_press(None, m.PAID) is None


def test_split_html_keeps_parts_under_the_limit_and_entities_whole() -> None:
    text = "\n".join(["line &amp; more"] * 50)
    parts = split_html(text, limit=100)
    assert all(len(p) <= 100 for p in parts) and "\n".join(parts) == text
    long_line = "a" * 95 + "&amp;" + "b" * 20
    parts = split_html(long_line, limit=98)
    assert "".join(parts) == long_line and all("&am" not in p or "&amp;" in p for p in parts)


def test_flood_gate_warns_once_per_minute() -> None:
    clock = Clock()
    gate = FloodGate(3, clock)
    assert [gate.check(1) for _ in range(3)] == [Flood.OK] * 3
    assert gate.check(1) is Flood.WARN
    assert gate.check(1) is Flood.QUIET
    assert gate.check(2) is Flood.OK  # other people are not affected
    clock.now += 61
    assert gate.check(1) is Flood.OK


def test_group_quiet_allows_one_unasked_reply_per_window() -> None:
    clock = Clock()
    quiet = GroupQuiet(300, clock)
    assert quiet.may_speak(-1)
    quiet.spoke(-1)
    assert not quiet.may_speak(-1) and quiet.may_speak(-2)
    clock.now += 300
    assert quiet.may_speak(-1)


def test_language_hints() -> None:
    assert t.language_from_hint("en-GB") == "en"
    assert t.language_from_hint("zh-TW") == "zh-hant"
    assert t.language_from_hint("zh-hans") == "zh"
    assert t.language_from_hint(None) == "zh"


def test_every_text_exists_in_both_languages() -> None:
    for key, entry in t._TEXTS.items():
        assert set(entry) == {"zh", "en"}, key
    assert "點" in t.text("slow_down", "zh-hant")
