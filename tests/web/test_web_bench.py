"""Smoke test: `benchmarks/web_bench.py --quick` starts a server, loads it, and reports.

No timing is asserted; the figures depend on the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_web_bench_quick_runs_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "web_bench.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "web_bench.py"), "--quick", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "requests/s" in proc.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == 0 and result["requests"] == 40
    assert {"requests_per_s", "p50_ms", "p99_ms", "max_ms"} <= result.keys()
