"""K-fold cross-validation of the matcher over the cases in content/cases/.

Each fold's cases are left out of the index that judges them (the patterns, look-alikes
and every other case stay in), so the figures say how the matcher does on descriptions it
has not learned, of the kind staff file. Urgency figures are printed too, but they are
not honest here: the urgency rules were written from these very texts.

    .venv/bin/python benchmarks/crossval.py [--folds 5] [--seed 7] [--content content]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.content import load_library  # noqa: E402
from bot.core.matching import NONE, Matcher  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    args = parser.parse_args()

    library = load_library(args.content)
    labels: dict[str, tuple[str, bool]] = {}
    for path in sorted((args.content / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            labels[case["text"].strip()] = (case.get("risk") or "low", bool(case.get("urgent")))
    items = [(cat, text) for cat, texts in library.cases.items() for text in texts]
    random.Random(args.seed).shuffle(items)

    n = ok = benign = benign_ok = high = high_ok = urgent = urgent_ok = false_urgent = 0
    for k in range(args.folds):
        held = items[k :: args.folds]
        left_out = {text for _, text in held}
        kept: dict[str, list[str]] = {}
        for cat, text in items:
            if text not in left_out:
                kept.setdefault(cat, []).append(text)
        fold = dataclasses.replace(
            library, cases={c: tuple(t) for c, t in kept.items()}, pattern_by_id={}
        )
        matcher = Matcher(fold)
        for cat, text in held:
            got = matcher.assess(text)
            risk, was_urgent = labels[text]
            n += 1
            ok += got.category == cat
            if cat == NONE:
                benign += 1
                benign_ok += got.category == NONE and not got.urgent
            if risk == "high":
                high += 1
                high_ok += got.risk == "high"
            if was_urgent:
                urgent += 1
                urgent_ok += got.urgent
            elif got.urgent:
                false_urgent += 1
        print(f"fold {k + 1}/{args.folds} done", file=sys.stderr)
    print(f"cases: {n} in {args.folds} folds (seed {args.seed})")
    print(f"accuracy: {ok / n:.4f}")
    print(f"benign_specificity: {benign_ok / benign:.4f}")
    print(f"high_risk_recall: {high_ok / high:.4f}")
    print(f"urgent_recall (not honest: rules written from these texts): {urgent_ok / urgent:.4f}")
    print(f"false_urgent: {false_urgent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
