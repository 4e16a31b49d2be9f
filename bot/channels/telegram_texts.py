"""Wording that only the Telegram channel needs (commands, media, flood, staff desk).

The consultation replies themselves come from content/templates via the service; these
are the channel's own few lines. Traditional Chinese is converted from the simplified
text, as the templates are. Every value here is Telegram HTML: plain text apart from
the tags written below, so nothing from a user may be put in without `html.escape`.
"""

from __future__ import annotations

from bot.core.messages import LANG_PREFIX
from bot.core.render import localize

# Commands everyone sees, in menu order: (command, zh description, en description).
USER_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("start", "开始：我能做什么", "Start: what I can do"),
    ("check", "检查一段话是不是诈骗", "Check whether a message is a scam"),
    ("tips", "来一条防骗小贴士", "An anti-fraud tip"),
    ("hotline", "报警和反诈电话", "Emergency and anti-fraud numbers"),
    ("lang", "切换语言", "Change the language"),
    ("privacy", "我们保存什么、保存多久", "What we store and for how long"),
    ("forget", "删除我的记录", "Delete my records"),
    ("help", "使用说明", "How to use this bot"),
)
STAFF_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("stats", "今天和本月的咨询统计", "Today's and this month's figures"),
    ("unmatched", "最近没有匹配上的咨询", "Recent unmatched consultations"),
    ("reload", "重新加载内容", "Reload content from disk"),
)

LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = (
    (LANG_PREFIX + "zh", "简体中文"),
    (LANG_PREFIX + "zh-hant", "繁體中文"),
    (LANG_PREFIX + "en", "English"),
)

_TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "zh": "您好！我是反诈咨询助手。\n"
        "把您遇到的情况用文字告诉我，或者把可疑的短信、聊天记录转发给我，"
        "我会马上告诉您像不像诈骗、现在该怎么做。\n\n{commands}",
        "en": "Hello! I am an anti-fraud assistant.\n"
        "Tell me in words what is happening, or forward me a suspicious message, "
        "and I will tell you at once whether it looks like a scam and what to do now.\n\n"
        "{commands}",
    },
    "commands_title": {"zh": "<b>命令</b>", "en": "<b>Commands</b>"},
    "media": {
        "zh": "我现在只能读文字，还看不懂图片、语音、贴纸和文件。"
        "请把内容用文字打出来或直接粘贴给我；发图片时，也可以把情况写在图片说明里。",
        "en": "For now I can only read text, not pictures, voice messages, stickers or files. "
        "Please type or paste what it says; with a photo you can also write it in the caption.",
    },
    "slow_down": {
        "zh": "您发得有点快，我先处理前面的消息，请过一分钟再发。"
        "如果钱已经转出，请马上打 <b>110</b>。",
        "en": "You are sending messages very fast; I am working through them. "
        "Please wait a minute before sending more. If money has already gone, call <b>110</b> now.",
    },
    "slow_down_short": {
        "zh": "请稍等一分钟再操作。",
        "en": "Please wait a minute before trying again.",
    },
    "apology": {
        "zh": "抱歉，出了点问题，请稍后再试一次。紧急情况请直接打 <b>110</b>。",
        "en": "Sorry, something went wrong; please try again shortly. "
        "In an emergency call <b>110</b> directly.",
    },
    "privacy": {
        "zh": "<b>我们保存什么</b>\n"
        "• 您发来的文字（手机号、卡号等号码会被隐去）、判断出的诈骗类型和风险、您的反馈和语言。\n"
        "• 不保存您的 Telegram 账号、用户名或电话，只保存一个无法反推的代号。\n"
        "• 记录保存 {days} 天，用于工作人员回访和改进服务。\n"
        "• 发送 /forget 可以随时删除您的全部记录。",
        "en": "<b>What we store</b>\n"
        "• What you write (phone and card numbers are hidden), the scam type and risk we "
        "found, your feedback and your language.\n"
        "• Not your Telegram account, username or phone number: only a code that cannot be "
        "traced back to you.\n"
        "• Records are kept for {days} days, for staff follow-up and to improve the service.\n"
        "• Send /forget at any time to delete all your records.",
    },
    "tip": {
        "zh": "💡 <b>防骗小贴士</b>\n{tip}\n\n再来一条：/tips",
        "en": "💡 <b>Tip</b>\n{tip}\n\nAnother: /tips",
    },
    "hotline_title": {"zh": "<b>紧急联系方式</b>", "en": "<b>Emergency contacts</b>"},
    "hotline_org": {"zh": "{org}客服", "en": "{org} hotline"},
    "lang_prompt": {"zh": "请选择回复语言：", "en": "Choose the language for my replies:"},
    "not_yours": {
        "zh": "这个按钮是给提问的人用的。",
        "en": "This button is for the person who asked.",
    },
    "staff_only": {
        "zh": "这个命令只供工作人员使用。",
        "en": "This command is for staff only.",
    },
}


def text(key: str, language: str, **values: object) -> str:
    """The channel's wording `key` in `language` (zh, zh-hant or en), filled in."""
    entry = _TEXTS[key]
    out = entry["en" if language == "en" else "zh"].format(**values)
    return localize(out, language)


def convert(value: str, language: str) -> str:
    """Simplified Chinese content shown in Traditional when the person reads zh-hant."""
    return localize(value, language)


def command_list(language: str) -> str:
    """The user commands with one line each, for /start and /help."""
    col = 2 if language == "en" else 1
    lines = [text("commands_title", language)]
    lines += [f"/{c[0]} — {c[col]}" for c in USER_COMMANDS]
    return convert("\n".join(lines), language)


def language_from_hint(hint: str | None) -> str:
    """Telegram's language_code mapped to one of the reply languages."""
    code = (hint or "").lower()
    if code.startswith("en"):
        return "en"
    if code in {"zh-hk", "zh-tw", "zh-hant", "zh-mo"}:
        return "zh-hant"
    return "zh"
