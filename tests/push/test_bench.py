"""Smoke test: the push benchmark runs end to end on a small count, with no duplicates
and no misses. No timing is asserted; the figures depend on the machine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_push_bench_small_run(tmp_path: Path) -> None:
    out = tmp_path / "push.json"
    cmd = [sys.executable, str(REPO / "benchmarks" / "push_bench.py"), "--count", "300"]
    proc = subprocess.run(
        [*cmd, "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["sent"] == result["received_by_fake"] == 300
    assert result["duplicates"] == 0 and result["misses"] == 0
