"""Why an input was not read: a small fixed set of kinds, each with a one-line detail.

The manifest's ``error`` column is ``<kind>: <detail>`` (``truncated: no end-of-file marker
(%%EOF)``), and its ``failure`` column the kind alone, so that an archivist can count
failures by kind and a script can act on them without parsing messages. Every reason the
batch gives comes from :data:`FAILURE_KINDS`; a bare exception name never reaches the
manifest.
"""

from __future__ import annotations

from typing import Literal, get_args

FailureKind = Literal[
    "empty",
    "not a PDF",
    "not text",
    "undecodable",
    "encrypted",
    "truncated",
    "damaged",
    "no text",
    "over the memory limit",
    "over the time limit",
    "worker died",
    "unreadable",
    "link outside RAW",
    "link loop",
    "changed while read",
    "not written",
    "stage not run",
    "internal error",
]
"""Why an input failed:

* ``empty`` — the file has no bytes;
* ``not a PDF`` — a ``.pdf`` without a PDF header;
* ``not text`` — a text export that is binary (an image, NUL bytes, control characters);
* ``undecodable`` — bytes no supported encoding reads;
* ``encrypted`` — a PDF that needs a password;
* ``truncated`` — a PDF cut short (no end-of-file marker) that no repair could read;
* ``damaged`` — a PDF whose structure is broken (bad objects, a page-tree loop) beyond repair;
* ``no text`` — nothing to read without OCR (no text layer, only white space, unmapped glyphs);
* ``over the memory limit`` — the document needed more than ``--max-memory`` (a deflate bomb);
* ``over the time limit`` — the document took longer than ``--timeout``;
* ``worker died`` — its worker process was killed by a signal or crashed;
* ``unreadable`` — the file could not be opened or read (permissions, an I/O error);
* ``link outside RAW`` — a symbolic link to a file outside the input folder (not followed);
* ``link loop`` — a symbolic link that never ends at a file (a loop, or a dangling link);
* ``changed while read`` — the file changed while it was being read (try again);
* ``not written`` — its output folder could not be written (it would have left CLEAN);
* ``stage not run`` — a stage command found no file of the stage before it (run that first);
* ``internal error`` — a fault of the pipeline itself: please report it with the file.
"""

FAILURE_KINDS: tuple[str, ...] = get_args(FailureKind)


class DocumentError(Exception):
    """A document that cannot be processed, with its :data:`FailureKind` and a detail.

    ``str(error)`` is the manifest's one-line reason, without the path (the manifest row
    names the file): ``"encrypted: the PDF needs a password"``, ``"empty"``.

    >>> str(DocumentError("truncated", "no end-of-file marker"))
    'truncated: no end-of-file marker'
    >>> DocumentError("empty").kind
    'empty'
    """

    def __init__(self, kind: FailureKind, detail: str = "") -> None:
        if kind not in FAILURE_KINDS:  # a one-argument message of older code: keep it, as a detail
            kind, detail = "internal error", f"{kind} {detail}".strip()
        self.kind: FailureKind = kind
        self.detail = detail
        super().__init__(reason(kind, detail))


def reason(kind: FailureKind, detail: str = "") -> str:
    """The manifest's ``error``: the kind, then the detail on one line.

    >>> reason("over the time limit", "took more than 300 s")
    'over the time limit: took more than 300 s'
    """
    detail = " ".join(detail.split())
    return f"{kind}: {detail}"[:300] if detail else kind


def failure_kind(message: str) -> str:
    """The kind a manifest ``error`` starts with, or ``""`` for none of :data:`FAILURE_KINDS`.

    >>> failure_kind("link outside RAW: raw/passwd.txt -> /etc/passwd")
    'link outside RAW'
    """
    for kind in sorted(FAILURE_KINDS, key=len, reverse=True):
        if message == kind or message.startswith(kind + ":"):
            return kind
    return ""


class BatchStopped(Exception):
    """The batch cannot go on (no space left on CLEAN's disk): its one-line message says how
    far it got; what was written is kept, and a rerun goes on from there."""
