"""A batch as a corpus: duplicates found, boilerplate marked, Parquet shards and a datasheet.

The per-document stages know nothing of this package: it runs over the written folders
after a batch (:func:`~pipeline.corpus.marks.mark_corpus`), and on a finished ``clean/``
(:func:`~pipeline.corpus.export.export_parquet`, :func:`~pipeline.corpus.datasheet.write_datasheet`).
"""
