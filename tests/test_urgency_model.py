"""The whole-story urgency model learned from the cases, and how the matcher uses it."""

from __future__ import annotations

import copy
import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.core.content import Library
from bot.core.matching import Matcher
from bot.core.normalize import normalize
from bot.core.risk import already_handed_over
from bot.core.urgency_model import UrgencyModel, features
from tests.conftest import ROOT

# A loss told only by how the story went on ("垫完又说要再补"): no phrasing rule and no
# clause of the stage model reads it as money gone.
STORY_LOSS = (
    "网上找的兼职帮商家点赞，前两单返了佣金，后面说要做联单先垫三千，垫完又说要再补八千才能一起提现"
)
# A loss of long ago, and today's caller was the real courier: the rules read "被骗过" as
# a loss; the whole story is an ordinary call.
OLD_LOSS_TODAY_FINE = (
    "自从上次被骗过一回，现在接到陌生电话就紧张，今天这个是送快递的，真的快递",
    "以前被骗过一次，现在一有陌生电话就害怕，刚才是快递小哥打来的，确实是快递",
)

TRAIN = [
    ("他让我转钱到安全账户，我已经转了五万", True),
    ("验证码我念给他了，卡里的钱没了", True),
    ("交了三千解冻费，还是提不出来", True),
    ("I sent him the money and now he blocked me", True),
    ("paid the release fee twice, still no loan", True),
    ("他让我转钱到安全账户，我没转，直接挂了", False),
    ("对方要验证码，我没给", False),
    ("说要交解冻费才能提现，我还没交", False),
    ("he wants me to send the money, I said no", False),
    ("they asked for a release fee, should I pay it?", False),
]


def _without_model(matcher: Matcher) -> Matcher:
    ablated = copy.copy(matcher)
    ablated.use_urgency_model = False
    return ablated


def test_features_are_the_same_in_every_process() -> None:
    """A cached model is read by other processes: the slots must not depend on the
    interpreter's per-process string hashing."""
    text = normalize("验证码念给他了 then he blocked me")
    code = (
        "import sys; from bot.core.urgency_model import features; "
        "print(list(features(sys.argv[1])))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, text],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {str(list(features(text))) + "\n"}


def test_empty_and_symbol_text_have_no_features_and_get_the_prior() -> None:
    assert len(features("")) == 0 and len(features("!!! ？？ …")) == 0
    model = UrgencyModel.fit([normalize(t) for t, _ in TRAIN], [u for _, u in TRAIN])
    assert model.probability("") == pytest.approx(1 / (1 + np.exp(-model.bias)))


def test_fitting_is_repeatable_and_learns_the_stage() -> None:
    texts = [normalize(t) for t, _ in TRAIN]
    labels = [u for _, u in TRAIN]
    first = UrgencyModel.fit(texts, labels)
    again = UrgencyModel.fit(texts, labels)
    assert np.array_equal(first.weights, again.weights) and first.bias == again.bias
    assert first.weights.dtype == np.float32
    gone = first.probability(normalize("我已经转了，钱没了"))
    not_yet = first.probability(normalize("我还没转，直接挂了"))
    assert gone > 0.5 > not_yet


def test_a_loss_told_by_the_whole_story_is_urgent_only_thanks_to_the_model(
    matcher: Matcher,
) -> None:
    norm = normalize(STORY_LOSS)
    assert not already_handed_over(norm)
    assert matcher._stage_model is not None and not matcher._stage_model.handed_over(norm)
    with_model = matcher.assess(STORY_LOSS)
    without = _without_model(matcher).assess(STORY_LOSS)
    assert with_model.category == without.category == "order_brushing"
    assert with_model.urgent and with_model.risk == "high"
    assert not without.urgent


@pytest.mark.parametrize("text", OLD_LOSS_TODAY_FINE)
def test_an_old_loss_and_an_ordinary_call_today_is_not_urgent(matcher: Matcher, text: str) -> None:
    assert _without_model(matcher).assess(text).urgent  # what the rules alone said
    got = matcher.assess(text)
    assert not got.urgent and got.category == "none" and got.risk == "low"


def test_without_urgent_cases_there_is_no_model(library: Library) -> None:
    bare = dataclasses.replace(library, cases={}, urgent_cases=frozenset(), pattern_by_id={})
    matcher = Matcher(bare)
    assert matcher._urgency_model is None
    got = matcher.assess("他让我转钱到安全账户，我已经转了五万")
    assert got.urgent and got.risk == "high"


def test_the_library_records_which_cases_are_urgent(library: Library) -> None:
    everything = {text for texts in library.cases.values() for text in texts}
    assert library.urgent_cases <= everything
    assert not library.urgent_cases & set(library.cases.get("none", ()))
    # Most filed scam stories are told before any money moved; a good share after.
    assert 0.2 < len(library.urgent_cases) / len(everything) < 0.6


def test_eval_ablation_flag_runs(tmp_path: Path) -> None:
    lines = (ROOT / "tests" / "data" / "eval.jsonl").read_text("utf-8").splitlines()[:5]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "bot", "eval", str(sample), "--quiet", "--no-urgency-model"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert "urgent_recall" in out
