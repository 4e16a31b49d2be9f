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
_WORD_OR_SYLLABLE = re.compile(r"[a-z]+")
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


_ASCII_TOKEN = re.compile(r"[a-z0-9][a-z0-9'\-]*")


@dataclass
class PhraseIndex:
    """Every lexicon and signal phrase, keyed by its normalised form.

    ASCII phrases are looked up by word n-grams (so "ban" never fires inside "bank"),
    the others by the substrings at each position whose length some phrase starting
    with that character has. Either way the cost grows with the message, not with the
    number of phrases.
    """

    words: dict[str, list[PhraseHit]] = field(default_factory=dict)
    chars: dict[str, list[PhraseHit]] = field(default_factory=dict)
    max_words: int = 1
    # First character -> the lengths of the phrases that start with it, so a scan only
    # tries the lengths that can match at each position.
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, phrase: str, hit: PhraseHit) -> None:
        key = normalize(phrase)
        if not key:
            return
        if key.isascii():
            key = " ".join(_ASCII_TOKEN.findall(key))
            if key:
                self.words.setdefault(key, []).append(hit)
        else:
            self.chars.setdefault(key, []).append(hit)

    def freeze(self) -> None:
        starts: dict[str, set[int]] = {}
        for key in self.chars:
            starts.setdefault(key[0], set()).add(len(key))
        self.starts = {ch: tuple(sorted(sizes)) for ch, sizes in starts.items()}
        self.max_words = max((k.count(" ") + 1 for k in self.words), default=1)

    def scan(self, text: str) -> list[PhraseHit]:
        """All phrases that occur in `text` (already normalised)."""
        text = text[:MAX_SCAN_CHARS]
        hits: list[PhraseHit] = []
        n = len(text)
        chars, starts = self.chars, self.starts
        for start, ch in enumerate(text):
            for size in starts.get(ch, ()):
                if start + size > n:
                    break
                found = chars.get(text[start : start + size])
                if found is not None:
                    hits.extend(found)
        tokens = _ASCII_TOKEN.findall(text)
        words = self.words
        for i in range(len(tokens)):
            for j in range(i + 1, min(len(tokens), i + self.max_words) + 1):
                gram = " ".join(tokens[i:j])
                found = words.get(gram)
                if found is None and gram.endswith("s"):
                    found = words.get(gram[:-1])  # plural: "tasks" finds "task"
                if found is not None:
                    hits.extend(found)
        return hits


def syllable_tokens(text: str) -> Counter[str]:
    """Bag of pinyin syllables and syllable pairs of a text split into syllables.

    Features of their own ("p:"), so "can" or "long" in English never meets 参 or 龙.
    """
    sounds = _WORD_OR_SYLLABLE.findall(text[:MAX_SCAN_CHARS])
    bag: Counter[str] = Counter("p:" + w for w in sounds)
    bag.update(f"p:{a}_{b}" for a, b in zip(sounds, sounds[1:], strict=False))
    return bag


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
