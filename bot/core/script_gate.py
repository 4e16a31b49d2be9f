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
from collections.abc import Callable, Iterable
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


# Sets of more than this many characters make a poor filter: keep looking for another.
_MAX_SET = 24


def required_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of `pattern` must contain at least one, or None.

    From the parse tree: a run of literals is a string every match contains; a small
    character set is a set of one-character strings; a branch needs what one of its
    arms needs. Of what a sequence offers, the longest strings are kept (the rarer in
    text). A text containing none of them cannot match, so the expression need not
    scan it. Conservative like `needs`: what cannot be read through proves nothing.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        return _seq_strings(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an internal parser we cannot read: claim nothing
        return None


def _seq_strings(seq: Any) -> frozenset[str] | None:
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        item = _item_strings(op, av)
        if item is not None:
            found.append(item)
    if run:
        found.append(frozenset(["".join(run)]))
    if not found:
        return None
    # Longest shortest string first, then the fewest strings.
    return max(found, key=lambda s: (min(map(len, s)), -len(s)))


def _item_strings(op: Any, av: Any) -> frozenset[str] | None:
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < _MAX_SET:
                chars.update(chr(code) for code in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None
        return frozenset(chars) if len(chars) <= _MAX_SET else None
    if op is c.BRANCH:
        arms = [_seq_strings(branch) for branch in av[1]]
        if any(arm is None for arm in arms):
            return None
        return frozenset().union(*arms)  # type: ignore[arg-type]
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & re.IGNORECASE else _seq_strings(body)
    if op is c.ATOMIC_GROUP:
        return _seq_strings(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _seq_strings(body) if low >= 1 else None
    return None  # ANY, NOT_LITERAL, AT, lookarounds, back-references...


def top_level_arms(source: str) -> list[str]:
    """The alternatives of a pattern's outermost `|`, as pattern sources.

    Splits only where the `|` is outside every group and character set and not escaped,
    so each arm is a pattern of its own and the whole matches where any arm does.
    """
    arms: list[str] = []
    depth = 0
    in_set = False
    start = 0
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            if ch == "]":
                in_set = False
        elif ch == "[":
            in_set = True
            if source[i + 1 : i + 2] == "^":
                i += 1
            if source[i + 1 : i + 2] == "]":  # a literal "]" first in the set
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            arms.append(source[start:i])
            start = i + 1
        i += 1
    arms.append(source[start:])
    return arms


class NeededStrings:
    """Short strings filed under their first character.

    `present(text)` says which of them a text contains, looking only at those that begin
    with a character the text holds (a few dozen of some hundreds). The empty string,
    "needs nothing in particular", is in every text.
    """

    def __init__(self, strings: Iterable[str]) -> None:
        by_first: dict[str, set[str]] = {}
        for s in strings:
            by_first.setdefault(s[:1], set()).add(s)
        self._always = frozenset(by_first.pop("", ()))
        self._by_first = {first: tuple(sorted(group)) for first, group in by_first.items()}
        self._firsts = frozenset(self._by_first)

    def present(self, text: str) -> frozenset[str]:
        found = [*self._always]
        for first in self._firsts.intersection(text):
            found.extend(s for s in self._by_first[first] if s in text)
        return frozenset(found)


class AnyArm:
    """`search` of a long alternation that runs only the arms a text could match.

    Each arm's needed strings (`required_strings`) are filed under their first
    character; a text first collects which of them it holds, then searches only the
    arms with one present (and those that need nothing in particular). Answers exactly
    what `pattern.search(text) is not None` would.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._always: list[re.Pattern[str]] = []
        self._gated: list[tuple[re.Pattern[str], frozenset[str]]] = []
        for arm in top_level_arms(pattern.pattern):
            compiled = re.compile(arm, pattern.flags)
            strings = required_strings(compiled)
            if strings is None or "" in strings:
                self._always.append(compiled)
            else:
                self._gated.append((compiled, strings))
        self._needed = NeededStrings(s for _, strings in self._gated for s in strings)

    def search(self, text: str) -> bool:
        for rx in self._always:
            if rx.search(text):
                return True
        present = self._needed.present(text)
        if not present:
            return False
        return any(
            rx.search(text) for rx, strings in self._gated if not present.isdisjoint(strings)
        )
