"""Text normalisation, language detection, entity extraction and masking.

Everything the matcher compares goes through `normalize` first, so that full-width
digits, traditional characters, 帳/账-style variants, case and stray whitespace do
not decide whether two descriptions look alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

import opencc

from bot.core.pinyin import looks_like_pinyin

Lang = Literal["zh", "zh-hant", "en"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[a-zA-Z]")
_SPACES = re.compile(r"\s+")
# Control characters (except newline and tab) carry no meaning and break terminals.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")

# OpenCC (tw2sp: Taiwan phrases too, 視訊軟體 -> 视频软件) keeps 帐 where mainland usage writes 账 (帳戶 -> 帐户, not 账户), and a few
# other variants survive too; fold them so "转帐" and "转账" are the same word.
_VARIANTS = (
    ("帐篷", "\0P"),
    ("蚊帐", "\0W"),
    ("帐", "账"),
    ("\0P", "帐篷"),
    ("\0W", "蚊帐"),
    ("碼", "码"),
    ("卽", "即"),
    ("裏", "里"),
)


# Written Cantonese (Hong Kong customers) to Mandarin, for the words that carry the
# meaning of a scam story: "匯咗四十萬" is "汇了四十万", "佢" is "他". Only characters that
# are unambiguous in Mandarin text are mapped (咗 is never Mandarin; 係, 呢 and 點 are
# left: 係 is also the traditional form in 關係).
_CANTONESE_WORDS = (
    ("咗", "了"),
    ("佢哋", "他们"),
    ("佢", "他"),
    ("俾", "给"),
    ("畀", "给"),
    ("嘅", "的"),
    ("冇", "没有"),
    ("唔", "不"),
    ("喺", "在"),
    ("啲", "些"),
    ("嗰", "那"),
    ("攞", "拿"),
    ("而家", "现在"),
    ("依家", "现在"),
    ("碌咗", "刷了"),
    ("碌卡", "刷卡"),
    ("仲未", "还未"),
    ("仲冇", "还没有"),
    ("乜嘢", "什么"),
    ("入埋", "也输入了"),
    # 左 typed for 咗 after a verb ("我講左", "簽左一萬幾蚊"); only in Cantonese text.
    *((f"{verb}左", f"{verb}了") for verb in "讲签转过交买给入付"),
)
_CANTONESE = re.compile("[咗佢俾畀嘅冇唔喺啲嗰攞]|而家|依家|乜嘢|仲未|碌卡")

# Northern colloquial words older people type: "俺念了" is "我念了", "咋整" is "怎么办".
_NORTHERN_WORDS = (("咋整", "怎么办"), ("咋办", "怎么办"), ("咋", "怎么"), ("俺", "我"))
_NORTHERN = re.compile("[俺咋]")
# Sichuan and Chongqing 咯 for 了 after a verb of paying: "我存咯", "转咯两千".
_SOUTHWEST_WORDS = tuple(
    (f"{verb}咯", f"{verb}了") for verb in "转汇付充交投打垫存给买扫退卖念填点"
)
_SOUTHWEST = re.compile("咯")
# Each dialect's words, replaced only in a text that has one of its marks.
_DIALECTS = (
    (_CANTONESE, _CANTONESE_WORDS),
    (_NORTHERN, _NORTHERN_WORDS),
    (_SOUTHWEST, _SOUTHWEST_WORDS),
)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


@lru_cache(maxsize=1)
def _chars_t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters and Taiwan phrases in mainland form; simplified text as is.

    Taiwan's phrases go only where there is traditional text: applied to mainland text
    they would rewrite it ("小程序" -> "小进程", "文件" -> "文档", since Taiwan's 程序 is
    the mainland's 进程), and the rules and examples written in mainland usage would miss.
    """
    chars = _chars_t2s().convert(text)
    return chars if chars == text else _t2s().convert(text)


