"""A PDF page's words through pdfium, the same words pdfplumber's extract_words() gives.

pdfplumber interprets every content stream in Python (pdfminer), which is 90 % of the
time of a text PDF; pdfium reads the same characters in C, about 25 times faster. This
module takes each character's text and box from pdfium and groups them exactly as
`page.extract_words(x_tolerance=2, y_tolerance=3)` does, so the blocks, and so the
records, stay the same. Boxes follow pdfminer's rules, not pdfium's: a character's box
spans the font size from the font descriptor's descent (pdfium measures from the glyph
outlines), and the font's name and descent come from pdfminer's own font objects,
which are cheap (no content stream is read to make them).

`page_words` returns None whenever a page holds something this path does not reproduce
exactly; the reader then hands that page to pdfplumber, the reference:
- drawings that could make a ruled table (any path taller than a rule, or rules
  stacked closely enough to join into a cell side) — table finding is pdfplumber's;
- pictures covering much of the page (a scan with a text layer decides OCR by them);
- rotated or non-upright text, vertical or Type3 fonts, unmapped glyphs, rotated pages
  or a media box not at the origin, a font pdfium and pdfminer cannot agree on.
"""
from __future__ import annotations

import ctypes
import re
from operator import itemgetter

# pdfplumber's WordExtractor settings used by the reader (x_tolerance=2, y_tolerance=3)
X_TOLERANCE = 2.0
Y_TOLERANCE = 3.0
# pdfplumber expands these when it joins characters into words (expand_ligatures=True)
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_SET = frozenset(LIGATURES)
FLAT_PATH = 2.0         # a path object this thin is a horizontal rule: no table side of its own
JOIN_GAP = 6.0          # rules closer than this could join into a cell side (join + snap tolerances)
PICTURE_SHARE = 0.3     # pictures over this share of the page: let pdfplumber judge scan or not
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# why the last page went to pdfplumber, and how many pages pdfium read (tests, tuning)
last_refusal = ""
pages_read = 0


def _refuse(reason: str) -> None:
    """Note why pdfplumber must read the page; callers `return _refuse(...)` (None)."""
    global last_refusal
    last_refusal = reason


def _plain_name(name) -> str | None:
    return _SUBSET_TAG.sub("", name) if isinstance(name, str) else None


def _widths_by_text(font) -> dict[str, list[float]]:
    """{text pdfminer gives a glyph: [its advance widths per unit of font size]}."""
    from pdfminer.pdffont import PDFUnicodeNotDefined

    codes: set[int] = set()
    unicode_map = getattr(font, "unicode_map", None)
    codes.update(getattr(unicode_map, "cid2unichr", {}) or {})
    codes.update(getattr(font, "cid2unicode", {}) or {})
    if not codes and font.is_multibyte():
        codes.update(k for k in (font.widths or {}) if isinstance(k, int))
    out: dict[str, list[float]] = {}
    for cid in codes:
        try:
            text = font.to_unichr(cid)
        except (PDFUnicodeNotDefined, KeyError, ValueError, TypeError):
            continue
        if len(text) != 1:
            continue  # one glyph, several letters (a ligature): pdfium splits it, so no match
        width = font.char_width(cid)
        choices = out.setdefault(text, [])
        if width not in choices:
            choices.append(width)
    return out


