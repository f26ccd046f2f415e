"""Exact duplicates: the same bytes under another name.

Found before any work, by the sources' SHA-256, so that twelve copies of one PDF are read
once. Kept apart from the near-duplicates: the batch's process calls this before it forks
its workers, and must not load numpy and datasketch into their address space for it.
"""

from __future__ import annotations

from collections.abc import Iterable


def exact_duplicates(hashes: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{id: id of the first input with the same key}`` over ``(id, key)`` in manifest order;
    the key is the bytes' hash (with how they are read).

    >>> exact_duplicates([("a", "h1"), ("b", "h2"), ("c", "h1"), ("d", "h1")])
    {'c': 'a', 'd': 'a'}
    """
    first: dict[str, str] = {}
    found = {}
    for doc_id, sha256 in hashes:
        if sha256 in first:
            found[doc_id] = first[sha256]
        else:
            first[sha256] = doc_id
    return found
