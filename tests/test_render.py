"""The reply renderer: wording per format and language, and its memo of recent replies."""

from __future__ import annotations

from bot.core.render import Renderer
from tests.conftest import CONTENT

BASE = {"org_name": "示例银行", "org_hotline": "95500", "short": False}


def test_a_repeated_reply_comes_from_the_memo_and_equals_a_fresh_render() -> None:
    renderer = Renderer(CONTENT / "templates")
    first = renderer.render("not_paid", "zh", BASE)["telegram"]
    assert "95500" in first and renderer._memo
    again = renderer.render("not_paid", "zh", BASE)["telegram"]
    assert again == first
    assert Renderer(CONTENT / "templates").render("not_paid", "zh", BASE)["telegram"] == first


def test_every_context_value_and_language_keeps_its_own_text() -> None:
    renderer = Renderer(CONTENT / "templates")
    full = renderer.render("not_paid", "zh", BASE)["plain"]
    short = renderer.render("not_paid", "zh", {**BASE, "short": True})["plain"]
    other_org = renderer.render("not_paid", "zh", {**BASE, "org_hotline": "95588"})["plain"]
    traditional = renderer.render("not_paid", "zh-hant", BASE)["plain"]
    assert len({full, short, other_org, traditional}) == 4
    assert "95588" in other_org and "95500" not in other_org
    assert "對方" in traditional


def test_values_that_cannot_be_a_key_are_rendered_every_time() -> None:
    renderer = Renderer(CONTENT / "templates")
    context = {**BASE, "extra": {"not": "hashable"}}
    assert renderer.render("not_paid", "zh", context)["plain"]
    assert not renderer._memo
