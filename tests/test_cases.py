"""content/cases/: descriptions staff file under a category teach the matcher.

The held-out sets in tests/data must stay unseen: no text of theirs, or anything close
to one, may be in the content the matcher learns from.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

from bot.__main__ import main
from bot.core.content import Library, load_library
from bot.core.matching import BENIGN_ID, Matcher
from bot.core.normalize import normalize
from tests.conftest import CONTENT, ROOT, content_problems, copy_content

HELD_OUT = [
    "eval",
    "fresh16",
    "fresh17",
    "fresh26",
    "fresh36",
    "fresh52",
    "fresh61",
    "fresh69",
    "fresh76",
]
# A new trick nobody has written an example for (a fake "metro card refund" that ends
# in a payment to a stranger's QR code); the case teaches it, the test asks in new words.
NEW_TRICK = "地铁卡押金退还专员说我的交通卡押金可以退，让我扫他发的二维码先付一块钱验证"
ASKED = "有个说是地铁卡押金退还专员的人，叫我扫码先付一块钱验证，说交通卡押金能退回来"


def _add_case(root: Path, category: str, text: str) -> None:
    path = root / "cases" / f"{category}.yaml"
    data = yaml.safe_load(path.read_text("utf-8")) if path.exists() else {"category": category}
    data.setdefault("cases", []).append({"text": text})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_shipped_cases_cover_every_category(library: Library) -> None:
    assert set(library.cases) == set(library.categories)
    assert len(library.cases["none"]) >= 1000
    assert sum(map(len, library.cases.values())) >= 4500


def test_a_case_teaches_the_matcher_a_new_trick(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    before = Matcher(load_library(root)).assess(ASKED)
    _add_case(root, "impersonate_customer_service", NEW_TRICK)
    after = Matcher(load_library(root)).assess(ASKED)
    assert after.category == "impersonate_customer_service"
    assert after.score > before.score or before.category != after.category
    # It joins a pattern of its category, so the answer carries that pattern's advice.
    assert after.pattern is not None and after.pattern.startswith("cs_")


def test_an_ordinary_case_teaches_none(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    text = "社区网格员上门登记独居老人信息，问了电话和住址，没有提钱，也没让我扫码"
    _add_case(root, "none", text)
    matcher = Matcher(load_library(root))
    got = matcher.assess("网格员上门登记独居老人的电话住址，没提钱也没叫扫码，正常吗")
    assert got.category == "none" and not got.urgent


def test_a_case_joins_the_pattern_it_is_most_like(matcher: Matcher) -> None:
    ix = matcher._index
    police = ix.example_texts[ix.ids.index("police_cash_pickup")]
    shipped = {normalize(t) for t in matcher.library.cases["impersonate_police"]}
    # The pattern's own examples come first; cases about cash handed to a "courier" for
    # the police follow them.
    assert any("现金" in t or "cash" in t for t in police if t in shipped)
    assert ix.ids[-1] == BENIGN_ID
    assert len(ix.example_texts[-1]) >= len(matcher.library.cases["none"])


def test_broken_case_files_are_explained(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    cases = root / "cases"
    (cases / "aliens.yaml").write_text(
        yaml.safe_dump({"category": "aliens", "cases": [{"text": "x"}]}), "utf-8"
    )
    (cases / "romance_copy.yaml").write_text(
        yaml.safe_dump(
            {"category": "romance", "cases": [{"text": "网友说想我了"}]}, allow_unicode=True
        ),
        "utf-8",
    )
    (cases / "sextortion.yaml").write_text(
        yaml.safe_dump({"category": "sextortion", "cases": [{"text": "  "}, {"txt": "typo"}]}),
        "utf-8",
    )
    first = yaml.safe_load((cases / "fake_loan.yaml").read_text("utf-8"))["cases"][0]["text"]
    _add_case(root, "order_brushing", first)
    (cases / "gambling.yaml").write_bytes(b"\xff\xfe\x00")
    text = content_problems(root)
    assert "aliens.yaml: field 'category' is 'aliens', which is not in taxonomy.yaml" in text
    assert "romance_copy.yaml: the file name should be 'romance.yaml'" in text
    assert "sextortion.yaml: field 'cases.0.text' is empty" in text
    assert "sextortion.yaml: field 'cases.1.txt' is not a known field" in text
    assert "order_brushing.yaml: case" in text and "is already in fake_loan.yaml" in text
    assert "gambling.yaml: the file is not UTF-8 text" in text


def test_validate_counts_the_cases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "validate", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "OK:" in out and " cases, " in out


def test_content_without_a_cases_folder_still_loads(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    shutil.rmtree(root / "cases")
    lib = load_library(root)
    assert lib.cases == {}
    assert Matcher(lib).assess("公安说我涉嫌洗钱，让我把钱转到安全账户").category == (
        "impersonate_police"
    )


def _learned_texts(library: Library) -> list[str]:
    texts = [t for texts in library.cases.values() for t in texts]
    texts.extend(library.lookalikes)
    for pat in library.patterns:
        texts.extend((*pat.examples.zh, *pat.examples.en))
    return [normalize(t) for t in texts]


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_sets_are_not_in_the_content(library: Library, name: str) -> None:
    learned = _learned_texts(library)
    path = ROOT / "tests" / "data" / f"{name}.jsonl"
    held = [normalize(json.loads(line)["text"]) for line in path.read_text("utf-8").splitlines()]
    close = []
    for text in held:
        best = process.extractOne(text, learned, scorer=fuzz.ratio, score_cutoff=90)
        if best is not None:
            close.append((text, best[0]))
    assert not close, close[:5]
