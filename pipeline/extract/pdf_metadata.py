"""A PDF's document information (title, author, subject, creation date), cleaned into
the fields of the output contract."""

from __future__ import annotations

from pipeline.patterns import ISO_DATE, PDF_DATE


def parse_pdf_date(value: str) -> str | None:
    """``D:20170220143000-05'00'`` → ``2017-02-20``; XMP's ``2017-02-20T14:30`` too.

    >>> parse_pdf_date("D:20170220143000-05'00'")
    '2017-02-20'
    >>> parse_pdf_date("2021-01-14T09:35:12-06:00")
    '2021-01-14'
    >>> parse_pdf_date("yesterday") is None
    True
    """
    value = value.strip()
    match = ISO_DATE.match(value)
    if match:
        year, month, day = match.groups()
    else:
        match = PDF_DATE.match(value)
        if not match or not match.group(2) or not match.group(3):
            return None
        year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31 and 1900 <= int(year) <= 2200):
        return None
    return f"{year}-{month}-{day}"


def clean_metadata(info: dict[str, str], pages: int) -> dict[str, str | int]:
    """The fields of the output contract, only when the PDF says something."""
    metadata: dict[str, str | int] = {}
    for key, name in (("Title", "title"), ("Author", "author"), ("Subject", "subject")):
        value = " ".join(str(info.get(key, "")).split())
        if value:
            metadata[name] = value
    created = parse_pdf_date(str(info.get("CreationDate", "")))
    if created:
        metadata["created"] = created
    metadata["pages"] = pages
    return metadata
