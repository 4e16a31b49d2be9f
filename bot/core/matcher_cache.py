"""A built matcher kept on disk, so `fraudbot check` starts in well under a second.

Parsing and validating the content folder and building the index take most of a start
(about 1 s on a small machine); loading the saved result takes a few tens of
milliseconds. The file is named by a hash of every content file and of the code that
builds the index, so any change to either builds afresh. Broken content is never saved:
building raises `ContentError` first, exactly as without a cache. The cache is only ever
written by this program into its own folder (`CACHE_DIR`, default
`~/.cache/fraudbot`); a file that cannot be read is rebuilt, and a folder that cannot
be written is skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

from bot.core.content import load_library
from bot.core.matching import Matcher

log = logging.getLogger(__name__)

# The modules whose code shapes the built index: a change to any of them is a new key.
_CODE = (
    "content.py",
    "features.py",
    "matching.py",
    "normalize.py",
    "pinyin.py",
    "risk.py",
    "stages.py",
    "urgency_model.py",
)
_HERE = Path(__file__).resolve().parent


def cache_key(content_dir: Path) -> str:
    """A hash of every file in the content folder and of the index-building code."""
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(content_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    for name in _CODE:
        digest.update((_HERE / name).read_bytes())
    digest.update(f"{sys.version}|{np.__version__}|{pickle.HIGHEST_PROTOCOL}".encode())
    return digest.hexdigest()[:32]


def load_matcher(content_dir: Path, cache_dir: Path | None) -> Matcher:
    """The matcher for a content folder, from the cache when it has this exact build."""
    if cache_dir is None:
        return Matcher(load_library(content_dir))
    path = cache_dir / f"matcher-{cache_key(content_dir)}.pickle"
    try:
        with path.open("rb") as f:
            matcher = pickle.load(f)  # our own file, named by the hash of what it holds
        if isinstance(matcher, Matcher):
            if matcher.library.root != content_dir:  # same files, another folder
                matcher.library = dataclasses.replace(matcher.library, root=content_dir)
            return matcher
        log.warning("%s does not hold a matcher; rebuilding", path)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a torn or foreign file: rebuild rather than fail
        log.warning("cannot read %s (%s); rebuilding", path, exc)
    matcher = Matcher(load_library(content_dir))  # raises ContentError on broken content
    _save(matcher, path)
    return matcher


KEEP = 4  # builds kept per cache folder (tests and staff may switch content folders)


def _save(matcher: Matcher, path: Path) -> None:
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            tmp = Path(f.name)
            pickle.dump(matcher, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError) as exc:
        log.info("matcher not cached in %s: %s", path.parent, exc)
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        return
    builds = sorted(path.parent.glob("matcher-*.pickle"), key=_mtime, reverse=True)
    for old in builds[KEEP:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
