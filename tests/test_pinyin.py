"""Messages typed in toneless pinyin: syllables, when a text reads as pinyin, matching."""

from __future__ import annotations

import pytest

from bot.core.features import syllable_tokens, tokens
from bot.core.matching import Matcher
from bot.core.pinyin import looks_like_pinyin, spaced, split_syllables, to_pinyin


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("zhuangbei", ("zhuang", "bei")),
        ("yanzhengma", ("yan", "zheng", "ma")),
        ("xian", ("xian",)),  # the fewest syllables, not xi-an
        ("nver", ("nv", "er")),
        ("the", None),
        ("money", None),
    ],
)
def test_split_syllables(word: str, syllables: tuple[str, ...] | None) -> None:
    assert split_syllables(word) == syllables


@pytest.mark.parametrize(
    ("text", "pinyin"),
    [
        ("wo erzi gei mai zhuangbei de ren zhuan le liang ci qian", True),
        ("haizi 11 sui, yong wo weixin chong le zuanshi", True),
        ("i sent him the money yesterday and he blocked me", False),
        ("我已经 fill in 了卡号和 cvv", False),
        ("ok", False),  # too short to tell
    ],
)
def test_looks_like_pinyin(text: str, pinyin: bool) -> None:
    assert looks_like_pinyin(text) is pinyin


def test_spaced_splits_only_pinyin_messages() -> None:
    assert spaced("wo erzi mai le youxi zhanghao") == "wo er zi mai le you xi zhang hao"
    english = "the seller wanted zelle only"
    assert spaced(english) is english


def test_chinese_becomes_the_same_syllables() -> None:
    assert to_pinyin("儿子买了游戏账号") == "er zi mai le you xi zhang hao"
    assert to_pinyin("给他转了500块，ok").startswith("gei ta zhuan le 500 kuai")


def test_syllables_have_features_of_their_own() -> None:
    bag = syllable_tokens("can long")
    assert bag["p:can"] == 1 and bag["p:can_long"] == 1
    assert "p:can" not in tokens("you can call me", set())


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "wo erzi zai youxi li gen ren mai zhuangbei, gei ta zhuan le liang bai, dongxi mei dao",
            "game_trade",
        ),
        (
            "you ge ren shuo ta shi wo sunzi, huan le xin haoma, yao wo xian zhuan liang wan",
            "impersonate_acquaintance",
        ),
    ],
)
def test_pinyin_messages_find_their_scam(matcher: Matcher, text: str, category: str) -> None:
    assert matcher.assess(text).category == category


def test_the_pinyin_versions_lift_the_right_pattern(matcher: Matcher) -> None:
    text = "wo erzi zai youxi li gen ren mai zhuangbei, gei ta zhuan le liang bai, dongxi mei dao"
    alone = matcher._scores(text, set(), [])[0]
    with_sounds = matcher._scores(text, set(), [], spoken=spaced(text))[0]
    game = [i for i, c in enumerate(matcher._index.categories) if c == "game_trade"]
    assert max(with_sounds[i] for i in game) > max(alone[i] for i in game)


def test_an_english_message_is_scored_as_without_pinyin(matcher: Matcher) -> None:
    text = "the caller said he was from my bank and wanted the code"
    assert spaced(text) == text
    assert matcher.assess(text).category == "impersonate_bank"


def test_pypinyin_is_let_go_after_indexing_and_comes_back_when_needed() -> None:
    import sys

    from bot.core import pinyin as module

    module.to_pinyin("银行")
    module.release()
    assert not any(name.startswith("pypinyin") for name in sys.modules)
    assert module.to_pinyin("银行行长") == "yin hang hang zhang"