class FontTable:
    """pdfminer's fonts of a document, found by the name pdfium reports for them."""

    def __init__(self, plumber_pdf):
        from pdfminer.pdfdevice import PDFDevice
        from pdfminer.pdfinterp import PDFPageInterpreter

        self._rsrcmgr = plumber_pdf.rsrcmgr
        self._interpreter = PDFPageInterpreter(self._rsrcmgr, PDFDevice(self._rsrcmgr))
        self._widths: dict[int, dict[str, list[float]]] = {}

    def for_page(self, page_obj) -> dict[str, tuple[str, float, dict]] | None:
        """{pdfium font name: (pdfminer fontname, descent and {text: [widths]} per unit of size)}."""
        from pdfminer.pdffont import PDFType3Font
        from pdfminer.pdftypes import resolve1

        found: dict[str, dict[int, tuple]] = {}
        seen: set[int] = set()

        def visit(resources, depth: int) -> bool:
            self._interpreter.init_resources(resolve1(resources))
            fonts = list(self._interpreter.fontmap.values())
            xobjects = list(self._interpreter.xobjmap.values())
            for font in fonts:
                if isinstance(font, PDFType3Font) or font.is_vertical() or not isinstance(font.fontname, str):
                    return False
                key = id(font)
                if key not in self._widths:
                    self._widths[key] = _widths_by_text(font)
                for name in {_plain_name(getattr(font, "basefont", None)), _plain_name(font.fontname)}:
                    if name is None:
                        continue
                    found.setdefault(name, {})[key] = (font.fontname, font.get_descent(), self._widths[key])
            for ref in xobjects:
                if id(ref) in seen or depth > 4:
                    continue
                seen.add(id(ref))
                xobj = resolve1(ref)
                attrs = getattr(xobj, "attrs", {})
                is_form = getattr(resolve1(attrs.get("Subtype")), "name", "") == "Form"
                if is_form and "Resources" in attrs and not visit(attrs["Resources"], depth + 1):
                    return False
            return True

        try:
            if not visit(page_obj.resources, 0):
                return None
        except Exception:  # a font pdfminer cannot build: pdfplumber will say what it makes of it
            return None
        # two fonts under one name: only if they agree on name and descent, and then the
        # widths of both are allowed (each character is checked against pdfium's advance)
        table = {}
        for name, variants in found.items():
            kinds = {(fontname, descent) for fontname, descent, _ in variants.values()}
            if len(kinds) != 1:
                continue
            fontname, descent = kinds.pop()
            widths: dict[str, list[float]] = {}
            for _, _, w in variants.values():
                for text, choices in w.items():
                    widths.setdefault(text, [])
                    widths[text].extend(c for c in choices if c not in widths[text])
            table[name] = (fontname, descent, widths)
        return table


def _drawings_allow(page, raw) -> bool:
    """True when no table can be found on the page and pictures cannot make it a scan."""
    area = (page.get_width() * page.get_height()) or 1.0
    pictures = 0.0
    rules = []
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    corners = [ctypes.byref(v) for v in (left, bottom, right, top)]

    def nested_is_text(form, depth: int) -> bool:
        for k in range(raw.FPDFFormObj_CountObjects(form)):
            obj = raw.FPDFFormObj_GetObject(form, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                if not nested_is_text(obj, depth + 1):
                    return False
            elif kind != raw.FPDF_PAGEOBJ_TEXT:
                return False
        return True

    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            continue
        if kind == raw.FPDF_PAGEOBJ_FORM:
            # a form's drawings are in the form's own space: only text inside is simple
            if not nested_is_text(obj, 0):
                return False
            continue
        if kind not in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH) or not raw.FPDFPageObj_GetBounds(obj, *corners):
            return False
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            pictures += max(0.0, right.value - left.value) * max(0.0, top.value - bottom.value)
        elif top.value - bottom.value >= FLAT_PATH:
            return False
        else:
            rules.append((bottom.value, left.value, right.value))
    if pictures / area > PICTURE_SHARE:
        return False
    rules.sort()
    for k, (y, x0, x1) in enumerate(rules):
        for y2, x0_2, x1_2 in rules[k + 1:]:
            if y2 - y > JOIN_GAP:
                break
            if abs(x0 - x0_2) <= JOIN_GAP or abs(x1 - x1_2) <= JOIN_GAP:
                return False
    return True


_FAST: dict[str, object] = {}


def _fast(raw):
    """The per-character pdfium calls with plain integer arguments and results: ctypes
    spends more time converting handles than pdfium spends answering."""
    if not _FAST:
        vp, i32 = ctypes.c_void_p, ctypes.c_int

        def proto(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, vp).value)

        _FAST["object"] = proto(raw.FPDFText_GetTextObject, vp, vp, i32)
        _FAST["box"] = proto(raw.FPDFText_GetLooseCharBox, i32, vp, i32, vp)
    return _FAST["object"], _FAST["box"]


