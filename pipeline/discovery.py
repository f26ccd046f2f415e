"""Finding the inputs under RAW: each with one id that stays its own, and a reason when it
cannot be read.

Every file under RAW with an input suffix becomes one :class:`Input`, links included, so
that every input gets one manifest row. Nothing outside RAW is read by default: a link that
leads out of RAW, into CLEAN, or nowhere (a loop, a dangling link) is an input with a
:data:`~pipeline.errors.FailureKind` instead of a file to read, and links to folders are not
walked into. CLEAN, when it lies inside RAW, is never walked.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from pipeline.errors import reason
from pipeline.source import document_id

INPUT_SUFFIXES = (".pdf", ".txt", ".text")
MAX_ID_LENGTH = 200
"""Ids longer than this are cut and given a hash of their path: a folder name, and the hidden
names made from it (``.tmp-<id>``), must stay under the file system's 255 bytes."""


@dataclass(frozen=True)
class Input:
    path: Path
    doc_id: str
    shown_path: str
    """The path relative to the raw folder's parent: ``raw/x.pdf`` (bytes that are not UTF-8
    shown as ``\\xe9``)."""
    problem: str = ""
    """Why the input is not read at all (``link outside RAW: …``); empty for a file to read."""


@dataclass(frozen=True)
class Found:
    """A file found under RAW, before it has an id."""

    path: Path
    shown_path: str
    problem: str


def discover(
    raw: Path, only: str | None = None, *, clean: Path | None = None, kept: dict[str, str] | None = None,
    follow_links: bool = False,
) -> list[Input]:
    """Every PDF and text export under ``raw``, with its id, in order of path.

    ``kept`` maps the shown paths of inputs an earlier run gave ids to those ids, which they
    keep. The others get the contract's id from their name; two inputs that would share one
    (``a.pdf`` and ``a.txt``, ``Same Name.txt`` and ``same-name.txt``) follow
    :func:`assign_ids`. ``only`` picks inputs after the ids are given, so it never changes one.
    """
    found = sorted(find_inputs(raw, clean, follow_links), key=lambda item: item.shown_path)
    ids = assign_ids(found, kept or {})
    inputs = [Input(path=item.path, doc_id=ids[item.shown_path], shown_path=item.shown_path, problem=item.problem) for item in found]
    if only:
        inputs = [item for item in inputs if fnmatch(item.path.name, only) or fnmatch(item.shown_path.split("/", 1)[-1], only)]
    return inputs


def find_inputs(raw: Path, clean: Path | None, follow_links: bool) -> Iterator[Found]:
    """Walk ``raw`` without following links to folders, leaving out hidden names and CLEAN."""
    raw_real = raw.resolve()
    clean_real = clean.resolve() if clean is not None else None
    for folder, subfolders, names in os.walk(raw):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and (here / d).resolve() != clean_real)
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            shown = shown_path(raw, path)
            yield Found(path=path, shown_path=shown, problem=input_problem(path, raw_real, clean_real, follow_links))


def shown_path(raw: Path, path: Path) -> str:
    """``raw/sub/x.pdf``: the path from RAW's parent, a byte that is not UTF-8 written ``\\xe9``
    so that the manifest, the corpus and the terminal can all hold it.

    >>> import os
    >>> shown_path(Path("raw"), Path("raw") / os.fsdecode(b"caf\\xe9.txt"))
    'raw/caf\\\\xe9.txt'
    """
    relative = (Path(raw.name) / path.relative_to(raw)).as_posix()
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def input_problem(path: Path, raw_real: Path, clean_real: Path | None, follow_links: bool) -> str:
    """Why a found file is not to be read, or ``""``: a link out of RAW or into CLEAN, a link
    that ends nowhere, or something that is not a regular file (a pipe would hang a reader)."""
    try:
        target = path.resolve(strict=True)
        mode = os.stat(path).st_mode
    except (RuntimeError, OSError) as error:
        if isinstance(error, PermissionError):
            return reason("unreadable", "permission denied")
        return reason("link loop", f"{path.name} leads to no file ({link_detail(path)})")
    if path.is_symlink():
        if clean_real is not None and target.is_relative_to(clean_real):
            return reason("link outside RAW", f"leads into the output folder: {display(target)}")
        if not follow_links and not target.is_relative_to(raw_real):
            return reason("link outside RAW", f"leads to {display(target)} (use --follow-links to read it)")
    if not stat.S_ISREG(mode):
        return reason("unreadable", "not a regular file (a pipe, socket or device)")
    return ""


def link_detail(path: Path) -> str:
    try:
        return f"-> {display(Path(os.readlink(path)))}"
    except OSError:
        return "a link loop"


def display(path: Path) -> str:
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def assign_ids(found: list[Found], kept: dict[str, str]) -> dict[str, str]:
    """Each input's id, by shown path, whatever order the files were found in.

    1. An input an earlier run gave an id keeps it (``report.pdf`` stays ``report`` when
       ``report.txt`` is added beside it).
    2. Another takes the id of its name without extension, unless another input's name
       gives the same one; then the id of its path from RAW, extension included
       (``report-txt``).
    3. An id still taken (``Same Name.txt`` and ``same-name.txt`` both give ``same-name-txt``)
       gets ``-2``, ``-3`` … in the order of the inputs' paths.
    """
    found = sorted(found, key=lambda item: item.shown_path)
    keep = {item.shown_path: kept[item.shown_path] for item in found if item.shown_path in kept}
    shared = Counter(keep.values())
    ids = {path: doc_id for path, doc_id in keep.items() if shared[doc_id] == 1}
    taken = set(ids.values())
    by_name = Counter(bounded_id(document_id(item.path.stem), item.shown_path) for item in found)
    for item in found:
        if item.shown_path in ids:
            continue
        doc_id = bounded_id(document_id(item.path.stem), item.shown_path)
        if by_name[doc_id] > 1 or doc_id in taken:
            doc_id = bounded_id(document_id(item.shown_path.split("/", 1)[-1]), item.shown_path)
        doc_id = first_free(doc_id, taken)
        ids[item.shown_path] = doc_id
        taken.add(doc_id)
    return ids


def first_free(doc_id: str, taken: set[str]) -> str:
    """``doc_id``, or ``doc_id-2``, ``doc_id-3`` … whichever is not taken.

    >>> first_free("same-name-txt", {"same-name-txt"})
    'same-name-txt-2'
    """
    candidate, number = doc_id, 1
    while candidate in taken:
        number += 1
        candidate = f"{doc_id}-{number}"
    return candidate


def bounded_id(doc_id: str, shown: str) -> str:
    """The id cut to :data:`MAX_ID_LENGTH`, a hash of the path after it when it was longer.

    >>> len(bounded_id("a" * 300, "raw/x.txt"))
    200
    """
    if len(doc_id) <= MAX_ID_LENGTH:
        return doc_id
    digest = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:12]
    return f"{doc_id[: MAX_ID_LENGTH - 13]}-{digest}"


def recorded_ids(rows: dict[str, dict[str, str]]) -> dict[str, str]:
    """Shown path → id of the inputs an earlier run listed (from its manifest rows)."""
    return {row["source"]: doc_id for doc_id, row in rows.items() if row.get("source")}
