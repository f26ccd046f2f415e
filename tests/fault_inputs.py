"""A folder of faulty inputs, made here, with what a true report of each would say.

Used by the fault suite (``tests/test_faults.py``) and by ``benchmarks/bench_faults.py``:
good PDFs and exports beside truncated, byte-flipped, renamed, encrypted and bombed files,
a page-tree loop, names that collide, links out of the folder and in a loop, a name that is
not UTF-8 and a file that cannot be read as one.
"""

from __future__ import annotations

import os
import random
import zlib
from pathlib import Path

SENTENCES = [
    "Immigrants make us a safer and stronger nation.",
    "Local police agree with immigration officers on this point.",
    "Support localities exercising their discretion in every case.",
    "Contact the office for the full briefing and its appendices.",
]
SECRET = "Outside-the-input-folder secret line 7f3a."
"""Text of a file outside RAW that links point at: it must never reach the output."""

TEXT_EXPORT = ("KEY PROVISIONS\n\n" + " ".join(SENTENCES) + "\n\n" + " ".join(reversed(SENTENCES)) + "\n").encode("utf-8")


def good_pdf(pages: int = 2, *, encrypt: str | None = None, label: str = "") -> bytes:
    """A small PDF made with reportlab whose text is known."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, invariant=1, encrypt=encrypt)
    for page in range(pages):
        document.drawString(72, 700, f"{SENTENCES[page % 4]} {label}")
        document.drawString(72, 686, SENTENCES[(page + 1) % 4])
        document.showPage()
    document.save()
    return buffer.getvalue()


def blank_pdf(pages: int) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, invariant=1)
    for _ in range(pages):
        document.showPage()
    document.save()
    return buffer.getvalue()


def flip_bytes(data: bytes, seed: int, count: int = 20) -> bytes:
    """``count`` bytes changed at places a fixed seed picks (never the header's first 8)."""
    rng = random.Random(seed)
    mutable = bytearray(data)
    for _ in range(count):
        at = rng.randrange(8, len(mutable))
        mutable[at] = rng.randrange(256)
    return bytes(mutable)


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object n is ``objects[n - 1]``), with a true xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def deflate_bomb(megabytes: int = 1024) -> bytes:
    """One page whose content stream inflates to ``megabytes`` of zeros (about 1 MB on disk)."""
    compressor = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    stream = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def page_tree_loop() -> bytes:
    """A page tree whose node lists itself among its kids."""
    return assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])


def make_fault_folder(root: Path, *, bomb_megabytes: int = 1024) -> tuple[Path, dict[str, set[str]]]:
    """Fill ``root/raw`` with faulty inputs (``root/outside`` holds what links point at);
    return RAW and, for each input's manifest ``source``, the statuses or failure kinds a
    true report may give (``ok`` for a document read, perhaps after a repair)."""
    raw, outside = root / "raw", root / "outside"
    raw.mkdir(parents=True)
    outside.mkdir()
    expected: dict[str, set[str]] = {}

    def put(name: str, data: bytes, *accepted: str) -> None:
        (raw / name).write_bytes(data)
        expected[f"raw/{name}"] = set(accepted)

    good = good_pdf(3, label="good")
    put("good.pdf", good, "ok")
    put("good-export.txt", TEXT_EXPORT, "ok")
    put("empty.pdf", b"", "empty")
    put("empty.txt", b"", "empty")
    for share in (0.02, 0.1, 0.25, 0.5, 0.75, 0.9):
        put(f"truncated-{int(share * 100):02d}.pdf", good[: int(len(good) * share)], "ok", "truncated", "damaged", "no text")
    put("truncated-tail.pdf", good[:-8], "ok", "truncated", "damaged")
    for seed in range(1, 7):
        put(f"flipped-{seed}.pdf", flip_bytes(good, seed), "ok", "damaged", "truncated", "no text")
    put("image.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a PDF")
    put("page.pdf", b"<!DOCTYPE html><html><body>Not found</body></html>\n", "not a PDF")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not text")
    put("undecodable.txt", b"\x81\x8d\x8f\x90\x9d" * 40, "undecodable")
    put("blank.txt", b" \n\t\n", "no text")
    put("locked.pdf", good_pdf(1, encrypt="secret"), "encrypted")
    put("bomb.pdf", deflate_bomb(bomb_megabytes), "over the memory limit", "no text", "damaged")
    put("loop.pdf", page_tree_loop(), "damaged")
    put("blank-pages.pdf", blank_pdf(300), "no text")
    put("Same Name.txt", TEXT_EXPORT.replace(b"KEY", b"FIRST"), "ok")
    put("same-name.txt", TEXT_EXPORT.replace(b"KEY", b"SECOND"), "ok")
    put("report.pdf", good_pdf(1, label="report"), "ok")
    put("report.txt", TEXT_EXPORT, "ok")
    name = b"caf\xe9.txt"
    (raw / os.fsdecode(name)).write_bytes(TEXT_EXPORT)
    expected["raw/caf\\xe9.txt"] = {"ok"}
    (outside / "secret.txt").write_text((SECRET + "\n") * 5, encoding="utf-8")
    (raw / "secret-link.txt").symlink_to(outside / "secret.txt")
    expected["raw/secret-link.txt"] = {"link outside RAW"}
    (raw / "passwd.txt").symlink_to("/etc/passwd")
    expected["raw/passwd.txt"] = {"link outside RAW"}
    (raw / "loop-a.txt").symlink_to("loop-b.txt")
    (raw / "loop-b.txt").symlink_to("loop-a.txt")
    expected["raw/loop-a.txt"] = expected["raw/loop-b.txt"] = {"link loop"}
    (raw / "dangling.pdf").symlink_to("missing.pdf")
    expected["raw/dangling.pdf"] = {"link loop"}
    (raw / "inside-link.txt").symlink_to("good-export.txt")
    expected["raw/inside-link.txt"] = {"ok"}
    (raw / "sub").mkdir()
    (raw / "sub" / "out").symlink_to(outside, target_is_directory=True)
    os.mkfifo(raw / "pipe.txt")
    expected["raw/pipe.txt"] = {"unreadable"}
    return raw, expected
