"""script_gate: a rule is skipped only when it provably cannot match."""

from __future__ import annotations

import re

import pytest

from bot.core.script_gate import is_ascii_letter, is_cjk, needs, split_by_need


@pytest.mark.parametrize(
    ("pattern", "test", "expected"),
    [
        ("已经转了", is_cjk, True),
        ("[转汇]了", is_cjk, True),
        ("(?:转|汇)(?:了|过)", is_cjk, True),
        ("x{0,3}中{1,2}", is_cjk, True),
        ("(?:a|中)", is_cjk, False),  # one branch is ASCII
        ("中?x", is_cjk, False),  # optional
        ("(?<=中)x", is_cjk, False),  # a lookbehind consumes nothing
        ("[^a]", is_ascii_letter, False),
        (r"\w+", is_ascii_letter, False),
        (r"\bsent\b", is_ascii_letter, True),
        ("(?i)SENT", is_ascii_letter, False),  # "k" and "s" also match non-ASCII letters
        ("(?i:sent)x", is_ascii_letter, True),  # ... but the "x" outside still counts
        ("(?i:sent)", is_ascii_letter, False),
        ("(?i)已经", is_cjk, True),
        (r"[$¥]\d", is_ascii_letter, False),
        ("wo zhuan le|我转了", is_ascii_letter, False),
    ],
)
def test_needs_proves_only_what_must_hold(pattern: str, test: object, expected: bool) -> None:
    assert needs(re.compile(pattern), test) is expected  # type: ignore[arg-type]


def test_a_skipped_rule_really_cannot_match_the_other_script() -> None:
    rules = [re.compile(p) for p in ("已经转了", "yijing zhuan le|已经转了", r"\bpaid\b")]
    needing, others = split_by_need(rules, is_cjk)
    assert [r.pattern for r in needing] == ["已经转了"]
    assert [r.pattern for r in others] == ["yijing zhuan le|已经转了", r"\bpaid\b"]
    assert not any(r.search("yijing zhuan le, I paid") for r in needing)


def test_gating_changes_no_urgency_verdict_on_any_labelled_text() -> None:
    import json

    from bot.core import risk
    from bot.core.normalize import normalize
    from tests.conftest import ROOT

    def ungated(text: str) -> bool:
        saved = risk._ZH_WITHOUT_CJK, risk._EN_WITHOUT_LETTERS
        risk._ZH_WITHOUT_CJK, risk._EN_WITHOUT_LETTERS = risk._ZH_RE, risk._EN_RE
        try:
            return risk.already_handed_over(text)
        finally:
            risk._ZH_WITHOUT_CJK, risk._EN_WITHOUT_LETTERS = saved

    texts = [
        normalize(json.loads(line)["text"])
        for path in sorted((ROOT / "tests" / "data").glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    texts += ["yijing zhuan le 5000", "gei ta zhuan le", "i sent him the code", "12345 $300"]
    assert len(texts) > 3000
    assert [risk.already_handed_over(t) for t in texts] == [ungated(t) for t in texts]
