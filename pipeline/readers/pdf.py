"""PDF: one Block per visual line (with its bbox), ruled tables as table blocks.

pdfplumber gives words with positions; lines are rebuilt from them so the two
columns of an administrative header, which share a baseline, stay apart. Pages
with no text layer, or a text layer that is mojibake, go to Tesseract (ocr.py).
Running headers, footers and page numbers are dropped; a ruled table that runs
over a page break becomes one table block.
"""
from __future__ import annotations

import os
import re
import statistics
import threading
import unicodedata
from collections import Counter
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.readers.lines import Word, split_on_gaps
from pipeline.source import Block, Source

OCR_DPI = 300
MARGIN = 0.08  # running headers/footers live in the top/bottom 8% of a page
NUMBER_MARGIN = 0.12
MIN_TEXT_CHARS = 10

_VIET_LETTERS = set(
    "abcdefghijklmnopqrstuvwxyzàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_OK_SYMBOLS = set("0123456789.,;:!?()[]{}<>\"'/\\-+*=%&#@$_|~^`“”‘’–—…•·§°×")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:trang|page)\s*\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})\s*$",
    re.IGNORECASE)


_BOLD = re.compile(r"bold|black|heavy|,b\b", re.I)
_ITALIC = re.compile(r"italic|oblique", re.I)


def max_ocr_pages() -> int:
    try:
        return int(os.environ.get("KEHOACH_MAX_OCR_PAGES", "300"))
    except ValueError:
        return 300


def text_quality(text: str) -> float:
    """Share of non-space characters that can occur in Vietnamese text (1.0 = clean).

    Broken font maps give "(cid:123)", U+FFFD, private-use glyphs or Latin-1 symbols
    (µ ¸ ¶ of an unconverted legacy font); none of those are Vietnamese letters.
    """
    text = unicodedata.normalize("NFC", re.sub(r"\(cid:\d+\)", "\ufffd", text))
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    good = sum(1 for c in chars if c.lower() in _VIET_LETTERS or c in _OK_SYMBOLS)
    return good / len(chars)


# ---------------------------------------------------------------- text layer


def _legacy_converter(fontname: str):
    upper = (fontname or "").upper()
    if ".VN" not in upper and "VNI" not in upper:
        # viparse calls legacy only a name opening ".Vn" or "VNI" (after a subset tag): any other
        # font is Unicode without importing viparse, a tenth of a short text PDF's time
        return None
    from viparse.normalize.detector import detect_encoding
    from viparse.normalize.encodings import get_charmap

    enc = detect_encoding([fontname or ""]).encoding  # TCVN3 for .Vn* fonts, VNI for VNI-*, else None
    return get_charmap(enc) if enc else None


def _page_words(page) -> tuple[list[Word], dict[int, str]]:
    """Words of a pdfplumber page (legacy fonts converted) and the font style of each word."""
    raw = page.extract_words(x_tolerance=2, y_tolerance=3, keep_blank_chars=False, return_chars=True)
    return _styled_words((w["text"], w["x0"], w["top"], w["x1"], w["bottom"],
                          [c.get("fontname", "") for c in w.get("chars") or []]) for w in raw)


