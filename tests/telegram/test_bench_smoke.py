"""Smoke test: benchmarks/telegram_bench.py runs both bots to the end (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_telegram_bench_quick_run() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "telegram_bench.py"),
            "--updates",
            "30",
            "--rounds",
            "1",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["echo_updates_per_s"] > 0 and result["fraudbot_updates_per_s"] > 0
    assert result["echo_one_at_a_time_updates_per_s"] > 0
    assert result["echo_on_aiohttp_updates_per_s"] > 0
    assert "ratio:" in proc.stdout