def _page_text(raw, textpage, count: int) -> str | None:
    """The page's characters in one call, one per character index (None if they do not line
    up: a character outside the BMP takes two UTF-16 units)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(buffer)[:max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    return text if len(text) == count else None


# what pdfium makes up between objects (no text object of its own): spaces and line breaks
_MADE_UP = frozenset(" \r\n")


def _object_runs(get_object, tp: int, text: str):
    """(object handle or 0, first index, end index) of each run of characters, in order.

    pdfium lays each text object's characters out together, with only characters it made up
    (spaces, line breaks: no object) between them, so a run's end is found by probing
    doubling steps and then halving, rather than asking every character's object; a space
    or line break inside a run is asked for, since it may be one pdfium made up. About a
    tenth of the calls on a page of text (each costs more in ctypes than in pdfium)."""
    count = len(text)
    i = 0
    while i < count:
        obj = get_object(tp, i) or 0
        if not obj:
            yield 0, i, i + 1
            i += 1
            continue
        lo, step = i, 1
        hi = i + 1
        while hi < count and (get_object(tp, hi) or 0) == obj:
            lo, step = hi, step * 2
            hi = min(i + step, count)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if (get_object(tp, mid) or 0) == obj:
                lo = mid
            else:
                hi = mid
        start = i
        for k in range(i + 1, lo):
            if text[k] in _MADE_UP and not get_object(tp, k):
                yield obj, start, k
                yield 0, k, k + 1
                start = k + 1
        if start <= lo:
            yield obj, start, lo + 1
        i = lo + 1


def _page_chars(page, fonts, raw):
    """Characters as (text, x0, top, x1, bottom, fontname) in content order, or None.

    Positions are pdfium's, which can differ from pdfminer's by a fraction of a point
    (pdfium cuts /Widths to whole 1/1000 em, which is put back here, and now and then
    takes a width from the font program); x1 is x0 plus pdfminer's width of the glyph.
    Word breaks rest on space characters and gaps of 2 pt, so they come out the same;
    the reader's comparison test holds both readers to the same records. The text comes
    in one call per page, each object's characters as runs (_object_runs); each character's
    box is the one call left per character.
    """
    mediabox = page.get_mediabox()
    if page.get_rotation() % 360 or mediabox[0] != 0 or mediabox[1] != 0:
        return None
    page_height = mediabox[3] - mediabox[1]
    get_object, get_box = _fast(raw)
    textpage = page.get_textpage()
    try:
        tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        count = raw.FPDFText_CountChars(textpage.raw)
        if count <= 0:
            return []
        text = _page_text(raw, textpage.raw, count)
        if text is None:
            return _refuse("characters outside the BMP")
        box = raw.FS_RECTF()
        box_at = ctypes.addressof(box)
        objects: dict[int, tuple | None] = {}
        # per (font, scale): {text: (advance, shift step)}, or [(advance, shift step), ...] when
        # several widths read as that text
        advances: dict[tuple, dict] = {}
        chars: list[tuple] = []
        append = chars.append
        current, shift = None, 0.0
        for obj, start, end in _object_runs(get_object, tp, text):
            if not obj:  # a space or line break pdfium made up; pdfminer has no such character
                continue
            if obj != current:  # an object's advances run on across what pdfium makes up
                info = objects.get(obj, False)
                if info is False:
                    info = objects[obj] = _object_info(textpage.raw, start, obj, fonts, page_height, raw)
                if info is None:
                    return None
                fontname, top, bottom, widths, scale = info
                sized = advances.setdefault((id(widths), scale), {})
                current, shift = obj, 0.0
            for i in range(start, end):
                ch = text[i]
                get_box(tp, i, box_at)
                options = sized.get(ch)
                if options is None:
                    choices = widths.get(ch)
                    if choices is None:  # pdfminer would not read this glyph as this text ("(cid:N)" ...)
                        return _refuse(f"no pdfminer width for {ch!r}")
                    options = [_advance(width, scale) for width in choices]
                    sized[ch] = options = options[0] if len(options) == 1 else options
                if options.__class__ is tuple:
                    advance, step = options
                    x0 = box.left + shift
                else:
                    # several codes can read as one letter (a font's encoding and its ToUnicode
                    # map both count): the width nearest pdfium's advance is the glyph's own
                    # (the first of equals, as min() takes)
                    left = box.left
                    measured = box.right - left
                    advance, step = options[0]
                    off = abs(measured - advance)
                    for option in options[1:]:
                        if abs(measured - option[0]) < off:
                            (advance, step), off = option, abs(measured - option[0])
                    x0 = left + shift
                append((ch, x0, top, x0 + advance, bottom, fontname))
                shift += step
        return chars
    finally:
        textpage.close()


def _advance(width: float, scale: float) -> tuple[float, float]:
    """pdfminer's advance of a glyph, and what pdfium's falls short of it: pdfium
    advances by the width cut to a whole 1/1000 em, pdfminer by all of it."""
    w = round(width * 1000, 3)
    return width * scale, (w - int(w)) / 1000 * scale


def _object_info(tp, index: int, obj, fonts, page_height: float, raw):
    """(fontname, top, bottom, widths, scale) shared by a text object's characters."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(tp, index, ctypes.byref(matrix)):
        return None
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    if b != 0 or c != 0 or a <= 0 or d <= 0:
        return None  # rotated, skewed or mirrored text: pdfplumber orders it
    handle = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
    font = raw.FPDFTextObj_GetFont(handle)
    size = ctypes.c_float()
    if not font or not raw.FPDFTextObj_GetFontSize(handle, ctypes.byref(size)):
        return None
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(length, 1))
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    known = fonts.get(_plain_name(buffer.value.decode("utf-8", "replace")))
    if known is None:
        return _refuse(f"font {buffer.value!r} unknown to pdfminer")
    fontname, descent, widths = known
    x, y = ctypes.c_double(), ctypes.c_double()
    if not raw.FPDFText_GetCharOrigin(tp, index, ctypes.byref(x), ctypes.byref(y)):
        return None
    # pdfminer: the box runs from descent to descent + size in text space (rise is in the origin)
    fontsize = size.value
    y0 = y.value + d * (descent * fontsize)
    y1 = y.value + d * (descent * fontsize + fontsize)
    return fontname, page_height - y1, page_height - y0, widths, fontsize * a


