"""Tesseract OCR shared by the PDF reader (pages without a usable text layer) and images.

Tesseract 5 runs as a subprocess with TSV output: words with boxes and confidences,
grouped by Tesseract's own block/paragraph/line numbers into one Block per line.
Pages run in parallel, one single-threaded tesseract per core (OpenMP inside one
process gains little and oversubscribes the cores when pages run side by side).

Preprocessing kept is what measured better (character accuracy on renders of known
Vietnamese text, degraded like office scans): deskew by projection profile, only
beyond ~1° (2.5° skew at 200 dpi: 65% → 99.8%; under 1° it helped nothing and on a
real scan cost a line), and upscaling to ~300 dpi (10-pt text at 100 dpi: 96.6% →
97.4%; neutral at 150 dpi). Otsu binarisation lost 0.3-3.8 points against
Tesseract's own thresholding and is off (`binarize_=True` forces it).
"""
from __future__ import annotations

import concurrent.futures
import csv
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from pipeline.errors import ReadError
from pipeline.readers.lines import Word, split_on_gaps
from pipeline.source import Block

TARGET_DPI = 300
LANG = "vie"
TIMEOUT = 300  # seconds for one page; a stuck tesseract must not stall a batch


# ---------------------------------------------------------------- availability


@functools.lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    exe = shutil.which("tesseract")
    if exe is None:
        raise ReadError("OCR needed but Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    return frozenset(line.strip() for line in (out.stdout + out.stderr).splitlines()[1:] if line.strip())


def _lang() -> str:
    langs = languages()
    if LANG not in langs:
        raise ReadError(f"OCR needed but Tesseract has no '{LANG}' language data (apt-get install tesseract-ocr-vie)")
    return LANG


# ---------------------------------------------------------------- preprocessing


def otsu_threshold(gray: np.ndarray) -> int:
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = gray.size
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    global_mean = means[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (global_mean * weights - means * total) ** 2 / (weights * (total - weights))
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def binarize(image: Image.Image) -> Image.Image:
    gray = np.asarray(image.convert("L"))
    t = otsu_threshold(gray)
    return Image.fromarray(np.where(gray > t, 255, 0).astype(np.uint8))


def skew_angle(image: Image.Image, limit: float = 3.0, step: float = 0.2) -> float:
    """Angle (degrees) that makes text rows horizontal, by projection profile.

    Rows of text give the sharpest row-sum profile when level, so the angle with
    the highest profile variance wins. Run on a small copy: skew is a global property.
    """
    gray = image.convert("L")
    scale = 1000 / max(gray.size)
    if scale < 1:
        gray = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))), Image.BILINEAR)
    arr = np.asarray(gray)
    ink = Image.fromarray(np.where(arr < otsu_threshold(arr), 255, 0).astype(np.uint8))
    best, best_score = 0.0, -1.0
    for angle in np.arange(-limit, limit + step / 2, step):
        rotated = np.asarray(ink.rotate(float(angle), resample=Image.NEAREST, fillcolor=0))
        score = float(np.var(rotated.sum(axis=1)))
        if score > best_score:
            best, best_score = float(angle), score
    return round(best, 2)


def prepare(image: Image.Image, dpi: float | None, *, upscale: bool = True, deskew: bool = True,
            binarize_: bool = False) -> tuple[Image.Image, float, float]:
    """Image ready for Tesseract, the factor its coordinates were scaled by, and its dpi."""
    prepared, factor, dpi, _ = _prepare(image, dpi, upscale=upscale, deskew=deskew, binarize_=binarize_)
    return prepared, factor, dpi


