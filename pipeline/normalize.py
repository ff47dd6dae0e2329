"""normalize: Source → Text. Clean every string, re-join what layout broke, keep the offset map.

Visual lines of a PDF or a scan are joined into paragraphs; a document number
split over a line or page break ("Chỉ thị số 34-" / "CT/TW") becomes one token
again. Each output line records the source pieces it was made of.
"""
from __future__ import annotations

import re

from extractors.grammar import NUMBER, PAGE_FURNITURE, ends_inside_number, kind_words, number_follows, number_joins_tight, opens_paragraph
from extractors.lexicon import any_of
from extractors.text import Line, Table, Text, clean
from pipeline.source import Source

_STAMP_FIELD = re.compile(r"^\s*" + any_of("signature_stamp_fields.txt") + r"\s*:")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


# A law-library crawler opens each section of a page with the document's name there, "Quyết định 435/QĐ-UBND
# năm 2020. " (and its subject, "Công văn 296/BHXH-CSYT năm 2021 hướng dẫn ... ban hành. "), then the path of
# headings above it ("CHƯƠNG TRÌNH HÀNH ĐỘNG. II. NỘI DUNG HOẠT ĐỘNG"): the site's, not the document's
_BREADCRUMB = re.compile(r"^(?:" + kind_words() + r")\s+" + NUMBER + r"\s+năm\s+\d{4}\b[^.\n]*\.\s+(?=\S)")
_NUMBERED_HEADING = re.compile(r"^(?:[IVX]+|\d+)\.\s")


def _without_breadcrumb(raw: str) -> list[str]:
    """A line without the crawler's name of the document and path of headings before its words; the
    heading of an attached document named in the path stands on a line of its own, over its title."""
    m = _BREADCRUMB.match(raw)
    if not m:
        return [raw]
    rest, path = raw[m.end():], []
    while (cut := rest.find(". ")) >= 3 and rest[:cut].isupper() and not _NUMBERED_HEADING.match(rest):
        path.append(rest[:cut])
        rest = rest[cut + 2:].lstrip()
    if path and not _NUMBERED_HEADING.match(rest):
        return [path[0], rest]  # "CHƯƠNG TRÌNH HÀNH ĐỘNG" / "TRIỂN KHAI ... (Ban hành kèm theo ...)"
    return [rest]


def _visual_lines(source: Source):
    """Yield (block index, table block) or (block index, (block, one line of its text))."""
    for bi, block in enumerate(source.blocks):
        if block.is_table:
            yield bi, block
            continue
        for line in block.text.split("\n"):
            for part in _without_breadcrumb(line):
                yield bi, (block, part)


def normalize(source: Source) -> Text:
    """Build the normalised Text of a Source (see module docstring)."""
    pieces_text: list[str] = []
    lines: list[Line] = []
    tables: list[Table] = []
    pos = 0

    def add_line(text: str, page: int, pieces, **kw) -> int:
        nonlocal pos
        if lines or pieces_text:
            pieces_text.append("\n")
            pos += 1
        start = pos
        pieces_text.append(text)
        pos += len(text)
        lines.append(Line(start=start, end=pos, page=page,
                          pieces=[(start + off, bi, bstart, ln) for off, bi, bstart, ln in pieces], **kw))
        return len(lines) - 1

    pending: list[tuple] = []  # paragraph being assembled from visual lines: (text, block index, block)
    right_margin = _right_margins(source)

    def flush():
        if not pending:
            return
        text, pieces = "", []
        for part, bi, block in pending:
            sep = "" if (not text or number_joins_tight(text, part)) else " "
            text += sep
            pieces.append((len(text), bi, 0, len(part)))
            text += part
        first = pending[0][2]
        add_line(text, first.page, pieces, style=first.style, confidence=first.confidence)
        pending.clear()

    after_furniture = False  # the line before was the page's furniture: its page number or stamp fields go too
    for bi, item in _visual_lines(source):
        if not isinstance(item, tuple):  # a table
            flush()
            tables.append(_add_table(item, bi, len(tables), add_line, lines, source))
            continue
        block, raw = item
        if PAGE_FURNITURE.match(raw) or (after_furniture and (_PAGE_NUMBER.match(raw) or _STAMP_FIELD.match(raw))):
            after_furniture = True
            continue  # dropped without ending the paragraph: a page break can fall inside one
        after_furniture = False
        part = _ocr_repaired(clean(raw), block, source)
        if not part:  # a blank line ends a paragraph, unless a number was split across it
            if not (pending and ends_inside_number(pending[-1][0])):
                flush()
            continue
        if pending and not _continues(pending, part, block, right_margin):
            flush()
        pending.append((part, bi, block))
        if block.bbox is None and not ends_inside_number(part):
            flush()  # txt/docx blocks are whole paragraphs already
    flush()
    return Text(text="".join(pieces_text), lines=lines, tables=tables)


