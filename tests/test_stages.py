"""The stage model learned from content/risk_phrases.yaml, and how the matcher uses it."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from bot.core.content import ContentError, Library, load_library
from bot.core.matching import Matcher
from bot.core.normalize import normalize
from bot.core.risk import already_handed_over
from bot.core.stages import STAGES, StageModel, clauses

CONTENT = Path(__file__).resolve().parent.parent / "content"

# Losses said without any of the words the phrasing rules look for.
PARAPHRASED_LOSS = "客服说我的快递丢了要理赔，叫我照着点了几下，完了以后银行卡里的两万块没影了"


@pytest.fixture(scope="module")
def model(library: Library) -> StageModel:
    return StageModel.fit(library.risk_phrases)


def test_shipped_phrases_cover_every_stage_in_both_languages(library: Library) -> None:
    assert set(library.risk_phrases) == set(STAGES)
    for stage, phrases in library.risk_phrases.items():
        assert len(phrases) >= 150, stage
        assert any(p.isascii() for p in phrases) and not all(p.isascii() for p in phrases)


@pytest.mark.parametrize(
    ("clause", "stage"),
    [
        ("钱转过去以后他就把我拉黑了", "handed_over"),
        ("i sent him the money and he blocked me", "handed_over"),
        ("他让我马上把验证码报给他", "demanded"),
        ("they want me to pay the fee today", "demanded"),
        ("今天去超市买了点菜", "neither"),
    ],
)
def test_clauses_get_their_stage(model: StageModel, clause: str, stage: str) -> None:
    posterior = model.posterior(normalize(clause))
    assert max(posterior, key=posterior.__getitem__) == stage
    assert sum(posterior.values()) == pytest.approx(1.0)


def test_run_on_text_is_cut_into_windows() -> None:
    run_on = "我妈接了个电话说是公安局的说她名下的卡涉嫌洗钱要冻结资产让她配合调查不能告诉家里人"
    parts = clauses(normalize(run_on))
    assert len(parts) >= 3 and all(len(p) <= 24 for p in parts)
    assert clauses(normalize("转了，然后他跑了")) == ["转了", "他跑了"]


def test_a_paraphrased_loss_is_urgent_only_thanks_to_the_model(matcher: Matcher) -> None:
    assert not already_handed_over(normalize(PARAPHRASED_LOSS))
    with_model = matcher.assess(PARAPHRASED_LOSS)
    # Without this model nor the whole-story one learned from the cases.
    rules_only = copy.copy(matcher)
    rules_only.use_stages = rules_only.use_urgency_model = False
    without = rules_only.assess(PARAPHRASED_LOSS)
    assert with_model.category == without.category != "none"
    assert with_model.urgent and with_model.risk == "high"
    assert not without.urgent


@pytest.mark.parametrize(
    "text",
    [
        "贷款平台说要交解冻金三千才能放款，我还没交",
        "They say I must pay a $300 release fee to get my prize. Should I pay it?",
        "客服让我开屏幕共享帮我退款，我没有开，直接挂了",
    ],
)
def test_not_yet_and_questions_are_never_a_loss(matcher: Matcher, text: str) -> None:
    a = matcher.assess(text)
    assert not a.urgent


def test_an_ordinary_payment_outside_a_scam_story_is_not_a_loss(matcher: Matcher) -> None:
    a = matcher.assess("把这个月的房租转给房东了，他回了收到")
    assert a.category == "none" and not a.urgent


def test_without_the_file_the_rules_still_work(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    (folder / "risk_phrases.yaml").unlink()
    shutil.rmtree(folder / "cases")  # and no urgency model learned from cases either
    library = load_library(folder)
    assert library.risk_phrases == {} and not library.urgent_cases
    a = Matcher(library).assess("公安局的人让我把钱转到安全账户，我已经转了五万")
    assert a.urgent


def test_a_broken_file_is_refused_with_file_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    data = yaml.safe_load((folder / "risk_phrases.yaml").read_text("utf-8"))
    data["demanded"]["en"] = []
    del data["neither"]
    (folder / "risk_phrases.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as err:
        load_library(folder)
    problems = "\n".join(err.value.problems)
    assert "risk_phrases.yaml" in problems
    assert "demanded.en" in problems and "neither" in problems


@pytest.mark.parametrize(
    ("text", "handed_over"),
    [
        # What someone wants done is a demand, however much it sounds like money moving.
        ("the lady on the line wants my full card number and the expiry date", False),
        ("老乡介绍的项目，让我这周就把十万块交了", False),
        # Profits shown off, and the small sums paid out first as bait.
        ("after a week he started showing me his gold trading profits", False),
        ("一开始给了她几块钱佣金，说做完连本带利返给她", False),
        # The fake officer's claim about the caller's ID is not a deed.
        ("the officer said my id was used in a money laundering case", False),
        ("有个警官说我的身份证涉嫌一宗洗钱案", False),
        # ... while a loss told in other words still counts.
        (PARAPHRASED_LOSS, True),
    ],
)
def test_demands_shown_profits_and_bait_are_no_loss(
    model: StageModel, text: str, handed_over: bool
) -> None:
    assert model.handed_over(normalize(text)) is handed_over, text
