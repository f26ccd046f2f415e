"""Near-duplicates: nearly the same text twice (exact copies: :mod:`pipeline.corpus.exact`).

They are found after the batch, on the clean texts: a brief's
text export and its PDF, a report re-issued with a new cover. Each near-duplicate names the
earlier document (in manifest order) it is most like; that one names nobody, so nothing forms
chains and every group has one original.

The candidates come from locality-sensitive hashing over MinHash signatures (datasketch's
``MinHashLSH`` on one machine; the same bands grouped by a Dask shuffle on a cluster), and
each candidate is confirmed on its estimated similarity, so both give the same marks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.corpus.fingerprints import MINHASH_SCHEME, Fingerprint, estimated_similarity
from pipeline.settings import CorpusSettings

LSH_WEIGHTS = (0.1, 0.9)
"""How datasketch weighs false positives against false negatives when it cuts signatures
into bands. Its even default (0.5, 0.5) gives 128 permutations 9 bands of 13 rows, which
misses a pair of true similarity 0.85 one time in three; (0.1, 0.9) gives 14 bands of 9 rows,
which misses it one time in forty, and the extra candidates cost one comparison each."""


@dataclass(frozen=True)
class NearDuplicate:
    """A document whose text is nearly another's: the earlier one, and how alike they are."""

    original: str
    similarity: float


def band_layout(settings: CorpusSettings) -> tuple[int, int]:
    """``(bands, rows per band)`` that datasketch chooses for the threshold, so that the
    local index and the cluster's shuffle cut signatures the same way."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=settings.near_duplicate_threshold, num_perm=settings.num_perm, weights=LSH_WEIGHTS)
    return index.b, index.r


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[tuple[int, bytes]]:
    """The signature cut into bands, each band's values as one key (datasketch's own cut)."""
    return [(band, signature[band * rows : (band + 1) * rows].tobytes()) for band in range(bands)]


def local_candidates(fingerprints: Sequence[Fingerprint], settings: CorpusSettings) -> dict[int, set[int]]:
    """For each document (by position), the earlier documents that share a band with it,
    found with datasketch's ``MinHashLSH`` in this process."""
    from datasketch import LeanMinHash, MinHashLSH

    index = MinHashLSH(threshold=settings.near_duplicate_threshold, num_perm=settings.num_perm, weights=LSH_WEIGHTS)
    candidates: dict[int, set[int]] = {}
    for position, fingerprint in enumerate(fingerprints):
        minhash = LeanMinHash(seed=1, hashvalues=fingerprint.signature, scheme=MINHASH_SCHEME)
        found = {int(key) for key in index.query(minhash)}
        if found:
            candidates[position] = found
        index.insert(str(position), minhash, check_duplication=False)
    return candidates


def cluster_candidates(fingerprints: Sequence[Fingerprint], settings: CorpusSettings, client: object) -> dict[int, set[int]]:
    """The same candidates as :func:`local_candidates`, found on a Dask cluster: every
    (band, key) pair becomes a row, a shuffle brings equal keys together, and each group
    gives its pairs. Memory per worker is one partition of bands, not the whole index."""
    import dask.bag as db

    bands, rows = band_layout(settings)
    signatures = [(position, f.signature) for position, f in enumerate(fingerprints)]
    partitions = max(1, min(256, len(signatures) // 2000))
    bag = db.from_sequence(signatures, npartitions=partitions)
    keyed = bag.map(lambda item: [(key, item[0]) for key in band_keys(item[1], bands, rows)]).flatten()
    groups = keyed.groupby(lambda pair: pair[0], shuffle="tasks").map(lambda group: sorted(p for _, p in group[1]))
    pairs = groups.filter(lambda members: len(members) > 1).map(
        lambda members: [(later, earlier) for i, later in enumerate(members) for earlier in members[:i]]
    ).flatten()
    candidates: dict[int, set[int]] = defaultdict(set)
    for later, earlier in client.compute(pairs.distinct()).result():  # type: ignore[attr-defined]
        candidates[later].add(earlier)
    return dict(candidates)


def near_duplicates(
    fingerprints: Sequence[Fingerprint], settings: CorpusSettings, candidates: dict[int, set[int]],
) -> dict[str, NearDuplicate]:
    """``{id: NearDuplicate}``: each document most like an earlier original, above the
    threshold (ties go to the earliest). An original is a document that is no one's
    near-duplicate, so a chain A ≈ B ≈ C names A for both B and C only when C is like A."""
    found: dict[str, NearDuplicate] = {}
    originals: set[int] = set()
    for position, fingerprint in enumerate(fingerprints):
        best, best_similarity = None, 0.0
        for earlier in sorted(candidates.get(position, ())):
            if earlier not in originals:
                continue
            similarity = estimated_similarity(fingerprint.signature, fingerprints[earlier].signature)
            if similarity >= settings.near_duplicate_threshold and similarity > best_similarity:
                best, best_similarity = earlier, similarity
        if best is None:
            originals.add(position)
        else:
            found[fingerprint.doc_id] = NearDuplicate(fingerprints[best].doc_id, round(best_similarity, 3))
    return found
