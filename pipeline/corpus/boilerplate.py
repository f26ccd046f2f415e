"""Boilerplate: blocks that an organisation prints in every document.

The rule is statistical, not a list of phrases: a block is boilerplate when its words (numbers
blanked) stand in at least ``boilerplate_min_documents`` documents of the corpus. Documents
that are near-duplicates of one another count once (a brief's export and its PDF share every
paragraph without any of them being a template), and a block repeated inside one document
counts once for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.corpus.fingerprints import Fingerprint
from pipeline.settings import CorpusSettings


def boilerplate_keys(fingerprints: Sequence[Fingerprint], originals: dict[str, str], settings: CorpusSettings) -> set[int]:
    """The block keys printed in enough distinct documents; ``originals`` maps each
    near-duplicate to the document it copies, so that a group counts once."""
    holders: dict[int, set[str]] = {}
    for fingerprint in fingerprints:
        group = originals.get(fingerprint.doc_id, fingerprint.doc_id)
        for key in set(fingerprint.block_keys):
            holders.setdefault(key, set()).add(group)
    return {key for key, groups in holders.items() if len(groups) >= settings.boilerplate_min_documents}


def boilerplate_blocks(fingerprint: Fingerprint, keys: set[int]) -> tuple[str, ...]:
    """The ids of a document's blocks whose key is boilerplate, in document order."""
    return tuple(block for block, key in zip(fingerprint.block_ids, fingerprint.block_keys) if key in keys)
