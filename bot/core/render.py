"""Render reply wording from the staff-editable jinja2 templates in content/templates/.

Wording lives in one template per reply and language (`zh/`, `en/`); how bold text,
lists and phone links look lives in one macro file per output format (`_format/`).
Traditional Chinese replies are the simplified templates converted with OpenCC, so
staff maintain one Chinese text. Autoescaping is on for the HTML formats and every
template runs with StrictUndefined. User text only ever arrives as a value, never as
template source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
import opencc

from bot.core.messages import FORMATS, Format

MAX_REPLY_CHARS = 600
MEMO_SIZE = 2048  # rendered texts kept per content load


class TemplateProblem(Exception):
    """A template is missing or broken; names the file."""


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def localize(text: str, language: str) -> str:
    """Staff write simplified Chinese; traditional-Chinese readers get it converted."""
    return _s2t().convert(text) if language == "zh-hant" else text


def template_language(language: str) -> str:
    return "en" if language == "en" else "zh"


class Rendered(Mapping[Format, str]):
    """A reply's text in every format; each is rendered the first time it is read.

    A channel reads one format, so rendering the others for every message is waste.
    """

    def __init__(self, render_one: Callable[[Format], str]) -> None:
        self._render_one = render_one
        self._texts: dict[Format, str] = {}

    def __getitem__(self, fmt: Format) -> str:
        if fmt not in self._texts:
            if fmt not in FORMATS:
                raise KeyError(fmt)
            self._texts[fmt] = self._render_one(fmt)
        return self._texts[fmt]

    def __iter__(self) -> Iterator[Format]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)

    def __repr__(self) -> str:
        return f"Rendered({dict(self)!r})"


class Renderer:
    """Holds one jinja2 environment per output format over the same template folder."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        loader = jinja2.FileSystemLoader(str(templates_dir))
        self._envs = {
            fmt: jinja2.Environment(
                loader=loader,
                autoescape=fmt != "plain",
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                auto_reload=False,
            )
            for fmt in FORMATS
        }
        self._memo: dict[tuple[object, Format], str] = {}

    def render(self, name: str, language: str, context: Mapping[str, object]) -> Rendered:
        """Template `name` in the reply's language, rendered per format when first read."""
        path = f"{template_language(language)}/{name}.j2"
        # Most replies repeat (the same pattern's warning at the same risk): remember
        # recent renderings rather than run jinja2 again for every message.
        key = _frozen((path, language, sorted(context.items())))

        def one(fmt: Format) -> str:
            if key is not None:
                done = self._memo.get((key, fmt))
                if done is not None:
                    return done
            text = render_now(fmt)
            if key is not None:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.pop(next(iter(self._memo)))  # oldest first
                self._memo[(key, fmt)] = text
            return text

        def render_now(fmt: Format) -> str:
            env = self._envs[fmt]
            try:
                template = env.get_template(path)
                text = template.render({**context, "fmt": fmt, "f": self._macros(env, fmt)})
            except jinja2.TemplateError as exc:
                raise TemplateProblem(f"template {path} ({fmt}): {exc}") from exc
            return localize(_tidy(text), language)

        return Rendered(one)

    def check_all(self, names: list[str], context: Mapping[str, object]) -> None:
        for lang in ("zh", "zh-hant", "en"):
            for name in names:
                dict(self.render(name, lang, context))  # every format, so every error shows

    @staticmethod
    def _macros(env: jinja2.Environment, fmt: str) -> object:
        return env.get_template(f"_format/{fmt}.j2").module


def _frozen(value: object) -> object | None:
    """A hashable copy of a template context, or None if some value cannot be one."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        items = [_frozen(v) for v in value]
        return (
            None
            if any(i is None and v is not None for i, v in zip(items, value, strict=True))
            else tuple(items)
        )
    return None


def _tidy(text: str) -> str:
    """Drop blank runs that conditional blocks leave behind."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy)
