"""Score a description against every scam pattern and return an assessment.

Evidence per pattern (what the eval in docs/benchmarks.md showed is worth keeping):
- nearest-example similarity: tf-idf over character bigrams, words and concept tokens,
  the best and the average of the three best examples of the pattern;
- weighted signal phrases and concepts named in the pattern file;
- benign look-alikes (content/lookalikes.yaml) compete as a "none" class, so ordinary
  situations that share words with scams do not raise an alarm.
rapidfuzz re-ranks the few best candidates by fuzzy overlap with their examples, which
tolerates typos the exact n-grams miss.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
from rapidfuzz import fuzz, process

from bot.core import pinyin
from bot.core.content import Library, Pattern
from bot.core.features import PhraseHit, PhraseIndex, syllable_tokens, tokens, weigh
from bot.core.normalize import Entities, Lang, detect_language, extract_entities, normalize
from bot.core.risk import (
    already_handed_over,
    checked_first,
    has_fraud_cue,
    is_demand,
    names_a_secret,
    ordinary_payment,
)
from bot.core.stages import StageModel
from bot.core.urgency_model import ADD_THRESHOLD, VETO_THRESHOLD, UrgencyModel

NONE = "none"
BENIGN_ID = "_benign"
# Below this a best match is not trusted and the answer is "none".
MIN_SCORE = 0.25
# A scam match must beat the benign look-alikes by this margin.
BENIGN_MARGIN = 0.15
DEMAND_RELAX = 0.8
# English descriptions are longer and share fewer features with any one example than
# Chinese character n-grams do, so their similarity scores run lower; the bar for a
# match (not the margin over the look-alikes) is lowered for them.
EN_THRESHOLD_SCALE = 0.8
# Postings for terms in more than this share of all examples carry little information
# and dominate the cost on very large libraries.
MAX_DF_SHARE = 0.2
RERANK_TOP = 2
# Fuzzy similarity to the examples (a sentence or two each) says nothing more about a
# text much longer than them, and its cost grows with the length: compare the start.
FUZZY_CHARS = 200
# ... and only with the examples of a pattern that share the most words with the text
# (by the TF-IDF pass already done): the best fuzzy match is nearly always among them,
# and comparing all of a pattern's 20-30 examples cost 40% of an assessment.
FUZZY_EXAMPLES = 6
LENIENCY = {
    0: (MIN_SCORE, BENIGN_MARGIN),
    1: (MIN_SCORE * DEMAND_RELAX, BENIGN_MARGIN * DEMAND_RELAX),
    2: (MIN_SCORE / 2, 0.0),
}
# A short general question with nobody else in the story ("U盾丢了怎么办", "what is
# 96110?") is asking for information, not describing a scam in progress.
INFO_QUESTION_PENALTY = 0.12
CHECKED_PENALTY = 0.2
HYPOTHETICAL_PENALTY = 0.25
_QUESTION_END = re.compile(
    r"(?:\?|？|吗|呢|怎么办|怎么弄|是什么|什么意思|可以吗|对吗)[\s.。!！~]*$"
)
_OTHER_ACTOR = re.compile(
    r"他|她|对方|有人|有个|那人|客服|自称|说是|\b(?:he|she|they|someone|somebody|caller|a man|a woman|guy|says|said|told)\b"
)
# A question about what to do if something happened, told as not having happened ("如果有人
# 叫我转账到安全账户怎么办", "what should I do if I get a call saying my parcel has drugs"):
# advice is wanted, no scam is in progress.
_HYPOTHETICAL = re.compile(
    r"^(?:请问)?[^，。,.!?！？]{0,6}(?:如果|要是|假如|万一|假设)(?:有人|接到|收到|遇到|碰到|不小心|点了|点开)"
    r"|只是(?:想)?问问|就先问问|就是(?:先|想)问问|(?:还|从来)(?:没|未)(?:有)?(?:接到|遇到|碰到)过|只係想知"
    r"|\b(?:what (?:should|do|would|can) (?:i|we|you|my \w+) do|how (?:do|should) (?:i|we) (?:handle|deal with"
    r"|respond to)|what if|what happens) if\b"
    r"|(?:^|[.!?,;:]\s*)(?:and |but |so )?if (?:someone|somebody|anyone|a caller|i (?:ever )?get)\b"
    r"|\bjust asking\b|\bnothing (?:has )?happened\b|\bhypothetical"
)
# A scam heard of from someone outside the family, the news or a video, and a question
# about it ("听朋友说有人冒充网贷平台要人注销学生贷…到底需不需要注销？", "my coworker's mum
# got a prize call ... is that a scam?"): advice is wanted, nothing is happening to the
# writer or their family. Nobody may be asking the writer (or the one they speak for).
_HEARD_OF = re.compile(
    r"听说|听(?:朋友|同学|同事|邻居|别人|人)说|新闻|报道|文章|刷视频|(?:视频|节目|直播)(?:里|上)?(?:讲|说|介绍)"
    r"|(?:看到|刷到)(?:有人|个|一个)?(?:讲|说|发)"
    r"|(?:朋友|同学|同事|邻居|网友|(?:表|堂)(?:哥|姐|弟|妹)|阿姨|大爷|大妈|室友|舍友)(?:说|讲|被|转发|遇到|上周|前几天|最近|家|做)"
    # ... a neighbour or colleague by name: "邻居王叔说", "同事小李被".
    r"|(?:邻居|同事|室友|舍友|隔壁|楼下)[\u4e00-\u9fff]{1,2}(?:说|讲|被|遇到|做)"
    r"|\b(?:on the news|in the news|read (?:about|an article)|heard (?:a lot )?(?:about|of|that)|an article|a video about"
    r"|(?:friend|colleague|coworker|co-worker|cousin|neighbou?r|classmate)(?:'s|s'|s)? (?:\w+ )?(?:said|told|got|was|were|fell|lost|keep))\b"
)
_QUESTION = re.compile(
    r"吗|？|\?|怎么|如何|到底|是不是|会不会|能不能|需不需要|有没有|想了解|想知道"
    r"|\b(?:is it|is that|are they|do they|does|should|how|what|can)\b"
)
_ASKS_SOMEONE_CLOSE = re.compile(
    r"(?:让|叫|要|逼|催)(?:我|我们|他|她)|\b(?:asked|asking|wants|wanted|told|telling) (?:me|us|him|her) to\b"
)


# ... and it is not about the writer's own family ("my son's friend told him he can sell
# his bank card" is the son's story).
_FAMILY = re.compile(
    r"我(?:妈|爸|儿子|女儿|老公|老婆|奶奶|爷爷|外婆|外公|爱人|家)"
    r"|\bmy (?:son|daughter|mum|mom|dad|mother|father|wife|husband|grandma|grandpa|gran|nan|parents)\b"
)


# ... nor has the writer had the message or call themselves ("my neighbor also got same
# text" tells of the writer's own).
_CAME_TO_THE_WRITER = re.compile(
    r"我(?:也|刚)?(?:收到|接到)|转发|\b(?:texted|texting|called|calling|messaged|messaging|emailed|rang|added) me\b"
    r"|\bi (?:also |just )?(?:got|received)\b"
)


# Told to warn others, or glad to have been spared: "我想提醒一下我爸妈", "还好我没碰",
# "他直接打给儿子核实，没上当". The family the writer means to warn is not the victim.
_WARNING_OR_SPARED = re.compile(
    r"提醒|防(?:骗|诈)|还好我没|幸好我没|好在我没|我早(?:就)?劝|没上当|没被骗|没有上当"
    r"|\b(?:warn|remind)\b|\b(?:luckily|glad|good thing) i (?:didn'?t|never|hung up)\b"
)
_WARNED_FAMILY = re.compile(
    r"(?:提醒|告诉|教|跟|和|给)(?:一?下)?(?:我(?:爸妈|家里人|家人|妈|爸|奶奶|爷爷|外婆|外公))"
    r"|\b(?:warn|tell|remind|teach) my (?:parents|mum|mom|dad|grandma|grandpa|gran|nan|family)\b"
)


def _told_of(norm: str) -> bool:
    """A scam that happened to someone outside the family, as the writer heard of it."""
    return bool(
        _HEARD_OF.search(norm)
        and not _ASKS_SOMEONE_CLOSE.search(norm)
        and not _CAME_TO_THE_WRITER.search(norm)
    )


def _heard_of(norm: str) -> bool:
    return _told_of(norm) and bool(_QUESTION.search(norm)) and not _FAMILY.search(norm)


def _bystander(norm: str) -> bool:
    """Someone else's loss, told to warn one's own or glad to have been spared: the
    loss in it is not the writer's, nor the family's."""
    return (
        _told_of(norm)
        and bool(_WARNING_OR_SPARED.search(norm))
        and not _FAMILY.search(_WARNED_FAMILY.sub("", norm))
    )


NB_ALPHA = 0.3
W_KNN, W_SIGNAL, W_NB = 0.60, 0.25, 0.25


@dataclass(frozen=True)
class Match:
    pattern: str
    category: str
    score: float


@dataclass(frozen=True)
class Assessment:
    """The verdict for one description; `entities` are masked."""

    category: str
    pattern: str | None
    score: float
    risk: str
    urgent: bool
    matches: tuple[Match, ...]
    entities: Entities
    language: Lang
    concepts: frozenset[str] = frozenset()

    def as_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "pattern": self.pattern,
            "score": round(self.score, 4),
            "risk": self.risk,
            "urgent": self.urgent,
            "language": self.language,
            "matches": [
                {"pattern": m.pattern, "category": m.category, "score": round(m.score, 4)}
                for m in self.matches[:3]
            ],
            "entities": self.entities.as_dict(),
        }


@dataclass
class _Postings:
    """Posting lists, all in a few flat arrays: term -> its number `t`, whose rows are
    rows[start[t] : start[t] + length[t]] (weights likewise). Flat arrays pickle and load
    fast, and a message's lists are gathered in one numpy step."""

    terms: dict[str, int]
    start: np.ndarray
    length: np.ndarray
    rows: np.ndarray
    weights: np.ndarray
    n_rows: int

    @classmethod
    def build(
        cls,
        bags: Sequence[Counter[str]],
        idf: dict[str, float],
        default_idf: float,
        df: dict[str, int],
    ) -> _Postings:
        max_df = max(50, int(MAX_DF_SHARE * len(bags)))
        # One (term, row, weight) triple per posting in typed arrays (8 bytes an entry,
        # not a Python object each): on a library with thousands of cases the lists
        # of objects were most of the peak memory of a build.
        terms: dict[str, int] = {}
        cells_term, cells_row, cells_w = array("q"), array("q"), array("d")
        for row, bag in enumerate(bags):
            for term, w in weigh(bag, idf, default_idf).items():
                if df[term] <= max_df:
                    cells_term.append(terms.setdefault(term, len(terms)))
                    cells_row.append(row)
                    cells_w.append(w)
        term_of = np.frombuffer(cells_term, dtype=np.int64)
        order = np.argsort(term_of, kind="stable")  # by term, rows ascending within
        lengths = np.bincount(term_of, minlength=len(terms)).astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        flat_rows = np.frombuffer(cells_row, dtype=np.int64)[order].astype(np.int32)
        flat_weights = np.frombuffer(cells_w, dtype=np.float64)[order]
        return cls(
            terms=terms,
            start=starts,
            length=lengths,
            rows=flat_rows,
            weights=flat_weights,
            n_rows=len(bags),
        )

    def similarities(self, vec: dict[str, float]) -> np.ndarray:
        """Per row, the dot product of its TF-IDF vector with `vec`."""
        # Term numbers and weights as arrays (-1: a term no row has), all in C loops.
        found = np.fromiter(map(self.terms.get, vec, repeat(-1)), dtype=np.int64, count=len(vec))
        known = found >= 0
        if not known.any():
            return np.zeros(self.n_rows)
        terms = found[known]
        lens = self.length[terms]
        # Every posting of every term at once: term k's slots are its start plus
        # 0..len-1, i.e. a running index shifted by (start - slots before term k).
        ends = np.cumsum(lens)
        slots = np.arange(ends[-1]) + np.repeat(self.start[terms] - (ends - lens), lens)
        term_weights = np.fromiter(vec.values(), dtype=np.float64, count=len(vec))[known]
        return np.bincount(
            self.rows[slots],
            self.weights[slots] * np.repeat(term_weights, lens),
            minlength=self.n_rows,
        )


