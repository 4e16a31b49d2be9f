"""script_gate: a rule is skipped only when it provably cannot match."""

from __future__ import annotations

import json
import re

import pytest

from bot.core import risk
from bot.core.content import load_library
from bot.core.normalize import normalize
from bot.core.script_gate import (
    AnyArm,
    is_ascii_letter,
    is_cjk,
    needs,
    required_strings,
    split_by_need,
    top_level_arms,
)
from tests.conftest import CONTENT, ROOT


def _labelled_texts() -> list[str]:
    """The held-out sets and every case in the shipped content, normalised."""
    texts = [
        normalize(json.loads(line)["text"])
        for path in sorted((ROOT / "tests" / "data").glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    texts += [normalize(t) for cases in load_library(CONTENT).cases.values() for t in cases]
    return texts + ["yijing zhuan le 5000", "gei ta zhuan le", "i sent him the code", "12345 $300"]


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
    # As if each text held every needed string: no rule skipped.
    every_string = frozenset[str]().union(*risk._NEEDS.values())

    def ungated(text: str) -> bool:
        saved = risk._ZH_WITHOUT_CJK, risk._EN_WITHOUT_LETTERS, risk._present
        risk._ZH_WITHOUT_CJK, risk._EN_WITHOUT_LETTERS = risk._ZH_RE, risk._EN_RE
        risk._present = lambda text: every_string  # type: ignore[assignment]
        try:
            return risk.already_handed_over(text)
        finally:
            risk._ZH_WITHOUT_CJK, risk._EN_WITHOUT_LETTERS, risk._present = saved

    texts = _labelled_texts()
    assert len(texts) > 3000
    assert [risk.already_handed_over(t) for t in texts] == [ungated(t) for t in texts]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("已经转了", {"已经转了"}),
        ("(?:转账|汇款)", {"转账", "汇款"}),  # a branch: either arm
        ("(?:已经|已)", {"已"}),  # the parser takes the common prefix out of the arms
        ("(?:已经|已)转了钱", {"转了钱"}),  # the longest run wins
        ("[转汇]了", {"了"}),  # a run of one beats a set of one-character strings
        ("[转汇]", {"转", "汇"}),
        (r"\bpaid\b", {"paid"}),
        ("(?<=中)x", {"x"}),  # nothing from a lookbehind
        ("中?x", {"x"}),
        (r"\d+", None),
        ("(?:a|\\w)", None),  # one arm needs nothing in particular
        ("(?i)paid", None),
        ("x{0,3}", None),
    ],
)
def test_required_strings(pattern: str, expected: set[str] | None) -> None:
    found = required_strings(re.compile(pattern))
    assert (None if found is None else set(found)) == expected


def test_every_match_of_every_rule_contains_one_of_its_strings() -> None:
    for text in _labelled_texts():
        for rx, strings in risk._NEEDS.items():
            for m in rx.finditer(text):
                assert any(s in m.group(0) for s in strings), (rx.pattern, m.group(0))


@pytest.mark.parametrize(
    ("source", "arms"),
    [
        ("a|b", ["a", "b"]),
        ("(?:a|b)c|d", ["(?:a|b)c", "d"]),
        (r"[|]x|\|y|z", ["[|]x", r"\|y", "z"]),
        ("[]|]q|r", ["[]|]q", "r"]),
        ("single", ["single"]),
    ],
)
def test_top_level_arms(source: str, arms: list[str]) -> None:
    assert top_level_arms(source) == arms


def test_any_arm_answers_like_the_whole_alternation() -> None:
    from bot.core import stages

    wholes = [
        risk._FRAUD_CUE,
        risk._VERIFIED,
        risk._WENT_WRONG,
        risk._SETTLED,
        risk._ALARM,
        stages._NOT_YET,
        stages._TO_ME,
    ]
    texts = _labelled_texts()
    for whole in wholes:
        arms = AnyArm(whole)
        assert [arms.search(t) for t in texts] == [bool(whole.search(t)) for t in texts]
    toy = AnyArm(re.compile(r"(?<!不)骗|\bscam\w*|\d+ ?k lost"))
    assert toy.search("被骗了") and not toy.search("不骗你") and toy.search("5k lost")
