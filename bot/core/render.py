"""Render reply wording from the staff-editable jinja2 templates in content/templates/.

Wording lives in one template per reply and language (`zh/`, `en/`); how bold text,
lists and phone links look lives in one macro file per output format (`_format/`).
Traditional Chinese replies are the simplified templates converted with OpenCC, so
staff maintain one Chinese text. Autoescaping is on for the HTML formats and every
template runs with StrictUndefined. User text only ever arrives as a value, never as
template source.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
import opencc

from bot.core.messages import FORMATS, Format

MAX_REPLY_CHARS = 600


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

    def render(self, name: str, language: str, context: Mapping[str, object]) -> dict[Format, str]:
        """Render template `name` for every format in the reply's language."""
        path = f"{template_language(language)}/{name}.j2"
        out: dict[Format, str] = {}
        for fmt, env in self._envs.items():
            try:
                template = env.get_template(path)
                text = template.render({**context, "fmt": fmt, "f": self._macros(env, fmt)})
            except jinja2.TemplateError as exc:
                raise TemplateProblem(f"template {path} ({fmt}): {exc}") from exc
            text = _tidy(text)
            out[fmt] = localize(text, language)
        return out

    def check_all(self, names: list[str], context: Mapping[str, object]) -> None:
        for lang in ("zh", "zh-hant", "en"):
            for name in names:
                self.render(name, lang, context)

    @staticmethod
    def _macros(env: jinja2.Environment, fmt: str) -> object:
        return env.get_template(f"_format/{fmt}.j2").module


def _tidy(text: str) -> str:
    """Drop blank runs that conditional blocks leave behind."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy)