@dataclass
class _Index:
    ids: list[str]  # pattern ids, BENIGN_ID last when look-alikes exist
    categories: list[str]
    example_owner: np.ndarray  # example row -> pattern index
    example_texts: list[list[str]]  # per pattern, normalised examples for rapidfuzz
    postings: _Postings
    idf: dict[str, float]
    default_idf: float
    phrases: PhraseIndex
    concept_signals: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    example_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Multinomial naive Bayes over the same features, one class per category: it
    # generalises from all of a category's examples at once, where the nearest
    # example only sees one.
    classes: list[str] = field(default_factory=list)
    class_of_pattern: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    nb_terms: dict[str, int] = field(default_factory=dict)  # term -> row of `nb_table`
    nb_table: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    # The same, fitted on the examples' pinyin versions, for messages typed in pinyin.
    nb_pinyin_terms: dict[str, int] = field(default_factory=dict)
    nb_pinyin_table: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    # The examples' pinyin versions: their postings, and the pattern each belongs to.
    spoken: _Postings | None = None
    spoken_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


class Matcher:
    """Built once per content load; `assess` is safe to call from many tasks."""

    def __init__(
        self,
        library: Library,
        *,
        use_fuzzy: bool = True,
        use_signals: bool = True,
        use_bayes: bool = True,
        use_stages: bool = True,
        use_urgency_model: bool = True,
    ):
        self.library = library
        self.use_fuzzy = use_fuzzy
        self.use_signals = use_signals
        self.use_bayes = use_bayes
        self.use_stages = use_stages
        self.use_urgency_model = use_urgency_model
        self._stage_model = StageModel.fit(library.risk_phrases) if library.risk_phrases else None
        self._index = _build_index(library)
        # After the index: fitted before it, the model's feature rows raised an uncached
        # build's peak by 10 MB; here they mostly reuse memory the build has let go
        # (about 7 MB more; `fraudbot check` must stay under 250 MB uncached).
        self._urgency_model = _fit_urgency(library)
        self._pattern_pos = {pid: pos for pos, pid in enumerate(self._index.ids)}
        self._has_benign = bool(self._index.ids) and self._index.ids[-1] == BENIGN_ID

    @property
    def _stages(self) -> StageModel | None:
        return self._stage_model if self.use_stages else None

    def _loss_probability(self, norm: str) -> float | None:
        """The urgency model's belief that money or a secret has gone (None: no model)."""
        model = self._urgency_model if self.use_urgency_model else None
        return model.probability(norm) if model is not None else None

    def _unlikely_loss(self, norm: str) -> bool:
        """A rule read "money is gone" into a story the model finds very unlikely to
        tell of a loss (a question, a near miss, a payment of one's own)."""
        p = self._loss_probability(norm)
        return p is not None and p < VETO_THRESHOLD

    def concepts_in(self, text: str) -> tuple[set[str], list[PhraseHit]]:
        hits = self._index.phrases.scan(text)
        return {h.key for h in hits if h.kind == "concept"}, hits

    def assess(self, text: str) -> Assessment:
        """Judge one description (any language, any mess) and return the assessment."""
        norm = normalize(text)
        concepts, hits = self.concepts_in(norm)
        # Words typed in pinyin also meet the examples' pinyin versions syllable by syllable.
        spoken = pinyin.spaced(norm) if pinyin.looks_like_pinyin(norm) else None
        scores, per_example = self._scores(norm, concepts, hits, spoken=spoken)
        ordinary = ordinary_payment(norm)
        urgent = already_handed_over(norm) and not ordinary and not _bystander(norm)
        info_question = not urgent and _info_question(norm)
        if info_question:
            scores = scores.copy()
            scores[:-1] -= INFO_QUESTION_PENALTY if self._has_benign else 0.0
        heard_of = not urgent and _heard_of(norm)
        hypothetical = heard_of or (not urgent and bool(_HYPOTHETICAL.search(norm)))
        if hypothetical and not info_question:
            scores = scores.copy()
            scores[:-1] -= HYPOTHETICAL_PENALTY if self._has_benign else 0.0
        if not urgent and ordinary and checked_first(norm):
            # Checked first the way we advise (the relative's usual number, the bank's
            # own line): the story that looked like a scam turned out to be none.
            scores = scores.copy()
            scores[:-1] -= CHECKED_PENALTY if self._has_benign else 0.0
        # Money gone is evidence of a scam only when the story says something went
        # wrong ("被骗", "he blocked me"); "花了三千二买洗衣机" is shopping, not a loss.
        wronged = urgent and (has_fraud_cue(norm) or names_a_secret(norm))
        # "If someone asks me to transfer..." asks nothing of anyone yet.
        asked = not hypothetical and (
            is_demand(concepts) or (self._stages is not None and self._stages.asked(norm))
        )
        entities = extract_entities(text, norm)
        # Someone else asking for a sum of money is as telling as money already gone.
        pressed = asked and bool(entities.amounts) and has_fraud_cue(norm)
        leniency = 2 if wronged or pressed else 1 if asked else 0
        language = detect_language(text)
        # Latin script, English or pinyin, keeps the English match bar.
        scale = EN_THRESHOLD_SCALE if language == "en" or not pinyin.has_chinese(text, 1) else 1.0
        ranked = self._rank(norm, scores, per_example, leniency=leniency, scale=scale)
        top = ranked[0] if ranked else None
        if top is None:
            category, pattern, score = NONE, None, 0.0
        else:
            category, score = top.category, top.score
            pattern = top.pattern if category != NONE else None
        if category == NONE:
            urgent = wronged and not self._unlikely_loss(norm)
            risk = "high" if urgent else "low"
        else:
            # The learned stage model widens "money is gone" beyond the phrasing rules,
            # but only inside a recognised scam story: on its own it is not evidence
            # enough to call an ordinary payment a loss, or to lower the bar for a match.
            urgent = urgent or (
                not ordinary and self._stages is not None and self._stages.handed_over(norm)
            )
            if urgent:
                urgent = not self._unlikely_loss(norm)
            elif not ordinary and not hypothetical:
                # A whole story the model is very sure of, inside a recognised scam.
                p = self._loss_probability(norm)
                urgent = p is not None and p > ADD_THRESHOLD
            # A scam heard of asks nothing of the writer, whatever words or sums it repeats.
            demand = asked or (not heard_of and _demand_in_practice(concepts, entities))
            risk = "high" if urgent or demand else "medium"
        return Assessment(
            category=category,
            pattern=pattern,
            score=score,
            risk=risk,
            urgent=urgent,
            matches=tuple(m for m in ranked if m.category != NONE)[:5],
            entities=entities,
            language=language,
            concepts=frozenset(concepts),
        )

    def continued(
        self, new: Assessment, story: str, *, matches: Sequence[str], score: float, risk: str
    ) -> Assessment:
        """More of a story already matched, when the new message points nowhere else.

        The story keeps its match (`matches`: pattern ids, best first); the new message
        can only raise the risk or make it urgent. Judging the whole story again would
        cost a full assessment of an ever longer text on every follow-up and could only
        move the match sideways.
        """
        known = [p for p in matches if p in self._pattern_pos]
        if not known:
            return new
        entities = extract_entities(story)
        demand = _demand_in_practice(new.concepts, entities)
        high = new.urgent or demand or risk == "high" or new.risk == "high"
        ranked = tuple(
            Match(p, self._index.categories[self._pattern_pos[p]], score if i == 0 else 0.0)
            for i, p in enumerate(known)
        )
        return Assessment(
            category=ranked[0].category,
            pattern=ranked[0].pattern,
            score=score,
            risk="high" if high else "medium",
            urgent=new.urgent,
            matches=ranked,
            entities=entities,
            language=new.language,
            concepts=new.concepts,
        )

    def _scores(
        self, norm: str, concepts: set[str], hits: list[PhraseHit], *, spoken: str | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per pattern, the combined score; per example, its TF-IDF similarity.

        `spoken`: the message split into pinyin syllables, when it is typed in pinyin; it is
        compared with the examples' pinyin versions, which share no feature with the rest.
        """
        ix = self._index
        vec = weigh(tokens(norm, concepts), ix.idf, ix.default_idf)
        per_example = ix.postings.similarities(vec)
        n_patterns = len(ix.ids)
        nb = self._bayes(vec, ix.nb_terms, ix.nb_table) if self.use_bayes else None
        # Examples are stored pattern by pattern, so the best of each is one reduceat.
        knn = np.maximum.reduceat(per_example, ix.example_starts)
        if spoken is not None and ix.spoken is not None:
            sounds = weigh(syllable_tokens(spoken), ix.idf, ix.default_idf)
            best_spoken = np.zeros(n_patterns)
            np.maximum.at(best_spoken, ix.spoken_owner, ix.spoken.similarities(sounds))
            knn = np.maximum(knn, best_spoken)
            if nb is not None:
                nb = (nb + self._bayes(sounds, ix.nb_pinyin_terms, ix.nb_pinyin_table)) / 2
        nb = nb[ix.class_of_pattern] if nb is not None else np.zeros(n_patterns)
        if not self.use_signals:
            return (W_KNN * knn + W_NB * nb) / (W_KNN + W_NB), per_example
        signal = np.zeros(n_patterns)
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            if hit.kind == "signal" and (hit.key, hit.phrase) not in seen:
                seen.add((hit.key, hit.phrase))
                signal[self._pattern_pos[hit.key]] += hit.weight
        for concept in concepts:
            for pos, weight in ix.concept_signals.get(concept, ()):
                signal[pos] += weight
        signal = 1.0 - np.exp(-signal / 4.0)
        if ix.ids and ix.ids[-1] == BENIGN_ID:
            signal[-1] = knn[-1]  # look-alikes have no signals; judge them by similarity
        return W_KNN * knn + W_SIGNAL * signal + W_NB * nb, per_example

    def _bayes(self, vec: dict[str, float], terms: dict[str, int], table: np.ndarray) -> np.ndarray:
        """Posterior over categories from naive Bayes, with a softened likelihood."""
        ix = self._index
        rows = np.fromiter(map(terms.get, vec, repeat(-1)), dtype=np.int64, count=len(vec))
        rows = rows[rows >= 0]
        used = len(rows)
        if not used:
            return np.zeros(len(ix.classes))
        loglik = table[rows].sum(axis=0)
        z = loglik / max(1.0, math.sqrt(used))
        z = np.exp(z - z.max())
        return z / z.sum()

    def _rank(
        self,
        norm: str,
        scores: np.ndarray,
        per_example: np.ndarray,
        *,
        leniency: int = 0,
        scale: float = 1.0,
    ) -> list[Match]:
        ix = self._index
        order = np.argsort(-scores)[: max(RERANK_TOP, 5)]
        candidates = [(int(i), float(scores[i])) for i in order if scores[i] > 0]
        if self.use_fuzzy and candidates:
            head = norm[:FUZZY_CHARS]
            rescored = []
            for pos, score in candidates[:RERANK_TOP]:
                best = process.extractOne(
                    head, self._closest_examples(pos, per_example), scorer=fuzz.token_set_ratio
                )
                fuzzy = best[1] / 100.0 if best else 0.0
                rescored.append((pos, 0.85 * score + 0.15 * fuzzy * math.sqrt(score)))
            candidates = sorted(rescored, key=lambda c: -c[1]) + candidates[RERANK_TOP:]
        matches = [Match(ix.ids[p], ix.categories[p], s) for p, s in candidates]
        return _apply_thresholds(matches, leniency=leniency, scale=scale)

    def _closest_examples(self, pos: int, per_example: np.ndarray) -> list[str]:
        texts = self._index.example_texts[pos]
        if len(texts) <= FUZZY_EXAMPLES:
            return texts
        start = int(self._index.example_starts[pos])
        sims = per_example[start : start + len(texts)]
        best = np.argpartition(-sims, FUZZY_EXAMPLES)[:FUZZY_EXAMPLES]
        return [texts[i] for i in best]


def _demand_in_practice(concepts: AbstractSet[str], entities: Entities) -> bool:
    """Someone asks for money or secrets, or a scam story holds a link or a sum of money."""
    return is_demand(concepts) or bool(entities.urls or entities.amounts)


def _info_question(norm: str) -> bool:
    short = len(norm) <= 40 if any("\u4e00" <= ch <= "\u9fff" for ch in norm) else len(norm) <= 90
    return short and bool(_QUESTION_END.search(norm)) and not _OTHER_ACTOR.search(norm)


def _apply_thresholds(
    matches: list[Match], *, leniency: int = 0, scale: float = 1.0
) -> list[Match]:
    """Turn a weak or benign-leaning top match into 'none'; keep the rest ranked.

    `leniency` 2 is for stories where money or secrets are already gone, 1 for a demand
    for them: the loss or the demand is itself evidence of a scam, so a weaker match is
    still the best explanation to give.
    """
    if not matches:
        return []
    benign = next((m.score for m in matches if m.pattern == BENIGN_ID), 0.0)
    scam = [m for m in matches if m.pattern != BENIGN_ID]
    min_score, margin = LENIENCY[leniency]
    min_score *= scale
    if not scam or scam[0].score < min_score or scam[0].score < benign + margin:
        return [Match(BENIGN_ID, NONE, max(matches[0].score, 0.0)), *scam]
    return scam


def _documents(pattern: Pattern) -> list[str]:
    """The pattern's examples, then its titles."""
    return [*pattern.examples.zh, *pattern.examples.en, pattern.title.zh, pattern.title.en]


def _pinyin_versions(examples: Sequence[str]) -> dict[str, str]:
    """(Normalised) example -> its toneless syllables, for messages typed that way.

    Chinese examples are converted; examples already written in pinyin are split into
    syllables the way a message is; others have no pinyin version.
    """
    out = {}
    for norm in examples:
        if norm in out:
            continue
        if pinyin.has_chinese(norm):
            out[norm] = pinyin.to_pinyin(norm)
        elif pinyin.looks_like_pinyin(norm):
            out[norm] = pinyin.spaced(norm)
    return out


def _fit_urgency(library: Library) -> UrgencyModel | None:
    """The whole-story urgency model, fitted on every filed case (None without cases:
    urgency then comes from the rules and the clause model alone)."""
    texts = [text for texts in library.cases.values() for text in texts]
    if not texts or not library.urgent_cases:
        return None
    urgent = [text in library.urgent_cases for text in texts]
    return UrgencyModel.fit([normalize(text) for text in texts], urgent)


def _build_index(library: Library) -> _Index:
    phrases = PhraseIndex()
    for name, concept in library.concepts.items():
        for phrase in (*concept.zh, *concept.en):
            phrases.add(phrase, PhraseHit("concept", name, 1.0, phrase))
    ids: list[str] = []
    categories: list[str] = []
    written: list[list[str]] = []  # per pattern: examples, titles, then its cases
    spoken_src: list[list[str]] = []  # per pattern: the texts that get a pinyin version
    concept_signals: dict[str, list[tuple[int, float]]] = {}
    for pos, pat in enumerate(library.patterns):
        ids.append(pat.id)
        categories.append(pat.category)
        docs_of = [normalize(d) for d in _documents(pat)]
        written.append(docs_of)
        spoken_src.append(docs_of[: len(pat.examples.zh) + len(pat.examples.en)])  # no titles
        for sig in pat.signals:
            if sig.phrase.startswith("@"):
                concept_signals.setdefault(sig.phrase[1:], []).append((pos, sig.weight))
            else:
                phrases.add(sig.phrase, PhraseHit("signal", pat.id, sig.weight, sig.phrase))
    phrases.freeze()

    def bag(doc: str) -> Counter[str]:
        return _interned(tokens(doc, {h.key for h in phrases.scan(doc) if h.kind == "concept"}))

    case_docs = {cat: [normalize(t) for t in texts] for cat, texts in library.cases.items()}
    # An ordinary question about what to do if a scam ever came ("如果有人叫我转账到安全账户
    # 怎么办") carries every word of the scam itself: as a look-alike it pulled real scam
    # stories to "none". Such questions are told apart by _HYPOTHETICAL instead, and
    # questions about a scam heard of ("听朋友说有人冒充网贷平台打电话要人注销学生贷…") by
    # _heard_of.
    benign = [
        d
        for d in (*(normalize(t) for t in library.lookalikes), *case_docs.pop(NONE, []))
        if not _HYPOTHETICAL.search(d) and not _heard_of(d)
    ]
    # Every pinyin version first, then pypinyin's dictionaries go before the features
    # are counted: the two together were most of a large build's peak memory.
    sounds = _pinyin_versions(
        [
            *(d for src in spoken_src for d in src),
            *(d for c in case_docs.values() for d in c),
            *benign,
        ]
    )
    pinyin.release()

    bag_of: dict[str, Counter[str]] = {}
    for docs_of in written:
        for doc in docs_of:
            bag_of[doc] = bag(doc)
    for pos, cases in _assign_cases(case_docs, categories, written, bag_of, bag).items():
        written[pos].extend(cases)
        spoken_src[pos].extend(cases)
    if benign:
        ids.append(BENIGN_ID)
        categories.append(NONE)
        written.append(benign)
        spoken_src.append(benign)
    docs = [(pos, d) for pos, docs_of in enumerate(written) for d in docs_of]
    spoken = [(pos, sounds[d]) for pos, src in enumerate(spoken_src) for d in src if d in sounds]

    classes = sorted(set(categories))
    class_pos = {c: i for i, c in enumerate(classes)}
    bags = [bag_of[d] if d in bag_of else bag(d) for _, d in docs]
    del bag_of
    idf, default_idf, df = _idf(bags)
    postings = _Postings.build(bags, idf, default_idf, df)
    term_ids, table = _naive_bayes(
        bags, [class_pos[categories[pos]] for pos, _ in docs], df, len(classes)
    )
    # The bags of a library with thousands of cases are the peak of a build's memory:
    # the written ones go before the pinyin ones are made.
    del bags, df
    # The pinyin versions carry only syllable features ("p:"), weighed among themselves
    # and kept in postings of their own: a message in characters or English never
    # touches them, and is scored exactly as if they were not there.
    spoken_bags = [_interned(syllable_tokens(doc)) for _, doc in spoken]
    spoken_idf, _, spoken_df = _idf(spoken_bags)
    idf.update(spoken_idf)
    spoken_postings = _Postings.build(spoken_bags, spoken_idf, default_idf, spoken_df)
    py_terms, py_table = _naive_bayes(
        spoken_bags, [class_pos[categories[pos]] for pos, _ in spoken], spoken_df, len(classes)
    )
    del spoken_bags
    owners = np.asarray([pos for pos, _ in docs], dtype=np.int32)
    example_texts: list[list[str]] = [[] for _ in ids]
    for pos, doc in docs:
        example_texts[pos].append(doc)
    return _Index(
        ids=ids,
        categories=categories,
        example_owner=owners,
        example_texts=example_texts,
        postings=postings,
        spoken=spoken_postings,
        spoken_owner=np.asarray([pos for pos, _ in spoken], dtype=np.int64),
        idf=idf,
        default_idf=default_idf,
        phrases=phrases,
        concept_signals=concept_signals,
        example_starts=np.searchsorted(owners, np.arange(len(ids))),
        classes=classes,
        class_of_pattern=np.asarray([class_pos[c] for c in categories], dtype=np.int32),
        nb_terms=term_ids,
        nb_table=table,
        nb_pinyin_terms=py_terms,
        nb_pinyin_table=py_table,
    )


def _interned(bag: Counter[str]) -> Counter[str]:
    """The bag with one shared string per term: the same n-grams recur in thousands of
    examples and cases, and one copy each keeps a large library's build within its
    memory target."""
    return Counter({sys.intern(t): c for t, c in bag.items()})


def _assign_cases(
    case_docs: dict[str, list[str]],
    categories: list[str],
    written: list[list[str]],
    bag_of: dict[str, Counter[str]],
    bag: Callable[[str], Counter[str]],
) -> dict[int, list[str]]:
    """Pattern position -> the (normalised) cases that join its examples.

    Staff file a case under a category, not a pattern: each joins the pattern of its
    category whose examples it is most like, so the answer it leads to carries that
    pattern's advice.
    """
    rows = [(pos, d) for pos, docs_of in enumerate(written) for d in docs_of]
    pattern_bags = [bag_of[d] for _, d in rows]
    idf, default_idf, df = _idf(pattern_bags)
    postings = _Postings.build(pattern_bags, idf, default_idf, {t: 0 for t in df})
    owner = np.asarray([pos for pos, _ in rows], dtype=np.int64)
    out: dict[int, list[str]] = {}
    for category, docs in case_docs.items():
        mine = [pos for pos, c in enumerate(categories) if c == category]
        if not mine:
            continue
        in_category = np.isin(owner, mine)
        for doc in docs:
            bag_of[doc] = bag(doc)
            pos = mine[0]
            if len(mine) > 1:
                sims = postings.similarities(weigh(bag_of[doc], idf, default_idf))
                sims[~in_category] = -1.0
                pos = int(owner[int(np.argmax(sims))])
            out.setdefault(pos, []).append(doc)
    return out


def _idf(bags: Sequence[Counter[str]]) -> tuple[dict[str, float], float, dict[str, int]]:
    """Smoothed inverse document frequency of every term, the default, and the counts."""
    df: dict[str, int] = {}
    for bag in bags:
        for term in bag:
            df[term] = df.get(term, 0) + 1
    n_docs = len(bags)
    idf = {t: math.log((n_docs + 1) / (d + 1)) + 1.0 for t, d in df.items()}
    return idf, math.log(n_docs + 1) + 1.0, df


def _naive_bayes(
    bags: Sequence[Counter[str]], klasses: Sequence[int], df: dict[str, int], n_classes: int
) -> tuple[dict[str, int], np.ndarray]:
    """Term -> row, and the table of log P(term | class), from the bags of one kind."""
    # One (term, class, count) triple per occurrence, summed into a matrix at once:
    # a small array per term would cost most of the start-up.
    term_ids: dict[str, int] = {}
    cells_term, cells_class, cells_count = array("q"), array("q"), array("d")
    for bag, klass in zip(bags, klasses, strict=True):
        for term, c in bag.items():
            if df[term] >= 2:
                cells_term.append(term_ids.setdefault(term, len(term_ids)))
                cells_class.append(klass)
                cells_count.append(1.0 + math.log(c))
    counts = np.zeros((len(term_ids), n_classes))
    where = (np.frombuffer(cells_term, dtype=np.int64), np.frombuffer(cells_class, dtype=np.int64))
    np.add.at(counts, where, np.frombuffer(cells_count, dtype=np.float64))
    vocab = len(term_ids) or 1
    return term_ids, np.log((counts + NB_ALPHA) / (counts.sum(axis=0) + NB_ALPHA * vocab))
