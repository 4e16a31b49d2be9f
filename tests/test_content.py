"""The shipped content is valid, complete, and broken content is explained in plain words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.__main__ import main
from bot.core.content import Library
from tests.conftest import CONTENT, content_problems, copy_content

FREQUENT = [
    "impersonate_police",
    "impersonate_customer_service",
    "impersonate_bank",
    "order_brushing",
    "fake_investment",
    "fake_loan",
    "impersonate_acquaintance",
    "romance",
    "phishing_link",
]


def test_taxonomy_ids_are_the_fixed_ones(library: Library) -> None:
    ids = list(library.categories)
    assert len(ids) == 20 and ids[-1] == "none"
    assert "impersonate_police" in ids and "gambling" in ids


def test_every_category_has_patterns(library: Library) -> None:
    per_cat = Counter(p.category for p in library.patterns)
    assert len(library.patterns) >= 45
    for cat in library.categories:
        if cat != "none":
            assert per_cat[cat] >= 1, cat
    for cat in FREQUENT:
        assert per_cat[cat] >= 2, cat


def test_tips_cover_audiences(library: Library) -> None:
    assert len(library.tips) >= 80
    audiences = Counter(a for t in library.tips for a in t.audience)
    assert set(audiences) == {"elderly", "student", "business", "general"}


def test_real_cases_are_in_the_library(library: Library) -> None:
    cases = " ".join(p.real_case.zh for p in library.patterns if p.real_case)
    assert "年检" in cases and ("23万" in cases or "230000" in cases or "230,000" in cases)


def test_contacts_have_the_official_numbers(library: Library) -> None:
    numbers = {c.number for c in library.contacts}
    assert {"110", "96110"} <= numbers


def test_duplicate_id_is_named(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    src = root / "patterns" / "police_safe_account.yaml"
    (root / "patterns" / "police_copy.yaml").write_text(src.read_text("utf-8"), "utf-8")
    text = content_problems(root)
    assert "police_copy.yaml" in text and "already used" in text


def test_unknown_category_missing_language_and_empty_examples(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    path = root / "patterns" / "police_safe_account.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    path.write_text(yaml.safe_dump({**data, "category": "aliens"}, allow_unicode=True), "utf-8")
    del data["title"]["en"]
    data["examples"]["zh"] = []
    other = root / "patterns" / "police_other.yaml"
    other.write_text(yaml.safe_dump({**data, "id": "police_other"}, allow_unicode=True), "utf-8")
    text = content_problems(root)
    assert "'aliens', which is not a scam category" in text
    assert "field 'title.en' is missing" in text
    assert "field 'examples.zh' has too few entries" in text


def test_broken_yaml_and_binary_file(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "patterns" / "broken.yaml").write_text("id: [unclosed\n  title: x", "utf-8")
    (root / "patterns" / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    text = content_problems(root)
    assert "broken.yaml: the YAML cannot be read" in text
    assert "binary.yaml: the file is not UTF-8 text" in text


def test_validate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "validate", str(CONTENT)]) == 0
    assert "OK:" in capsys.readouterr().out
    root = copy_content(tmp_path)
    (root / "contacts.yaml").write_text("contacts: []\n", "utf-8")
    assert main(["content", "validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "contacts.yaml" in out and "too few entries" in out
