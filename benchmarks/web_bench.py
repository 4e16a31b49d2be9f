"""Load benchmark of `POST /api/chat`: concurrent clients on loopback against uvicorn.

The script starts the real app (create_app on a fresh SQLite file, one uvicorn worker)
in a subprocess on 127.0.0.1 with a free port, then runs `--clients` concurrent clients
that send `--requests` messages in total. Every request is a new visitor (no cookie), so
each one is a full consultation: assess, write the case, save the state. Texts are the
situations in tests/data/eval.jsonl, in order. Reports requests/second and latency
percentiles; `--out` also writes them as JSON.

    .venv/bin/python benchmarks/web_bench.py                   # 50 clients, 2,000 requests
    .venv/bin/python benchmarks/web_bench.py --quick           # 5 clients, 40 requests
    .venv/bin/python benchmarks/web_bench.py --database-url postgresql://user@host/benchdb
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TEXTS_FILE = REPO / "tests" / "data" / "eval.jsonl"
START_TIMEOUT_SECONDS = 60.0
REQUEST_TIMEOUT_SECONDS = 30.0


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of `values` (any order)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def load_texts() -> list[str]:
    lines = TEXTS_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


# --- the server side (runs in the subprocess) -------------------------------------------


async def _serve(database_url: str) -> None:
    import socket

    import uvicorn

    from bot.runtime import open_runtime
    from bot.settings import Settings
    from bot.web.app import create_app

    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url,
        web_rate_limit_per_minute=10_000_000,  # every client is 127.0.0.1 here
        log_level="WARNING",
    )
    runtime = await open_runtime(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        create_app(runtime), log_level="warning", lifespan="on", ws="none", access_log=False
    )
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    try:
        await uvicorn.Server(config).serve(sockets=[sock])
    finally:
        await runtime.close()


# --- the client side ---------------------------------------------------------------------


async def _client(
    base_url: str, jobs: asyncio.Queue[str], latencies: list[float], errors: list[str]
) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_SECONDS) as http:
        while True:
            try:
                text = jobs.get_nowait()
            except asyncio.QueueEmpty:
                return
            http.cookies.clear()  # a new visitor each time
            start = time.perf_counter()
            try:
                response = await http.post("/api/chat", json={"text": text})
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
                continue
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200:
                errors.append(str(response.status_code))


async def _load(base_url: str, texts: list[str], clients: int, requests: int) -> dict[str, Any]:
    warm: asyncio.Queue[str] = asyncio.Queue()
    for text in texts[: min(20, requests)]:
        warm.put_nowait(text)
    await _client(base_url, warm, [], [])
    jobs: asyncio.Queue[str] = asyncio.Queue()
    for i in range(requests):
        jobs.put_nowait(texts[i % len(texts)])
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(_client(base_url, jobs, latencies, errors) for _ in range(clients)))
    wall = time.perf_counter() - start
    ms = [x * 1000 for x in latencies]
    return {
        "clients": clients,
        "requests": requests,
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "wall_s": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1) if wall else 0.0,
        "p50_ms": round(percentile(ms, 50), 1),
        "p90_ms": round(percentile(ms, 90), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
    }


def _start_server(database_url: str) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", database_url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("PORT "):
            return proc, int(line.split()[1])
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("web_bench: the server did not start")


def _stop_server(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="5 clients, 40 requests")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--database-url",
        help="database to write the consultations to (default: a fresh temporary SQLite file)",
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)  # the subprocess: a database URL
    args = parser.parse_args(argv)
    if args.serve:
        asyncio.run(_serve(args.serve))
        return 0
    clients, requests = (5, 40) if args.quick else (args.clients, args.requests)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        proc, port = _start_server(url)
        try:
            result = asyncio.run(_load(f"http://127.0.0.1:{port}", load_texts(), clients, requests))
        finally:
            _stop_server(proc)
    result["database"] = "postgresql" if "postgres" in url else "sqlite"
    result["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"POST /api/chat on {result['database']}: {result['clients']} clients, "
        f"{result['requests']} requests, "
        f"{result['errors']} errors\n"
        f"  {result['requests_per_s']} requests/s; latency p50 {result['p50_ms']} ms, "
        f"p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms"
    )
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