def clean(text: str) -> str:
    """Remove control characters and invalid code points; keep the words as typed."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return _CONTROL.sub(" ", text).strip()


# A message's text is normalised and its language read by the service, the matcher and
# the reply's red flags in turn; a few recent answers spare the repeats.
@lru_cache(maxsize=64)
def normalize(text: str) -> str:
    """Fold width, case, script and whitespace so look-alike texts compare equal."""
    text = unicodedata.normalize("NFKC", clean(text)).lower()
    if _CJK.search(text):
        text = to_simplified(text)
        for old, new in _VARIANTS:
            text = text.replace(old, new)
        for marks, words in _DIALECTS:
            if marks.search(text):
                for old, new in words:
                    text = text.replace(old, new)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=64)
def detect_language(text: str) -> Lang:
    """Guess zh, zh-hant or en from the characters used; English when nothing decides."""
    cjk = _CJK.findall(text)
    if not cjk:
        # Whole messages typed in pinyin come from Chinese readers: answer in Chinese.
        return "zh" if looks_like_pinyin(text.lower()) else "en"
    if len(cjk) * 3 < len(_LATIN.findall(text)):
        return "en"
    joined = "".join(cjk)
    simplified = _chars_t2s().convert(joined)
    changed = sum(1 for a, b in zip(joined, simplified, strict=False) if a != b)
    return "zh-hant" if changed >= max(1, len(joined) // 40) else "zh"


# --- entities ---------------------------------------------------------------

_SEP = r"[ \-]?"
_MOBILE = re.compile(rf"(?<!\d)(?:\+?86{_SEP})?1[3-9]\d(?:{_SEP}\d){{8}}(?!\d)")
_LANDLINE = re.compile(r"(?<![\d+])(?:0\d{2,3}-\d{7,8}|400-?\d{3}-?\d{4}|\+\d{2,3}[ \-]?\d{6,12})")
_SHORT_LINE = re.compile(r"(?<!\d)(?:95\d{3,4}|96110|110|120|12315)(?!\d)")
_URL_CHARS = r"[A-Za-z0-9\-._~%/?#=&+:@!$*]"
_URL = re.compile(rf"(?:https?://|www\.){_URL_CHARS}+", re.I)
_DOMAIN = re.compile(
    r"(?<![@\w.])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|cn|net|org|top|xyz|vip|cc|me|info|app|club|shop|site|online|hk|tk|io|co)"
    rf"(?:/{_URL_CHARS}*)?(?![\w])",
    re.I,
)
_CARD = re.compile(r"(?<!\d)(?:\d[ \-]?){15,18}\d(?!\d)")
_ID = re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d{3}[\dXx](?!\d)")
_QQ = re.compile(r"(?:qq|扣扣|企鹅)(?:号|群|号码)?\s*[:：]?\s*(\d{5,11})", re.I)
_WECHAT = re.compile(
    r"(?:微信|vx|wx|v信|wechat)(?:号|id)?\s*[:：]?\s*([a-zA-Z][-_a-zA-Z0-9]{5,19})", re.I
)
_DIGIT = re.compile(r"\d")
_URL_HINT = re.compile(r"https?://|www\.", re.I)
_LONG_DIGITS = re.compile(r"(?<![\d.])\d(?:[ \-]?\d){6,}(?![\d.])")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_AMOUNT = re.compile(
    r"(?:[¥￥$]\s*|rmb\s*|usd\s*)?(\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*"
    r"(万|w|千|k)?\s*(元|块钱|块|rmb|yuan|刀|usd|dollars|美元)?",
    re.I,
)


@dataclass(frozen=True)
class Entities:
    """What the text names that staff may need: all numbers already masked."""

    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    amounts: tuple[float, ...] = ()
    qq: tuple[str, ...] = ()
    wechat: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[str] | list[float]]:
        return {k: list(v) for k, v in asdict(self).items() if v}


def mask_digits(value: str) -> str:
    """Replace every digit but the last four with '*' (separators are dropped)."""
    digits = re.sub(r"[^\dXx]", "", value)
    return "*" * max(0, len(digits) - 4) + digits[-4:]


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _cn_number(text: str) -> float | None:
    if text.isdigit():
        return float(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return float(total + current) if total + current else None


# A bare number right after a payment verb is money too ("transfer 50000", "转了8000").
_PAY_NUMBER = re.compile(
    r"(?:transfer|send|pay|wire|deposit|start with|转账?|汇款?|付款?|打款?|交|充值?|冲值?|储值|入金|借|"
    r"zhuan|jiao|chong|hui)\s*(?:了|le|me|him|her|them|us|我|她|他)?\s*(\d{3,9})(?!\d|[.,]\d|\s*[万wk千元块])",
    re.I,
)


def _amounts(text: str) -> tuple[float, ...]:
    found = [float(n) for n in _PAY_NUMBER.findall(text)]
    for m in _AMOUNT.finditer(text):
        number, scale, unit = m.group(1), (m.group(2) or "").lower(), m.group(3)
        has_currency = bool(unit) or m.group(0).lstrip()[:1] in "¥￥$ru"
        spoken = not number[0].isdigit() and any(u in number for u in "百千")
        if not (has_currency or scale or spoken):
            continue
        value = _cn_number(number.replace(",", "")) if not number[0].isdigit() else None
        if value is None:
            try:
                value = float(number.replace(",", ""))
            except ValueError:
                continue
        value *= {"万": 10_000, "w": 10_000, "千": 1000, "k": 1000}.get(scale, 1)
        if 0 < value < 1e10:
            found.append(value)
    return tuple(found)


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def extract_entities(text: str, norm: str | None = None) -> Entities:
    """Find phone numbers, links, card and ID numbers, amounts and chat ids; mask numbers.

    `norm` is `normalize(text)` when the caller has it already (amounts are read there).
    """
    text = unicodedata.normalize("NFKC", clean(text))
    # Most messages hold no number and no link: skip the patterns that need one.
    digits = _DIGIT.search(text) is not None
    ids = [m.group(0) for m in _ID.finditer(text)] if digits else []
    cards = [m.group(0) for m in _CARD.finditer(text) if luhn_ok(m.group(0))] if digits else []
    cards = [c for c in cards if re.sub(r"\D", "", c) not in {re.sub(r"\D", "", i) for i in ids}]
    phones: list[str] = []
    if digits:
        phones += [m.group(0) for m in _MOBILE.finditer(text)]
        phones += [m.group(0) for m in _LANDLINE.finditer(text)]
        phones += [m.group(0) for m in _SHORT_LINE.finditer(text)]
    urls = [m.group(0).rstrip(".,;") for m in _URL.finditer(text)] if _URL_HINT.search(text) else []
    if "." in text:
        urls += [
            m.group(0) for m in _DOMAIN.finditer(text) if not any(m.group(0) in u for u in urls)
        ]
    return Entities(
        phones=_dedupe([p if len(re.sub(r"\D", "", p)) <= 6 else mask_digits(p) for p in phones]),
        urls=_dedupe(urls),
        cards=_dedupe([mask_digits(c) for c in cards]),
        ids=_dedupe([mask_digits(i) for i in ids]),
        amounts=_amounts(norm if norm is not None else normalize(text)),
        qq=_dedupe([mask_digits(q) for q in _QQ.findall(text)]) if digits else (),
        wechat=_dedupe(_WECHAT.findall(text)),
    )


def mask_text(text: str) -> str:
    """Mask phone, card, ID and account numbers in free text, keeping the last 4 digits."""
    text = _ID.sub(lambda m: mask_digits(m.group(0)), text)
    return _LONG_DIGITS.sub(lambda m: mask_digits(m.group(0)), text)
