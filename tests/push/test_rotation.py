"""Tip rotation (no repeats until the set is done, campaigns first) and wording."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.content import Library
from bot.push import rotation
from bot.push.models import PushCampaign

NOW = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)


def test_no_repeats_until_the_audience_set_is_exhausted(library: Library) -> None:
    regular = rotation.audience_tips(library.tips, "elderly")
    assert len(regular) > 5 and len({t.id for t in regular}) == len(regular)
    seen: list[str] = []
    shown = []
    for _ in range(len(regular) + 3):
        tip, seen = rotation.choose(seen, regular, [])
        assert tip is not None
        shown.append(tip.id)
    first_round = shown[: len(regular)]
    assert sorted(first_round) == sorted(t.id for t in regular)
    assert shown[len(regular)] != shown[len(regular) - 1], "a new round must not repeat at once"
    assert len(set(shown[len(regular) :])) == 3


def test_audience_set_has_its_own_tips_then_general(library: Library) -> None:
    ids = [t.id for t in rotation.audience_tips(library.tips, "student")]
    assert ids[0].startswith("student_") and any(i.startswith("general_") for i in ids)
    assert not any(i.startswith("elderly_") for i in ids)


def test_campaign_tips_come_first_while_it_runs(library: Library) -> None:
    campaign = PushCampaign(
        id="pension_week",
        audience="elderly",
        starts_at=NOW - timedelta(days=1),
        ends_at=NOW + timedelta(days=6),
        tip_ids=["elderly_no_safe_account"],
        texts=[{"zh": "养老金不用交“认证费”。", "en": "Pensions need no 'verification fee'."}],
    )
    regular = rotation.audience_tips(library.tips, "elderly")
    special = rotation.campaign_tips([campaign], library.tips, "elderly", NOW)
    seen: list[str] = []
    order = []
    for _ in range(3):
        tip, seen = rotation.choose(seen, regular, special)
        assert tip is not None
        order.append(tip.id)
    assert order[:2] == ["c:pension_week:elderly_no_safe_account", "c:pension_week:0"]
    assert order[2] == regular[0].id
    assert rotation.campaign_tips([campaign], library.tips, "student", NOW) == []
    over = rotation.campaign_tips([campaign], library.tips, "elderly", NOW + timedelta(days=7))
    tip, seen = rotation.choose(seen, regular, over)
    assert not any(s.startswith("c:") for s in seen), "marks of ended campaigns are dropped"


def test_elderly_wording_is_one_short_idea() -> None:
    long_zh = "钱已经转出去了？马上拨打 110 报警，同时打银行卡背面的客服电话，说明被骗，请求止付。后面还有很多话要说。"
    assert (
        rotation.first_idea(long_zh, "zh")
        == "钱已经转出去了？马上拨打 110 报警，同时打银行卡背面的客服电话，说明被骗，请求止付。"
    )
    long_en = (
        "Nobody can fix a credit record for a fee. If your record looks wrong, check it with "
        "the credit reference center and ask for a correction free of charge."
    )
    assert rotation.first_idea(long_en, "en") == "Nobody can fix a credit record for a fee."
    short = "银行不会找您要验证码。"
    assert rotation.first_idea(short, "zh") == short


def test_every_tip_ends_with_how_to_check_with_the_bot(library: Library) -> None:
    tip = rotation.audience_tips(library.tips, "general")[0]
    normal = rotation.tip_message(tip, "zh", elderly=False)
    elderly = rotation.tip_message(tip, "zh", elderly=True)
    assert normal.endswith("我帮您看看是不是诈骗。") and elderly.endswith("就发给我看看。")
    assert len(elderly) <= len(normal)
    assert rotation.tip_message(tip, "en", elderly=False).endswith("whether it is a scam.")
    hant = rotation.tip_message(tip, "zh-hant", elderly=False)
    assert "發給我" in hant
    for t in library.tips:
        short = rotation.tip_message(rotation.TipText(t.id, t.zh, t.en), "zh", elderly=True)
        assert len(short) <= 80, t.id