_ENDS_SENTENCE = re.compile(r"[.:;!?]\s*$")


def _right_margins(source: Source) -> dict[int, float]:
    """Where full lines end on each page (most lines run to the right margin)."""
    ends: dict[int, list[float]] = {}
    for b in source.blocks:
        if b.bbox and not b.is_table:
            ends.setdefault(b.page, []).append(b.bbox[2])
    return {page: sorted(xs)[int(len(xs) * 0.8)] for page, xs in ends.items() if xs}


def _continues(pending: list, part: str, block, right_margin: dict[int, float]) -> bool:
    """Does visual line `part` continue the paragraph in `pending`? A paragraph ends with a
    short line (it stops before the right margin) or the next one starts indented."""
    prev_text, _, prev_block = pending[-1]
    if number_joins_tight(prev_text, part) or number_follows(prev_text, part):
        return True
    if prev_text.endswith(",") and part[:1].islower():  # a list broken after its comma (Word paragraphs too)
        return True
    if block.bbox is None or prev_block.bbox is None or block.page != prev_block.page:
        return False
    if opens_paragraph(part) or _ENDS_SENTENCE.search(prev_text):
        return False
    if prev_text.isupper() != part.isupper():  # a capitalised heading does not run into body text
        return False
    height = max(prev_block.bbox[3] - prev_block.bbox[1], 1.0)
    gap = block.bbox[1] - prev_block.bbox[3]
    if block.bbox[0] > prev_block.bbox[0] + 0.7 * height:  # first-line indent of a new paragraph
        return False
    room = right_margin.get(prev_block.page, prev_block.bbox[2]) - prev_block.bbox[2]
    char_width = (prev_block.bbox[2] - prev_block.bbox[0]) / max(len(prev_text), 1)
    first_word = len(part.split()[0]) + 1
    if room > max(2.5 * height, first_word * char_width * 1.1):
        return False  # the previous line stopped short though the next word would have fitted: it ended there
    return -height < gap < 1.2 * height


def _ocr_repaired(text: str, block, source: Source) -> str:
    """OCR lines only (a block with a confidence came from Tesseract): undo what OCR breaks
    in labels, headings and numbers, one visual line at a time, before lines are joined.
    Guessed repairs are noted in source.warnings, which become the record's warnings."""
    if block.confidence is None or not text:
        return text
    # imported for OCR only: the repairs' patterns and rapidfuzz are a tenth of a text PDF's start-up
    from extractors.repair import repair_ocr_line

    text, notes = repair_ocr_line(text)
    source.warnings.extend(n for n in notes if n not in source.warnings)
    return text


def _add_table(block, bi, table_index, add_line, lines, source: Source) -> Table:
    """Every cell paragraph becomes a line; a merged cell (same text as its left or upper
    neighbour) is written once and referenced from each grid position it covers."""
    grid: list[list[list[int]]] = []
    for r, row in enumerate(block.rows):
        out_row: list[list[int]] = []
        for c, cell in enumerate(row):
            cell = cell or ""
            if block.merged_down and (r, c) in block.merged_down and c < len(grid[-1]):
                out_row.append(grid[-1][c])
                continue
            if block.repeats_are_merges and c > 0 and cell.strip() and cell == row[c - 1]:
                out_row.append(out_row[-1])
                continue
            if block.repeats_are_merges and r > 0 and cell.strip() and c < len(block.rows[r - 1]) \
                    and cell == block.rows[r - 1][c] \
                    and c < len(grid[-1]):
                out_row.append(grid[-1][c])
                continue
            ids = []
            # In a PDF or a scan a line break inside a cell is where the column wrapped, not a paragraph
            paras = [" ".join(cell.split("\n"))] if block.bbox is not None else cell.split("\n")
            for para in paras:
                para = _ocr_repaired(clean(para), block, source)
                if para:
                    ids.append(add_line(para, block.page_of_row(r), [(0, bi, 0, len(para))], kind="cell",
                                        table=None, row=r, col=c, style=block.style))
            out_row.append(ids)
        grid.append(out_row)
    for row in grid:
        for ids in row:
            for i in ids:
                lines[i].table = table_index
    return Table(cells=grid, page=block.page)
