"""Performance report for the matcher and the CLI; writes benchmarks/results.json.

1. Matcher.assess latency on the shipped library (content/) over the texts of
   tests/data/{eval,fresh16}.jsonl (held-out descriptions): one warm-up pass, then every call timed with
   perf_counter_ns over 5 passes; p50/p95/p99/max ms (targets p50 <= 1, p99 <= 5).
2. The same on content/ plus 10,000 seeded synthetic patterns (perturbed recombinations
   of the shipped ones): load+build time and p50/p99 (target p99 <= 20 ms).
3. Peak memory (max RSS) of a `fraudbot check "..."` subprocess (target <= 250 MB).
4. Start-up wall time of `fraudbot check "..."`, median of 5 runs (target < 1.5 s).
Exit status 0 whatever the figures (it is a report); 1 if a needed file is missing or
the content cannot load. `--quick`: fewer passes and 2,000 generated patterns.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.content import ContentError, Library, load_library  # noqa: E402
from bot.core.matching import Matcher  # noqa: E402

CONTENT = REPO / "content"
DATA_FILES = (REPO / "tests/data/eval.jsonl", REPO / "tests/data/fresh16.jsonl")
FRAUDBOT = Path(sys.executable).with_name("fraudbot")
CLI_TEXT = "刚才有个自称公安局的人打电话，说我涉嫌洗钱，让我把钱转到安全账户"
SEED = 20240601
_CLAUSE = re.compile(r"[，,。！？!?；;、\s]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of `values` (any order)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def load_with_retry(root: Path, attempts: int = 5) -> Library:
    """Load a content folder; retry briefly, since staff may be mid-way through a file."""
    for _ in range(attempts - 1):
        try:
            return load_library(root)
        except ContentError:
            time.sleep(1.0)
    try:
        return load_library(root)
    except ContentError as exc:
        raise SystemExit(f"cannot load {root}:\n" + "\n".join(exc.problems[:10])) from exc


def read_texts() -> list[str]:
    lines = [ln for path in DATA_FILES for ln in path.read_text("utf-8").splitlines()]
    return [json.loads(ln)["text"] for ln in lines if ln.strip()]


def time_assess(matcher: Matcher, texts: list[str], passes: int) -> dict[str, float]:
    """Warm up with one pass, then time every call over `passes` passes (ms figures)."""
    for text in texts:
        matcher.assess(text)
    gc.collect()
    samples: list[float] = []
    for _ in range(passes):
        for text in texts:
            start = time.perf_counter_ns()
            matcher.assess(text)
            samples.append((time.perf_counter_ns() - start) / 1e6)
    figures = {f"p{q}_ms": percentile(samples, q) for q in (50, 95, 99)}
    return {"calls": len(samples), **figures, "max_ms": max(samples)}


def _word_pool(rng: random.Random, chars: list[str], size: int) -> list[str]:
    """Made-up 2-3 character words: mostly characters the content uses, some rarer ones."""
    return [
        "".join(
            rng.choice(chars) if rng.random() < 0.7 else chr(rng.randint(0x4E00, 0x9FA5))
            for _ in range(rng.randint(2, 3))
        )
        for _ in range(size)
    ]


def _perturb_zh(text: str, donor: str, rng: random.Random, words: list[str]) -> str:
    clauses = [c for c in _CLAUSE.split(text) if c] or [text]
    extra = [c for c in _CLAUSE.split(donor) if c]
    if extra:
        clauses.append(rng.choice(extra))
    rng.shuffle(clauses)
    out = []
    for clause in clauses:
        roll = rng.random()
        if roll < 0.3 and len(clause) > 3:
            i = rng.randrange(len(clause) - 2)
            clause = clause[:i] + rng.choice(words) + clause[i + 2 :]
        elif roll < 0.45:
            clause += f"{rng.randint(2, 99999)}{rng.choice(['元', '块', '万', '次', '天'])}"
        out.append(clause)
    return rng.choice(["，", " ", "", "。"]).join(out)


def _perturb_en(text: str, rng: random.Random, en_words: list[str]) -> str:
    parts = [p.strip() for p in re.split(r"[,;.]", text) if p.strip()] or [text]
    rng.shuffle(parts)
    tokens = ", ".join(parts).split()
    for _ in range(max(1, len(tokens) // 6)):
        k = rng.randrange(len(tokens))
        tokens[k] = rng.choice(en_words) if rng.random() < 0.7 else str(rng.randint(1, 9999))
    return " ".join(tokens)


def generate_library(shipped: Library, target: Path, count: int) -> None:
    """Copy content/ (as loaded) to `target` and add `count` synthetic pattern files."""
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("patterns"))
    (target / "patterns").mkdir()
    for pat in shipped.patterns:  # only the files that loaded, in case one is mid-edit
        shutil.copy(CONTENT / "patterns" / f"{pat.id}.yaml", target / "patterns")
    rng = random.Random(SEED)
    bases = sorted(shipped.patterns, key=lambda p: p.id)
    chars = sorted({c for p in bases for e in p.examples.zh for c in _CJK.findall(e)})
    words = _word_pool(rng, chars, 5000)
    letters = "bcdfghjklmnprstvwz"
    en_words = [
        "".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
        for _ in range(3000)
    ]
    by_category = {c: [p for p in bases if p.category == c] for c in {p.category for p in bases}}
    for i in range(count):
        base = bases[i % len(bases)]
        donors = by_category[base.category]
        data = base.model_dump(mode="json", exclude_none=True)
        data["id"] = f"{base.id}_syn{i:05d}"
        data["title"]["zh"] += " " + rng.choice(words)
        data["title"]["en"] += " " + rng.choice(en_words)
        data["examples"]["zh"] = [
            _perturb_zh(e, rng.choice(rng.choice(donors).examples.zh), rng, words)
            for e in base.examples.zh
        ]
        data["examples"]["en"] = [_perturb_en(e, rng, en_words) for e in base.examples.en]
        data["signals"].append({"phrase": rng.choice(words) + rng.choice(words), "weight": 1.5})
        path = target / "patterns" / f"{data['id']}.yaml"
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")


def bench_generated(
    shipped: Library, texts: list[str], count: int, passes: int
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="fraudbot-bench-") as tmp:
        root = Path(tmp) / "content"
        start = time.perf_counter()
        generate_library(shipped, root, count)
        generated = time.perf_counter()
        library = load_with_retry(root, attempts=1)
        loaded = time.perf_counter()
        matcher = Matcher(library)
        built = time.perf_counter()
        figures: dict[str, float] = {"patterns": len(library.patterns),
            "generate_s": generated - start, "load_s": loaded - generated,
            "build_s": built - loaded, "load_build_s": built - generated}  # fmt: skip
        figures.update(time_assess(matcher, texts, passes))
        return figures


def bench_cli(runs: int, cache_dir: str) -> dict[str, Any]:
    """Wall time of `fraudbot check` (one untimed warm-up run), and the children's max RSS.

    `cache_dir` is CACHE_DIR for the runs: a folder (the warm-up builds the cached
    matcher, the timed runs load it) or "" (no cache: every run parses and builds).
    """
    cmd = [str(FRAUDBOT), "check", CLI_TEXT]
    env = {**os.environ, "CACHE_DIR": cache_dir}
    walls: list[float] = []
    codes: list[int] = []
    for n in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=120, env=env)
        if n:
            walls.append(time.perf_counter() - start)
        codes.append(proc.returncode)
    # Every child was this same command, so the children's maximum is its peak RSS (KiB).
    max_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median(walls)
    return {"startup_median_s": median, "startup_runs_s": walls, "max_rss_mb": max_rss_mb,
            "exit_codes": codes}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: fewer passes, 2,000")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.json")
    args = parser.parse_args()
    needed = [CONTENT / "taxonomy.yaml", CONTENT / "patterns", *DATA_FILES, FRAUDBOT]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        return 1
    passes, gen_passes, count = (2, 1, 2000) if args.quick else (5, 3, 10_000)

    texts = read_texts()
    runs = 3 if args.quick else 5
    with tempfile.TemporaryDirectory() as cache:  # first, before this process grows
        cli = bench_cli(runs, cache)
    cold = bench_cli(runs, "")
    start = time.perf_counter()
    shipped_lib = load_with_retry(CONTENT)
    shipped_matcher = Matcher(shipped_lib)
    shipped = {"patterns": len(shipped_lib.patterns), "load_build_s": time.perf_counter() - start}
    shipped.update(time_assess(shipped_matcher, texts, passes))
    generated = bench_generated(shipped_lib, texts, count, gen_passes)

    checks: list[tuple[str, float, str, float | None]] = [
        ("shipped load+build (s)", shipped["load_build_s"], "", None),
        ("shipped p50 (ms)", shipped["p50_ms"], "<=", 1.0),
        ("shipped p95 (ms)", shipped["p95_ms"], "", None),
        ("shipped p99 (ms)", shipped["p99_ms"], "<=", 5.0),
        ("shipped max (ms)", shipped["max_ms"], "", None),
        ("generated load+build (s)", generated["load_build_s"], "", None),
        ("generated p50 (ms)", generated["p50_ms"], "", None),
        ("generated p99 (ms)", generated["p99_ms"], "<=", 20.0),
        ("CLI peak RSS (MB)", cli["max_rss_mb"], "<=", 250.0),
        ("CLI start-up median (s)", cli["startup_median_s"], "<", 1.5),
        ("CLI start-up, no cache (s)", cold["startup_median_s"], "", None),
    ]
    cli_ok = all(code == 0 for code in cli["exit_codes"] + cold["exit_codes"])
    rows: list[dict[str, Any]] = []
    print(f"{len(texts)} texts; {shipped['patterns']:.0f} shipped patterns, {passes} passes; "
          f"{generated['patterns']:.0f} generated, {gen_passes} passes")  # fmt: skip
    print(f"{'figure':<28}{'value':>10}  {'target':<10}result")
    for name, value, op, target in checks:
        ok = None if target is None else (value <= target if op == "<=" else value < target)
        if name.startswith("CLI") and not cli_ok:
            ok = False  # the command failed, so its figures mean nothing
        rows.append({"name": name, "value": value, "op": op, "target": target, "pass": ok})
        shown = "-" if target is None else f"{op} {target:g}"
        status = {True: "PASS", False: "FAIL", None: ""}[ok]
        print(f"{name:<28}{value:>10.3f}  {shown:<10}{status}")
    if not cli_ok:
        print(f"fraudbot check exit codes: {cli['exit_codes']} (FAIL)")

    results = {"quick": args.quick, "texts": len(texts), "shipped": shipped,
               "generated": generated, "cli": cli, "cli_no_cache": cold,
               "checks": rows}  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
