"""The built matcher kept on disk: same answers, rebuilt on any change, never for broken content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.content import ContentError
from bot.core.matcher_cache import KEEP, cache_key, load_matcher
from bot.core.matching import Matcher
from tests.conftest import ROOT

CONTENT = ROOT / "content"
TEXTS = [
    "有人说是公安局的，让我把钱转到安全账户",
    "I already sent the 'customs officer' 3000 and now he blocked me",
    "快递员打电话约明天下午送货",
]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def _verdicts(matcher: Matcher) -> list[dict[str, object]]:
    return [matcher.assess(t).as_dict() for t in TEXTS]


def test_a_cached_matcher_answers_like_a_fresh_one(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = load_matcher(content, cache)
    [saved] = cache.glob("matcher-*.pickle")
    loaded = load_matcher(content, cache)
    assert loaded is not built and isinstance(loaded, Matcher)
    assert _verdicts(loaded) == _verdicts(built) == _verdicts(Matcher(built.library))
    assert saved.stat().st_size > 0


def test_any_content_change_is_a_new_build(content: Path, tmp_path: Path) -> None:
    before = cache_key(content)
    lookalikes = content / "lookalikes.yaml"
    lookalikes.write_text(lookalikes.read_text("utf-8") + "\n# staff note\n", "utf-8")
    assert cache_key(content) != before
    cache = tmp_path / "cache"
    load_matcher(content, cache)
    assert (cache / f"matcher-{cache_key(content)}.pickle").exists()


def test_broken_content_is_refused_and_never_cached(content: Path, tmp_path: Path) -> None:
    (content / "patterns" / "police_safe_account.yaml").write_text("id: [unclosed", "utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(ContentError):
        load_matcher(content, cache)
    assert not list(cache.glob("matcher-*.pickle"))


def test_a_torn_file_is_rebuilt(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / f"matcher-{cache_key(content)}.pickle"
    path.write_bytes(b"\x80\x05 not a pickle")
    matcher = load_matcher(content, cache)
    assert matcher.assess(TEXTS[0]).category == "impersonate_police"
    assert path.stat().st_size > 1000  # replaced by a real build


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_an_unwritable_cache_folder_is_skipped(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert load_matcher(content, cache).assess(TEXTS[0]).category == "impersonate_police"
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_is_skipped(content: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    assert load_matcher(content, blocker).assess(TEXTS[0]).category == "impersonate_police"


def test_only_the_newest_builds_are_kept(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for i in range(KEEP + 3):
        old = cache / f"matcher-old{i}.pickle"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    load_matcher(content, cache)
    kept = list(cache.glob("matcher-*.pickle"))
    assert len(kept) == KEEP and (cache / f"matcher-{cache_key(content)}.pickle") in kept


def test_check_command_uses_the_cache_and_can_do_without(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "bot", "check", "--json", TEXTS[0]]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout and '"impersonate_police"' in first.stdout
    assert len(list(cache.glob("matcher-*.pickle"))) == 1
    off = subprocess.run(
        cmd, env={**env, "CACHE_DIR": ""}, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert off.returncode == 0 and off.stdout == first.stdout


def test_the_same_files_in_another_folder_share_the_build(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_matcher(content, cache)
    twin = tmp_path / "twin"
    shutil.copytree(content, twin)
    matcher = load_matcher(twin, cache)
    assert len(list(cache.glob("matcher-*.pickle"))) == 1
    assert matcher.library.root == twin
