"""Recognise the short conversational moves: greetings, thanks, yes and no.

These decide the flow before any scam matching: "谢谢" must not become a case, and
"是的，已经转了五千" after the question "have you already paid?" is an answer, not a
new description.
"""

from __future__ import annotations

import re

from bot.core.normalize import normalize
from bot.core.risk import already_handed_over

_GREETING = re.compile(
    r"^(?:你好|您好|哈喽|嗨|在吗|在不在|有人吗|早上好|晚上好|下午好|hi|hello|hey|hallo|"
    r"good (?:morning|afternoon|evening)|/start)[\s!！。.,，?？~]*$"
)
_THANKS = re.compile(
    r"^(?:谢谢|多谢|感谢|谢了|谢谢你|谢谢您|好的谢谢|明白了|知道了|好的|ok|okay|thanks|thank you|"
    r"thx|got it|understood)[\s!！。.,，~啦了呀]*$"
)
_YES = re.compile(
    r"^(?:是|是的|对|对的|嗯|恩|已经|有|给了|转了|yes|yeah|yep|i did|already|sadly yes)"
    r"(?:[\s,，。!！.]|$)"
)
_NO = re.compile(
    r"^(?:没有|没|还没|还没有|不是|否|没转|没给|no|nope|not yet|i haven't|haven't|didn't|i didn't)"
    r"(?:[\s,，。!！.]|$)"
)


def is_greeting(text: str) -> bool:
    return bool(_GREETING.match(normalize(text)))


def is_thanks(text: str) -> bool:
    return bool(_THANKS.match(normalize(text)))


def answer_to_paid_question(text: str) -> bool | None:
    """True for 'yes, already paid', False for 'no, not yet', None when it is neither."""
    norm = normalize(text)
    if _NO.match(norm):
        return False
    if _YES.match(norm) or (len(norm) <= 40 and already_handed_over(norm)):
        return True
    return None
