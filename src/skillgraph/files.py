"""Files: which ones are documents, and writing outputs so a failed run leaves no half file."""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from .errors import UserError

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
DOCUMENT_SUFFIXES = (".txt", *HTML_SUFFIXES)
STAGING = ".skillgraph-staging.tmp"  # the next outputs, beside the current ones until they replace them
LOCK = ".skillgraph.lock"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a failed write leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for everyone to read
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def cannot_write(path: Path, exc: OSError) -> UserError:
    return UserError(f"cannot write {path}: {exc.strerror or exc}; free some space, fix the folder's permissions "
                     "or choose another --out")


class OutputFolder:
    """The folder a build writes into, held for one build.

    Entering checks the folder can be written and takes a lock (a second build into the same
    folder is refused while one runs; the kernel drops the lock if the process dies). Outputs
    are written into a staging folder inside it (`path(name)`) and `publish()` moves them all
    into place at once; leaving without publishing, or a killed earlier run, leaves the
    current outputs as they were and no staging files behind."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / STAGING
        self._lock: int | None = None

    def __enter__(self) -> OutputFolder:
        if self.root.exists() and not self.root.is_dir():
            raise UserError(f"--out {self.root} is a file, not a folder; give a folder (it is made if missing)")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise cannot_write(self.root, exc) from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock)
            raise UserError(f"another build is writing into {self.root}; wait for it to finish or choose another "
                            "--out") from None
        try:
            shutil.rmtree(self.staging, ignore_errors=True)  # left by a run that was killed
            self.staging.mkdir()
            probe = self.staging / "probe"
            probe.write_bytes(b"")
            probe.unlink()
            if shutil.disk_usage(self.root).free == 0:
                raise OSError(28, os.strerror(28))  # ENOSPC, known before any work
        except OSError as exc:
            self.__exit__()
            raise cannot_write(self.root, exc) from None
        return self

    def path(self, name: str) -> Path:
        """Where to write the output `name` (in the staging folder until `publish`)."""
        return self.staging / name

    def write(self, name: str, data: bytes) -> None:
        try:
            self.path(name).write_bytes(data)
        except OSError as exc:
            raise cannot_write(self.root / name, exc) from None

    def publish(self) -> list[Path]:
        """Move every staged output into place, readable by all; returns their final paths."""
        published = []
        for staged in sorted(self.staging.iterdir()):
            os.chmod(staged, 0o666 & ~_umask())
            os.replace(staged, self.root / staged.name)
            published.append(self.root / staged.name)
        return published

    def __exit__(self, *exc_info: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
