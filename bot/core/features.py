"""Turn normalised text into the features the matcher compares.

Three kinds of evidence, each cheap to compute per message:
- phrases from the concept lexicon and the patterns' signals, found by looking up every
  substring of the text in one dictionary (cost grows with the message, not the library);
- Chinese character bigrams and rjieba words, English words and word pairs;
- the concept tokens (@safe_account ...) that let paraphrases meet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import rjieba

from bot.core.normalize import normalize

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z][a-z'-]+")
_ASCII_WORDCHAR = re.compile(r"[a-z0-9]")
# Words too common to tell scams apart; dropping them keeps the index small.
_EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "have",
        "has",
        "had",
        "do",
        "did",
        "does",
        "so",
        "if",
        "then",
        "just",
        "not",
        "no",
        "yes",
        "can",
        "could",
        "would",
        "should",
        "will",
        "what",
        "when",
        "who",
        "how",
        "there",
        "here",
        "about",
        "as",
        "up",
        "out",
        "into",
        "over",
        "said",
        "says",
        "say",
        "told",
    ]
)
_ZH_STOP = frozenset(
    [
        "的",
        "了",
        "我",
        "你",
        "他",
        "她",
        "是",
        "在",
        "有",
        "就",
        "也",
        "都",
        "说",
        "和",
        "吗",
        "呢",
        "吧",
        "啊",
        "这",
        "那",
        "个",
        "要",
        "去",
        "给",
        "让",
    ]
)
CONCEPT_WEIGHT = 2.5
MAX_SCAN_CHARS = 2000


@dataclass
class PhraseHit:
    kind: str  # "concept" or "signal"
    key: str  # concept name, or pattern id
    weight: float
    phrase: str


@dataclass
class PhraseIndex:
    """Every lexicon and signal phrase, keyed by its normalised form."""

    entries: dict[str, list[PhraseHit]] = field(default_factory=dict)
    lengths: tuple[int, ...] = ()

    def add(self, phrase: str, hit: PhraseHit) -> None:
        key = normalize(phrase)
        if key:
            self.entries.setdefault(key, []).append(hit)

    def freeze(self) -> None:
        self.lengths = tuple(sorted({len(k) for k in self.entries}))

    def scan(self, text: str) -> list[PhraseHit]:
        """All phrases that occur in `text` (already normalised); ASCII ones on word edges."""
        text = text[:MAX_SCAN_CHARS]
        hits: list[PhraseHit] = []
        n = len(text)
        entries = self.entries
        for size in self.lengths:
            for start in range(0, n - size + 1):
                found = entries.get(text[start : start + size])
                if found is None:
                    continue
                if text[start].isascii() and not _on_word_edges(text, start, start + size):
                    continue
                hits.extend(found)
        return hits


def _on_word_edges(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _ASCII_WORDCHAR.match(before) and not (
        _ASCII_WORDCHAR.match(after) and after not in "s"
    )


def tokens(text: str, concepts: set[str]) -> Counter[str]:
    """Bag of features for one normalised text plus the concepts found in it."""
    bag: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text[:MAX_SCAN_CHARS]):
        bag.update(run[i : i + 2] for i in range(len(run) - 1))
        bag.update("w:" + w for w in rjieba.cut(run) if len(w) > 1 and w not in _ZH_STOP)
    words = [_stem(w) for w in _WORD.findall(text[:MAX_SCAN_CHARS]) if w not in _EN_STOP]
    bag.update("e:" + w for w in words)
    bag.update(f"e:{a}_{b}" for a, b in zip(words, words[1:], strict=False))
    for concept in concepts:
        bag["@" + concept] += 1
    return bag


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def weigh(bag: Counter[str], idf: dict[str, float], default_idf: float) -> dict[str, float]:
    """Sublinear tf-idf, L2-normalised; concept tokens count more than surface n-grams."""
    vec = {}
    for term, count in bag.items():
        boost = CONCEPT_WEIGHT if term.startswith("@") else 1.0
        vec[term] = (1.0 + math.log(count)) * idf.get(term, default_idf) * boost
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}
