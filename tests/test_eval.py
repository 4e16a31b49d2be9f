"""Hold the matcher to the targets on the held-out set (tests/data/eval.jsonl)."""

from __future__ import annotations

import json

import pytest

from bot.core.evaluation import evaluate
from bot.core.matching import Matcher
from tests.conftest import ROOT

EVAL = ROOT / "tests" / "data" / "eval.jsonl"


def test_eval_set_is_large_and_mixed() -> None:
    cases = [json.loads(x) for x in EVAL.read_text("utf-8").splitlines() if x.strip()]
    assert len(cases) >= 300
    assert sum(c["category"] == "none" for c in cases) >= 60
    assert sum(bool(c["urgent"]) for c in cases) >= 20
    assert len({c["category"] for c in cases}) == 20


# The targets are 0.90 / 0.90 / 0.95 / 0.95. These floors are just under what the
# matcher reaches today (0.983 / 0.988 / 0.990 / 0.973 on 2026-11-27, fourth session; see
# docs/benchmarks.md), so a change that makes it worse fails here; raise them as it improves.
FLOORS = {"accuracy": 0.96, "benign_specificity": 0.97, "high_recall": 0.98, "urgent_recall": 0.95}


def test_eval_does_not_regress(matcher: Matcher) -> None:
    report = evaluate(matcher, EVAL)
    summary = report.render()
    for name, floor in FLOORS.items():
        assert getattr(report, name) >= floor, f"{name} below {floor}\n{summary}"


# The other held-out sets (written by writers who read nothing in the repository, their
# misses unread): held to the targets, except the urgent recall of fresh36,
# fresh52 and fresh61, which is below target today (0.925, 0.871 and 0.931;
# docs/benchmarks.md) and is held where it stands.
OTHER_HELD_OUT = {
    "fresh16": {
        "accuracy": 0.90,
        "benign_specificity": 0.90,
        "high_recall": 0.95,
        "urgent_recall": 0.95,
    },
    "fresh17": {
        "accuracy": 0.90,
        "benign_specificity": 0.90,
        "high_recall": 0.95,
        "urgent_recall": 0.95,
    },
    "fresh26": {
        "accuracy": 0.90,
        "benign_specificity": 0.90,
        "high_recall": 0.95,
        "urgent_recall": 0.95,
    },
    "fresh36": {
        "accuracy": 0.90,
        "benign_specificity": 0.90,
        "high_recall": 0.95,
        "urgent_recall": 0.92,
    },
    # Written in the fifth session beside fresh53-55 (now cases) and kept unread: its
    # urgent recall is 0.871 (54 of 62), the furthest below target of any set.
    "fresh52": {
        "accuracy": 0.90,
        "benign_specificity": 0.90,
        "high_recall": 0.95,
        "urgent_recall": 0.85,
    },
    # Written later in the session beside fresh59, 60 and 62 (now cases) and kept unread:
    # the categories easiest to confuse with each other. Urgent recall 0.931 (54 of 58).
    "fresh61": {
        "accuracy": 0.90,
        "benign_specificity": 0.90,
        "high_recall": 0.95,
        "urgent_recall": 0.92,
    },
}


@pytest.mark.parametrize("name", sorted(OTHER_HELD_OUT))
def test_other_held_out_sets_hold(matcher: Matcher, name: str) -> None:
    report = evaluate(matcher, ROOT / "tests" / "data" / f"{name}.jsonl")
    for figure, floor in OTHER_HELD_OUT[name].items():
        assert getattr(report, figure) >= floor, (
            f"{name}: {figure} below {floor}\n{report.render(show_misses=False)}"
        )
