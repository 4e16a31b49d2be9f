"""The neutral values that cross the boundary between the core and the channels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["plain", "telegram", "web"]
FORMATS: tuple[Format, ...] = ("plain", "telegram", "web")

# Button actions every channel offers; channels translate them to their own widgets.
PAID = "paid"
NOT_MINE = "not_mine"
HELPFUL = "helpful"
NOT_HELPFUL = "not_helpful"
STAFF = "staff"
MY_DATA = "my_data"
FORGET = "forget"
FORGET_CONFIRM = "forget_confirm"
ELDERLY_ON = "elderly_on"
ELDERLY_OFF = "elderly_off"
LANG_PREFIX = "lang:"


@dataclass(frozen=True)
class Inbound:
    """One message or button press from a person, already translated by a channel."""

    channel: str
    user_ref: str
    text: str = ""
    action: str | None = None
    language: str | None = None  # the channel's hint (e.g. Telegram's language_code)


@dataclass(frozen=True)
class Button:
    action: str
    label: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Reply:
    """What to say back, rendered for every output format; channels pick theirs."""

    texts: Mapping[Format, str]
    buttons: tuple[Button, ...] = ()
    links: tuple[Link, ...] = ()
    kind: str = "answer"
    language: str = "zh"
    consultation_id: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def text(self, fmt: Format = "plain") -> str:
        return self.texts[fmt]
