"""`fraudbot serve`: one process, one event loop, every configured channel.

The HTTP app (web chat, WeChat, Telegram webhook, health) always runs; Telegram joins
when TELEGRAM_BOT_TOKEN is set. uvicorn owns the signals: on SIGTERM it stops taking
requests, finishes those in flight, and then the channels are stopped in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from typing import TYPE_CHECKING, Any

import uvicorn

from bot.runtime import Runtime, open_runtime

if TYPE_CHECKING:
    from bot.channels.telegram import TelegramChannel
from bot.settings import Settings

log = logging.getLogger(__name__)


def _bind(settings: Settings) -> socket.socket:
    """Bind and listen first so that port 0 resolves to a real port we can print.

    The socket gets the address's own protocol (IPPROTO_TCP, IPv4 or IPv6): asyncio sets
    TCP_NODELAY only on connections accepted from such a socket, and without it every
    response can wait ~40 ms for a delayed ACK.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        settings.web_host, settings.web_port, type=socket.SOCK_STREAM
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    # Listening before the address is printed: a client that connects at once (a health
    # check, a person clicking the link) waits in the backlog while uvicorn starts up,
    # instead of being refused.
    sock.listen(socket.SOMAXCONN)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


async def serve(settings: Settings) -> None:
    from bot.web.app import create_app

    runtime: Runtime = await open_runtime(settings)
    telegram = None
    if settings.telegram_bot_token is not None:
        from bot.channels.telegram import TelegramChannel

        telegram = TelegramChannel(runtime)
    app = create_app(runtime, telegram)
    sock = _bind(settings)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", ws="none"))
    print(f"Web chat: {_url(sock)}  (Ctrl+C stops)", flush=True)
    if app.state.wechat is not None:
        print(f"WeChat: {_url(sock)}wechat", flush=True)
    # uvicorn handles SIGTERM/SIGINT while it serves, then re-raises the signal once it
    # has stopped. Without a handler of ours that second signal kills the process before
    # the channels below finish the replies in flight.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)
    stop_push = asyncio.Event()
    push_task: asyncio.Task[None] | None = None
    try:
        if telegram is not None:
            await telegram.start()
            print("Telegram: running", flush=True)
        push_task = asyncio.create_task(_push_tips(runtime, telegram, app.state.wechat, stop_push))
        await server.serve(sockets=[sock])
    finally:
        stop_push.set()
        if push_task is not None:
            await push_task
        if telegram is not None:
            await telegram.stop()
        await runtime.close()


async def _push_tips(
    runtime: Runtime, telegram: TelegramChannel | None, wechat: Any, stop: asyncio.Event
) -> None:
    """The tips scheduler: sends what is due through every channel that can push."""
    from bot.push.scheduler import run_scheduler
    from bot.push.senders import Sender

    senders: dict[str, Sender] = {}
    closers = []
    if telegram is not None:
        from bot.push.telegram_sender import TelegramSender

        # Its own sender and limiter: tips must not queue behind (or slow) live replies.
        sender = TelegramSender.from_settings(runtime.settings)
        await sender.start()
        senders["telegram"] = sender
        closers.append(sender.stop)
    if wechat is not None and wechat.api is not None:
        from bot.push.wechat_hooks import WeChatSender

        senders["wechat"] = WeChatSender(wechat.api)
    if not senders:
        return  # the web chat alone cannot push
    try:
        wake = telegram.push.wake if telegram is not None else None
        await run_scheduler(runtime, senders, stop, wake=wake)
    finally:
        for close in closers:
            await close()


def cmd_serve(settings: Settings) -> int:
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    # httpx logs request URLs, and Telegram's carry the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(settings))
    return 0
