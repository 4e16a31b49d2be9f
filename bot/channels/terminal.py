"""Terminal chat: the same consultation service, with buttons as numbered choices.

Works interactively and with input piped from another program (one message per line;
a line holding just a number picks that choice; end of input ends the chat).
"""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.core.messages import (
    ELDERLY_OFF,
    ELDERLY_ON,
    FORGET,
    LANG_PREFIX,
    MY_DATA,
    Button,
    Inbound,
    Reply,
)
from bot.core.service import ConsultationService

CHANNEL = "terminal"
COMMANDS = {
    "/mydata": MY_DATA,
    "/forget": FORGET,
    "/elderly": ELDERLY_ON,
    "/normal": ELDERLY_OFF,
    "/help": "help",
}
INTRO = (
    "反诈咨询 · Anti-fraud consultation\n"
    "说说发生了什么（中文或英文）。Describe what is happening (Chinese or English).\n"
    "Commands: /lang zh|zh-hant|en, /elderly, /normal, /mydata, /forget, /help, /quit"
)


def to_inbound(line: str, buttons: tuple[Button, ...], user_ref: str) -> Inbound | None:
    """Translate one typed line into the neutral message; None means quit."""
    text = line.strip()
    if text in ("/quit", "/exit"):
        return None
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return Inbound(CHANNEL, user_ref, action=buttons[int(text) - 1].action)
    if text.startswith("/lang"):
        return Inbound(CHANNEL, user_ref, action=LANG_PREFIX + (text[5:].strip() or "zh"))
    if text in COMMANDS:
        return Inbound(CHANNEL, user_ref, action=COMMANDS[text])
    return Inbound(CHANNEL, user_ref, text=line.rstrip("\r\n"))


def render(reply: Reply) -> str:
    lines = [reply.text("plain")]
    for i, button in enumerate(reply.buttons, 1):
        lines.append(f"  {i}) {button.label}")
    return "\n".join(lines)


async def run_chat(
    service: ConsultationService, *, user_ref: str, stdin: TextIO, stdout: TextIO
) -> int:
    """Read messages until end of input or /quit; return the number of messages handled."""
    print(INTRO, file=stdout, flush=True)
    buttons: tuple[Button, ...] = ()
    handled = 0
    while True:
        if stdin.isatty():
            print("> ", end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        inbound = to_inbound(line, buttons, user_ref)
        if inbound is None:
            break
        try:
            reply = await service.handle(inbound)
        except Exception:  # the chat must survive one bad turn
            import logging

            logging.getLogger(__name__).exception("terminal turn failed")
            print("抱歉，出了点问题，请再说一次。Sorry, something went wrong; please try again.",
                  file=stdout, flush=True)  # fmt: skip
            continue
        handled += 1
        buttons = reply.buttons
        print(render(reply) + "\n", file=stdout, flush=True)
    return handled
