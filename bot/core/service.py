"""The one entry point every channel calls: a message in, reply values out, case logged.

The service never sends anything. It keeps each person's conversation state in the
database (so a restart loses nothing), decides the next step, renders the reply in
every output format, and writes the consultation log.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import Connection

from bot.core import dialogue
from bot.core.content import Library, Pattern
from bot.core.matcher_cache import load_matcher
from bot.core.matching import NONE, Assessment, Matcher
from bot.core.messages import (
    ELDERLY_OFF,
    ELDERLY_ON,
    FORGET,
    FORGET_CONFIRM,
    HELPFUL,
    LANG_PREFIX,
    MY_DATA,
    NOT_HELPFUL,
    NOT_MINE,
    PAID,
    STAFF,
    Button,
    Format,
    Inbound,
    Link,
    Reply,
)
from bot.core.normalize import clean, detect_language, extract_entities, mask_text, normalize
from bot.core.render import MAX_REPLY_CHARS, Renderer, localize, template_language
from bot.push.repository import delete_push_data, watched_user_refs
from bot.settings import Settings
from bot.storage import repository as repo
from bot.storage.batching import Batcher
from bot.storage.db import Database, transaction

NOT_PAID = "not_paid"
LANGUAGES = ("zh", "zh-hant", "en")
CALLBACK_HOURS = 24
RETENTION_DAYS = 180
# A follow-up starts a new case only when, on its own, it matches another scam this
# well. Short follow-ups ("然后他就挂了电话", "I sent him 3000") match something weakly
# (0.2-0.3) and belong to the story already told.
NEW_STORY_SCORE = 0.4


@dataclass(frozen=True)
class LiveContent:
    """Everything loaded from the content folder; replaced as a whole on reload."""

    library: Library
    matcher: Matcher
    renderer: Renderer
    labels: dict[str, dict[str, str]]

    @classmethod
    def load(cls, root: Path, cache_dir: Path | None = None) -> LiveContent:
        """Load and validate a content folder (the built matcher from `cache_dir` if kept)."""
        matcher = load_matcher(root, cache_dir)
        labels = yaml.safe_load((root / "templates" / "labels.yaml").read_text("utf-8"))
        return cls(matcher.library, matcher, Renderer(root / "templates"), labels)


class ConsultationService:
    """Conversation flow plus the consultation log, shared by every channel."""

    def __init__(
        self,
        *,
        settings: Settings,
        db: Database,
        content: LiveContent,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.db = db
        self.content = content
        self.clock = clock
        self._locks: dict[str, asyncio.Lock] = {}
        # Every message reads a state and writes the log: under load these run in
        # shared rounds (group commit) rather than one transaction each.
        self._load = Batcher(self._load_round)
        self._save = Batcher(self._save_round)

    async def _load_round(self, user_refs: list[str]) -> list[tuple[dict[str, Any] | None, bool]]:
        def load(conn: Connection) -> tuple[dict[str, dict[str, Any]], set[str]]:
            return (
                repo.load_states(conn, user_refs=user_refs),
                watched_user_refs(conn, user_refs=user_refs),
            )

        states, watched = await self.db.run_sync(load, write=False)
        return [(states.get(ref), ref in watched) for ref in user_refs]

    async def _save_round(self, writes: list[repo.TurnWrite]) -> list[None]:
        await self.db.run_sync(lambda conn: repo.save_turns(conn, writes), write=True)
        return [None] * len(writes)

    async def handle(self, inbound: Inbound) -> Reply:
        """Answer one message or button press and record what happened."""
        ref = inbound.user_ref
        lock = self._locks.setdefault(ref, asyncio.Lock())
        try:
            async with lock:
                state, watched = await self._load(ref)
                turn = _Turn(self, inbound, state or {})
                reply = await turn.run()
                # The log and the new state land in one transaction, with other turns'.
                await _finish(self._save(turn.write))
                if turn.write.new_id is not None and reply.consultation_id is None:
                    reply = dataclasses.replace(reply, consultation_id=turn.write.new_id)
                # Channels alert guardians after the reply; most people have none.
                reply.extra["guardians"] = watched
                return reply
        finally:
            # Released and nobody waiting: drop it, or the dict grows by one per person.
            idle = not lock.locked() and not getattr(lock, "_waiters", None)
            if idle and self._locks.get(ref) is lock:
                del self._locks[ref]

    def reload(self, content: LiveContent) -> None:
        self.content = content


class _Turn:
    """One message's handling: reads and updates the person's state."""

    def __init__(
        self,
        service: ConsultationService,
        inbound: Inbound,
        state: dict[str, Any],
    ):
        self.svc = service
        self.inbound = inbound
        self.state = state
        # What this turn will write; saved after the reply is decided.
        self.write = repo.TurnWrite(inbound.user_ref, state)
        self.content = service.content
        self.truncated = False
        self.lang = self._language()

    # --- language and rendering ---------------------------------------------------

    def _language(self) -> str:
        action = self.inbound.action or ""
        if action.startswith(LANG_PREFIX) and action[len(LANG_PREFIX) :] in LANGUAGES:
            self.state["lang"] = action[len(LANG_PREFIX) :]
        if self.state.get("lang") in LANGUAGES:
            return str(self.state["lang"])
        text = clean(self.inbound.text)
        if sum(ch.isalpha() for ch in text) >= 2:
            lang: str = detect_language(text)
        elif self.inbound.language:
            hint = self.inbound.language.lower()
            lang = (
                "en" if hint.startswith("en") else "zh-hant" if hint in {"zh-hk", "zh-tw"} else "zh"
            )
        else:
            lang = str(self.state.get("last_lang", "zh"))
        self.state["last_lang"] = lang
        return lang

    @property
    def short(self) -> bool:
        return bool(self.state.get("elderly"))

    def _t(self, pattern: Pattern | None, field: str) -> Any:
        if pattern is None:
            return None
        value = getattr(pattern, field)
        return getattr(value, template_language(self.lang))

    def _render(self, name: str, **context: Any) -> Mapping[Format, str]:
        s = self.svc.settings
        base = {
            "short": self.short,
            "org_name": s.org_name_en if self.lang == "en" else s.org_name_zh,
            "org_hotline": s.org_hotline,
            "max_chars": s.max_message_chars,
            "callback_hours": CALLBACK_HOURS,
            "retention_days": RETENTION_DAYS,
            "truncated": self.truncated,
        }
        texts = self.content.renderer.render(name, self.lang, {**base, **context})
        if len(texts["plain"]) > MAX_REPLY_CHARS and not base["short"]:
            texts = self.content.renderer.render(
                name, self.lang, {**base, **context, "short": True}
            )
        return texts

    def _buttons(self, *actions: str) -> tuple[Button, ...]:
        key = template_language(self.lang)
        out = []
        for action in actions:
            label = self.content.labels.get(action, {}).get(key, action)
            out.append(Button(action, localize(label, self.lang)))
        return tuple(out)

    def _links(self) -> tuple[Link, ...]:
        links = [Link("110", "tel:110"), Link("96110", "tel:96110")]
        if self.svc.settings.org_hotline:
            links.append(
                Link(self.svc.settings.org_hotline, f"tel:{self.svc.settings.org_hotline}")
            )
        return tuple(links)

    def _reply(self, name: str, kind: str, *, buttons: tuple[str, ...] = (), **ctx: Any) -> Reply:
        case = self.state.get("case") or {}
        return Reply(
            texts=self._render(name, **ctx),
            buttons=self._buttons(*buttons),
            links=self._links() if kind in {"assessment", "urgent", "no_match"} else (),
            kind=kind,
            language=self.lang,
            consultation_id=case.get("id"),
        )

    # --- flow -------------------------------------------------------------------

    async def run(self) -> Reply:
        if self.inbound.action:
            return await self._on_action(self.inbound.action)
        return await self._on_text(clean(self.inbound.text))

    async def _on_text(self, text: str) -> Reply:
        if not text:
            await self._record_bad_input("")
            return self._reply("empty", "empty")
        if dialogue.is_greeting(text):
            return self._reply("greeting", "greeting")
        if dialogue.is_thanks(text):
            return self._reply("thanks", "thanks")
        case = self._open_case()
        if case and case.get("awaiting_paid"):
            answer = dialogue.answer_to_paid_question(text)
            if answer is True:
                return await self._urgent(case, text)
            if answer is False:
                return await self._not_paid(case)
        limit = self.svc.settings.max_message_chars
        self.truncated = len(text) > limit
        text = text[:limit]
        if case:
            matcher = self.content.matcher
            alone = matcher.assess(text)
            if alone.category not in (NONE, case.get("category")) and (
                alone.score >= NEW_STORY_SCORE
            ):
                # On its own it clearly names another scam: a new case, not more of this.
                return await self._assess(text, None, alone)
            # Keep the latest part of a long story: it is what the person is living now.
            story = f"{case['text']}\n{text}"[-limit:]
            if case.get("category", NONE) != NONE and "risk" in case:
                shown = int(case.get("shown", 0))
                more = matcher.continued(
                    alone,
                    story,
                    matches=case.get("matches", [])[shown:],
                    score=float(case.get("score", 0.0)),
                    risk=str(case["risk"]),
                )
                return await self._assess(story, case, more)
            # An unmatched start: the whole story together may say what it is.
            return await self._assess(story, case)
        return await self._assess(text, None)

    def _open_case(self) -> dict[str, Any] | None:
        """The person's last case, if the new message arrives soon enough to continue it."""
        case = self.state.get("case")
        if not case:
            return None
        if self.svc.clock() - float(case.get("at", 0)) > self.svc.settings.followup_window_seconds:
            return None
        return dict(case)

    async def _assess(
        self, text: str, case: dict[str, Any] | None, a: Assessment | None = None
    ) -> Reply:
        a = a or self.content.matcher.assess(text)
        pattern = self.content.library.pattern_by_id.get(a.pattern or "")
        fields = _row_fields(a, text)
        if case and case.get("urgent"):
            # What is already lost stays on record when the story goes on.
            fields.update(urgent=True, status="needs_follow_up", outcome="lost")
            fields.pop("amount_lost")
            a = dataclasses.replace(a, urgent=True, risk="high")
        if case:
            self.write.change(case["id"], **fields)
            row_id = case["id"]
        else:
            self._new_consultation(opens_case=True, **fields)
            row_id = None  # known once saved
        self.state["case"] = {
            "id": row_id,
            "text": mask_text(text),
            "at": self.svc.clock(),
            "matches": [m.pattern for m in a.matches],
            "shown": 0,
            "awaiting_paid": a.risk == "high" and not a.urgent and a.category != NONE,
            "category": a.category,
            "urgent": a.urgent,
            "risk": a.risk,
            "score": round(a.score, 4),
        }
        if a.urgent:
            return self._urgent_reply(pattern, a.entities.amounts)
        if a.category == NONE or pattern is None:
            return self._reply("no_match", "no_match", buttons=(STAFF, HELPFUL, NOT_HELPFUL))
        return self._assessment_reply(pattern, a.risk, normalize(text))

    def _assessment_reply(self, pattern: Pattern, risk: str, norm_text: str) -> Reply:
        ask_paid = risk == "high"
        case = self.state.get("case") or {}
        more = len(case.get("matches", [])) > case.get("shown", 0) + 1
        buttons = [PAID, NOT_PAID] if ask_paid else []
        buttons += [NOT_MINE] if more else []
        buttons += [HELPFUL, NOT_HELPFUL, STAFF]
        reply = self._reply(
            "assessment",
            "assessment",
            buttons=tuple(buttons),
            title=self._t(pattern, "title"),
            risk=risk,
            steps=self._t(pattern, "what_to_do"),
            flags=self._flags(pattern, norm_text),
            ask_paid=ask_paid,
        )
        reply.extra["risk"] = risk  # lets channels skip guardian alerts for medium risk
        return reply

    def _flags(self, pattern: Pattern, norm_text: str) -> list[str]:
        """The red flags whose words appear in what the person said (two at most)."""
        key = template_language(self.lang)
        hits = [
            getattr(flag, key)
            for flag in pattern.red_flags
            if any(_normalized(m) in norm_text for m in flag.match)
        ]
        return (hits or [getattr(pattern.red_flags[0], key)])[:2]

    def _urgent_reply(self, pattern: Pattern | None, amounts: tuple[float, ...]) -> Reply:
        amount = f"{max(amounts):,.0f}" if amounts else ""
        return self._reply(
            "urgent",
            "urgent",
            buttons=(STAFF, HELPFUL, NOT_HELPFUL),
            title=self._t(pattern, "title") or "",
            amount=amount,
        )

    async def _urgent(self, case: dict[str, Any], text: str) -> Reply:
        amounts = extract_entities(text).amounts
        changes: dict[str, Any] = {"urgent": True, "status": "needs_follow_up", "outcome": "lost"}
        if amounts:
            changes["amount_lost"] = max(amounts)
        self.write.change(case["id"], **changes)
        self._update_case(awaiting_paid=False, urgent=True)
        pattern = self._current_pattern()
        return self._urgent_reply(pattern, amounts)

    async def _not_paid(self, case: dict[str, Any]) -> Reply:
        self.write.change(case["id"], outcome="stopped")
        self._update_case(awaiting_paid=False)
        return self._reply("not_paid", "not_paid", buttons=(HELPFUL, NOT_HELPFUL, STAFF))

    def _update_case(self, **changes: Any) -> None:
        case = dict(self.state.get("case") or {})
        case.update(changes)
        self.state["case"] = case

    def _current_pattern(self) -> Pattern | None:
        case = self.state.get("case") or {}
        matches = case.get("matches") or []
        shown = int(case.get("shown", 0))
        if shown < len(matches):
            return self.content.library.pattern_by_id.get(matches[shown])
        return None

    def _new_consultation(self, *, opens_case: bool = False, **fields: Any) -> None:
        """Log a new consultation with this turn; a case it opens learns its id on save."""

        def on_new_id(new_id: int) -> None:
            # Called again, with another id, if a failed round is retried on its own.
            if opens_case:
                self.state["case"]["id"] = new_id

        self.write.new = repo.consultation_values(
            channel=self.inbound.channel,
            user_ref=self.inbound.user_ref,
            language=self.lang,
            **fields,
        )
        self.write.on_new_id = on_new_id

    async def _record_bad_input(self, text: str) -> None:
        self._new_consultation(
            text=text,
            category=NONE,
            pattern=None,
            score=0.0,
            risk="low",
            urgent=False,
            entities={},
            status="unmatched",
        )

    # --- buttons ----------------------------------------------------------------

    async def _on_action(self, action: str) -> Reply:
        case = self.state.get("case")
        if action == PAID:
            if case:
                return await self._urgent(case, "")
            return self._urgent_reply(None, ())
        if action == NOT_PAID and case:
            return await self._not_paid(case)
        if action == NOT_MINE and case:
            return await self._next_match(case)
        if action in (HELPFUL, NOT_HELPFUL) and case:
            feedback = "helpful" if action == HELPFUL else "not_helpful"
            self.write.change(case["id"], feedback=feedback)
            return self._reply("feedback", "feedback", helpful=action == HELPFUL)
        if action == STAFF:
            return await self._staff(case)
        if action == MY_DATA:
            return await self._my_data()
        if action in (FORGET, FORGET_CONFIRM):
            return await self._forget(confirmed=action == FORGET_CONFIRM)
        if action in (ELDERLY_ON, ELDERLY_OFF):
            self.state["elderly"] = action == ELDERLY_ON
            return self._reply("settings", "settings", what=action)
        if action.startswith(LANG_PREFIX):
            return self._reply("settings", "settings", what="lang")
        return self._reply("help", "help", buttons=(MY_DATA, FORGET))

    async def _next_match(self, case: dict[str, Any]) -> Reply:
        shown = int(case.get("shown", 0)) + 1
        matches = case.get("matches") or []
        self._update_case(shown=shown, awaiting_paid=False)
        if shown >= len(matches):
            self.write.change(case["id"], category=NONE, pattern=None, status="unmatched")
            return self._reply("no_match", "no_match", buttons=(STAFF, HELPFUL, NOT_HELPFUL))
        pattern = self.content.library.pattern_by_id[matches[shown]]
        self.write.change(case["id"], category=pattern.category, pattern=pattern.id)
        risk = "high" if pattern.default_risk == "high" else "medium"
        self._update_case(awaiting_paid=risk == "high")
        return self._assessment_reply(pattern, risk, normalize(case.get("text", "")))

    async def _staff(self, case: dict[str, Any] | None) -> Reply:
        if not case:
            return self._reply("staff", "staff", case_id=None)
        row = await repo.get_consultation(self.svc.db, consultation_id=case["id"])
        notes = (
            (row.staff_notes + "\n") if row and row.staff_notes else ""
        ) + "call back requested"
        self.write.change(case["id"], status="needs_follow_up", staff_notes=notes)
        reply = self._reply("staff", "staff_request", case_id=case["id"])
        reply.extra["staff_alert"] = True
        return reply

    async def _my_data(self) -> Reply:
        rows = await repo.consultations_for_user(self.svc.db, user_ref=self.inbound.user_ref)
        names = self.content.library.categories
        key = template_language(self.lang)
        view = [
            {
                "date": r.created_at.strftime("%Y-%m-%d"),
                "category": getattr(names[r.category], key) if r.category in names else r.category,
                "text": (r.text[:40] + "…") if len(r.text) > 40 else r.text,
            }
            for r in rows[:10]
        ]
        return self._reply("my_data", "my_data", buttons=(FORGET,), rows=view)

    async def _forget(self, *, confirmed: bool) -> Reply:
        if not confirmed:
            return self._reply(
                "forget", "forget_ask", buttons=(FORGET_CONFIRM,), done=False, count=0
            )
        async with transaction(self.svc.db) as session:
            count = await repo.delete_user_data(session, user_ref=self.inbound.user_ref)
            # Subscriptions, deliveries and guardian links are personal data too.
            count += await delete_push_data(session, user_ref=self.inbound.user_ref)
        self.state = {}
        self.write = repo.TurnWrite(self.inbound.user_ref, None)  # nothing saved again
        return self._reply("forget", "forgotten", done=True, count=count)


async def _finish(write: Awaitable[None]) -> None:
    """Await a save to the end even if the turn is cancelled meanwhile (at shutdown).

    The person's lock is held until then, so a /forget that follows cannot be undone by
    this turn's write landing after it.
    """
    task = asyncio.ensure_future(write)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise


@lru_cache(maxsize=4096)
def _normalized(phrase: str) -> str:
    """Red-flag phrases come from content and repeat on every reply: normalise once."""
    return normalize(phrase)


def _row_fields(a: Assessment, text: str) -> dict[str, Any]:
    """The consultation columns that follow from an assessment."""
    amounts = a.entities.amounts
    if a.urgent or a.risk == "high":
        status = "needs_follow_up"
    elif a.category == NONE:
        status = "unmatched"
    else:
        status = "new"
    return {
        "text": mask_text(text),
        "category": a.category,
        "pattern": a.pattern,
        "score": round(a.score, 4),
        "risk": a.risk,
        "urgent": a.urgent,
        "entities": a.entities.as_dict(),
        "status": status,
        "amount_lost": max(amounts) if a.urgent and amounts else None,
        "amount_at_risk": max(amounts) if amounts and not a.urgent else None,
        "outcome": "lost" if a.urgent else "unknown",
    }