def _words(chars):
    """pdfplumber's WordExtractor (ttb lines, ltr characters) over upright characters."""
    if not chars:
        return []
    # lines: tops clustered with a chain tolerance, clusters in order, stream order inside
    tops = sorted({c[2] for c in chars})
    cluster_of, index, last = {}, 0, tops[0]
    for t in tops:
        if t > last + Y_TOLERANCE:
            index += 1
        cluster_of[t] = index
        last = t
    lines: list[list] = [[] for _ in range(index + 1)]
    for c in chars:
        lines[cluster_of[c[2]]].append(c)
    out = []
    append = out.append
    x0_of = _X0  # a C getter: sort calls it once per character
    for line in lines:
        if not line:
            continue
        line.sort(key=x0_of)
        current: list = []
        prev = None
        for c in line:
            if c[0].isspace():
                if current:
                    append(_merge(current))
                current = []
            elif current and (c[1] < prev[1] or c[1] > prev[3] + X_TOLERANCE or abs(c[2] - prev[2]) > Y_TOLERANCE):
                append(_merge(current))
                current = [c]
            else:
                current.append(c)
            prev = c
        if current:
            append(_merge(current))
    return out


_X0 = itemgetter(1)


def _merge(word):
    if len(word) == 1:
        c = word[0]
        return (LIGATURES.get(c[0], c[0]), c[1], c[2], c[3], c[4], [c[5]])
    texts, x0s, tops, x1s, bottoms, fonts = zip(*word)
    text = "".join(texts)
    if not _LIGATURE_SET.isdisjoint(text):
        text = "".join([LIGATURES.get(c, c) for c in texts])
    return text, min(x0s), min(tops), max(x1s), max(bottoms), list(fonts)


def page_words(page, fonts: dict[str, tuple[str, float]] | None):
    """Words of a pypdfium2 page as (text, x0, top, x1, bottom, [fontname of each char]),
    the same as pdfplumber's extract_words(); None when pdfplumber must read the page."""
    import pypdfium2.raw as raw

    if fonts is None:
        return _refuse("fonts pdfminer cannot name unambiguously")
    if not _drawings_allow(page, raw):
        return _refuse("drawings that could make a table, or pictures")
    chars = _page_chars(page, fonts, raw)
    if chars is None:
        return None
    global pages_read
    pages_read += 1
    return _words(chars)
