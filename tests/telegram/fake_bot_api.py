"""A fake Telegram Bot API server on 127.0.0.1, for driving the real PTB stack in tests.

It answers the methods the bot uses, serves queued updates to getUpdates (long-polling
for at most `max_poll_wait` seconds), records every request, and can be told to fail
the next calls of a method with 429 (with retry_after) or 500.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TOKEN = "123456:TEST-token"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Fraud Check",
    "username": "fraudcheck_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": True,
    "supports_inline_queries": False,
}
# Parameters PTB sends JSON-encoded; everything else stays the string it was.
_JSON_PARAMS = {
    "reply_markup",
    "commands",
    "scope",
    "allowed_updates",
    "link_preview_options",
    "reply_parameters",
    "entities",
}


@dataclass
class Call:
    """One request the bot made, with its decoded parameters and our HTTP status."""

    method: str
    params: dict[str, Any]
    status: int = 200
    result: Any = None
    json_body: bool = False  # sent as application/json rather than a form
    content_type: str = ""

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int:
        return int(self.params["chat_id"])

    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def actions(self) -> list[str]:
        return [b["callback_data"] for b in self.buttons() if "callback_data" in b]


@dataclass
class FakeBotApi:
    max_poll_wait: float = 0.3
    calls: list[Call] = field(default_factory=list)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _failures: dict[str, deque[int]] = field(default_factory=dict)
    _messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    _chat_types: dict[int, str] = field(default_factory=dict)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5000))
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None
    _changed: asyncio.Condition | None = None
    port: int = 0
    _closing: bool = False
    sent_count: int = 0  # successful sendMessage calls (cheap to poll in the benchmark)
    stall: float = 0.0  # seconds every call waits before its answer (timeout tests)

    # --- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = Starlette(
            routes=[Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"])]
        )
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Without it each response waits ~40 ms for a delayed ACK (headers and body are
        # written separately); accepted sockets inherit the option.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        # Keep idle connections open like Telegram does (uvicorn's default closes them
        # after 5 s): a client that reuses one just as it is closed gets a ReadError,
        # which a bare bot (the benchmark's echo bot) does not retry.
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            ws="none",
            timeout_graceful_shutdown=2,
            timeout_keep_alive=300,
        )
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        async with asyncio.timeout(5):
            while not self._server.started:
                await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self._closing = True  # long polls in flight return now, so shutdown is quick
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            self._server.force_exit = True  # do not wait for idle keep-alive connections
            await asyncio.wait_for(self._task, 10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- what tests use ---------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue one update for getUpdates; gives it the next update_id."""
        update = {"update_id": next(self._update_ids), **update}
        self.remember(update)
        self._updates.append(update)
        self._notify()
        return update

    def remember(self, update: dict[str, Any]) -> None:
        """Note chats and messages so replies and callbacks can refer to them."""
        message = update.get("message") or (update.get("callback_query") or {}).get("message")
        if message:
            self._chat_types[message["chat"]["id"]] = message["chat"]["type"]
            self._messages[(message["chat"]["id"], message["message_id"])] = message

    def fail(self, method: str, status: int, times: int = 1) -> None:
        """Make the next `times` calls of `method` fail with HTTP `status` (429 or 5xx)."""
        self._failures.setdefault(method, deque()).extend([status] * times)

    def current(self, call: Call) -> dict[str, Any]:
        """The message a sendMessage call created, as it is now (after any edits)."""
        key = (call.result["chat"]["id"], call.result["message_id"])
        return self._messages[key]

    def of(self, method: str, ok_only: bool = True) -> list[Call]:
        return [c for c in self.calls if c.method == method and (c.status == 200 or not ok_only)]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Successful sendMessage calls, optionally to one chat."""
        return [c for c in self.of("sendMessage") if chat_id is None or c.chat_id == chat_id]

    async def wait_for(
        self, predicate: Callable[[], bool], timeout: float = 5.0, what: str = "condition"
    ) -> None:
        assert self._changed is not None
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(predicate)
        except TimeoutError:
            seen = [(c.method, c.status, c.text[:60]) for c in self.calls[-15:]]
            raise AssertionError(f"timed out waiting for {what}; last calls: {seen}") from None

    async def wait_sent(
        self, count: int, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until at least `count` messages went to `chat_id` (or anywhere)."""
        await self.wait_for(
            lambda: len(self.sent(chat_id)) >= count, timeout, f"{count} sendMessage"
        )
        return self.sent(chat_id)

    async def wait_confirmed(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot has taken `update_id` (a later getUpdates offset confirms it)."""
        await self.wait_for(
            lambda: any(
                int(c.params.get("offset") or 0) > update_id for c in self.of("getUpdates")
            ),
            timeout,
            f"getUpdates confirming {update_id}",
        )

    # --- the HTTP side ----------------------------------------------------------------

    def _notify(self) -> None:
        changed = self._changed
        if changed is None:
            return

        async def notify() -> None:
            async with changed:
                changed.notify_all()

        asyncio.get_running_loop().create_task(notify())

    async def _endpoint(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        if request.path_params["token"] != TOKEN:
            return JSONResponse(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, 401
            )
        content_type = request.headers.get("content-type", "")
        json_body = content_type.startswith("application/json")
        params = self._params(
            request.query_params.items(), await request.body(), json_body=json_body
        )
        call = Call(method, params, json_body=json_body, content_type=content_type)
        if self.stall:
            await asyncio.sleep(self.stall)
        self.calls.append(call)
        failures = self._failures.get(method)
        if failures:
            call.status = failures.popleft()
            self._notify()
            return self._failure(call.status)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            call.status = 404
            self._notify()
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        call.result = await handler(params)
        self._notify()
        return JSONResponse({"ok": True, "result": call.result})

    @staticmethod
    def _params(query: Any, body: bytes, *, json_body: bool = False) -> dict[str, Any]:
        params: dict[str, Any] = dict(query)
        if json_body:
            # The Bot API takes JSON bodies too. Scalars are kept as a form body would
            # carry them ("true", "123"), so tests read one shape whichever was sent.
            for key, value in json.loads(body or b"{}").items():
                params[key] = value if isinstance(value, dict | list | str) else json.dumps(value)
            return params
        params.update(parse_qsl(body.decode(), keep_blank_values=True))
        for key in _JSON_PARAMS & params.keys():
            params[key] = json.loads(params[key])
        return params

    @staticmethod
    def _failure(status: int) -> JSONResponse:
        if status == 429:
            body = {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
        else:
            body = {"ok": False, "error_code": status, "description": "Internal Server Error"}
        return JSONResponse(body, status)

    # --- Bot API methods ------------------------------------------------------------------

    async def _m_getMe(self, _params: dict[str, Any]) -> Any:
        return BOT_USER

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        deadline = time.monotonic() + wait
        while not self._updates and time.monotonic() < deadline and not self._closing:
            await asyncio.sleep(0.005)
        return self._updates[: int(params.get("limit") or 100)]

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {
                "id": chat_id,
                "type": self._chat_types.get(chat_id, "private" if chat_id > 0 else "supergroup"),
            },
            "from": BOT_USER,
            "text": params.get("text", ""),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        quoted = (params.get("reply_parameters") or {}).get("message_id")
        if quoted and (chat_id, quoted) in self._messages:
            message["reply_to_message"] = self._messages[(chat_id, quoted)]
        self._messages[(chat_id, message["message_id"])] = message
        return message

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        self.sent_count += 1
        return self._message(params)

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        return self._edit(params, text=params.get("text", ""))

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        return self._edit(params)

    def _edit(self, params: dict[str, Any], **changes: Any) -> Any:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = dict(self._messages.get(key) or self._message(params, key[1]))
        message.update(changes)
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._messages[key] = message
        return message

    async def _m_getFile(self, params: dict[str, Any]) -> Any:
        file_id = params["file_id"]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": 10,
            "file_path": f"photos/{file_id}.jpg",
        }

    async def _true(self, _params: dict[str, Any]) -> Any:
        return True

    _m_answerCallbackQuery = _true
    _m_setMyCommands = _true
    _m_deleteWebhook = _true
    _m_setWebhook = _true
    _m_deleteMyCommands = _true
