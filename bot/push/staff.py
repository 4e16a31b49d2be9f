"""Staff alerts about a new scam wave: draft with preview and count, confirm, figures."""

from __future__ import annotations

from bot.push import repository as repo
from bot.push import rotation, texts
from bot.push.models import PushAlert
from bot.push.screens import Screen, button
from bot.storage.db import Database


def preview_text(alert: PushAlert, count: int, language: str) -> str:
    """Exactly what recipients will read, in both languages, and how many there are."""
    return texts.text(
        "alert_preview",
        language,
        audience=texts.name_of(texts.AUDIENCE_NAMES, alert.audience, language),
        count=count,
        zh=rotation.alert_message(alert.text_zh, alert.text_en, "zh", False),
        en=rotation.alert_message(alert.text_zh, alert.text_en, "en", False),
    )


async def draft(
    db: Database, *, audience: str, text_zh: str, text_en: str, created_by: str, language: str
) -> tuple[PushAlert, int, Screen]:
    """Store a draft and return it with its recipient count and a confirm/cancel screen."""
    alert = await repo.create_alert(
        db, audience=audience, text_zh=text_zh, text_en=text_en, created_by=created_by
    )
    count = await repo.count_recipients(db, audience=audience)
    rows = (
        (
            button(f"alert:ok:{alert.id}", texts.text("b_send", language, count=count)),
            button(f"alert:no:{alert.id}", texts.text("b_cancel", language)),
        ),
    )
    return alert, count, Screen(preview_text(alert, count, language), rows)


async def decide(db: Database, *, alert_id: int, confirm: bool, language: str) -> Screen:
    """Confirm (the engine then sends it) or cancel a draft."""
    status = "confirmed" if confirm else "cancelled"
    alert = await repo.set_alert_status(db, alert_id=alert_id, status=status)
    if alert is None:
        return Screen(texts.text("alert_usage", language))
    if alert.status == "cancelled":
        return Screen(texts.text("alert_cancelled", language, id=alert_id))
    count = await repo.count_recipients(db, audience=alert.audience)
    return Screen(texts.text("alert_confirmed", language, id=alert_id, count=count))


async def figures_text(db: Database, *, alert_id: int, language: str) -> str:
    """Sent, failed, blocked and pending for one alert."""
    counts = repo.totals(await repo.figures(db, alert_id=alert_id))
    pending = counts["pending"] + counts["sending"]
    return texts.text(
        "figures",
        language,
        id=alert_id,
        sent=counts["sent"],
        failed=counts["failed"],
        blocked=counts["blocked"] + counts["skipped"],
        pending=pending,
    )
