"""Text PDF rendering (reportlab) with a real text layer.

DejaVu TrueType fonts are embedded so every Vietnamese glyph renders and is
extractable. Task tables are drawn with grid lines and may break over a page
(header row repeated); pages after the first carry a running header and the
page number at the top, as Vietnamese documents number them.
Returns where the signature space was drawn, so the scan can stamp there
without covering text.
"""
from __future__ import annotations

import os
import random
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table as RLTable, TableStyle

from .model import Bullet, Field, Header, Heading, Item, Para, Signature, Table, Title, runs

rl_config.invariant = 1  # no timestamp or random id in the file: one seed, one PDF

FONT_DIRS = [os.environ.get("KEHOACH_FONT_DIR", ""), "/usr/share/fonts/truetype/dejavu",
             "/usr/share/fonts/dejavu", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")]
_registered = False


def _register_fonts() -> None:
    """Register DejaVu Serif/Sans (regular, bold, italic): they cover Vietnamese."""
    global _registered
    if _registered:
        return
    for family in ("DejaVuSerif", "DejaVuSans"):
        files = {"": f"{family}.ttf", "-Bold": f"{family}-Bold.ttf",
                 "-Italic": f"{family}-{'Italic' if family == 'DejaVuSerif' else 'Oblique'}.ttf",
                 "-BoldItalic": f"{family}-{'BoldItalic' if family == 'DejaVuSerif' else 'BoldOblique'}.ttf"}
        for suffix, fname in files.items():
            path = next((Path(d) / fname for d in FONT_DIRS if d and (Path(d) / fname).exists()), None)
            if path is None:
                raise FileNotFoundError(f"{fname} not found; install fonts-dejavu-core or set KEHOACH_FONT_DIR")
            pdfmetrics.registerFont(TTFont(family + suffix, str(path)))
        pdfmetrics.registerFontFamily(family, normal=family, bold=family + "-Bold", italic=family + "-Italic",
                                      boldItalic=family + "-BoldItalic")
    _registered = True


def _xml(text: str) -> str:
    """Model markup (*i*, **b**) -> reportlab paragraph markup."""
    out = []
    for t, b, i in runs(text):
        t = escape(t)
        if b:
            t = f"<b>{t}</b>"
        if i:
            t = f"<i>{t}</i>"
        out.append(t)
    return "".join(out)


class _SignatureSpot(Flowable):
    """Blank space where the signature goes; remembers where it was drawn."""

    def __init__(self, width: float, height: float, sink: dict):
        super().__init__()
        self.width, self.height, self.sink = width, height, sink

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self.sink.update(page=self.canv.getPageNumber(), x=x, y=y, w=self.width, h=self.height)


def render_pdf(blocks: list, rng: random.Random, path: Path, running_head: str, compact: bool = False) -> dict:
    """`compact` sets smaller type with tighter lines (the copy that gets scanned stays 2-3 pages)."""
    _register_fonts()
    font = "DejaVuSerif" if rng.random() < 0.75 else "DejaVuSans"
    size = rng.choice([10, 10.5]) if compact else rng.choice([11, 11.5, 12])
    lead = 1.22 if compact else 1.35
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * lead, alignment=TA_JUSTIFY,
                          firstLineIndent=1 * cm, spaceAfter=4)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    head_l = ParagraphStyle("head", parent=center, fontSize=size - 1.5, leading=(size - 1.5) * 1.3)
    cell = ParagraphStyle("cell", parent=body, fontSize=size - 2, leading=(size - 2) * 1.25, firstLineIndent=0,
                          alignment=TA_LEFT, spaceAfter=0)
    cell_c = ParagraphStyle("cellc", parent=cell, alignment=TA_CENTER)
    small = ParagraphStyle("small", parent=cell, fontSize=size - 2.5, leading=(size - 2.5) * 1.25)
    width = A4[0] - 3 * cm - 2 * cm
    story: list = []
    signature: dict = {}

    for blk in blocks:
        if isinstance(blk, Header):
            left = [f"<b>{escape(x)}</b>" if i >= blk.bold_from else escape(x) for i, x in enumerate(blk.left)]
            left.append("*" if blk.star else "_______")
            right = [f"<b>{escape(x)}</b>" for x in blk.national] + ["_______________"]
            t = RLTable([[Paragraph("<br/>".join(left), head_l), Paragraph("<br/>".join(right), head_l)],
                         [Paragraph(escape(blk.number_line), head_l),
                          Paragraph(f"<i>{escape(blk.place_date)}</i>", head_l)]],
                        colWidths=[width * 0.38, width * 0.62])
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [t, Spacer(1, 0.5 * cm)]
        elif isinstance(blk, Title):
            story.append(Paragraph(f"<b>{escape(blk.kind_word)}</b>", center))
            story.append(Paragraph("<br/>".join(f"<b>{escape(x)}</b>" for x in blk.lines), center))
            story.append(Spacer(1, 0.4 * cm))
        elif isinstance(blk, Para):
            story.append(Paragraph(_xml(blk.text), body))
        elif isinstance(blk, Heading):
            if blk.newline:
                story.append(Paragraph(f"<b>{escape(blk.marker)}<br/>{escape(blk.text)}</b>", center))
            else:
                story.append(Paragraph(f"<b>{escape(blk.marker)} {escape(blk.text)}</b>", body))
        elif isinstance(blk, Item):
            t = f"{escape(blk.marker)} {_xml(blk.text)}"
            story.append(Paragraph(f"<b>{t}</b>" if blk.bold else t, body))
        elif isinstance(blk, Field):
            sep = ":" if blk.colon else ""
            story.append(Paragraph(f"{escape(blk.bullet)} <i>{escape(blk.label)}{sep}</i> {_xml(blk.value)}", body))
        elif isinstance(blk, Bullet):
            story.append(Paragraph(f"{escape(blk.bullet)} {_xml(blk.text)}", body))
        elif isinstance(blk, Table):
            story.append(_table(blk, cell, cell_c, width))
            story.append(Spacer(1, 0.3 * cm))
        elif isinstance(blk, Signature):
            rec = [Paragraph("<b><i>Nơi nhận:</i></b>", small)] + [Paragraph(f"- {escape(r)}", small)
                                                                     for r in blk.recipients]
            top = "<br/>".join(f"<b>{escape(x)}</b>" for x in (blk.authority, blk.position) if x)
            right = [Paragraph(top, center), _SignatureSpot(width * 0.45, 2.6 * cm, signature)]
            if blk.signed_note:
                right.append(Paragraph("<i>(Đã ký)</i>", center))
            right.append(Paragraph(f"<b>{escape(blk.name)}</b>", center))
            t = RLTable([[rec, right]], colWidths=[width * 0.5, width * 0.5])
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [Spacer(1, 0.3 * cm), t]

    pages = {"n": 0}

    def first(canvas, doc):
        pages["n"] = doc.page

    def later(canvas, doc):
        pages["n"] = doc.page
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(3 * cm, A4[1] - 1.1 * cm, running_head)
        canvas.setFont(font, 11)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(A4[0] / 2 + 0.5 * cm, A4[1] - 1.1 * cm, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=3 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm, title="", author="", subject="", creator="kehoach corpus")
    doc.build(story, onFirstPage=first, onLaterPages=later)
    return {"pages": pages["n"], "signature": signature}


def _table(blk: Table, cell: ParagraphStyle, cell_c: ParagraphStyle, width: float) -> RLTable:
    total = sum(blk.widths)
    col_w = [width * w / total for w in blk.widths]
    merged_below = {(r, c) for c, r0, r1 in blk.vmerge for r in range(r0 + 1, r1 + 1)}
    data = [[Paragraph(f"<b>{escape(h)}</b>", cell_c) for h in blk.header]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for r, row in enumerate(blk.rows, 1):
        cells = []
        for c, text in enumerate(row):
            if (r - 1, c) in merged_below:
                text = ""
            t = escape(text)
            if (r - 1) in blk.group_rows:
                t = f"<b>{t}</b>"
            cells.append(Paragraph(t, cell_c if c == 0 else cell))
        data.append(cells)
        if (r - 1) in blk.group_rows:
            style.append(("SPAN", (1, r), (-1, r)))
    for c, r0, r1 in blk.vmerge:
        style.append(("SPAN", (c, r0 + 1), (c, r1 + 1)))
    t = RLTable(data, colWidths=col_w, repeatRows=1)
    t.setStyle(TableStyle(style))
    return t
