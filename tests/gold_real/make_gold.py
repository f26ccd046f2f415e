"""Hand-made gold for real pages: dump a page's text-layer lines, then build the gold from a
hand-written spec that says which lines form which block (types, boundaries, furniture, notes).

    python tests/gold_real/make_gold.py dump DOC PAGE [regions]    # numbered lines, superscripts as ^x^
    python tests/gold_real/make_gold.py build SPEC OUTDIR          # writes OUTDIR/DOC/pNNN.txt, notes rows

Regions: 'x0,top,x1,bottom;...' read in that order (columns, bands); default the whole page.
"""
import csv
import re
import statistics
import sys
from pathlib import Path

import pdfplumber

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
MARKER = re.compile(r"^(\d{1,3}|[*†‡§]+|[ivxlc]{1,5}|[a-z])$")


def page_lines(doc, pageno, regions=None):
    with pdfplumber.open(REAL / f"{doc}.pdf") as pdf:
        page = pdf.pages[pageno - 1]
        boxes = regions or [(0, 0, float(page.width), float(page.height))]
        out = []
        for box in boxes:
            box = (max(0, box[0]), max(0, box[1]), min(float(page.width), box[2]), min(float(page.height), box[3]))
            crop = page.within_bbox(box)
            for ln in crop.extract_text_lines(return_chars=True):
                chars = [c for c in ln["chars"] if c["text"].strip()]
                if not chars:
                    continue
                body = statistics.median(c["size"] for c in chars)
                # rebuild text from ln['text'] with superscript marks by walking chars in step
                t = ln["text"]
                res, ci = [], 0
                cs = list(ln["chars"])
                for ch in t:
                    if ch == " " and (ci >= len(cs) or cs[ci]["text"] != " "):
                        res.append(" ")
                        continue
                    c = cs[ci]
                    ci += 1
                    sup = c["size"] < 0.8 * body and c["bottom"] < ln["bottom"] - 0.15 * body and ch.strip()
                    res.append(f"^{ch}^" if sup else ch)
                s = "".join(res).replace("^^", "")
                out.append((round(ln["top"]), round(ln["x0"]), s))
        return out


def parse_regions(text):
    if not text:
        return None
    return [tuple(float(v) for v in r.split(",")) for r in text.split(";") if r.strip()]


def join(lines):
    text = ""
    for ln in lines:
        ln = ln.strip()
        if not text:
            text = ln
        elif text.endswith("-") and not text.endswith(" -") and ln[:1].islower():
            text = text[:-1] + ln
        elif text.endswith(("-", "/", "—", "–", "@")) and not text.endswith((" -", " –", " —")):
            text = text + ln
        else:
            text = text + " " + ln
    return text


def take_markers(text, page, rows):
    """Remove ^m^ markers from body text; record marker,page,anchor."""
    out = ""
    for part in re.split(r"(\^[^^]+\^)", text):
        if part.startswith("^") and part.endswith("^") and len(part) > 2:
            m = part[1:-1]
            for one in m.split(","):
                words = re.findall(r"[^\W_]+", out)
                rows.append([one, page, words[-1] if words else "", ""])
            continue
        if out and not out.endswith(" ") and part[:1].isalnum():
            out += " "
        out += part
    return out


def build(spec_path, outdir):
    spec = Path(spec_path).read_text().splitlines()
    head = dict(
        entry.split(":", 1) for entry in spec
        if ":" in entry and not entry.startswith(("R ", "#")) and entry.split(":", 1)[0] in ("doc", "page", "regions")
    )
    doc, page = head["doc"].strip(), int(head["page"])
    lines = [t for _, _, t in page_lines(doc, page, parse_regions(head.get("regions", "").strip()))]
    replaces = [entry[2:].split(" => ") for entry in spec if entry.startswith("R ")]
    blocks, rows = [], []
    for entry in spec:
        instruction = entry.split("#")[0].strip() if not entry.startswith("R ") else ""
        if not instruction or ":" in instruction:
            continue
        op, *args = instruction.split()
        sel = []
        for rng in args[-1].split(","):
            a, _, b = rng.partition("-")
            sel += lines[int(a): int(b or a) + 1]
        if op == "A":
            for s in sel:
                blocks.append(("artifact", s.replace("^", "")))
            continue
        if op == "F":
            for s in sel:
                blocks.append(("furniture", s.replace("^", "")))
            continue
        text = join(sel)
        for old, new in replaces:
            text = text.replace(old, new)
        kind = {"H": "heading", "P": "paragraph", "P+": "paragraph+", "L": "list_item", "L+": "list_item+",
                "T": "table", "X": "figure", "N+": "note+", "O": "other"}.get(op)
        if op == "N":
            m = args[0]
            text = text.replace("^", "")
            text = re.sub(rf"^\(?{re.escape(m)}[\).]?\s*", "", text)
            blocks.append((f"note {m}", text))
            continue
        if kind in ("table", "figure"):
            blocks.append((kind, text.replace("^", "")))
            continue
        if kind.startswith("list_item"):
            text = re.sub(r"^\(cid:\d+\)\s*", "", text)
            text = re.sub(r"^[•\u2022\uf0b7\uf0a7▪–-]\s*", "", text)
        text = take_markers(text, page, rows)
        blocks.append((kind, re.sub(r"\s+", " ", text).strip()))
    d = Path(outdir) / doc
    d.mkdir(parents=True, exist_ok=True)
    with open(d / f"p{page:03d}.txt", "w") as f:
        f.write(f"# {doc}.pdf page {page}: made by hand from the text layer, checked by eye against the page image\n")
        for kind, text in blocks:
            f.write(f"{kind}: {text}\n")
    notes = {k.split()[1]: t for k, t in blocks if k.startswith("note ")}
    for r in rows:
        r[3] = notes.get(r[0], "")
    with open(d / f"p{page:03d}.markers.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["marker", "page", "anchor", "note"])
        w.writerows(rows)
    print(open(d / f"p{page:03d}.txt").read())
    for r in rows:
        print("  M", r)


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        for i, (top, x0, t) in enumerate(page_lines(sys.argv[2], int(sys.argv[3]), parse_regions(sys.argv[4] if len(sys.argv) > 4 else ""))):
            print(f"{i:3d} {top:4d} {x0:4d} | {t}")
    else:
        build(sys.argv[2], sys.argv[3])
