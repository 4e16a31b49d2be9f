"""Has money or a secret already gone? A whole-story model learned from the cases.

The phrasing rules in `risk.py` and the clause model in `stages.py` read a description
clause by clause. People also tell a loss by the shape of the whole story ("墊咗又話要再
入5000先可以一次過提返晒", "put in about 50k over the month, now it shows..."), and
the rules sometimes fire on a story that is plainly a question or a near miss. Staff
mark each filed case `urgent: true` or not; at load time a logistic regression over
hashed character and word n-grams of the whole text is fitted on those labels (about 1.5
s for 13,639 cases). The matcher uses it only at the two ends of its scale: a
story it is very sure of counts as a loss inside a recognised scam, and a rule's "money
is gone" that it finds very unlikely is dropped. The thresholds were chosen by
cross-validation over the cases and checked on sets nobody had read
(docs/benchmarks.md).
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence

import numpy as np

DIM = 1 << 18  # hashed feature slots: 1 MB of float32 weights
EPOCHS = 8
LEARNING_RATE = 0.2
L2 = 1e-6
SEED = 7
# A story counts as a loss (inside a recognised scam) above this probability ...
ADD_THRESHOLD = 0.9
# ... and a rule's "money is gone" is dropped below this one.
VETO_THRESHOLD = 0.02

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


_CJK_SEED = zlib.crc32(b"c")  # crc32(b"c" + gram) == crc32(gram, _CJK_SEED)


def features(norm: str) -> np.ndarray:
    """Slots of the character 1-3-grams of Chinese runs and the words and word pairs
    of a normalised text (each once, in no particular order)."""
    # crc32, not hash(): the same slot in every process, so a cached model stays right.
    crc = zlib.crc32
    slots: set[int] = set()
    for run in _CJK_RUN.findall(norm):
        raw = run.encode()  # every character of these runs is 3 bytes of UTF-8
        size = len(run)
        for n in (1, 2, 3):
            slots.update(
                crc(raw[3 * i : 3 * (i + n)], _CJK_SEED) % DIM for i in range(size - n + 1)
            )
    words = _WORD.findall(norm)
    slots.update(crc(("w" + w).encode()) % DIM for w in words)
    slots.update(crc(f"b{a} {b}".encode()) % DIM for a, b in zip(words, words[1:], strict=False))
    return np.fromiter(slots, dtype=np.int32, count=len(slots))


class UrgencyModel:
    """P(the writer, or the person they tell of, has already handed over money or a
    secret) for a whole normalised description."""

    def __init__(self, weights: np.ndarray, bias: float) -> None:
        self.weights = weights
        self.bias = bias

    @classmethod
    def fit(cls, texts: Sequence[str], urgent: Sequence[bool]) -> UrgencyModel:
        """Fit on normalised texts and their labels (plain SGD, fixed seed: the same
        content always gives the same model)."""
        rows = [features(t) for t in texts]
        labels = [1.0 if u else 0.0 for u in urgent]
        weights = np.zeros(DIM, dtype=np.float64)
        bias = 0.0
        order = list(range(len(rows)))
        rng = random.Random(SEED)
        for epoch in range(EPOCHS):
            rng.shuffle(order)
            rate = LEARNING_RATE / (1 + epoch)
            for i in order:
                slots = rows[i]
                if not len(slots):
                    continue
                p = 1.0 / (1.0 + np.exp(-(weights[slots].sum() + bias)))
                error = p - labels[i]
                # Scaled by the number of features so a long story does not take
                # steps many times larger than a short one.
                weights[slots] -= rate * (error / np.sqrt(len(slots)) + L2 * weights[slots])
                bias -= rate * error * 0.1
        return cls(weights.astype(np.float32), bias)

    def probability(self, norm: str) -> float:
        slots = features(norm)
        z = float(self.weights[slots].sum()) + self.bias
        return float(1.0 / (1.0 + np.exp(-z)))
