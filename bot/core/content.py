"""Load and validate the content folder (taxonomy, patterns, tips, contacts, concepts).

Staff edit these YAML files by hand, so every problem is reported with the file,
the field and a plain-language explanation, and all problems are collected at once
instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Risk = Literal["high", "medium", "low"]
Audience = Literal["elderly", "student", "business", "general"]
M = TypeVar("M", bound=BaseModel)
# libyaml's C parser when present: ten times faster on a large library, same safety.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MIN_ZH_EXAMPLES = 10
MIN_EN_EXAMPLES = 4


class ContentError(Exception):
    """Raised when the content folder cannot be used; `problems` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """The same words in Chinese and English."""

    zh: NonEmpty
    en: NonEmpty


class TextList(_Strict):
    zh: list[NonEmpty] = Field(min_length=1)
    en: list[NonEmpty] = Field(min_length=1)


class RedFlag(_Strict):
    """A warning sign; `match` lists words that show it in what the person wrote."""

    zh: NonEmpty
    en: NonEmpty
    match: list[NonEmpty] = Field(default_factory=list)


class Signal(_Strict):
    """A phrase (or an @concept from concepts.yaml) that points to this pattern."""

    phrase: NonEmpty
    weight: float = Field(default=1.0, gt=0, le=5)


class Examples(_Strict):
    zh: list[NonEmpty] = Field(min_length=MIN_ZH_EXAMPLES)
    en: list[NonEmpty] = Field(min_length=MIN_EN_EXAMPLES)


