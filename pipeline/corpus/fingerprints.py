"""What the corpus pass needs to know of one document, computed once and kept.

A document's *fingerprint* is its MinHash signature (for near-duplicates) and one key per
block (for boilerplate). Both come from the document's written folder, never from its
source, so that adding documents to a finished batch reads no old PDF again; and they are
kept in ``CLEAN/.fingerprints.npz`` under the source's hash and the settings, so that
an unchanged document's folder is not read again either.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.manifest import folder_stamp
from pipeline.patterns import CORPUS_WORD, NUMBER_RUN
from pipeline.settings import CorpusSettings

STORE_FILE = ".fingerprints.npz"
"""Hidden, and a file like the hash index (``clean/``'s folders are documents)."""

MINHASH_SCHEME = "affine32"
"""datasketch's hashing scheme, named so that kept signatures are never compared with
signatures of another scheme (datasketch 2 refuses to guess)."""
SKIPPED_BLOCK_TYPES = frozenset({"table", "separator"})
"""Tables repeat their headings by nature; separators have no words."""


@dataclass(frozen=True)
class Fingerprint:
    """One document as the corpus pass sees it."""

    doc_id: str
    source_sha256: str
    signature: np.ndarray
    """MinHash hash values (``num_perm`` 32-bit unsigned integers)."""
    block_ids: tuple[str, ...]
    """The blocks that may be boilerplate (long enough, not tables), in document order…"""
    block_keys: tuple[int, ...]
    """… and the key of each: a hash of its words, numbers blanked."""
    boilerplate: tuple[str, ...] = ()
    """The block ids written as boilerplate in ``document.json`` the last time."""
    stamp: tuple[int, ...] = ()
    """The folder's stamp when this was read (:func:`pipeline.manifest.folder_stamp`): a
    folder written again since (``--force``) is read again."""


def words_of(text: str) -> list[str]:
    """Lowercased words, letters and digits only, accents kept, compatibility forms folded.

    >>> words_of("The “Council’s” 2019 report — ﬁnal.")
    ['the', 'council', 's', '2019', 'report', 'final']
    """
    return CORPUS_WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int) -> list[bytes]:
    """The text's runs of ``size`` words (one run for a shorter text), as UTF-8 bytes.

    >>> shingles("One two three four", 3)
    [b'one two three', b'two three four']
    >>> shingles("Too short", 3)
    [b'too short']
    """
    words = words_of(text)
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def signature_of(text: str, settings: CorpusSettings) -> np.ndarray:
    """The text's MinHash signature (datasketch's MinHash, fixed seed: the same text gives
    the same signature on every machine and in every run). Its SHA-1 shingle hash stays:
    CRC-32 would halve the time, but it is linear, and on a benchmark of 10,000 documents it
    missed 3 of 1,000 planted copies that SHA-1 finds."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=settings.num_perm, seed=1, scheme=MINHASH_SCHEME)
    values = shingles(text, settings.shingle_words)
    if values:
        minhash.update_batch(values)
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def estimated_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The Jaccard similarity that two MinHash signatures estimate (their share of equal values)."""
    return float(np.count_nonzero(first == second)) / len(first)


def block_key(text: str) -> int:
    """A 64-bit key of a block's words, numbers blanked: two printings of one template get
    one key whatever their punctuation, case, spacing or year.

    >>> block_key("Copyright 2019 The Council.") == block_key("Copyright 2019 The Commission.")
    False
    >>> block_key("Copyright 2019 The Council.") == block_key("copyright 2020, the Council")
    True
    """
    normalized = " ".join(NUMBER_RUN.sub("0", word) for word in words_of(text))
    return int.from_bytes(hashlib.blake2b(normalized.encode("utf-8"), digest_size=8).digest(), "big")


