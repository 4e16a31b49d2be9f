"""A fake Telegram Bot API server on 127.0.0.1: records messages, injects faults.

Small and fast on purpose (asyncio streams, HTTP/1.1 keep-alive, no framework) so the
benchmark measures the bot, not the fake. `capacity` (messages per second) makes it
answer 429 like Telegram when a client goes faster. Run it alone for the benchmark:

    python -m tests.push.fake_telegram --capacity 2000   # prints "PORT <n>"; GET /stats
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

BOT = {"id": 7000001, "is_bot": True, "first_name": "Fraudbot", "username": "fraud_test_bot"}
_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 429: "Too Many Requests"}


@dataclass
class Sent:
    chat_id: str
    text: str
    reply_markup: dict[str, Any] | None
    at: float
    method: str = "sendMessage"


@dataclass
class FakeTelegram:
    """The server's state; tests read `sent` and set the fault knobs."""

    capacity: float | None = None  # messages per second before 429s; None: unlimited
    delay: float = 0.0  # seconds before each answer
    keep_messages: bool = True  # False: count only (benchmark)
    sent: list[Sent] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    calls: Counter[str] = field(default_factory=Counter)
    # chat id -> list of status codes to answer next (429, 403, 500, ...), consumed in order
    faults: dict[str, list[int]] = field(default_factory=dict)
    blocked: set[str] = field(default_factory=set)
    retry_after: int = 1
    rejected: int = 0
    frozen: asyncio.Event | None = None  # while set, requests are held and not recorded
    port: int = 0
    _window: deque[float] = field(default_factory=deque)
    _server: asyncio.base_events.Server | None = None
    _next_id: int = 1

    # --- the API -------------------------------------------------------------------------

    def _message(self, chat_id: str, text: str) -> dict[str, Any]:
        self._next_id += 1
        chat = {"id": int(chat_id) if chat_id.lstrip("-").isdigit() else 0, "type": "private"}
        return {"message_id": self._next_id, "date": int(time.time()), "chat": chat, "text": text}

    def _over_capacity(self) -> bool:
        if self.capacity is None:
            return False
        now = time.monotonic()
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        if len(self._window) >= self.capacity:
            return True
        self._window.append(now)
        return False

    def _fault(self, chat_id: str) -> int | None:
        if chat_id in self.blocked:
            return 403
        queue = self.faults.get(chat_id)
        return queue.pop(0) if queue else None

    def _error(self, code: int) -> tuple[int, dict[str, Any]]:
        if code == 429:
            self.rejected += 1
            return 429, {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {self.retry_after}",
                "parameters": {"retry_after": self.retry_after},
            }
        if code == 403:
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        return code, {"ok": False, "error_code": code, "description": "Internal Server Error"}

    def _send_message(self, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        chat_id = params.get("chat_id", "")
        code = self._fault(chat_id)
        if code is None and self._over_capacity():
            code = 429
        if code is not None:
            return self._error(code)
        text = params.get("text", "")
        self.counts[chat_id] += 1
        if self.keep_messages:
            markup = json.loads(params["reply_markup"]) if params.get("reply_markup") else None
            self.sent.append(Sent(chat_id, text, markup, time.monotonic()))
        return 200, {"ok": True, "result": self._message(chat_id, text)}

    def answer(self, method: str, params: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """The JSON answer to one Bot API call."""
        self.calls[method] += 1
        if method == "sendMessage":
            return self._send_message(params)
        if method == "getMe":
            return 200, {"ok": True, "result": BOT}
        if method == "editMessageText":
            chat_id, text = params.get("chat_id", "0"), params.get("text", "")
            markup = json.loads(params["reply_markup"]) if params.get("reply_markup") else None
            self.sent.append(Sent(chat_id, text, markup, time.monotonic(), method))
            return 200, {"ok": True, "result": self._message(chat_id, text)}
        return 200, {"ok": True, "result": True}

    def texts_for(self, chat_id: int | str, method: str | None = None) -> list[str]:
        """What the bot sent (and edited, unless `method` picks one) into this chat."""
        return [
            s.text for s in self.sent if s.chat_id == str(chat_id) and method in (None, s.method)
        ]

    # --- HTTP ------------------------------------------------------------------------------

    async def _read(self, reader: asyncio.StreamReader) -> tuple[str, str, bytes] | None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        body = await reader.readexactly(length) if length else b""
        return method, path, body

    def _route(self, verb: str, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        if verb == "GET" and path == "/stats":
            counts = dict(self.counts)
            return 200, {"counts": counts, "rejected": self.rejected, "total": sum(counts.values())}
        method = path.rsplit("/", 1)[-1]
        return self.answer(method, _params(body))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await self._answer_one(reader, writer):
                pass
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass  # the client hung up (or was killed) mid-request
        finally:
            writer.close()

    async def _answer_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        verb, path, body = await self._read(reader) or ("", "", b"")
        if self.frozen is not None and self.frozen.is_set():
            await self._hold(reader)
            return False  # the client went away (or we were unfrozen): drop the call
        if self.delay:
            await asyncio.sleep(self.delay)
        status, payload = self._route(verb, path, body)
        data = json.dumps(payload).encode()
        head = (
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        writer.write(head.encode() + data)
        await writer.drain()
        return True

    async def _hold(self, reader: asyncio.StreamReader) -> None:
        """A stalled API: answer nothing, record nothing, until the client hangs up."""
        while self.frozen is not None and self.frozen.is_set():
            if reader.at_eof():
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader.read(1), 0.05)

    async def start(self) -> str:
        """Listen on 127.0.0.1 (a free port); returns the base URL for python-telegram-bot."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._server.wait_closed(), 2)


async def _main(capacity: float | None) -> None:
    fake = FakeTelegram(capacity=capacity, keep_messages=False)
    await fake.start()
    print(f"PORT {fake.port}", flush=True)
    await asyncio.Event().wait()


def _params(body: bytes) -> dict[str, str]:
    """A form body's fields, or a JSON body's in the same shape (values JSON-encoded
    unless they are strings), as the Bot API accepts either."""
    if body.lstrip()[:1] == b"{":
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in json.loads(body).items()}
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capacity", type=float, default=None)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(args.capacity))
