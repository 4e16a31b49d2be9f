"""The words of the push feature, in Chinese and English (Traditional converted from zh).

Plain text only: every channel sends these without markup, so nothing needs escaping.
"""

from __future__ import annotations

from bot.core.render import localize, template_language

AUDIENCE_NAMES = {
    "general": {"zh": "大众", "en": "everyone"},
    "elderly": {"zh": "老年人", "en": "older people"},
    "student": {"zh": "学生", "en": "students"},
    "business": {"zh": "企业和商户", "en": "businesses"},
    "all": {"zh": "全部订阅者", "en": "all subscribers"},
}
FREQUENCY_NAMES = {
    "daily": {"zh": "每天", "en": "every day"},
    "weekdays": {"zh": "工作日", "en": "weekdays"},
    "weekly": {"zh": "每周一次", "en": "once a week"},
}
LANGUAGE_NAMES = {"zh": "简体中文", "zh-hant": "繁體中文", "en": "English"}
WEEKDAY_NAMES = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

_TEXTS: dict[str, dict[str, str]] = {
    "subscribed": {
        "zh": "订阅成功！{when} 给您发一条防骗提醒。\n用 /settings 修改时间、频率、语言、人群和长辈模式；"
        "用 /unsubscribe 随时退订。",
        "en": "You are subscribed! One anti-fraud tip {when}.\n"
        "Use /settings to change the time, frequency, language, audience or elderly mode; "
        "/unsubscribe stops them at any time.",
    },
    "already": {
        "zh": "您已经订阅了。下面是您现在的设置：",
        "en": "You are already subscribed. Your settings:",
    },
    "unsubscribed": {
        "zh": "已退订，不会再给您发提醒。想再收到时，发 /subscribe 即可。",
        "en": "Unsubscribed: no more tips. Send /subscribe to start again.",
    },
    "not_subscribed": {
        "zh": "您还没有订阅防骗提醒。发 /subscribe 一步订阅。",
        "en": "You are not subscribed to tips. Send /subscribe to subscribe in one step.",
    },
    "settings": {
        "zh": "您的防骗提醒设置：\n时间：{when}\n语言：{language}\n人群：{audience}\n长辈模式：{elderly}"
        "\n\n点下面的按钮修改，或发 /settings time 08:30 设置任意时间。",
        "en": "Your tip settings:\nTime: {when}\nLanguage: {language}\nAudience: {audience}\n"
        "Elderly mode: {elderly}\n\nTap a button to change, or send /settings time 08:30 "
        "for any time of day.",
    },
    "on": {"zh": "开（字少、一次只说一件事）", "en": "on (shortest wording, one idea)"},
    "off": {"zh": "关", "en": "off"},
    "bad_time": {
        "zh": "没看懂这个时间。请写成 08:30 这样的格式。",
        "en": "I could not read that time. Please write it like 08:30.",
    },
    "web_only": {
        "zh": "网页聊天无法订阅推送。请在 Telegram 或微信公众号里订阅每日防骗提醒。",
        "en": "The web chat cannot send you tips. Subscribe on Telegram or on our WeChat "
        "account to get a daily anti-fraud tip.",
    },
    # --- tips and alerts ---
    "tip_head": {"zh": "【防骗提醒】", "en": "Anti-fraud tip: "},
    "check": {
        "zh": "拿不准时，把短信、聊天记录或电话内容发给我，我帮您看看是不是诈骗。",
        "en": "Not sure about something? Send me the message, or tell me about the call, "
        "and I will check whether it is a scam.",
    },
    "check_short": {"zh": "拿不准，就发给我看看。", "en": "Not sure? Send it to me to check."},
    "alert_head": {"zh": "⚠️【反诈预警】", "en": "⚠️ Scam alert: "},
    "guardian_tip_head": {
        "zh": "您守护的家人今天收到了这条提醒：\n",
        "en": "Today's tip for the family member you look after:\n",
    },
    # --- guardians ---
    "invite": {
        "zh": "请把下面的邀请发给您的家人（{hours} 小时内有效，只能用一次）：\n{link}\n"
        "或者让家人给我发：/guardian {code}\n\n家人接受后，我会再问您一次是否同意。",
        "en": "Send this invitation to your family member (valid for {hours} hours, once):\n"
        "{link}\nor they can send me: /guardian {code}\n\n"
        "When they accept I will ask you once more to agree.",
    },
    "need_subscription": {
        "zh": "先发 /subscribe 订阅提醒，才能邀请家人做守护人。",
        "en": "Subscribe first (/subscribe), then you can invite a family member as guardian.",
    },
    "bad_code": {
        "zh": "这个邀请码无效、已用过或已过期。请让家人重新发一个。",
        "en": "This invitation code is invalid, used or expired. Ask for a new one.",
    },
    "own_code": {
        "zh": "这是您自己的邀请码，请发给家人。",
        "en": "That is your own code; send it to your family member.",
    },
    "guardian_ask_tips": {
        "zh": "您已接受邀请，正在等家人确认。\n要不要每天也收到家人收到的那条防骗提醒？",
        "en": "Invitation accepted; waiting for your family member to agree.\n"
        "Would you also like a copy of the tips they receive?",
    },
    "consent_ask": {
        "zh": "有家人接受了您的守护邀请。同意后，当您向我咨询到高风险或已转钱的情况时，"
        "我会提醒这位家人（只说类别和建议，不转发您的聊天内容）。同意吗？",
        "en": "A family member accepted your guardian invitation. If you agree, when you ask me "
        "about something high-risk or urgent, I will alert them (only the kind of scam and "
        "the advice, never your messages). Do you agree?",
    },
    "consent_yes_sub": {
        "zh": "已同意。您可以随时用 /guardian 结束守护。",
        "en": "Agreed. You can end the link at any time with /guardian.",
    },
    "consent_yes_guardian": {
        "zh": "家人已同意，守护已生效。随时可以用 /guardian 结束。",
        "en": "Your family member agreed; you are now their guardian. End it any time with /guardian.",
    },
    "consent_no": {"zh": "已拒绝，这个守护邀请作废。", "en": "Declined; the invitation is void."},
    "consent_no_guardian": {
        "zh": "家人没有同意守护，邀请作废。",
        "en": "Your family member did not agree; the invitation is void.",
    },
    "tips_yes": {"zh": "好的，也会给您发同样的提醒。", "en": "OK, you will get the same tips too."},
    "tips_no": {"zh": "好的，只在紧急时提醒您。", "en": "OK, you will only get urgent alerts."},
    "links": {"zh": "您的守护关系：", "en": "Your guardian links:"},
    "link_guardian": {"zh": "#{id} 您在守护一位家人", "en": "#{id} you are a guardian"},
    "link_watched": {
        "zh": "#{id} 一位家人在守护您",
        "en": "#{id} a family member watches over you",
    },
    "link_pending": {"zh": "（等待同意）", "en": " (waiting for consent)"},
    "no_links": {"zh": "还没有守护关系。", "en": "No guardian links yet."},
    "link_ended": {"zh": "守护关系已结束。", "en": "The guardian link has ended."},
    "link_ended_other": {
        "zh": "对方结束了守护关系（#{id}）。",
        "en": "The other side ended guardian link #{id}.",
    },
    "guardian_alert": {
        "zh": "【家人安全提醒】您守护的家人刚刚向反诈助手咨询了一件{level}的事：{category}。\n"
        "建议：{advice}\n请尽快给家人打个电话，确认是否安全。为保护隐私，我们不转发聊天内容。",
        "en": "Family alert: the person you look after just asked the anti-fraud assistant about "
        "{level}: {category}.\nAdvice: {advice}\nPlease call them soon to check they are safe. "
        "To protect their privacy we never forward their messages.",
    },
    "level_urgent": {"zh": "可能已经被骗转钱", "en": "money possibly already sent"},
    "level_high": {"zh": "高风险", "en": "a high-risk situation"},
    # --- buttons ---
    "b_invite": {"zh": "邀请家人", "en": "Invite family"},
    "b_end": {"zh": "结束 #{id}", "en": "End #{id}"},
    "b_agree": {"zh": "同意", "en": "Agree"},
    "b_decline": {"zh": "不同意", "en": "Decline"},
    "b_tips_yes": {"zh": "也要提醒", "en": "Yes, send tips"},
    "b_tips_no": {"zh": "只要紧急提醒", "en": "Only urgent alerts"},
    "b_unsub": {"zh": "退订", "en": "Unsubscribe"},
    "b_sub": {"zh": "订阅", "en": "Subscribe"},
    "b_elderly_on": {"zh": "长辈模式：开", "en": "Elderly mode: on"},
    "b_elderly_off": {"zh": "长辈模式：关", "en": "Elderly mode: off"},
    # --- staff ---
    "alert_preview": {
        "zh": "预警预览（{audience}，收件人 {count} 位）：\n\n{zh}\n\n---\n\n{en}",
        "en": "Alert preview ({audience}, {count} recipients):\n\n{zh}\n\n---\n\n{en}",
    },
    "alert_confirmed": {
        "zh": "预警 #{id} 已确认，正在发给 {count} 位订阅者。用 /alert figures {id} 查看发送情况。",
        "en": "Alert #{id} confirmed; sending to {count} subscribers. "
        "/alert figures {id} shows the delivery figures.",
    },
    "alert_cancelled": {"zh": "预警 #{id} 已取消。", "en": "Alert #{id} cancelled."},
    "alert_usage": {
        "zh": "用法：/alert 人群 中文内容 | English text\n人群：all、elderly、student、business、general",
        "en": "Usage: /alert AUDIENCE 中文内容 | English text\n"
        "AUDIENCE: all, elderly, student, business, general",
    },
    "figures": {
        "zh": "预警 #{id}：已发送 {sent}，失败 {failed}，已屏蔽 {blocked}，待发送 {pending}",
        "en": "Alert #{id}: sent {sent}, failed {failed}, blocked {blocked}, pending {pending}",
    },
    "staff_only": {"zh": "这个命令只有工作人员能用。", "en": "This command is for staff only."},
    "b_send": {"zh": "确认发送给 {count} 位", "en": "Send to {count}"},
    "b_cancel": {"zh": "取消", "en": "Cancel"},
}


def convert(text: str, language: str) -> str:
    """Simplified Chinese turned into Traditional when the language asks for it."""
    return localize(text, language)


def key(language: str) -> str:
    """The source language of the wording: English, or (simplified) Chinese."""
    return template_language(language)


def text(name: str, lang: str, **values: object) -> str:
    """One phrase in the person's language, with `values` filled in."""
    phrase = _TEXTS[name][key(lang)]
    return convert(phrase.format(**values) if values else phrase, lang)


def name_of(table: dict[str, dict[str, str]], value: str, language: str) -> str:
    """The display name of an audience or frequency in the person's language."""
    return convert(table.get(value, {}).get(key(language), value), language)