def _styled_words(raw) -> tuple[list[Word], dict[int, str]]:
    """(text, x0, top, x1, bottom, [font of each char]) → Words and the style of each word."""
    words, styles = [], {}
    converters: dict[str, object] = {}
    looks: dict[str, tuple[bool, bool]] = {}  # font name → (bold, italic)
    style_of: dict = {}  # a word's font (or fonts, as a frozenset) → its style
    for text, x0, top, x1, bottom, names in raw:
        first = names[0] if names else ""
        single = names.count(first) == len(names)  # one font (most words): no set, no Counter
        font = first if single else Counter(names).most_common(1)[0][0]
        if font not in converters:
            converters[font] = _legacy_converter(font)
        charmap = converters[font]
        if charmap is not None:
            from viparse.normalize.tables import convert

            text = convert(text, charmap)
        text = unicodedata.normalize("NFC", text)
        if not text.strip():
            continue
        words.append(Word(text, float(x0), float(top), float(x1), float(bottom)))
        key = first if single and names else frozenset(names)
        style = style_of.get(key)
        if style is None:
            distinct = set(names)
            for name in distinct:
                if name not in looks:
                    looks[name] = (bool(_BOLD.search(name)), bool(_ITALIC.search(name)))
            bold = all(looks[n][0] for n in distinct) if distinct else False
            italic = all(looks[n][1] for n in distinct) if distinct else False
            style = style_of[key] = ("bold italic" if bold and italic else "bold" if bold
                                     else "italic" if italic else "")
        styles[id(words[-1])] = style
    return words, styles


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words → visual lines: same vertical band, left to right."""
    if not words:
        return []
    heights = [w.bottom - w.top for w in words]
    tol = max(1.5, 0.45 * statistics.median(heights))
    lines: list[list[Word]] = []
    centers: list[float] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        c = (w.top + w.bottom) / 2
        if lines and abs(c - centers[-1]) <= tol:
            lines[-1].append(w)
            n = len(lines[-1])
            centers[-1] += (c - centers[-1]) / n
        else:
            lines.append([w])
            centers.append(c)
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _inside(word: Word, bbox) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def _table_grid(table, words: list[Word]) -> list[list[str]] | None:
    """A detected table as a full grid; a merged cell's text fills every slot it covers."""
    cells = [c for c in table.cells if c]
    if not cells:
        return None
    xs = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells} | {round(c[3], 1) for c in cells})

    def merge_close(values):
        out = []
        for v in values:
            if not out or v - out[-1] > 2:
                out.append(v)
        return out

    xs, ys = merge_close(xs), merge_close(ys)
    ncols, nrows = len(xs) - 1, len(ys) - 1
    if ncols < 1 or nrows < 1:
        return None
    grid = [[""] * ncols for _ in range(nrows)]

    def span(lo, hi, edges):
        return [i for i in range(len(edges) - 1) if edges[i] >= lo - 2 and edges[i + 1] <= hi + 2]

    for cell in cells:
        inside = [w for w in words if _inside(w, cell)]
        text = "\n".join(" ".join(w.text for w in line) for line in group_lines(inside))
        for r in span(cell[1], cell[3], ys):
            for c in span(cell[0], cell[2], xs):
                grid[r][c] = text
    return grid


def _widget_words(doc, index: int) -> list[Word]:
    """Text drawn by form-field widgets (a signing system stamps the số and ngày there).

    pdfminer does not render annotation appearances, so the number of a digitally
    issued document would be missing; pdfium can flatten them into page content.
    `doc` is a pypdfium2 document (pdfplumber's own annotation parsing recurses
    forever on some signature dictionaries, so pdfium finds the widgets too).
    """
    import ctypes

    import pypdfium2.raw as raw

    page = doc[index]
    height = page.get_height()
    rects = []
    for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                continue
            rect = raw.FS_RECTF()
            if raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                rects.append((rect.left, height - rect.top, rect.right, height - rect.bottom))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    if not rects:
        page.close()
        return []

    def page_chars(pg):
        textpage = pg.get_textpage()
        out = []
        for k in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(k)
            out.append((round((left + right) / 2, 1), round(height - (top + bottom) / 2, 1),
                        textpage.get_text_range(k, 1)))
        return out

    before = Counter(page_chars(page))
    raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY)
    page.close()
    page = doc[index]  # flattening takes effect on the reloaded page
    chars = []
    for ch in page_chars(page):
        # only what flattening added: the page's own text is already in pdfplumber's words
        if before[ch] > 0:
            before[ch] -= 1
        else:
            chars.append(ch)
    page.close()
    words = []
    for x0, top, x1, bottom in rects:
        # by character centre: a bounded-text query also returns clipped neighbours
        text = "".join(c for cx, cy, c in chars if x0 <= cx <= x1 and top <= cy <= bottom)
        text = unicodedata.normalize("NFC", " ".join(text.split()))
        if text:
            words.append(Word(text, float(x0), float(top), float(x1), float(bottom)))
    return words


