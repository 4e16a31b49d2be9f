"""`fraudbot check` as other tools use it: a real subprocess, stdin and stdout."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading

from tests.conftest import ROOT

KEYS = {"category", "risk", "urgent", "pattern", "score", "matches", "entities"}


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def test_jsonl_one_object_per_line_in_order() -> None:
    lines = [
        "有个自称检察院的人说我卡涉嫌洗钱，要我把存款转到监管账户",
        "",
        "\x00\x01\x02",
        "the courier called to ask when I am home",
        "{{ 7*7 }} <script>alert(1)</script>",
        "对方电话13812345678，卡号4111111111111111",
    ]
    raw = "\n".join(lines).encode() + b"\n\xff\xfe broken utf8\n"
    proc = _run("--jsonl", stdin=raw)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == len(lines) + 1
    for obj in out:
        assert obj.keys() >= KEYS
        assert obj["risk"] in {"high", "medium", "low"}
        assert isinstance(obj["urgent"], bool)
        assert len(obj["matches"]) <= 3
    assert out[0]["category"] == "impersonate_police" and out[0]["risk"] == "high"
    assert out[1]["category"] == "none" and out[1]["pattern"] is None
    assert "13812345678" not in proc.stdout.decode()
    assert out[5]["entities"]["phones"] == ["*******5678"]


def test_json_and_text_output() -> None:
    proc = _run("--json", "I already sent him 5000 yuan for the parcel compensation")
    obj = json.loads(proc.stdout)
    assert obj["urgent"] is True and obj["risk"] == "high"
    proc = _run("我的账户被冻结了，对方说要把钱转到安全账户")
    text = proc.stdout.decode()
    assert proc.returncode == 0 and "高风险" in text and "110" in text
    proc = _run("a man says my account is in a money laundering case, I must move my savings")
    assert "HIGH RISK" in proc.stdout.decode() or "MEDIUM RISK" in proc.stdout.decode()


def test_other_content_folder_and_broken_one(tmp_path: object) -> None:
    proc = _run("--content", "/nonexistent/folder", "hello")
    assert proc.returncode == 1
    assert b"does not exist" in proc.stderr


def test_taiwan_words_that_shrink_in_conversion_get_a_verdict() -> None:
    # "部落格" becomes "博客" (three characters in, two out): this once crashed `check`.
    proc = _run("--json", "我在部落格看到一個投資老師，叫我先入金五萬到他的平台")
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert obj["category"] == "fake_investment" and obj["risk"] == "high"


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `fraudbot check --jsonl < big.txt | head -1`: the pipe closes after one line.
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "check", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    stdin = proc.stdin

    def feed() -> None:  # in a thread: the child's output is not read while it is fed
        try:
            for _ in range(20000):
                stdin.write("有人让我把钱转到安全账户\n".encode())
        except (BrokenPipeError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    first = proc.stdout.readline()
    proc.stdout.close()
    assert json.loads(first)["category"] == "impersonate_police"
    assert proc.wait(timeout=120) == 141
    feeder.join(timeout=10)
    with proc.stderr:
        assert b"Traceback" not in proc.stderr.read()
