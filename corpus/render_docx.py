"""Word (.docx) rendering, laid out like a real Vietnamese administrative document.

- the header is a borderless two-column table (issuer | national motto), as
  Nghị định 30/2020/NĐ-CP prescribes and as every real plan is typed;
- numbered items use Word *automatic numbering* (numbering.xml + numPr), so
  "1." is not in the paragraph text: a reader must rebuild it, as with real files;
- task tables are real tables with merged group rows and merged lead cells;
- the signature block is a borderless table (Nơi nhận | chữ ký).
The zip is written with fixed timestamps so one seed gives one file.
"""
from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from .model import Bullet, Field, Header, Heading, Item, Para, Signature, Table, Title, runs

FONT = "Times New Roman"

# level-0 and level-1 styles of model.Item -> (numFmt, lvlText)
LEVEL_FORMATS = {
    "1.": ("decimal", "%1."), "1-": ("decimal", "%1-"), "(1)": ("decimal", "(%1)"),
    "1.1.": ("decimal", "%1.%2."), "1.1-": ("decimal", "%1.%2-"), "a)": ("lowerLetter", "%2)"),
}


class _Numbering:
    """Adds one abstractNum per numbering style and one num (restarting at 1) per list."""

    def __init__(self, doc):
        self.root = doc.part.numbering_part.element
        self.abstract: dict[tuple, int] = {}
        self.nums: dict[int, int] = {}

    def num_id(self, list_id: int, fmt: tuple[str, str]) -> int:
        if list_id in self.nums:
            return self.nums[list_id]
        if fmt not in self.abstract:
            aid = 100 + len(self.abstract)
            levels = ""
            for ilvl, style in enumerate(fmt):
                numfmt, text = LEVEL_FORMATS[style]
                levels += (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{numfmt}"/>'
                           f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                           f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>')
            el = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                           f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
            first_num = self.root.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(el)  # schema order: every abstractNum before any num
            else:
                self.root.append(el)
            self.abstract[fmt] = aid
        nid = 100 + len(self.nums)
        # nums sharing an abstractNum would continue its count: restart each list at 1
        restart = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>' for i in (0, 1))
        self.root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}">'
                                   f'<w:abstractNumId w:val="{self.abstract[fmt]}"/>{restart}</w:num>'))
        self.nums[list_id] = nid
        return nid


def _font(run, size=None, bold=None, italic=None):
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def _par(container, text="", *, align=None, bold=False, italic=False, size=None, indent=False, space_after=4):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(space_after)
    pf.space_before = Pt(0)
    if indent:
        pf.first_line_indent = Cm(1)
    for t, b, i in runs(text):
        _font(p.add_run(t), size, bold or b, italic or i)
    return p


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def _widths(table, widths) -> None:
    """Word and LibreOffice read cell widths, not column widths: set both."""
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    for col, w in zip(table.columns, widths):
        col.width = w


def _cell_text(cell, lines, *, bold_from=0, align=WD_ALIGN_PARAGRAPH.CENTER, size=13, italic_last=False,
               bold_all=False):
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    for i, line in enumerate(lines):
        italic = italic_last and i == len(lines) - 1
        _par(cell, line, align=align, bold=bold_all or (i >= bold_from and not italic), italic=italic, size=size,
             space_after=0)


