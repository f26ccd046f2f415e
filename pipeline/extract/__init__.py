"""Readers: each turns one kind of file into an :class:`~pipeline.model.Extraction`.

``read_text_export`` reads text that other tools exported from PDFs; ``read_pdf`` reads
PDFs through a character source (:mod:`pipeline.extract.chars`). Both keep every layout
signal their source carries, so the stages above them need not know which one ran.
"""
