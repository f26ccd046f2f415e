"""pdfminer's fonts, put right where pdfminer reads a glyph as another letter than the page shows.

A Type 1 font without an ``/Encoding`` uses the encoding built into its font program
(PDF 32000-1, 9.6.6.2). pdfminer reads that built-in encoding from a Type 1 program
(``FontFile``) but not from a compact one (``FontFile3``, ``/Type1C``), where it falls back
to the standard encoding: TeX's math fonts then read ``,`` as ``;``, ``∈`` as ``2``, ``∀``
as ``8`` (the German topology notes: ``(X; T)`` for the printed ``(X, T)``). pdfium reads
the built-in encoding, as viewers do. :class:`BuiltInEncodingResources` is pdfminer's
resource manager that, when it makes such a font, reads the built-in encoding from the
compact font program (with fontTools) and maps its glyph names to Unicode.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import Any

from pdfminer.pdfinterp import PDFResourceManager

logger = logging.getLogger(__name__)


class BuiltInEncodingResources(PDFResourceManager):
    """pdfminer's resource manager, reading compact Type 1 fonts with their built-in encoding."""

    def get_font(self, objid: object, spec: Any) -> Any:
        cached = bool(objid) and objid in self._cached_fonts
        font = super().get_font(objid, spec)
        if not cached:
            use_built_in_encoding(font, spec)
        return font


def use_built_in_encoding(font: Any, spec: Any) -> None:
    """Give a Type 1 font that has no ``/Encoding`` and a compact font program the letters of
    its program's built-in encoding (those whose glyph names have a Unicode value)."""
    from pdfminer.pdffont import PDFType1Font
    from pdfminer.pdftypes import resolve1

    if type(font) is not PDFType1Font or "Encoding" in spec or "ToUnicode" in spec:
        return
    program = resolve1(resolve1(spec.get("FontDescriptor") or {}).get("FontFile3"))
    if program is None or getattr(program.get("Subtype"), "name", None) != "Type1C":
        return
    letters = built_in_letters(program.get_data())
    if letters:
        font.cid2unicode = {**font.cid2unicode, **letters}


def built_in_letters(data: bytes) -> dict[int, str]:
    """Code → letter of a compact font program's built-in encoding; empty when it has none
    of its own (the standard encoding) or cannot be read."""
    from fontTools.cffLib import CFFFontSet
    from pdfminer.encodingdb import name2unicode

    try:
        fonts = CFFFontSet()
        fonts.decompile(BytesIO(data), None)
        encoding = fonts[fonts.fontNames[0]].Encoding
    except Exception as error:  # noqa: BLE001  (a broken font program keeps pdfminer's reading)
        logger.debug("built-in encoding not read: %s: %s", type(error).__name__, error)
        return {}
    if not isinstance(encoding, list):
        return {}
    letters: dict[int, str] = {}
    for code, name in enumerate(encoding):
        if name and name != ".notdef":
            try:
                letters[code] = name2unicode(name)
            except Exception:  # noqa: BLE001,S112  (a glyph name without a Unicode value: TeX's big delimiters)
                continue
    return letters