def black_print(image: Image.Image) -> Image.Image | None:
    """The page with its coloured ink turned white — the red seal and the blue signature stamped over
    the signer's name — and its black print kept (print under the seal stays dark); None for a page
    without colour. Tesseract takes a seal over a line for a picture and drops the line."""
    image = ImageOps.exif_transpose(image) if hasattr(image, "getexif") else image
    if image.mode != "RGB":
        return None
    rgb = np.asarray(image)
    colour = (rgb.max(axis=2).astype(np.int16) - rgb.min(axis=2)) > 60
    if colour.mean() < 0.0005:
        return None
    out = rgb.copy()
    out[colour] = 255
    return Image.fromarray(out)


def _prepare(image: Image.Image, dpi: float | None, *, upscale: bool = True, deskew: bool = True,
             binarize_: bool = False, angle: float | None = None) -> tuple[Image.Image, float, float, float]:
    """prepare(), and the angle the page was turned by (given `angle`, turned by that: a second
    reading of the same page keeps its coordinates)."""
    image = ImageOps.exif_transpose(image) if hasattr(image, "getexif") else image
    if image.mode not in ("L", "RGB"):
        if image.mode in ("RGBA", "LA", "P"):
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.split()[-1])
            image = background
        else:
            image = image.convert("RGB")
    image = image.convert("L")
    if not dpi or dpi < 50:
        # no usable resolution recorded: assume a portrait A4/Letter page width (8.27 in)
        dpi = min(image.size) / 8.27
    factor = 1.0
    if upscale and dpi < TARGET_DPI * 0.85:
        factor = min(TARGET_DPI / dpi, 4.0)
        image = image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS)
        dpi *= factor
    turned = 0.0
    if deskew or angle is not None:
        found = skew_angle(image) if angle is None else angle
        # Tesseract copes with a degree or so itself; rotating a low-resolution page for
        # that little cost characters in measurement (a seal's column went missing)
        if abs(found) > 1.1:
            image = image.rotate(found, resample=Image.BICUBIC, expand=False, fillcolor=255)
            turned = found
    if binarize_:
        image = binarize(image)
    return image, factor, dpi, turned


# ---------------------------------------------------------------- Tesseract


# tesseract processes now running, so that a file's OCR can be given up at once (a
# failed page, the ingest's time limit) instead of waiting for the pages in flight;
# `_given_up` stops the threads still preparing a page from starting one more
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()
_given_up = threading.Event()


