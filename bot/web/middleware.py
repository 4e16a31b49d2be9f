"""Pure ASGI middleware: a request body size limit and the security headers."""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.errors import error_response

_ORIGIN = re.compile(r"^(?:'self'|https?://[A-Za-z0-9.*:-]+(?::\d+)?|https?:)$")


def _too_large_message(limit: int) -> str:
    return f"Request body is larger than the limit of {limit} bytes."


class _TooLarge(HTTPException):
    """Raised while reading a body; an HTTPException so FastAPI's body parsing re-raises it
    and the app's handler turns it into the JSON 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large_message(limit))


class BodyLimitMiddleware:
    """Refuse request bodies over `limit` bytes with a JSON 413, declared or streamed."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, _too_large_message(self.limit))(scope, receive, send)


def frame_ancestors(setting: str) -> str:
    """The CSP frame-ancestors source list; refuses values that could break the header."""
    origins = setting.split()
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise ValueError(
                f"WEB_FRAME_ANCESTORS: {origin!r} is not an origin like https://bank.example"
            )
    return " ".join(origins) or "'none'"


class SecurityHeadersMiddleware:
    """Add CSP (no inline scripts), framing rules and the other browser protections."""

    def __init__(self, app: ASGIApp, *, ancestors: str) -> None:
        self.app = app
        self.headers = {
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                f"form-action 'self'; frame-ancestors {ancestors}"
            ),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
            "Cross-Origin-Resource-Policy": "same-origin",
        }
        if ancestors == "'none'":
            self.headers["X-Frame-Options"] = "DENY"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if no_store:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