class Pattern(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
    category: NonEmpty
    title: Text
    default_risk: Risk
    how_it_works: Text
    red_flags: list[RedFlag] = Field(min_length=1)
    what_to_do: TextList
    if_money_lost: TextList
    examples: Examples
    signals: list[Signal] = Field(min_length=1)
    real_case: Text | None = None


class Tip(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
    audience: list[Audience] = Field(min_length=1)
    categories: list[NonEmpty] = Field(min_length=1)
    zh: NonEmpty
    en: NonEmpty


class TipFile(_Strict):
    tips: list[Tip] = Field(min_length=1)


class Category(_Strict):
    id: NonEmpty
    zh: NonEmpty
    en: NonEmpty


class Taxonomy(_Strict):
    categories: list[Category] = Field(min_length=2)


class Contact(_Strict):
    id: NonEmpty
    name: Text
    number: NonEmpty
    note: Text


class ContactsFile(_Strict):
    contacts: list[Contact] = Field(min_length=1)


class Concept(_Strict):
    """A group of words meaning the same thing; the matcher sees them as one token."""

    zh: list[NonEmpty] = Field(default_factory=list)
    en: list[NonEmpty] = Field(default_factory=list)


class ConceptsFile(_Strict):
    concepts: dict[NonEmpty, Concept]


class LookalikesFile(_Strict):
    """Ordinary situations that share words with scams; they teach the matcher 'none'."""

    examples: TextList


class Case(_Strict):
    """One description as a person wrote it (masked), filed under its category by staff.

    `text` teaches the matcher its category and `urgent` teaches the urgency model
    (bot/core/urgency_model.py); `risk`, `lang` and `style` record what the case was
    judged to be, for reviewing and measuring.
    """

    text: NonEmpty
    risk: Risk | None = None
    urgent: bool = False
    lang: Literal["zh", "zh-hant", "en", "mixed"] | None = None
    style: NonEmpty | None = None


class CaseFile(_Strict):
    """cases/<category>.yaml: descriptions of that category (or of 'none', ordinary)."""

    category: NonEmpty
    cases: list[Case] = Field(min_length=1)


class RiskPhrasesFile(_Strict):
    """Short clauses labelled by the stage of a scam the writer is at (risk_phrases.yaml)."""

    handed_over: TextList
    demanded: TextList
    neither: TextList


@dataclass(frozen=True)
class Library:
    """Everything loaded from one content folder."""

    root: Path
    categories: dict[str, Category]
    patterns: tuple[Pattern, ...]
    tips: tuple[Tip, ...]
    contacts: tuple[Contact, ...]
    concepts: dict[str, Concept]
    lookalikes: tuple[str, ...] = ()
    # Category -> the texts of cases/<category>.yaml ("none": ordinary situations).
    cases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The texts of the cases marked `urgent: true` (money or a secret already gone).
    urgent_cases: frozenset[str] = frozenset()
    # Stage name -> clauses (zh and en); empty when the folder has no risk_phrases.yaml.
    risk_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pattern_by_id: dict[str, Pattern] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pattern_by_id.update({p.id: p for p in self.patterns})


def _describe(exc: ValidationError) -> list[str]:
    """Turn pydantic's errors into sentences a staff member can act on."""
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(whole file)"
        kind = err["type"]
        if kind == "missing":
            what = "is missing"
        elif kind == "extra_forbidden":
            what = "is not a known field (check the spelling)"
        elif kind == "too_short":
            what = f"has too few entries: {err['msg']}"
        elif kind == "string_too_short":
            what = "is empty"
        elif kind == "literal_error":
            what = f"has a value that is not allowed: {err['msg']}"
        else:
            what = err["msg"]
        lines.append(f"field '{where}' {what}")
    return lines


def _read_yaml(path: Path, problems: list[str]) -> object | None:
    try:
        raw = path.read_bytes()
        return yaml.load(raw.decode("utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except UnicodeDecodeError:
        problems.append(f"{path}: the file is not UTF-8 text; save it as UTF-8")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" near line {mark.line + 1}" if mark is not None else ""
        problems.append(f"{path}: the YAML cannot be read{line} (check indentation and quotes)")
    except OSError as exc:
        problems.append(f"{path}: cannot open the file ({exc.strerror})")
    return None


def _parse(model: type[M], path: Path, problems: list[str]) -> M | None:
    data = _read_yaml(path, problems)
    if data is None:
        if path.exists() and not problems[-1:]:
            problems.append(f"{path}: the file is empty")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(f"{path}: {line}" for line in _describe(exc))
        return None


def _check_pattern(
    pat: Pattern, path: Path, categories: dict[str, Category], seen: dict[str, Path]
) -> list[str]:
    problems = []
    if pat.id in seen:
        problems.append(f"{path}: id '{pat.id}' is already used by {seen[pat.id].name}")
    seen.setdefault(pat.id, path)
    if path.stem != pat.id:
        problems.append(f"{path}: the file name should be '{pat.id}.yaml' to match its id")
    if categories and (pat.category not in categories or pat.category == "none"):
        problems.append(
            f"{path}: field 'category' is '{pat.category}', which is not a scam category "
            f"in taxonomy.yaml"
        )
    return problems


def load_library(root: Path | str) -> Library:
    """Load and validate a content folder; raise ContentError listing every problem."""
    root = Path(root)
    problems: list[str] = []
    if not root.is_dir():
        raise ContentError([f"{root}: the content folder does not exist"])

    taxonomy = _parse(Taxonomy, root / "taxonomy.yaml", problems)
    categories = {c.id: c for c in taxonomy.categories} if taxonomy else {}

    patterns: list[Pattern] = []
    seen: dict[str, Path] = {}
    pattern_files = sorted((root / "patterns").glob("*.yaml"))
    if not pattern_files:
        problems.append(f"{root / 'patterns'}: no pattern files (*.yaml) found")
    for path in pattern_files:
        pat = _parse(Pattern, path, problems)
        if pat is not None:
            problems.extend(_check_pattern(pat, path, categories, seen))
            patterns.append(pat)

    tips: list[Tip] = []
    tip_ids: set[str] = set()
    for path in sorted((root / "tips").glob("*.yaml")):
        tip_file = _parse(TipFile, path, problems)
        for tip in tip_file.tips if tip_file else ():
            if tip.id in tip_ids:
                problems.append(f"{path}: tip id '{tip.id}' is used twice")
            tip_ids.add(tip.id)
            unknown = [c for c in tip.categories if c not in categories and c != "all"]
            if unknown and categories:
                problems.append(f"{path}: tip '{tip.id}' names unknown categories {unknown}")
            tips.append(tip)

    cases, urgent_cases = _load_cases(root / "cases", categories, patterns, problems)
    contacts = _parse(ContactsFile, root / "contacts.yaml", problems)
    concepts = _parse(ConceptsFile, root / "concepts.yaml", problems)
    lookalikes = _parse(LookalikesFile, root / "lookalikes.yaml", problems)
    if concepts is not None:
        problems.extend(_check_concept_refs(patterns, concepts.concepts))
    # Optional: without it, urgency comes from the phrasing rules alone.
    risk_path = root / "risk_phrases.yaml"
    risk = _parse(RiskPhrasesFile, risk_path, problems) if risk_path.exists() else None

    if problems:
        raise ContentError(problems)
    assert taxonomy and contacts and concepts and lookalikes  # no problems: all parsed
    return Library(
        root=root,
        categories=categories,
        patterns=tuple(patterns),
        tips=tuple(tips),
        contacts=tuple(contacts.contacts),
        concepts=dict(concepts.concepts),
        lookalikes=(*lookalikes.examples.zh, *lookalikes.examples.en),
        cases=cases,
        urgent_cases=urgent_cases,
        risk_phrases={
            stage: (*getattr(risk, stage).zh, *getattr(risk, stage).en)
            for stage in ("handed_over", "demanded", "neither")
        }
        if risk is not None
        else {},
    )


def _load_cases(
    folder: Path,
    categories: dict[str, Category],
    patterns: list[Pattern],
    problems: list[str],
) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """cases/*.yaml by category, and the texts marked urgent; optional, like the folder."""
    out: dict[str, tuple[str, ...]] = {}
    urgent: set[str] = set()
    with_patterns = {p.category for p in patterns}
    first_seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        case_file = _parse(CaseFile, path, problems)
        if case_file is None:
            continue
        cat = case_file.category
        if path.stem != cat:
            problems.append(f"{path}: the file name should be '{cat}.yaml' to match its category")
        if categories and cat not in categories:
            problems.append(f"{path}: field 'category' is '{cat}', which is not in taxonomy.yaml")
        elif cat != "none" and patterns and cat not in with_patterns:
            problems.append(
                f"{path}: no pattern has category '{cat}' yet, so these cases cannot be used; "
                f"write a pattern for it first"
            )
        texts = []
        for n, case in enumerate(case_file.cases):
            # The same words filed twice (perhaps under two categories) would teach
            # the matcher two answers; name both places so staff can pick one.
            if case.text in first_seen:
                problems.append(
                    f"{path}: case {n + 1} ('{case.text[:30]}') is already in "
                    f"{first_seen[case.text].name}"
                )
            first_seen.setdefault(case.text, path)
            texts.append(case.text)
            if case.urgent:
                urgent.add(case.text)
        out[cat] = (*out.get(cat, ()), *texts)
    return out, frozenset(urgent)


def _check_concept_refs(patterns: list[Pattern], concepts: dict[str, Concept]) -> list[str]:
    problems = []
    for pat in patterns:
        for sig in pat.signals:
            if sig.phrase.startswith("@") and sig.phrase[1:] not in concepts:
                problems.append(
                    f"pattern '{pat.id}': signal '{sig.phrase}' names a concept that "
                    f"concepts.yaml does not define"
                )
    return problems
