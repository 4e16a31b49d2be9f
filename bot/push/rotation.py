"""Which tip a subscriber gets next, and its wording for their language and mode.

Campaign tips that staff schedule come first while the campaign runs; then the
audience's tips rotate in content order without repeating until all were seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.content import Tip
from bot.push import texts
from bot.push.models import PushCampaign

# A tip longer than this is cut to its first idea in elderly mode.
ELDERLY_MAX_CHARS = {"zh": 40, "en": 110}
_ZH_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+|[^。！？!?]+$")
_EN_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|$)", re.DOTALL)
CAMPAIGN_MARK = "c:"


@dataclass(frozen=True)
class TipText:
    """A tip to send: a content tip or a campaign's own text, in both languages."""

    id: str
    zh: str
    en: str


def audience_tips(tips: Iterable[Tip], audience: str) -> list[TipText]:
    """The audience's own tips, then the general ones, each once, in content order."""
    tips = list(tips)
    own = [t for t in tips if audience in t.audience]
    general = [t for t in tips if "general" in t.audience and audience not in t.audience]
    return [TipText(t.id, t.zh, t.en) for t in own + general]


def running(campaign: PushCampaign, audience: str, at: datetime) -> bool:
    """The campaign is on at `at` and meant for this audience."""
    return campaign.starts_at <= at < campaign.ends_at and campaign.audience in ("all", audience)


def campaign_tips(
    campaigns: Iterable[PushCampaign], tips: Iterable[Tip], audience: str, at: datetime
) -> list[TipText]:
    """Every item of the campaigns running for this audience, oldest campaign first."""
    by_id = {t.id: t for t in tips}
    items: list[TipText] = []
    for campaign in sorted(campaigns, key=lambda c: (c.starts_at, c.id)):
        if not running(campaign, audience, at):
            continue
        mark = f"{CAMPAIGN_MARK}{campaign.id}:"
        for tip_id in campaign.tip_ids:
            if tip_id in by_id:
                items.append(TipText(mark + tip_id, by_id[tip_id].zh, by_id[tip_id].en))
        for n, own in enumerate(campaign.texts):
            items.append(TipText(f"{mark}{n}", own["zh"], own.get("en") or own["zh"]))
    return items


def choose(
    seen: Sequence[str], regular: Sequence[TipText], campaign: Sequence[TipText]
) -> tuple[TipText | None, list[str]]:
    """The next tip and the updated list of seen ids (None when there is nothing to send)."""
    campaign_ids = {c.id for c in campaign}
    # Marks of campaigns that have ended are dropped; running ones are remembered.
    kept = [s for s in seen if not s.startswith(CAMPAIGN_MARK) or s in campaign_ids]
    for item in campaign:
        if item.id not in kept:
            return item, [*kept, item.id]
    if not regular:
        return None, kept
    unseen = [t for t in regular if t.id not in kept]
    if not unseen:
        # The whole set has been seen: start a new round, but not with the tip just sent.
        last = next((s for s in reversed(kept) if not s.startswith(CAMPAIGN_MARK)), None)
        kept = [s for s in kept if s.startswith(CAMPAIGN_MARK)]
        unseen = [t for t in regular if t.id != last] or list(regular)
    return unseen[0], [*kept, unseen[0].id]


def sentences(text: str, language: str) -> list[str]:
    """The text split into sentences, end punctuation kept."""
    pattern = _EN_SENTENCE if language == "en" else _ZH_SENTENCE
    return [s.strip() for s in pattern.findall(text.strip()) if s.strip()]


def first_idea(text: str, language: str) -> str:
    """A long tip cut to its first sentence (with the answer when it opens with a question)."""
    lang = texts.key(language)
    if len(text) <= ELDERLY_MAX_CHARS[lang]:
        return text
    parts = sentences(text, lang)
    if not parts:
        return text
    idea = parts[0]
    if idea.endswith(("?", "？")) and len(parts) > 1:
        idea = f"{idea} {parts[1]}" if lang == "en" else idea + parts[1]
    return idea


def body(zh: str, en: str, language: str, elderly: bool) -> str:
    """The tip's words in the person's language, shortened in elderly mode."""
    words = en if language == "en" else zh
    return first_idea(words, language) if elderly else words


def tip_message(tip: TipText, language: str, elderly: bool) -> str:
    """A tip as sent: heading, the words, and how to check a situation with the bot."""
    check = "check_short" if elderly else "check"
    words = texts.convert(body(tip.zh, tip.en, language, elderly), language)
    return f"{texts.text('tip_head', language)}{words}\n\n{texts.text(check, language)}"


def alert_message(zh: str, en: str, language: str, elderly: bool) -> str:
    """A staff alert as sent, ending like every tip with how to check with the bot."""
    check = "check_short" if elderly else "check"
    words = texts.convert(en if language == "en" else zh, language)
    return f"{texts.text('alert_head', language)}{words}\n\n{texts.text(check, language)}"
