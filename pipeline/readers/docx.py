"""Word .docx: paragraphs and tables in body order, with the numbering Word draws.

python-docx opens the package, but the body is walked as raw XML: its high-level
API drops what matters here — the order of paragraphs against tables, automatic
list numbers ("1.", "a)", "I-" that live in numbering.xml, not in the text),
merged-cell geometry, page breaks and legacy-font runs.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.source import Block, Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el, attr: str = "val"):
    return None if el is None else el.get(_q(attr))


def _on(el) -> bool | None:
    """A toggle property (<w:b/>, <w:b w:val="0"/>): None when absent."""
    if el is None:
        return None
    return _val(el) not in ("0", "false", "off", "none")


# ---------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    vanish: bool | None = None
    font: str | None = None
    page_break_before: bool | None = None


def _font_of(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(_q("rFonts"))
    if fonts is None:
        return None
    # ascii/hAnsi carry the Latin-script font, which is where .VnTime text lives
    return fonts.get(_q("ascii")) or fonts.get(_q("hAnsi"))


class _Styles:
    def __init__(self, root):
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_font: str | None = None
        if root is None:
            return
        defaults = root.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}")
        self.default_font = _font_of(defaults)
        for el in root.iter(_q("style")):
            sid = el.get(_q("styleId"))
            if not sid:
                continue
            st = _Style(name=_val(el.find(_q("name"))) or sid, based_on=_val(el.find(_q("basedOn"))))
            ppr = el.find(_q("pPr"))
            if ppr is not None:
                numpr = ppr.find(_q("numPr"))
                if numpr is not None:
                    st.num_id = _val(numpr.find(_q("numId")))
                    ilvl = _val(numpr.find(_q("ilvl")))
                    st.ilvl = int(ilvl) if ilvl and ilvl.isdigit() else None
                st.page_break_before = _on(ppr.find(_q("pageBreakBefore")))
            rpr = el.find(_q("rPr"))
            if rpr is not None:
                st.bold = _on(rpr.find(_q("b")))
                st.italic = _on(rpr.find(_q("i")))
                st.vanish = _on(rpr.find(_q("vanish")))
                st.font = _font_of(rpr)
            self.styles[sid] = st
            if el.get(_q("type")) == "paragraph" and el.get(_q("default")) in ("1", "true"):
                self.default_para = sid

    def lookup(self, sid: str | None, attr: str):
        """The first value of `attr` along the basedOn chain (cycles guarded)."""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            st = self.styles.get(sid)
            if st is None:
                return None
            value = getattr(st, attr)
            if value is not None:
                return value
            sid = st.based_on
        return None

    def name(self, sid: str | None) -> str | None:
        st = self.styles.get(sid or "")
        return st.name if st else None


# ---------------------------------------------------------------- numbering

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter lists go a..z, then aa..zz, aaa..: the letter repeats
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(n) if n > 0 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt in ("upperLetter", "lowerLetter"):
        text = _letters(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the exotic formats (ordinal, cardinalText...) as digits


def _symbol_char(ch: str) -> str:
    """Symbol/Wingdings glyphs sit in the private-use area at F000+byte."""
    code = ord(ch)
    if 0xF000 <= code <= 0xF0FF:
        low = code - 0xF000
        if 0x21 <= low < 0x7F and chr(low) in "-+*>=~o":
            return chr(low)
        return "•"
    return ch


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


def _parse_level(el) -> _Level:
    lvl = _Level()
    start = _val(el.find(_q("start")))
    if start and start.lstrip("-").isdigit():
        lvl.start = int(start)
    lvl.fmt = _val(el.find(_q("numFmt"))) or "decimal"
    text_el = el.find(_q("lvlText"))
    lvl.text = _val(text_el) or "" if text_el is not None else ""
    lvl.suffix = _val(el.find(_q("suff"))) or "tab"
    restart = _val(el.find(_q("lvlRestart")))
    lvl.restart = int(restart) if restart and restart.isdigit() else None
    lvl.legal = bool(_on(el.find(_q("isLgl"))))
    lvl.pstyle = _val(el.find(_q("pStyle")))
    return lvl


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride/lvl


class _Numbering:
    """Replays Word's list counters in document order.

    Counters belong to the abstract list, so two w:num sharing one abstractNum
    continue each other; a w:num with startOverride restarts its levels the first
    time it is used — that is how Word encodes "restart numbering".
    """

    def __init__(self, root, styles: _Styles):
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum numStyleLink -> style id
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.pending: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        for el in root.findall(_q("abstractNum")):
            aid = el.get(_q("abstractNumId"))
            self.abstract[aid] = {int(lvl.get(_q("ilvl"), "0")): _parse_level(lvl) for lvl in el.findall(_q("lvl"))}
            link = _val(el.find(_q("numStyleLink")))
            if link:
                self.style_link[aid] = link
        for el in root.findall(_q("num")):
            num = _Num(abstract=_val(el.find(_q("abstractNumId"))) or "")
            for ov in el.findall(_q("lvlOverride")):
                ilvl = int(ov.get(_q("ilvl"), "0"))
                so = _val(ov.find(_q("startOverride")))
                if so and so.lstrip("-").isdigit():
                    num.starts[ilvl] = int(so)
                lvl = ov.find(_q("lvl"))
                if lvl is not None:
                    num.levels[ilvl] = _parse_level(lvl)
                    if ilvl not in num.starts and lvl.find(_q("start")) is not None:
                        num.starts[ilvl] = num.levels[ilvl].start
            self.nums[el.get(_q("numId"))] = num

    def _abstract_id(self, num_id: str) -> str | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        # a list defined through a numbering style points at the style's own num
        for _ in range(3):
            link = self.style_link.get(aid)
            if not link or self.abstract.get(aid):
                break
            linked = self.styles.lookup(link, "num_id")
            if not linked or linked not in self.nums:
                break
            aid = self.nums[linked].abstract
        return aid

    def _level(self, num_id: str, aid: str, ilvl: int) -> _Level:
        num = self.nums[num_id]
        return num.levels.get(ilvl) or self.abstract.get(aid, {}).get(ilvl) or _Level(text="")

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        aid = self._abstract_id(num_id)
        for ilvl, lvl in self.abstract.get(aid or "", {}).items():
            if style_id and lvl.pstyle == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter for this paragraph and return the label Word draws."""
        aid = self._abstract_id(num_id)
        if aid is None:
            return ""
        num = self.nums[num_id]
        counters = self.counters.setdefault(aid, {})
        pending = self.pending.setdefault(aid, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for lv, start in num.starts.items():
                counters.pop(lv, None)
                pending[lv] = start
        lvl = self._level(num_id, aid, ilvl)
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = pending.pop(ilvl, lvl.start)
        for deeper in [lv for lv in counters if lv > ilvl]:
            restart = self._level(num_id, aid, deeper).restart
            # lvlRestart=n: restart after a level 1..n is used; 0: never; default: any higher level
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if lvl.fmt == "bullet":
            text = "".join(_symbol_char(c) for c in lvl.text)
        else:
            def sub(m: re.Match) -> str:
                k = int(m.group(1)) - 1
                ref = self._level(num_id, aid, k)
                value = counters.get(k, ref.start)
                fmt = "decimal" if lvl.legal and ref.fmt != "none" else ref.fmt
                return format_number(value, fmt)

            text = re.sub(r"%([1-9])", sub, lvl.text)
        text = text.strip()
        if not text:
            return ""
        return text + ("" if lvl.suffix == "nothing" else " ")


# ---------------------------------------------------------------- legacy fonts


def _legacy_charmap(font: str | None):
    """The viparse charmap for a TCVN3/VNI font name, plus whether it draws capitals."""
    if not font:
        return None, False
    from viparse.normalize.detector import detect_encoding
    from viparse.normalize.encodings import get_charmap

    enc = detect_encoding([font]).encoding  # TCVN3 for .Vn* fonts, VNI for VNI-*, else None
    if enc is None:
        return None, False
    # .VnTimeH, .VnArialH ...: TCVN3 has no accented capitals; the H font draws lower as upper
    upper = enc == "tcvn3" and font.rstrip().upper().endswith("H")
    return get_charmap(enc), upper


# ---------------------------------------------------------------- body walk

_SKIP = {_q("pPr"), _q("rPr"), _q("del"), _q("moveFrom"), _q("instrText"), _q("delText"),
         _q("footnoteReference"), _q("endnoteReference"), _q("commentReference"),
         f"{{{MC}}}Fallback"}
_PAGE_BREAK = "\x0c"  # marker inside collected text; never reaches a Block


class _Reader:
    def __init__(self, doc):
        self.doc = doc
        body = doc.element.body
        try:
            styles_root = doc.styles.element
        except Exception:  # a package without a styles part
            styles_root = None
        self.styles = _Styles(styles_root)
        numbering_root = None
        try:
            numbering_root = doc.part.numbering_part.element
        except Exception:  # no numbering part: NotImplementedError/KeyError depending on version
            numbering_root = None
        self.numbering = _Numbering(numbering_root, self.styles)
        # Word writes lastRenderedPageBreak where it last laid out a page: when present it
        # counts natural and explicit breaks alike, so explicit ones are then not added.
        self.rendered = body.find(f".//{_q('lastRenderedPageBreak')}") is not None
        self.section_types = [_val(s.find(_q("type"))) or "nextPage" for s in body.iter(_q("sectPr"))]
        self.section_index = 0
        self.page = 1
        self.blocks: list[Block] = []
        self.legacy_runs = 0

    # --- containers
    def walk(self, parent, out: list[Block]):
        for child in parent:
            tag = child.tag
            if tag == _q("p"):
                self.paragraph(child, out)
            elif tag == _q("tbl"):
                self.table(child, out)
            elif tag in (_q("sdt"), _q("customXml"), _q("sdtContent"), _q("ins"), _q("moveTo")):
                self.walk(child.find(_q("sdtContent")) if tag == _q("sdt") else child, out)
            elif tag == _q("sectPr"):
                continue

    # --- paragraphs
    def paragraph(self, p, out: list[Block]):
        ppr = p.find(_q("pPr"))
        sid = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        sid = sid or self.styles.default_para
        if not self.rendered and ppr is not None:
            pbb = _on(ppr.find(_q("pageBreakBefore")))
            if pbb is None:
                pbb = self.styles.lookup(sid, "page_break_before")
            if pbb:
                self.page += 1
        extra: list[Block] = []  # text boxes anchored in this paragraph
        parts: list[tuple[str, bool, bool]] = []  # (text, bold, italic) per run
        start_page = None

        def run(r):
            nonlocal start_page
            rpr = r.find(_q("rPr"))
            rstyle = _val(rpr.find(_q("rStyle"))) if rpr is not None else None

            def prop(name, attr):
                if rpr is not None:
                    v = _on(rpr.find(_q(name)))
                    if v is not None:
                        return v
                v = self.styles.lookup(rstyle, attr)
                return v if v is not None else self.styles.lookup(sid, attr)

            if prop("vanish", "vanish"):
                return
            font = _font_of(rpr) or self.styles.lookup(rstyle, "font") or self.styles.lookup(sid, "font") \
                or self.styles.default_font
            buf = []

            def collect(parent):
                for el in parent:
                    tag = el.tag
                    if tag in _SKIP:
                        continue
                    if tag == _q("t"):
                        buf.append(el.text or "")
                    elif tag == _q("tab"):
                        buf.append("\t")
                    elif tag in (_q("br"), _q("cr")):
                        if el.get(_q("type")) == "page":
                            if not self.rendered:
                                buf.append(_PAGE_BREAK)
                        elif el.get(_q("type")) != "column":
                            buf.append("\n")
                    elif tag == _q("lastRenderedPageBreak"):
                        buf.append(_PAGE_BREAK)
                    elif tag == _q("noBreakHyphen"):
                        buf.append("-")
                    elif tag == _q("softHyphen"):
                        # kept as U+00AD until the font is known: in TCVN3 byte 0xAD is "ư",
                        # and a .doc saved from .VnTime stores it as a soft hyphen
                        buf.append("\u00ad")
                    elif tag == _q("sym"):
                        try:
                            buf.append(_symbol_char(chr(int(el.get(_q("char")) or "", 16))))
                        except ValueError:
                            pass
                    elif tag == _q("txbxContent"):
                        self.walk(el, extra)  # a text box: its own blocks, after this paragraph
                    elif tag == f"{{{MC}}}AlternateContent":
                        choice = el.find(f"{{{MC}}}Choice")
                        if choice is not None:
                            collect(choice)
                    elif len(el):
                        collect(el)  # drawing, pict, object ... down to a text box

            collect(r)
            text = "".join(buf)
            charmap, upper = _legacy_charmap(font)
            if charmap is not None and text.strip():
                from viparse.normalize.tables import convert

                self.legacy_runs += 1
                text = convert(text, charmap)
                if upper:
                    text = text.upper()
            text = text.replace("\u00ad", "")  # soft hyphen: only after TCVN3, where 0xAD is ư
            for i, piece in enumerate(text.split(_PAGE_BREAK)):
                if i:
                    self.page += 1
                if piece.strip() and start_page is None:
                    start_page = self.page
                parts.append((piece, bool(prop("b", "bold")), bool(prop("i", "italic"))))

        def inline(parent):
            for child in parent:
                tag = child.tag
                if tag in _SKIP:
                    continue
                if tag == _q("r"):
                    run(child)
                elif tag == f"{{{MC}}}AlternateContent":
                    choice = child.find(f"{{{MC}}}Choice")
                    if choice is not None:
                        inline(choice)
                elif tag == _q("txbxContent"):
                    self.walk(child, extra)
                else:  # hyperlink, smartTag, fldSimple, ins, sdt, customXml, drawing ...
                    inline(child)

        inline(p)
        text = "".join(t for t, _, _ in parts)
        text = re.sub(r"\t+", "\t", text).strip()
        label = self._number(ppr, sid)
        if text:
            if label:
                text = label + text
            visible = [(b, i) for t, b, i in parts if t.strip()]
            bold = all(b for b, _ in visible)
            italic = all(i for _, i in visible)
            style = "bold italic" if bold and italic else "bold" if bold else "italic" if italic else None
            if style is None:
                name = self.styles.name(sid)
                if name and sid != self.styles.default_para and name.lower() not in ("normal", "body text"):
                    style = name
            out.append(Block(text=text, page=start_page or self.page, style=style))
        out.extend(extra)
        if ppr is not None and ppr.find(_q("sectPr")) is not None:
            self.section_index += 1
            nxt = self.section_types[self.section_index] if self.section_index < len(self.section_types) else None
            if not self.rendered and nxt not in (None, "continuous"):
                self.page += 1

    def _number(self, ppr, sid) -> str:
        num_id = ilvl = None
        numpr = ppr.find(_q("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr.find(_q("numId")))
            lv = _val(numpr.find(_q("ilvl")))
            ilvl = int(lv) if lv and lv.isdigit() else None
        if num_id is None:
            num_id = self.styles.lookup(sid, "num_id")
        if ilvl is None:
            ilvl = self.styles.lookup(sid, "ilvl")
            if ilvl is None and num_id:
                ilvl = self.numbering.level_for_style(num_id, sid)
        if not num_id or num_id == "0" or num_id not in self.numbering.nums:
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    # --- tables
    def cell_text(self, tc) -> str:
        lines: list[str] = []
        inner: list[Block] = []
        self.walk(tc, inner)
        for b in inner:
            if b.rows is not None:
                # a nested table becomes one line per row; repeated (merged) cells once
                for row in b.rows:
                    cells = [c for k, c in enumerate(row) if c and (k == 0 or c != row[k - 1])]
                    if cells:
                        lines.append("\t".join(cells))
            elif b.text:
                lines.append(b.text)
        return "\n".join(lines)

    def table(self, tbl, out: list[Block]):
        page = self.page
        grid: list[list[str]] = []
        tr_elems = []

        def rows_of(parent):
            for child in parent:
                if child.tag == _q("tr"):
                    tr_elems.append(child)
                elif child.tag in (_q("sdt"), _q("customXml"), _q("sdtContent")):
                    rows_of(child)

        rows_of(tbl)
        cells_of_rows = []
        for tr in tr_elems:
            cells = []

            def cells_in(parent):
                for child in parent:
                    if child.tag == _q("tc"):
                        cells.append(child)
                    elif child.tag in (_q("sdt"), _q("customXml"), _q("sdtContent")):
                        cells_in(child)

            cells_in(tr)
            cells_of_rows.append((tr, cells))
        # a one-cell table is a frame around content, not data: unwrap it
        if len(cells_of_rows) == 1 and len(cells_of_rows[0][1]) == 1:
            self.walk(cells_of_rows[0][1][0], out)
            return
        # gridSpan/gridBefore/gridAfter are the file's word: a row may not reach past the table's own grid
        # (its gridCol count, or its widest row in cells), else gridSpan="100000000" builds rows of 10^8 cells
        tbl_grid = tbl.find(_q("tblGrid"))
        grid_cols = len(tbl_grid.findall(_q("gridCol"))) if tbl_grid is not None else 0
        width_cap = max(grid_cols, max(len(cells) for _, cells in cells_of_rows)) if cells_of_rows else 0
        for tr, cells in cells_of_rows:
            trpr = tr.find(_q("trPr"))
            before = _count(trpr.find(_q("gridBefore"))) if trpr is not None else 0
            after = _count(trpr.find(_q("gridAfter"))) if trpr is not None else 0
            before = min(before, max(0, width_cap - len(cells)))  # room left for the row's own cells
            row = [""] * before
            # Word marks a page break in every cell of a row that starts a page: the row
            # advances the page once, to the furthest any of its cells reached
            row_page, reached = self.page, self.page
            for k, tc in enumerate(cells):
                self.page = row_page
                tcpr = tc.find(_q("tcPr"))
                span = 1
                vmerge = None
                if tcpr is not None:
                    gs = _val(tcpr.find(_q("gridSpan")))
                    span = int(gs) if gs and gs.isdigit() else 1
                    span = max(1, min(span, width_cap - len(row) - (len(cells) - k - 1)))
                    vm = tcpr.find(_q("vMerge"))
                    if vm is not None:
                        vmerge = _val(vm) or "continue"
                text = self.cell_text(tc)
                reached = max(reached, self.page)
                col = len(row)
                if vmerge == "continue" and grid:
                    above = grid[-1]
                    # the continued cell shows the text of the cell it merges into
                    text = above[col] if col < len(above) else text
                row.extend([text] * max(span, 1))
            self.page = reached
            row.extend([""] * min(after, max(0, width_cap - len(row))))
            grid.append(row)
        if not grid:
            return
        width = max(len(r) for r in grid)
        grid = [r + [""] * (width - len(r)) for r in grid]
        out.append(Block(text="", page=page, rows=grid))


def _count(el) -> int:
    """A w:gridBefore/w:gridAfter count; 0 when absent or not a number."""
    value = _val(el)
    return int(value) if value and value.isdigit() else 0


def _app_pages(doc) -> int:
    """The page count Word stored in docProps/app.xml, for bodies with no break marks."""
    try:
        for part in doc.part.package.iter_parts():
            if str(part.partname) == "/docProps/app.xml":
                m = re.search(rb"<(?:\w+:)?Pages>(\d+)</", part.blob)
                return int(m.group(1)) if m else 1
    except Exception:  # a missing or odd app.xml only costs the estimate
        return 1
    return 1


def read(path: Path) -> Source:
    from pipeline.limits import check_zip
    from pipeline.readers import sha256_of

    path = Path(path)
    check_zip(path, "Word package")  # from the zip directory, before any XML is inflated or parsed
    try:
        import docx as python_docx

        doc = python_docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{path}: not a valid .docx (Word) package: {type(exc).__name__}") from exc
    except Exception as exc:  # python-docx's PackageNotFoundError, lxml's XMLSyntaxError ...
        if type(exc).__name__ == "PackageNotFoundError":  # python-docx's words for "not a zip": truncated or not Word
            raise ReadError(f"{path}: not a valid .docx (Word) package: the file is truncated, damaged or not "
                            "a Word document") from exc
        raise ReadError(f"{path}: cannot open as .docx: {type(exc).__name__}: {exc}".splitlines()[0]) from exc
    reader = _Reader(doc)
    blocks: list[Block] = []
    reader.walk(doc.element.body, blocks)
    pages = max([reader.page] + [b.page for b in blocks])
    if pages == 1:
        pages = max(pages, _app_pages(doc))
    warnings = []
    if reader.legacy_runs:
        warnings.append(f"{reader.legacy_runs} runs in TCVN3/VNI fonts converted to Unicode")
    return Source(path=path, format="docx", sha256=sha256_of(path), pages=max(pages, 1), blocks=blocks,
                  warnings=warnings)
