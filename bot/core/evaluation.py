"""Measure the matcher on a labelled JSONL file (`fraudbot eval FILE`)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.matching import NONE, Matcher


@dataclass
class EvalReport:
    total: int = 0
    correct: int = 0
    benign: int = 0
    benign_ok: int = 0
    high: int = 0
    high_ok: int = 0
    urgent: int = 0
    urgent_ok: int = 0
    false_urgent: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    actual: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def benign_specificity(self) -> float:
        return self.benign_ok / self.benign if self.benign else 1.0

    @property
    def high_recall(self) -> float:
        return self.high_ok / self.high if self.high else 1.0

    @property
    def urgent_recall(self) -> float:
        return self.urgent_ok / self.urgent if self.urgent else 1.0

    def summary(self) -> dict[str, float]:
        return {
            "cases": self.total,
            "accuracy": round(self.accuracy, 4),
            "benign_specificity": round(self.benign_specificity, 4),
            "high_risk_recall": round(self.high_recall, 4),
            "urgent_recall": round(self.urgent_recall, 4),
            "false_urgent": self.false_urgent,
        }

    def render(self, show_misses: bool = True) -> str:
        lines = [f"{k}: {v}" for k, v in self.summary().items()]
        lines.append("")
        lines.append(f"{'category':32} {'precision':>9} {'recall':>7} {'n':>4}")
        for cat in sorted(self.actual | self.predicted):
            prec = self.tp[cat] / self.predicted[cat] if self.predicted[cat] else 0.0
            rec = self.tp[cat] / self.actual[cat] if self.actual[cat] else 0.0
            lines.append(f"{cat:32} {prec:9.2f} {rec:7.2f} {self.actual[cat]:4}")
        if show_misses and self.misses:
            lines.append("")
            lines.append(f"misses ({len(self.misses)}):")
            lines.extend(self.misses)
        return "\n".join(lines)


def evaluate(matcher: Matcher, path: Path) -> EvalReport:
    """Run every labelled case through the matcher and count what it got right."""
    report = EvalReport()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        got = matcher.assess(case["text"])
        want_cat, want_risk = case["category"], case["risk"]
        want_urgent = bool(case.get("urgent"))
        report.total += 1
        report.actual[want_cat] += 1
        report.predicted[got.category] += 1
        wrong = []
        if got.category == want_cat:
            report.correct += 1
            report.tp[want_cat] += 1
        else:
            wrong.append(f"category {got.category} (want {want_cat})")
        if want_cat == NONE:
            report.benign += 1
            report.benign_ok += got.category == NONE and not got.urgent
        if want_risk == "high":
            report.high += 1
            report.high_ok += got.risk == "high"
            if got.risk != "high":
                wrong.append(f"risk {got.risk} (want high)")
        if want_urgent:
            report.urgent += 1
            report.urgent_ok += got.urgent
            if not got.urgent:
                wrong.append("not urgent (want urgent)")
        elif got.urgent:
            report.false_urgent += 1
            wrong.append("urgent (want not urgent)")
        if wrong:
            report.misses.append(f"  line {lineno}: {'; '.join(wrong)} | {case['text'][:90]}")
    return report