def candidate_blocks(blocks: Iterable[dict[str, Any]], settings: CorpusSettings) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The ids and keys of the blocks that may be boilerplate."""
    ids, keys = [], []
    for block in blocks:
        if block.get("type") in SKIPPED_BLOCK_TYPES or len(words_of(block.get("text", ""))) < settings.boilerplate_min_words:
            continue
        ids.append(block["id"])
        keys.append(block_key(block["text"]))
    return tuple(ids), tuple(keys)


def fingerprint_folder(folder: Path, doc_id: str, source_sha256: str, settings: CorpusSettings) -> Fingerprint | None:
    """The fingerprint of a written document, from its ``text.txt`` and ``document.json``;
    ``None`` when the folder is gone or damaged."""
    try:
        text = (folder / "text.txt").read_text(encoding="utf-8")
        document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    blocks = document.get("blocks", [])
    ids, keys = candidate_blocks(blocks, settings)
    marked = tuple(block["id"] for block in blocks if block.get("boilerplate"))
    stamp = tuple(folder_stamp(folder) or ())
    return Fingerprint(doc_id, source_sha256, signature_of(text, settings), ids, keys, marked, stamp)


def store_key(settings: CorpusSettings, pipeline_key: str) -> str:
    """What the kept fingerprints were computed with: the document settings' key (a
    document's text depends on them) and the fingerprint settings."""
    record = json.dumps([pipeline_key, settings.shingle_words, settings.num_perm, settings.boilerplate_min_words])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()[:16]


def marks_key(settings: CorpusSettings, pipeline_key: str) -> str:
    """Everything the marks depend on besides the documents: all the corpus settings."""
    record = json.dumps([pipeline_key, sorted(asdict(settings).items())])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()[:16]


def marked_with(clean: Path) -> tuple[str, list[str]] | None:
    """The marks key and document ids of the last corpus pass (``None``: no pass kept), read
    without loading the signatures."""
    try:
        with np.load(clean / STORE_FILE, allow_pickle=False) as data:
            return str(data["marks_key"]), data["ids"].tolist()
    except (OSError, ValueError, KeyError):
        return None


def load_fingerprints(clean: Path, key: str) -> dict[str, Fingerprint]:
    """The kept fingerprints by document id; none when missing, damaged or made otherwise."""
    try:
        with np.load(clean / STORE_FILE, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return {}
            return unpack(data)
    except (OSError, ValueError, KeyError):
        return {}


def unpack(data: Any) -> dict[str, Fingerprint]:
    ids, shas, signatures = data["ids"].tolist(), data["shas"].tolist(), data["signatures"]
    block_ends, block_ids, block_keys = data["block_ends"], data["block_ids"].tolist(), data["block_keys"]
    marked_ends, marked, stamps = data["marked_ends"], data["marked"].tolist(), data["stamps"].tolist()
    found = {}
    block_start = marked_start = 0
    for row, doc_id in enumerate(ids):
        block_end, marked_end = int(block_ends[row]), int(marked_ends[row])
        found[doc_id] = Fingerprint(
            doc_id, shas[row], signatures[row].copy(),
            tuple(block_ids[block_start:block_end]), tuple(int(k) for k in block_keys[block_start:block_end]),
            tuple(marked[marked_start:marked_end]), tuple(stamps[row]),
        )
        block_start, marked_start = block_end, marked_end
    return found


def save_fingerprints(clean: Path, key: str, fingerprints: Sequence[Fingerprint], num_perm: int, marked: str = "") -> None:
    """Keep the fingerprints, whole or not at all (a temporary file renamed into place), with
    the key of the marks made from them (:func:`marks_key`)."""
    signatures = np.stack([f.signature for f in fingerprints]) if fingerprints else np.zeros((0, num_perm), dtype=np.uint32)
    arrays: dict[str, Any] = {
        "key": np.array(key),
        "marks_key": np.array(marked),
        "ids": np.array([f.doc_id for f in fingerprints], dtype=str),
        "shas": np.array([f.source_sha256 for f in fingerprints], dtype=str),
        "signatures": signatures,
        "block_ends": np.cumsum([len(f.block_ids) for f in fingerprints], dtype=np.int64),
        "block_ids": np.array([b for f in fingerprints for b in f.block_ids], dtype=str),
        "block_keys": np.array([k for f in fingerprints for k in f.block_keys], dtype=np.uint64),
        "marked_ends": np.cumsum([len(f.boilerplate) for f in fingerprints], dtype=np.int64),
        "marked": np.array([b for f in fingerprints for b in f.boilerplate], dtype=str),
        "stamps": np.array([f.stamp if len(f.stamp) == 4 else (0, 0, 0, 0) for f in fingerprints], dtype=np.int64).reshape(-1, 4),
    }
    partial = clean / f".tmp-{os.getpid()}{STORE_FILE}"  # a leftover of a kill goes with the others
    with partial.open("wb") as handle:
        np.savez(handle, **arrays)
    os.replace(partial, clean / STORE_FILE)
