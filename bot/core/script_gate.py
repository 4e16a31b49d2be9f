"""Which regular expressions cannot match a text, judged from the script it is written in.

The urgency rules are about a hundred expressions, most written for Chinese and the
rest for English; each `finditer` scans the whole message, and a Chinese rule scanning
an English message (or the reverse) is a quarter of the matcher's time spent finding
nothing. `needs` reads an expression's parse tree once and proves, when it can, that
every match must contain a character of a class: then a text without any such
character can skip it. The proof is conservative: anything it cannot see through
(lookarounds, \\w, negated sets) counts as "might match anything", so skipping never
changes a result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

CharTest = Callable[[int], bool]


def is_cjk(code: int) -> bool:
    """CJK and other wide scripts: no case folding maps them to ASCII."""
    return code >= 0x2E80


def is_ascii_letter(code: int) -> bool:
    return 0x41 <= code <= 0x5A or 0x61 <= code <= 0x7A


def needs(pattern: re.Pattern[str], test: CharTest) -> bool:
    """True when every match of `pattern` must contain a character passing `test`.

    Case-insensitive parts prove nothing unless `test` is `is_cjk`: with IGNORECASE "k"
    also matches the Kelvin sign and "s" the long s.
    """
    if pattern.flags & re.IGNORECASE and test is not is_cjk:
        return False
    try:
        return _seq_needs(_parser.parse(pattern.pattern, pattern.flags), test)
    except Exception:  # an internal parser we cannot read: claim nothing
        return False


def _seq_needs(seq: Any, test: CharTest) -> bool:
    return any(_item_needs(op, av, test) for op, av in seq)


def _item_needs(op: Any, av: Any, test: CharTest) -> bool:
    if op is c.LITERAL:
        return bool(test(av))
    if op is c.IN:
        return _set_needs(av, test)
    if op is c.BRANCH:
        return all(_seq_needs(branch, test) for branch in av[1])
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & re.IGNORECASE and test is not is_cjk:
            return False
        return _seq_needs(body, test)
    if op is c.ATOMIC_GROUP:
        return _seq_needs(av, test)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, body = av
        return bool(low >= 1 and _seq_needs(body, test))
    return False  # ANY, NOT_LITERAL, AT, lookarounds, back-references...


def _set_needs(items: Any, test: CharTest) -> bool:
    for op, av in items:
        if op is c.LITERAL:
            if not test(av):
                return False
        elif op is c.RANGE:
            low, high = av
            if not all(test(code) for code in range(low, high + 1)):
                return False
        else:  # NEGATE, CATEGORY (\d, \w, \s): could be anything
            return False
    return True


def split_by_need(
    patterns: list[re.Pattern[str]], test: CharTest
) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(patterns that need a character passing `test`, the others), order kept."""
    verdicts = [needs(p, test) for p in patterns]
    return (
        [p for p, need in zip(patterns, verdicts, strict=True) if need],
        [p for p, need in zip(patterns, verdicts, strict=True) if not need],
    )
