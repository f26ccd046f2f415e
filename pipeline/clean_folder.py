"""CLEAN kept to itself: one batch at a time, never read as input, never written through.

* :func:`check_folders` refuses RAW and CLEAN being one folder (the output would be read
  back as input on every rerun); CLEAN inside RAW is allowed, and discovery leaves it out.
* :func:`lock_clean` holds an exclusive lock on ``CLEAN/.lock`` for the whole batch, so a
  second batch on the same CLEAN stops at once with one clear line instead of redoing every
  document beside the first.
* :func:`drop_planted_links` removes symbolic links found where the batch keeps its own
  files (``.journal.jsonl``, ``.stages`` …): they are never the batch's, and writing or
  reading through them would leave CLEAN.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = ".lock"
OWN_NAMES = (".journal.jsonl", ".sources.json", ".stages", LOCK, "manifest.csv", "corpus.jsonl")
"""The names the batch keeps in CLEAN besides the documents' folders."""


class CleanInUse(Exception):
    """Another batch holds CLEAN's lock."""


def check_folders(raw: Path, clean: Path) -> None:
    """Raise ``ValueError`` when RAW and CLEAN are one folder."""
    if clean.exists() and raw.resolve() == clean.resolve():
        raise ValueError(f"the output folder is the input folder ({clean}): give another CLEAN, e.g. {raw}/../clean")


HELD_LOCKS: set[int] = set()
"""The descriptors of the CLEAN locks this process holds (see :func:`close_inherited_locks`)."""


@contextmanager
def lock_clean(clean: Path) -> Iterator[None]:
    """Hold CLEAN's lock while the batch runs; raise :class:`CleanInUse` when another holds it.

    An advisory ``flock``: it goes with the process, so a killed batch never leaves CLEAN
    locked.
    """
    import fcntl

    path = clean / LOCK
    if path.is_symlink():
        path.unlink()
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            raise CleanInUse(f"another batch is writing {clean} (process {holder or 'unknown'}): wait for it to finish, or use another CLEAN") from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        HELD_LOCKS.add(descriptor)
        yield
    finally:
        HELD_LOCKS.discard(descriptor)
        os.close(descriptor)


def close_inherited_locks() -> None:
    """In a forked worker: close its copies of the batch's lock descriptors. The lock stays
    with the batch (a ``flock`` goes only when every copy is closed), but a worker that
    outlives a killed batch for a moment no longer keeps its CLEAN locked against the rerun."""
    for descriptor in list(HELD_LOCKS):
        try:
            os.close(descriptor)
        except OSError:
            pass
    HELD_LOCKS.clear()


def drop_planted_links(clean: Path) -> None:
    """Remove symbolic links standing where the batch keeps its own files."""
    for name in OWN_NAMES:
        path = clean / name
        if path.is_symlink():
            path.unlink()


def unlink_links_on_the_way(root: Path, path: Path) -> None:
    """Remove any symbolic link between ``root`` and ``path`` (``path`` included), so that a
    write to ``path`` lands inside ``root``: a link planted in CLEAN is not the batch's."""
    relative = path.relative_to(root)
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            current.unlink()
        elif not current.exists():
            return
