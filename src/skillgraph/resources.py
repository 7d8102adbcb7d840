"""Where the data files that ship with skillgraph live (lexicons, queries, ontology), and the
per-user cache of their compiled forms (the lexicons parsed, jieba's dictionary as a trie)."""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from functools import cache
from importlib.resources import files
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from .files import write_atomic

PACKAGE = Path(str(files("skillgraph")))
SG = "https://w3id.org/skillgraph/ontology#"
ID = "https://w3id.org/skillgraph/id/"
T = TypeVar("T")
YAML_FORMAT = b"skillgraph-yaml 1"  # the first line of a parsed YAML file in the cache, with its CRC


def ontology_path(name: str = "skillgraph.ttl") -> Path:
    """A file of the repository's ontology/ folder, which installs as the package skillgraph.ontology."""
    return Path(str(files("skillgraph.ontology") / name))


def query_dir() -> Path:
    return PACKAGE / "queries"


@cache
def lexicon(name: str) -> dict:
    """A YAML lexicon from src/skillgraph/lexicons/, parsed once. The parsed form is kept in
    the user's cache (`cache_dirs`), keyed by the file's bytes, so a new process reads it
    back instead of parsing YAML (an edited lexicon is a new key, parsed afresh)."""
    return read_yaml(PACKAGE / "lexicons" / f"{name}.yaml")


def read_yaml(path: Path) -> Any:
    """A YAML file's data, from the user's cache where it was parsed before: kept there by the
    file's SHA-256 and the Python version, marshalled, with a CRC (a damaged entry is parsed again)."""
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:24]
    entry = f"yaml/{path.stem}-{key}-py{sys.version_info[0]}{sys.version_info[1]}m{marshal.version}.marshal"

    def load(kept: bytes) -> Any:
        head, _, body = kept.partition(b"\n")
        if head != b"%s %d" % (YAML_FORMAT, zlib.crc32(body)):
            raise ValueError("a damaged cache entry")
        return marshal.loads(body)

    def dump(parsed: Any) -> bytes | None:
        try:
            body = marshal.dumps(parsed)
        except ValueError:  # a value marshal cannot hold (a YAML date): parsed every time
            return None
        return b"%s %d\n" % (YAML_FORMAT, zlib.crc32(body)) + body

    return cached(entry, load, lambda: parse_yaml(data), dump)


def cached(entry: str, load: Callable[[bytes], T], make: Callable[[], T], dump: Callable[[T], bytes | None]) -> T:
    """`entry` of the user's cache, read back by `load` from the first folder with a good copy
    (`load` raises ValueError, EOFError or TypeError on a damaged one); else made, and kept (as
    `dump` writes it, unless it gives None) in the first folder that takes it."""
    for folder in cache_dirs():
        try:
            return load((folder / entry).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            continue
    made = make()
    data = dump(made)
    if data is None:
        return made
    for folder in cache_dirs():
        try:
            (folder / entry).parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the user's alone
            write_atomic(folder / entry, data)
            break
        except OSError:
            continue
    return made


def parse_yaml(data: bytes) -> Any:
    """YAML as `yaml.safe_load` reads it, with libyaml's parser where PyYAML has it (ten times faster)."""
    import yaml

    return yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def cache_dirs() -> list[Path]:
    """Where compiled forms may be kept, in order of preference: $SKILLGRAPH_CACHE_DIR alone
    where set, else $XDG_CACHE_HOME/skillgraph (~/.cache/skillgraph), else a folder of the
    user's in the temporary folder."""
    if os.environ.get("SKILLGRAPH_CACHE_DIR"):
        return [Path(os.environ["SKILLGRAPH_CACHE_DIR"])]
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folders = [Path(home) / "skillgraph"]
    if hasattr(os, "getuid"):  # in the shared temporary folder, only a folder of this user's own
        shared = Path(tempfile.gettempdir()) / f"skillgraph-{os.getuid()}"
        try:
            if shared.lstat().st_uid == os.getuid() and shared.is_dir() and not shared.is_symlink():
                folders.append(shared)
        except FileNotFoundError:
            folders.append(shared)
    return folders