def _text_layer_blocks(page, page_no: int, extra: list[Word] = (), fast_words=None) -> list[tuple[float, float, Block]]:
    """Blocks of a page: from pdfium's words when it could read them (a page no table can
    be on), else from pdfplumber's words and tables."""
    words, styles = _styled_words(fast_words) if fast_words is not None else _page_words(page)
    words.extend(extra)
    items: list[tuple[float, float, Block]] = []
    tables = []
    try:
        found = [] if fast_words is not None else page.find_tables(
            {"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    except Exception:  # a malformed drawing stream must not lose the page's text
        found = []
    for t in found:
        grid = _table_grid(t, words)
        # a lone ruled box (a frame around a title or a stamp) is not a table
        if not grid or (len(grid) < 2 and len(grid[0]) < 2):
            continue
        tables.append(t.bbox)
        items.append((t.bbox[1], t.bbox[0], Block(text="", page=page_no, rows=grid, bbox=tuple(t.bbox))))
    free = [w for w in words if not any(_inside(w, b) for b in tables)]
    for line in group_lines(free):
        for piece in split_on_gaps(line):
            text = " ".join(w.text for w in piece)
            kinds = {styles.get(id(w), "") for w in piece}
            style = kinds.pop() if len(kinds) == 1 else None
            bbox = (min(w.x0 for w in piece), min(w.top for w in piece),
                    max(w.x1 for w in piece), max(w.bottom for w in piece))
            items.append((min(w.top for w in line), bbox[0],
                          Block(text=text, page=page_no, bbox=tuple(round(v, 2) for v in bbox), style=style or None)))
    items.sort(key=lambda it: (it[0], it[1]))
    return items


# ---------------------------------------------------------------- clean-up across pages


def _margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _drop_running(pages: list[list[Block]], heights: list[float]) -> None:
    """Remove running headers/footers and page numbers, in place."""
    def zone(block: Block, height: float, margin: float) -> bool:
        if block.bbox is None or not height:
            return False
        return block.bbox[1] < margin * height or block.bbox[3] > (1 - margin) * height

    counts: Counter[str] = Counter()
    for blocks, h in zip(pages, heights):
        counts.update({_margin_key(b.text) for b in blocks if not b.rows and zone(b, h, MARGIN)})
    threshold = max(2, (len(pages) + 1) // 2)
    for i, (blocks, h) in enumerate(zip(pages, heights)):
        keep = []
        for b in blocks:
            if not b.rows and zone(b, h, NUMBER_MARGIN) and _PAGE_NUMBER.match(b.text):
                continue
            if len(pages) > 1 and not b.rows and zone(b, h, MARGIN) and counts[_margin_key(b.text)] >= threshold:
                continue
            keep.append(b)
        pages[i] = keep


def _merge_tables(pages: list[list[Block]]) -> list[Block]:
    """Concatenate pages, joining a ruled table that continues at the top of the next page."""
    out: list[Block] = []
    for blocks in pages:
        for k, b in enumerate(blocks):
            prev = out[-1] if out else None
            if (k == 0 and b.rows and prev is not None and prev.rows and prev.page_of_row(len(prev.rows) - 1) == b.page - 1
                    and len(prev.rows[0]) == len(b.rows[0])):
                if prev.row_pages is None:
                    prev.row_pages = [prev.page] * len(prev.rows)
                rows = b.rows
                if rows and rows[0] == prev.rows[0]:
                    rows = rows[1:]  # a header row Word repeats on every page
                if rows and not rows[0][0].strip() and prev.rows[-1][0].strip() and any(c.strip() for c in rows[0]):
                    # a row split by the page break: its continuation has no STT of its own
                    last = prev.rows[-1]
                    prev.rows[-1] = [(a + "\n" + c).strip() if c and c != a else a for a, c in zip(last, rows[0])]
                    rows = rows[1:]
                prev.rows.extend(rows)
                prev.row_pages.extend([b.page] * len(rows))
                continue
            out.append(b)
    return out


# ---------------------------------------------------------------- read


def widget_blocks(items, extra: list[Word]) -> list[Block]:
    """Line blocks made only of widget words (identity, not equality: blocks are dataclasses)."""
    if not extra:
        return []
    boxes = [(w.x0, w.top, w.x1, w.bottom) for w in extra]
    out = []
    for _, _, b in items:
        if b.rows is None and b.bbox is not None and any(
                b.bbox[0] >= x0 - 1 and b.bbox[2] <= x1 + 1 and b.bbox[1] >= t - 1 and b.bbox[3] <= bt + 1
                for x0, t, x1, bt in boxes):
            out.append(b)
    return out


def _needs_ocr(page, text: str) -> bool:
    """No text layer, a garbage one, or a scan with only a few stray words on it.

    `page` None: pdfium read the page and found pictures on under a third of it."""
    if len(text.strip()) < MIN_TEXT_CHARS or text_quality(text) < 0.75:
        return True
    if page is None:
        return False
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, (float(im["x1"]) - float(im["x0"])) * (float(im["bottom"]) - float(im["top"])))
                  for im in page.images)
    # a full-page picture carrying under ~4 lines of text is a scan with a stamp or banner on it
    return covered / area > 0.6 and len(text.strip()) < 300


def _open(path: Path):
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path), password="")
        _ = len(pdf.pages)
        return pdf
    except Exception as exc:
        # pdfplumber wraps pdfminer's error (PDFPasswordIncorrect ...) without its message
        chain, cur = [], exc
        while cur is not None and len(chain) < 5:
            chain.append(f"{type(cur).__name__} {cur} {cur.args!r}")
            cur = cur.__cause__ or cur.__context__
        try:
            import pypdfium2 as pdfium

            pdfium.PdfDocument(str(path)).close()
        except Exception as other:  # pdfium names a wrong password plainly
            chain.append(f"{type(other).__name__} {other}")
        text = " ".join(chain).lower()
        name = type(exc).__name__
        if "password" in text or "encrypt" in text:
            raise ReadError(f"{path}: encrypted PDF (password required)") from exc
        raise ReadError(f"{path}: corrupt or truncated PDF ({name}: {str(exc).splitlines()[0] if str(exc) else 'unreadable'})") from exc


