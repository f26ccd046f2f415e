"""Scans made from PDFs whose text is known: each page rendered, turned a little, dusted,
blurred, and wrapped back as an image-only PDF, as a flatbed scanner or a fax would."""

from __future__ import annotations

import random
from pathlib import Path


def scan_pdf(pdf: Path, out: Path, *, dpi: int = 200, angle: float = 0.4, dust: int = 300, blur: float = 0.6,
             seed: int = 13) -> Path:
    """Write an image-only copy of ``pdf`` to ``out``: no text layer, only pixels."""
    import pypdfium2
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(pdf))
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            image = image.rotate(angle * (1 if index % 2 == 0 else -1), resample=Image.Resampling.BICUBIC, fillcolor=255)
            draw = ImageDraw.Draw(image)
            for _ in range(dust):
                x, y, r = rng.uniform(0, image.width), rng.uniform(0, image.height), rng.uniform(0.3, 1.2) * dpi / 150
                draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(0, 90))
            images.append(image.filter(ImageFilter.GaussianBlur(blur)))
    finally:
        document.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=float(dpi))
    return out


def word_error_rate(truth: str, read: str) -> float:
    """Word-level edit distance over the truth's word count (WER), case and spacing kept.

    >>> word_error_rate("the courts have no way", "the courts hove no way")
    0.2
    """
    want, got = truth.split(), read.split()
    previous = list(range(len(got) + 1))
    for i, word in enumerate(want, 1):
        current = [i] + [0] * len(got)
        for j, other in enumerate(got, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
        previous = current
    return previous[-1] / max(1, len(want))


def f1(truth: list, found: list) -> float:
    """F1 of two multisets (markers with their pages).

    >>> f1([("1", 1), ("2", 1)], [("1", 1), ("9", 1)])
    0.5
    """
    from collections import Counter

    common = sum((Counter(truth) & Counter(found)).values())
    if not truth and not found:
        return 1.0
    precision, recall = common / max(1, len(found)), common / max(1, len(truth))
    return 0.0 if not common else 2 * precision * recall / (precision + recall)
