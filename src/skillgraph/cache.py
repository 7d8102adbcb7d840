"""What each document gave, kept between builds: an unchanged document is not read again.

An entry is keyed by the document's bytes, its id and the pipeline's version (a hash of
skillgraph's own code and word lists), so editing a lexicon or the code invalidates every
entry. Entries are pickled `DocumentOutput`s, written atomically (a killed build leaves
none half written); a build removes the entries it did not use, so a removed document
leaves the cache as it leaves the graph.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent


@cache
def pipeline_version() -> str:
    """A hash of every file the pipeline runs on: its modules, word lists and queries."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".yaml", ".rq") and p.is_file()):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Cache:
    """A folder of entries; `used` collects the keys this build read or wrote."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.folder = folder
        self.version = version or pipeline_version()

    def key(self, data: bytes, *parts: str) -> str:
        return hashlib.sha256("\0".join((self.version, *parts)).encode() + b"\0" + data).hexdigest()

    def has(self, key: str) -> bool:
        return (self.folder / key).is_file()

    def get(self, key: str) -> Any | None:
        try:
            with open(self.folder / key, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def put(self, key: str, value: Any) -> None:
        self.put_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, data: bytes) -> None:
        """Keep an entry already pickled (what a worker process sent back)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.folder / key)
        except BaseException:
            os.unlink(tmp)
            raise

    def keep_only(self, keys: set[str]) -> None:
        """Remove every entry but these (and what a killed build left half written)."""
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.name not in keys:
                    path.unlink(missing_ok=True)