# pdfium is not thread-safe: OCR workers rendering pages side by side crashed the process
# (a segfault in about one run of three on a 3-page scan); rendering is brief next to OCR
_PDFIUM_LOCK = threading.Lock()


def _renderer(path: Path, index: int):
    def render():
        import pypdfium2 as pdfium

        with _PDFIUM_LOCK:
            doc = pdfium.PdfDocument(str(path))
            try:
                return doc[index].render(scale=OCR_DPI / 72).to_pil()
            finally:
                doc.close()
    return render


def _pdfium_words(pdfium_doc, index: int, fonts, page):
    """pdfium's words of a page, or None when pdfplumber must read it (pdf_chars.py)."""
    from pipeline.readers import pdf_chars

    pdfium_page = pdfium_doc[index]
    try:
        return pdf_chars.page_words(pdfium_page, fonts.for_page(page.page_obj))
    finally:
        pdfium_page.close()


def read(path: Path) -> Source:
    from pipeline.readers import sha256_of

    path = Path(path)
    import pypdfium2 as pdfium

    pdf = _open(path)
    try:
        pdfium_doc = pdfium.PdfDocument(str(path))
    except Exception:  # pdfplumber could open it; widgets are a bonus
        pdfium_doc = None
    fonts = None
    if pdfium_doc is not None and os.environ.get("KEHOACH_PDF_READER", "auto") != "pdfplumber":
        from pipeline.readers import pdf_chars

        fonts = pdf_chars.FontTable(pdf)
    pages: list[list[Block]] = []
    heights: list[float] = []
    to_ocr: list[int] = []
    warnings: list[str] = []
    try:
        n = len(pdf.pages)
        if n == 0:
            raise ReadError(f"{path}: PDF has no pages")
        for i, page in enumerate(pdf.pages):
            heights.append(float(page.height))
            fast_words = None
            try:
                extra = _widget_words(pdfium_doc, i) if pdfium_doc is not None else []
                if fonts is not None:
                    fast_words = _pdfium_words(pdfium_doc, i, fonts, page)
                items = _text_layer_blocks(page, i + 1, extra, fast_words)
            except ReadError:
                raise
            except Exception as exc:  # a broken page: OCR may still read its image
                warnings.append(f"page {i + 1}: text layer unreadable ({type(exc).__name__}); OCR used")
                items = []
            stamped = {id(b) for b in widget_blocks(items, extra)}
            own = " ".join(" ".join(" ".join(r) for r in b.rows) if b.rows else b.text
                           for _, _, b in items if id(b) not in stamped)
            if _needs_ocr(page if fast_words is None else None, own):
                to_ocr.append(i)
                # keep what widgets stamped on the page (a signing banner); OCR adds the rest
                pages.append([b for _, _, b in items if id(b) in stamped])
            else:
                pages.append([b for _, _, b in items])
            # pdfplumber keeps every page's characters and layout until the document closes
            # (4-7 MiB a page); released here, memory stays flat however long the PDF is
            page.close()
    finally:
        pdf.close()
        if pdfium_doc is not None:
            pdfium_doc.close()
    if to_ocr:
        from pipeline.readers import ocr  # numpy, Pillow and Tesseract only for pages that need them

        limit = max_ocr_pages()
        if len(to_ocr) > limit:
            raise ReadError(f"{path}: {len(to_ocr)} pages need OCR, over the limit of {limit} "
                            f"(set KEHOACH_MAX_OCR_PAGES to raise it)")
        jobs = []
        for i in to_ocr:
            # OCR boxes come back in 300-dpi pixels; scale them to PDF points like the text layer
            jobs.append((_renderer(path, i), i + 1, OCR_DPI, 72 / OCR_DPI))
        for i, blocks in zip(to_ocr, ocr.ocr_pages(jobs, label=path.name)):
            ocr.insert_by_top(blocks, pages[i])  # widget text (a signing banner) kept from the layer
            pages[i] = blocks
    _drop_running(pages, heights)
    blocks = _merge_tables(pages)
    return Source(path=path, format="pdf", sha256=sha256_of(path), pages=len(pages), blocks=blocks,
                  ocr=bool(to_ocr), warnings=warnings)