def _tesseract(args: list[str], env: dict) -> tuple[int, bytes, bytes]:
    with _running_lock:
        if _given_up.is_set():
            raise ReadError("OCR given up")
        proc = subprocess.Popen(["tesseract", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        _running.add(proc)
    with proc:
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            proc.kill()
            proc.communicate()
            raise ReadError(f"OCR of one page took longer than {TIMEOUT} s") from exc
        except BaseException:  # the ingest's time limit, or Ctrl+C
            proc.kill()
            raise
        finally:
            with _running_lock:
                _running.discard(proc)
    return proc.returncode, out, err


def _give_up_ocr() -> None:
    with _running_lock:
        _given_up.set()
        for proc in _running:
            proc.kill()


def tesseract_words(image: Image.Image, dpi: float, psm: int = 3) -> list[Word]:
    lang = _lang()
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="kehoach-ocr-") as tmp:
        png = os.path.join(tmp, "page.png")
        image.save(png)
        returncode, out, err = _tesseract([png, "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(int(dpi)),
                                           "tsv"], env)
    if returncode != 0:
        reason = err.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"tesseract failed: {reason[-1] if reason else 'exit ' + str(returncode)}")
    words = []
    rows = csv.reader(io.StringIO(out.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows, None)
    if not header:
        return words
    for row in rows:
        if len(row) < 12 or row[0] != "5":
            continue
        text = unicodedata.normalize("NFC", row[11]).strip()
        if not text:
            continue
        left, top, width, height = (float(v) for v in row[6:10])
        words.append(Word(text, left, top, left + width, top + height, float(row[10]),
                          (int(row[2]), int(row[3]), int(row[4]))))
    return words


# ---------------------------------------------------------------- words -> lines


def _line_block(words: list[Word], page: int, scale: float) -> Block:
    text = " ".join(w.text for w in words)
    confs = [w.conf for w in words if w.conf >= 0]
    bbox = (min(w.x0 for w in words) * scale, min(w.top for w in words) * scale,
            max(w.x1 for w in words) * scale, max(w.bottom for w in words) * scale)
    return Block(text=text, page=page, bbox=tuple(round(v, 2) for v in bbox),
                 confidence=round(sum(confs) / len(confs), 1) if confs else None)


def _is_noise(words: list[Word]) -> bool:
    # scanner specks and table rulings come back as lone "|", "_", "—"; a stamp's edge
    # or a smudged page number as a short string Tesseract itself doubts
    text = "".join(w.text for w in words)
    if not any(ch.isalnum() for ch in text) and len(text) <= 3:
        return True
    confs = [w.conf for w in words if w.conf >= 0]
    return len(text) <= 4 and bool(confs) and sum(confs) / len(confs) < 40


def words_to_blocks(words: list[Word], page: int, scale: float = 1.0, split: bool = True) -> list[Block]:
    lines: dict[tuple, list[Word]] = {}
    for w in words:
        lines.setdefault(w.key, []).append(w)
    blocks = []
    for key in lines:  # Tesseract's order is its reading order
        line = sorted(lines[key], key=lambda w: w.x0)
        for piece in (split_on_gaps(line) if split else [line]):
            if not _is_noise(piece):
                blocks.append(_line_block(piece, page, scale))
    return blocks


# A page with less ink than this share of its pixels is blank (a few specks of dust at most):
# one printed character at 300 dpi is ~400 dark pixels, 1e-4 of an A4 page ~870.
BLANK_INK = 1e-4


def is_blank(image: Image.Image) -> bool:
    """Whether a page image holds no ink worth OCR: counted on the grey pixels, ~10 ms a page,
    against a second or more for Tesseract (a blank 300-page scan took 6 minutes)."""
    gray = np.asarray(image.convert("L"))
    if gray.size == 0:
        return True
    return np.count_nonzero(gray < 128) < BLANK_INK * gray.size


def ocr_page(image: Image.Image, page: int = 1, dpi: float | None = None, scale: float = 1.0,
             **options) -> list[Block]:
    """OCR one page image. `scale` maps the given image's pixels to the caller's coordinates."""
    if is_blank(image):
        return []
    prepared, factor, eff_dpi, angle = _prepare(image, dpi, **options)
    tables = find_tables(prepared, eff_dpi)
    page_image = blank_tables(prepared, tables) if tables else prepared
    blocks = words_to_blocks(tesseract_words(page_image, eff_dpi), page, 1.0)
    insert_by_top(blocks, [table_block(t, read_cells(prepared, t, eff_dpi), page) for t in tables])
    _closing_pass(prepared, eff_dpi, blocks, page, black=lambda: _black_prepared(image, dpi, angle, options))
    for b in blocks:
        b.bbox = tuple(round(v * scale / factor, 2) for v in b.bbox)
    return blocks


# ---------------------------------------------------------------- ruled tables
#
# Tesseract has no table model: a ruled task table comes back as lines that run across
# its columns ("Tổ chức phổ biến ... cho Sở Tài chính; Hội Trước ngà 2"), so the reader
# finds the grid itself. Rulings are long thin runs of ink; the cells are the background
# regions they enclose; words are then placed in the cell under their centre.


@dataclass
class RuledTable:
    bbox: tuple[int, int, int, int]
    cells: list[tuple[int, int, int, int]]  # page pixels
    grid: np.ndarray  # ruling mask over bbox


def _shifted(a: np.ndarray, step: int, axis: int, back: bool) -> np.ndarray:
    out = np.zeros_like(a)
    if axis == 1:
        if back:
            out[:, :-step] = a[:, step:]
        else:
            out[:, step:] = a[:, :-step]
    elif back:
        out[:-step] = a[step:]
    else:
        out[step:] = a[:-step]
    return out


def long_runs(ink: np.ndarray, n: int, axis: int) -> np.ndarray:
    """Pixels on a run of ink at least `n` long along `axis` (1 horizontal, 0 vertical).

    A morphological opening by a 1×n line, with shifts doubling in length (log n array
    operations instead of n): erosion keeps a pixel whose next n pixels are ink, the
    dilation spreads each survivor back over its run.
    """
    out, done = ink.copy(), 1
    while done < n:
        step = min(done, n - done)
        out &= _shifted(out, step, axis, back=True)
        done += step
    done = 1
    while done < n:
        step = min(done, n - done)
        out |= _shifted(out, step, axis, back=False)
        done += step
    return out


def components(mask: np.ndarray) -> list[list[int]]:
    """Bounding boxes [x0, y0, x1, y1] of the 4-connected components of a boolean mask.

    Row runs joined by union-find: a page has a few thousand runs, so this stays fast in
    Python without an image library beyond numpy.
    """
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    runs, prev = [], []
    for y in range(mask.shape[0]):
        row = edges[y]
        cur, k = [], 0
        for s, e in zip(np.flatnonzero(row == 1).tolist(), np.flatnonzero(row == -1).tolist()):
            rid = len(parent)
            parent.append(rid)
            runs.append((y, s, e, rid))
            while k < len(prev) and prev[k][1] <= s:
                k += 1
            j = k
            while j < len(prev) and prev[j][0] < e:
                a, b = find(prev[j][2]), find(rid)
                if a != b:
                    parent[b] = a
                j += 1
            cur.append((s, e, rid))
        prev = cur
    boxes: dict[int, list[int]] = {}
    for y, s, e, rid in runs:
        b = boxes.setdefault(find(rid), [s, y, e, y + 1])
        b[0], b[2], b[3] = min(b[0], s), max(b[2], e), y + 1
    return list(boxes.values())


def find_tables(image: Image.Image, dpi: float) -> list[RuledTable]:
    """Ruled tables on a prepared page: grids of at least 2 cells, a quarter page wide."""
    gray = np.asarray(image.convert("L"))
    ink = gray < otsu_threshold(gray)
    n = max(20, int(dpi * 0.25))  # a ruling runs on for 6 mm; no letter is that long
    rulings = long_runs(ink, n, 1) | long_runs(ink, n, 0)
    if not rulings.any():
        return []
    height, width = gray.shape
    tables = []
    for x0, y0, x1, y1 in components(rulings):
        # the short rules under a header's name or motto are rulings too, but enclose nothing
        if x1 - x0 < 0.25 * width or y1 - y0 < 0.3 * dpi:
            continue
        grid = rulings[y0:y1, x0:x1]
        min_side = max(8, int(dpi * 0.05))
        cells = [(cx0 + x0, cy0 + y0, cx1 + x0, cy1 + y0) for cx0, cy0, cx1, cy1 in components(~grid)
                 # the outside of the frame touches the box edge; a cell is enclosed
                 if cx0 > 0 and cy0 > 0 and cx1 < x1 - x0 and cy1 < y1 - y0
                 and cx1 - cx0 >= min_side and cy1 - cy0 >= min_side]
        if len(cells) >= 2:
            tables.append(RuledTable((x0, y0, x1, y1), cells, grid))
    return tables


def blank_tables(image: Image.Image, tables: list[RuledTable]) -> Image.Image:
    """The page with its tables whited out: read_cells reads them, the page layout would
    only run their lines together across columns."""
    arr = np.array(image.convert("L"))
    for t in tables:
        x0, y0, x1, y1 = t.bbox
        arr[y0:y1, x0:x1] = 255
    return Image.fromarray(arr)


def read_cells(image: Image.Image, table: RuledTable, dpi: float) -> list[tuple[tuple, str, float | None]]:
    """Each cell's text, read in one Tesseract call over all cells stacked one under another.

    Tesseract's page layout reads a table's lines straight across its columns and loses
    whole cells in the attempt (on a 9-row task table: cell lines as "ma hy THANN TỐ");
    a cell on its own reads like body text. Stacking the cells, rulings removed, into one
    column costs one process instead of one per cell.
    """
    arr = np.asarray(image.convert("L"))
    x0, y0, _, _ = table.bbox
    inset = max(2, int(dpi * 0.01))  # the ruling's own anti-aliased edge
    gap = max(10, int(dpi * 0.15))
    pieces, spans, y, width = [], [], gap, 0
    threshold = otsu_threshold(arr[table.bbox[1]:table.bbox[3], table.bbox[0]:table.bbox[2]])
    for cell in table.cells:
        cx0, cy0, cx1, cy1 = cell
        crop = arr[cy0 + inset:cy1 - inset, cx0 + inset:cx1 - inset].copy()
        if crop.size == 0:
            spans.append(None)
            continue
        # what survives of a ruling in the cell: its faint edge, not text
        local = table.grid[cy0 - y0:cy1 - y0, cx0 - x0:cx1 - x0][inset:-inset or None, inset:-inset or None]
        if local.shape == crop.shape:
            crop[local] = 255
        if not (crop < threshold).any():
            spans.append(None)
            continue
        pieces.append((crop, y))
        spans.append((y, y + crop.shape[0]))
        y += crop.shape[0] + gap
        width = max(width, crop.shape[1])
    out = [(cell, "", None) for cell in table.cells]
    if not pieces:
        return out
    sheet = np.full((y, width + 2 * gap), 255, dtype=np.uint8)
    for crop, top in pieces:
        sheet[top:top + crop.shape[0], gap:gap + crop.shape[1]] = crop
    words = tesseract_words(Image.fromarray(sheet), dpi, psm=6)
    for k, (cell, span) in enumerate(zip(table.cells, spans)):
        if span is None:
            continue
        inside = [w for w in words if span[0] <= (w.top + w.bottom) / 2 < span[1]]
        lines: dict[tuple, list[Word]] = {}
        for w in inside:
            lines.setdefault(w.key, []).append(w)
        ordered = sorted(lines.values(), key=lambda ws: min(w.top for w in ws))
        text = "\n".join(" ".join(w.text for w in sorted(ws, key=lambda w: w.x0)) for ws in ordered)
        confs = [w.conf for w in inside if w.conf >= 0]
        out[k] = (cell, text, sum(confs) / len(confs) if confs else None)
    return out


def _edges(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def table_block(table: RuledTable, cells: list[tuple[tuple, str, float | None]], page: int) -> Block:
    """The table as a full grid (a merged cell's text in every slot it spans), like pdf.py's."""
    # both sides of a ruling and a slight skew give near edges; a cell is far wider than this
    tol = max(6.0, 0.012 * (table.bbox[2] - table.bbox[0]))
    xs = _edges([c[0] for c in table.cells] + [c[2] for c in table.cells], tol)
    ys = _edges([c[1] for c in table.cells] + [c[3] for c in table.cells], tol)
    ncols, nrows = max(1, len(xs) - 1), max(1, len(ys) - 1)
    rows = [[""] * ncols for _ in range(nrows)]
    for cell, text, _ in cells:
        cols = [i for i in range(len(xs) - 1) if xs[i] >= cell[0] - tol and xs[i + 1] <= cell[2] + tol] or [0]
        rws = [i for i in range(len(ys) - 1) if ys[i] >= cell[1] - tol and ys[i + 1] <= cell[3] + tol] or [0]
        for r in rws:
            for c in cols:
                rows[r][c] = text
    confs = [conf for _, text, conf in cells if conf is not None]
    return Block(text="", page=page, rows=rows, bbox=tuple(float(v) for v in table.bbox),
                 confidence=round(sum(confs) / len(confs), 1) if confs else None)


# ---------------------------------------------------------------- the closing block

_RECIPIENTS = re.compile(r"^\W{0,3}\w{0,2}\s*[oơ]i\s*nh[aậâ]n", re.IGNORECASE)
# "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ", "TL. GIÁM ĐỐC", or the head's title alone
_AUTHORITY = re.compile(r"^(?:K\s*/?\s*T|T\s*/?\s*M|Q|TL|TUQ)\s*[./,]?\s+[A-ZĐÂĂÊÔƠƯ]"
                        r"|^(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)\b")


def _black_prepared(image: Image.Image, dpi: float | None, angle: float, options: dict) -> Image.Image | None:
    """black_print() of the page, prepared with the same scale and turn as the page itself."""
    black = black_print(image)
    if black is None:
        return None
    return _prepare(black, dpi, **{**options, "deskew": False}, angle=angle)[0]


def _overlaps(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def _closing_pass(image: Image.Image, dpi: float, blocks: list[Block], page: int, black=None) -> None:
    """OCR the two columns of the closing block (Nơi nhận | signature) again, each on its own.

    Side by side they share baselines, so the page layout reads "Nơi nhận:" and
    "KT. CHỦ TỊCH" as one line and garbles both ("SN: những Chính phủ; KT. CHỦ TỊCH"); a
    red seal over the signer's name makes it call the signature column a picture (measured
    on the Cần Thơ scan: the name absent from the full page, read correctly from the crop).
    Each crop's reading replaces the full page's where the crop is surer. On a colour page the
    crops are read in black print (`black()`, see black_print): on the Quảng Ngãi notice the seal
    and the blue signature over "Nguyễn Phước Bình" hid the name even from the crop.
    """
    anchors = [b for b in blocks if b.bbox and not b.rows and (
        _RECIPIENTS.match(b.text) or (b.bbox[0] > 0.45 * image.width and _AUTHORITY.match(b.text)))]
    if not anchors:
        return
    first = min(anchors, key=lambda b: b.bbox[1])
    line = first.bbox[3] - first.bbox[1]
    top = max(0, int(first.bbox[1] - max(10.0, 0.5 * line)))
    # a table above the closing block must not be cut into
    top = max([top] + [int(b.bbox[3]) + 2 for b in blocks if b.rows and b.bbox and b.bbox[3] <= first.bbox[1] + 2])
    edge = 0.01 * image.width
    printed = black() if black is not None else None
    source = printed if printed is not None and printed.size == image.size else image
    for x0, x1 in ((0, int(image.width * 0.52)), (int(image.width * 0.45), image.width)):
        crop = source.crop((x0, top, x1, image.height))
        read = []
        # the Nơi nhận column is one column: a wide gap in a justified line is not a column break
        for b in words_to_blocks(tesseract_words(crop, dpi), page, 1.0, split=bool(x0)):
            # a line the crop's inner edge cut through belongs to the other column ("cơ SỞ;")
            if (x0 and b.bbox[0] < edge) or (not x0 and b.bbox[2] > crop.width - edge):
                continue
            b.bbox = (b.bbox[0] + x0, b.bbox[1] + top, b.bbox[2] + x0, b.bbox[3] + top)
            # the seal's rim comes back as a quote or dash before the signature lines
            b.text = b.text.lstrip("“\"'‘=—-_~*# ") if x0 else b.text
            if b.text:
                read.append(b)
        hits = [o for o in blocks if o.bbox and not o.rows and any(_overlaps(b.bbox, o.bbox) for b in read)]
        # the column as a whole: the page's reading of it is cut and mixed with the other column,
        # so sure-looking pieces ("- Tổng Liên đoàn ... Việt" | "Nam" | "(0/C);") do not outvote it
        if read and _mean_conf(read) >= _mean_conf(hits) - 2:
            for o in hits:
                blocks.remove(o)
            insert_by_top(blocks, read)
            continue
        for b in read:  # else line by line, where the crop is surer
            hit = [o for o in blocks if o.bbox and not o.rows and _overlaps(b.bbox, o.bbox)]
            if (b.confidence or 0) > _mean_conf(hit):
                for o in hit:
                    blocks.remove(o)
                insert_by_top(blocks, [b])
    # Tesseract's reading order may put the full page's "Nơi nhận:" after lines the crops
    # placed by position; below the anchor everything is the closing block, read top-down
    at = next((i for i, b in enumerate(blocks) if b.bbox and b.bbox[1] >= top), None)
    if at is not None and all(b.bbox and b.bbox[1] >= top for b in blocks[at:]):
        blocks[at:] = reading_order(blocks[at:])


def _mean_conf(blocks: list[Block]) -> float:
    """Mean confidence weighted by text length."""
    chars = sum(len(b.text) for b in blocks)
    return sum((b.confidence or 0) * len(b.text) for b in blocks) / chars if chars else 0.0


def reading_order(blocks: list[Block]) -> list[Block]:
    """Blocks top to bottom by text row (vertical overlap, not exact top), left to right in a row."""
    rows: list[list[Block]] = []
    for b in sorted(blocks, key=lambda b: (b.bbox[1] + b.bbox[3]) / 2):
        mid, height = (b.bbox[1] + b.bbox[3]) / 2, b.bbox[3] - b.bbox[1]
        last = rows[-1][-1] if rows else None
        if last is not None and abs(mid - (last.bbox[1] + last.bbox[3]) / 2) <= 0.5 * max(height, last.bbox[3] - last.bbox[1]):
            rows[-1].append(b)
        else:
            rows.append([b])
    return [b for row in rows for b in sorted(row, key=lambda b: b.bbox[0])]


def insert_by_top(blocks: list[Block], extra: list[Block]) -> None:
    """Place `extra` among `blocks` by vertical position, keeping the order `blocks` had.

    Tesseract's order is its reading order (left header column before right even when
    the right one sits a pixel higher), so it is never re-sorted.
    """
    for b in sorted(extra, key=lambda o: o.bbox[1] if o.bbox else 0):
        top = b.bbox[1] if b.bbox else 0
        at = next((i for i, o in enumerate(blocks) if o.bbox and o.bbox[1] > top), len(blocks))
        blocks.insert(at, b)


def _ocr_job(job):
    render, page, dpi, scale = job
    image = render() if callable(render) else render
    return ocr_page(image, page, dpi, scale)


def ocr_pages(jobs: list[tuple], label: str = "OCR") -> list[list[Block]]:
    """OCR many pages in parallel; each job is (image or zero-arg renderer, page, dpi, scale).

    Threads suffice: the work happens in tesseract subprocesses; rendering is lazy
    so only as many page images as workers are held in memory at once.
    """
    if not jobs:
        return []
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    results: list[list[Block] | None] = [None] * len(jobs)
    bar = None
    if sys.stderr.isatty():
        try:
            from tqdm import tqdm

            bar = tqdm(total=len(jobs), desc=label, unit="page", file=sys.stderr, leave=False)
        except ImportError:
            bar = None
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_ocr_job, job): i for i, job in enumerate(jobs)}
            try:
                for fut in concurrent.futures.as_completed(futures):
                    results[futures[fut]] = fut.result()
                    if bar is not None:
                        bar.update(1)
            except BaseException:
                # a failed page or the ingest's time limit: drop the pages not yet started and
                # end those in flight, so the pool's exit does not wait for them
                pool.shutdown(wait=False, cancel_futures=True)
                _give_up_ocr()
                raise
    finally:
        _given_up.clear()  # the pool's threads are gone: the next file may OCR again
        if bar is not None:
            bar.close()
    return [r or [] for r in results]