def render_docx(blocks: list, rng: random.Random, path: Path, auto: bool | None = None) -> None:
    """Write `blocks` to `path`; `auto` forces Word numbering on (True) or off (False)."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    numbering = _Numbering(doc)
    draw = rng.random() < 0.85  # most typists use Word's numbering; some type "1." by hand
    auto = draw if auto is None else auto
    J = WD_ALIGN_PARAGRAPH.JUSTIFY

    for blk in blocks:
        if isinstance(blk, Header):
            t = doc.add_table(rows=2, cols=2)
            _no_borders(t)
            _widths(t, [Cm(7), Cm(9.5)])
            left = blk.left + (["*"] if blk.star else ["-------"])
            _cell_text(t.cell(0, 0), left, bold_from=blk.bold_from, size=13)
            _cell_text(t.cell(0, 1), blk.national + ["---------------"], bold_all=True, size=13)
            _cell_text(t.cell(1, 0), [blk.number_line], bold_from=1, size=13)
            _cell_text(t.cell(1, 1), [blk.place_date], italic_last=True, size=13)
            _par(doc, "")
        elif isinstance(blk, Title):
            _par(doc, blk.kind_word, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
            for line in blk.lines:
                _par(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
            _par(doc, "")
        elif isinstance(blk, Para):
            _par(doc, blk.text, align=J, indent=True)
        elif isinstance(blk, Heading):
            if blk.newline:
                _par(doc, blk.marker, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, space_after=0)
                _par(doc, blk.text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            else:
                _par(doc, f"{blk.marker} {blk.text}", bold=True, indent=True)
        elif isinstance(blk, Item):
            if auto:
                p = _par(doc, blk.text, align=J, bold=blk.bold)
                num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = blk.level
                num_pr.get_or_add_numId().val = numbering.num_id(blk.list_id, blk.fmt)
            else:
                _par(doc, f"{blk.marker} {blk.text}", align=J, bold=blk.bold, indent=True)
        elif isinstance(blk, Field):
            sep = ":" if blk.colon else ""
            _par(doc, f"{blk.bullet} *{blk.label}{sep}* {blk.value}", align=J, indent=True)
        elif isinstance(blk, Bullet):
            _par(doc, f"{blk.bullet} {blk.text}", align=J, indent=True)
        elif isinstance(blk, Table):
            _table(doc, blk)
            _par(doc, "")
        elif isinstance(blk, Signature):
            _signature(doc, blk)

    props = doc.core_properties
    fixed = datetime(2024, 1, 1, tzinfo=timezone.utc)
    props.created = props.modified = props.last_printed = fixed
    props.author = props.last_modified_by = "kehoach corpus"
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_stable_zip(buf.getvalue()))


def _table(doc, blk: Table) -> None:
    t = doc.add_table(rows=1 + len(blk.rows), cols=len(blk.header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(blk.widths)
    _widths(t, [Cm(16.5 * w / total) for w in blk.widths])
    for i, h in enumerate(blk.header):
        _cell_text(t.cell(0, i), [h], bold_all=True, size=12)
    # the header row repeats on every page the table crosses
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    merged_below = {(r, c) for c, r0, r1 in blk.vmerge for r in range(r0 + 1, r1 + 1)}
    for r, row in enumerate(blk.rows):
        for c, text in enumerate(row):
            if (r, c) in merged_below:
                text = ""  # python-docx joins the texts of merged cells: leave only the first
            align = WD_ALIGN_PARAGRAPH.CENTER if c == 0 else WD_ALIGN_PARAGRAPH.LEFT
            _cell_text(t.cell(r + 1, c), [text], align=align, size=12, bold_all=r in blk.group_rows)
        if r in blk.group_rows:
            t.cell(r + 1, 1).merge(t.cell(r + 1, len(row) - 1))
    for c, r0, r1 in blk.vmerge:
        t.cell(r0 + 1, c).merge(t.cell(r1 + 1, c))


def _signature(doc, s: Signature) -> None:
    t = doc.add_table(rows=1, cols=2)
    _no_borders(t)
    _widths(t, [Cm(8), Cm(8.5)])
    left = t.cell(0, 0)
    left.paragraphs[0]._element.getparent().remove(left.paragraphs[0]._element)
    _par(left, "Nơi nhận:", bold=True, italic=True, size=12, space_after=0)
    for r in s.recipients:
        _par(left, f"- {r}", size=11, space_after=0)
    top = [x for x in (s.authority, s.position) if x]
    lines = top + ["", "(Đã ký)" if s.signed_note else "", "", "", s.name]
    _cell_text(t.cell(0, 1), lines, bold_all=True, size=14)


def _stable_zip(data: bytes) -> bytes:
    """Same content -> same bytes: zip entries get a fixed date."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()
