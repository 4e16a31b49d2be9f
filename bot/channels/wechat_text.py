"""What the WeChat channel says in its own words, and how replies fit WeChat's limits.

WeChat text has no buttons: a reply's buttons become numbered choices, and the person
answers with the number. A passive reply may hold at most 2048 bytes; longer replies
are cut at line ends into parts that each fit a safe limit.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.core.content import Library
from bot.core.messages import Button, Reply
from bot.core.render import localize

# WeChat's documented limit is 2048 bytes; leave room for XML-escaping differences.
SAFE_TEXT_BYTES = 1800
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "zh": "欢迎关注！我是反诈小助手。接到可疑电话、短信，或有人让您转钱、要验证码，"
        "把情况发给我，我马上帮您判断该怎么办。\n"
        "菜单里的“防骗提示”每天有一条新提示，“求助热线”随时查 110 和 96110。",
        "en": "Welcome! I am the anti-fraud assistant. If a call or message asks you for money "
        "or a code, tell me what happened and I will say what to do. The menu has a daily tip "
        "and the hotline numbers.",
    },
    "image": {
        "zh": "我还看不了图片。请把图片里的文字（比如短信内容、对方说的话）打字或复制发给我。",
        "en": "I can't read pictures yet. Please type or paste the words in it (the message, "
        "what they said).",
    },
    "voice": {
        "zh": "这段语音没能转成文字。请用文字把发生的事告诉我。",
        "en": "I couldn't turn that voice message into text. Please tell me what happened "
        "in writing.",
    },
    "other": {
        "zh": "我只能看懂文字消息。请用文字把发生的事告诉我。",
        "en": "I can only read text messages. Please tell me what happened in writing.",
    },
    "slow": {
        "zh": "正在分析，请稍等几秒……",
        "en": "Checking, one moment…",
    },
    "busy": {
        "zh": "现在有点忙，请过一会儿再发一次。钱已经转出的，请马上拨打 110。",
        "en": "I'm busy right now; please send it again in a moment. If money has already "
        "gone, call 110 now.",
    },
    "sorry": {
        "zh": "抱歉，出了点问题，请再发一次。紧急情况请拨打 110。",
        "en": "Sorry, something went wrong; please send it again. In an emergency call 110.",
    },
    "choices": {"zh": "回复数字选择：", "en": "Reply with a number:"},
    "tip": {"zh": "今日防骗提示：", "en": "Today's anti-fraud tip: "},
    "hotline": {"zh": "需要帮助时请拨打：", "en": "Numbers to call:"},
    "cut": {
        "zh": "（内容较长，只显示了前一部分。）",
        "en": "(The reply was long; this is the start.)",
    },
}


def say(name: str, language: str) -> str:
    """One of the channel's fixed texts in the person's language."""
    texts = _TEXTS[name]
    if language == "en":
        return texts["en"]
    return localize(texts["zh"], language)


def with_choices(reply: Reply) -> str:
    """The plain reply with its buttons listed as numbered choices."""
    text = reply.text("plain")
    if not reply.buttons:
        return text
    lines = [say("choices", reply.language)]
    lines += [f"{i}. {button.label}" for i, button in enumerate(reply.buttons, 1)]
    return text + "\n\n" + "\n".join(lines)


def pick_choice(text: str, buttons: tuple[Button, ...]) -> str | None:
    """The action of the numbered choice the person answered with, if any."""
    digits = text.strip().translate(_FULLWIDTH_DIGITS).rstrip(".。")
    if digits.isdigit() and 1 <= int(digits) <= len(buttons):
        return buttons[int(digits) - 1].action
    return None


def daily_tip(library: Library, language: str, today: dt.date | None = None) -> str:
    """One tip a day, the same for everyone, cycling through the library."""
    if not library.tips:
        return hotlines(library, language, org_name="", org_hotline="")
    day = (today or dt.date.today()).toordinal()
    tip = library.tips[day % len(library.tips)]
    body = tip.en if language == "en" else tip.zh
    return localize(say("tip", language) + body, language)


def hotlines(library: Library, language: str, *, org_name: str, org_hotline: str) -> str:
    """The numbers to call, from the content's contacts and the organisation's hotline."""
    key = "en" if language == "en" else "zh"
    lines = [say("hotline", language)]
    for contact in library.contacts:
        if contact.number.isdigit():
            name, note = getattr(contact.name, key), getattr(contact.note, key)
            lines.append(f"{name} {contact.number}：{note}" if key == "zh" else
                         f"{name} {contact.number}: {note}")  # fmt: skip
    if org_hotline:
        lines.append(f"{org_name} {org_hotline}")
    return localize("\n".join(lines), language)


def split_for_wechat(text: str, limit: int = SAFE_TEXT_BYTES) -> list[str]:
    """Cut `text` into parts of at most `limit` UTF-8 bytes, at line ends where possible."""
    parts: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        if _size(current + line) <= limit:
            current += line
            continue
        if current:
            parts.append(current)
        current = ""
        while _size(line) > limit:  # a single line too long: cut it on a character
            head = _fit(line, limit)
            parts.append(head)
            line = line[len(head) :]
        current = line
    if current or not parts:
        parts.append(current)
    return [p.strip("\n") for p in parts if p.strip()] or [""]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _fit(text: str, limit: int) -> str:
    """The longest prefix of `text` within `limit` bytes (never splits a character)."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _cdata(value: str) -> str:
    """Text safe inside CDATA: no XML-invalid characters, and `]]>` cannot close it."""
    value = _XML_INVALID.sub("", value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_reply_xml(*, to_user: str, from_user: str, content: str, now: int) -> str:
    """A passive text reply, built here so reply text can never break out of its field."""
    return (
        "<xml>"
        f"<ToUserName>{_cdata(to_user)}</ToUserName>"
        f"<FromUserName>{_cdata(from_user)}</FromUserName>"
        f"<CreateTime>{int(now)}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{_cdata(content)}</Content>"
        "</xml>"
    )
