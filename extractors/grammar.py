"""grammar: the shapes of Vietnamese administrative writing, each defined once.

Every stage that needs one of these rules imports it from here: the readers and
normalize (where a paragraph starts, a number split over a line break), the
outline (numbering markers, Roman numerals), the header (kind heading, "Số:",
the place and date line, signer authority, "Nơi nhận"), citations and link (the
document-number pattern, a number's identity across printings, provinces and the
plan's home province). Word lists are data (extractors/data/, read through
extractors.lexicon); this module only says how the words are put together.
Pure: strings in, values out, no I/O beyond the packaged lexicons.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from extractors.lexicon import alternatives, any_of, flagged, kinds, levels, provinces, rows, words
from extractors.text import fold

# -- Roman numerals ------------------------------------------------------------

ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
ROMAN = "|".join(sorted(ROMANS, key=len, reverse=True))  # alternation, longest first ("III" before "I")
_WELL_FORMED_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
# "I/2024", "IV - 2025": a quarter or a period, not a section number
_ROMAN_PERIOD = re.compile(r"^[IVX]+\s*[./-]\s*\d")


def is_roman(s: str) -> bool:
    """A well-formed numeral I … XXXIX ("IIII" and "VX" are not)."""
    return bool(_WELL_FORMED_ROMAN.match(s))


# -- numbering markers ---------------------------------------------------------

BULLETS = "-–—+•*▪◦·●○■□➢►✓"
# (style prefix, pattern): group 1 = the label, group "text" = the rest.
MARKERS = [
    # "Điều 2. Giao Bộ trưởng Bộ Tài chính:": an article of a decision, numbered on its own
    ("article", re.compile(r"^Điều\s+(\d{1,3})\s*[.:]\s*(?P<text>.*)$")),
    # "Chương II" over "TIÊU CHUẨN, QUY TRÌNH …": a chapter of a regulation, a section of its articles
    ("chapter", re.compile(r"^(?:CHƯƠNG|Chương)\s+(" + ROMAN + r")(?!\w)\s*[.:\-–]?\s*(?P<text>.*)$")),
    ("part", re.compile(r"^(?:PHẦN|Phần)\s+(?:THỨ\s+|thứ\s+)?(" + ROMAN + r"|\d{1,2}|[A-ZĐ][^\s.:]*)\s*[.:\-–]?\s*(?P<text>.*)$")),
    ("roman", re.compile(r"^(" + ROMAN + r")\s*(?P<sep>[.\-–/):])\s*(?P<text>.*)$")),
    ("dotted", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})(?P<sep>\.?\s*[\-–)/]?)\s+(?P<text>\S.*)$")),
    # "1." "1-" "1)" "1/ " — but not a document number at a line start ("33/CT-TTg", "34-CT/TW")
    ("num", re.compile(r"^(\d{1,3})\s*(?P<sep>[.\-–)]|/(?=\s))(?!\d)(?![A-ZĐ]{1,8}[/\-])\s*(?P<text>\S.*)$")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(?P<sep>[.\-–:]?)\s*(?P<text>\S.*)$")),
    ("letter", re.compile(r"^([a-zđ])\s*(?P<sep>[).\-–])\s+(?P<text>\S.*)$")),
    ("bullet", re.compile(r"^(?P<sym>[" + BULLETS + r"]|\.{1,2})\s*(?P<text>\S.*)$")),
]
# "II PHÂN CÔNG THỰC HIỆN": a scan lost the numeral's dot; a heading in capitals still tells it
_BARE_ROMAN = re.compile(r"^(" + ROMAN + r")\s+(?P<text>\S.{4,})$")
# "B. NỘI DUNG VÀ PHÂN CÔNG NHIỆM VỤ": a part lettered A, B, C over sections I, II (a heading in capitals)
_LETTER_PART = re.compile(r"^([A-ZĐ])\s*[.\-–)]\s+(?P<text>\S.{4,})$")
# "A. Phân công nhiệm vụ:" / "B. Tổ chức thực hiện:": in sentence case a lettered part is a short
# title closed by a colon (a sentence that goes on is no heading)
_SHORT_TITLE = re.compile(r"^[A-ZĐÀ-Ỹ][^\s.;:]*(?:\s+[^\s.;:]+){0,7}:$")


def marker_of(line: str):
    """(style, label, text) of a numbered or bulleted line, or None for a plain paragraph."""
    if line.startswith("V/v") or _ROMAN_PERIOD.match(line):
        return None  # "V/v ..." is a subject line; "I/2024" a quarter
    line = line.lstrip("_|`'")  # specks an OCR pass leaves before a number ("_8. Chủ động ...")
    if line.startswith("©)"):
        line = "c" + line[1:]  # an OCR's "©)" for the letter "c)"
    for style, pat in MARKERS:
        m = pat.match(line)
        if not m:
            continue
        label = m.group(1) if style != "bullet" else ""
        if style == "bullet":
            sym = m.group("sym")
            key = "bullet" + ("-" if sym in "-–—" else sym)
        elif style in ("part", "roman", "article", "chapter"):
            key = style
        elif style == "dotted":
            key = f"dotted{label.count('.')}"
        else:
            key = style + m.group("sep").strip()[:1]
        return key, label, m.group("text").strip()
    m = _BARE_ROMAN.match(line)
    if m and m.group("text").isupper():
        return "roman", m.group(1), m.group("text").strip()
    m = _LETTER_PART.match(line)
    if m and m.group("text").isupper():
        return "part", m.group(1), m.group("text").strip()
    if m and _SHORT_TITLE.match(m.group("text")):
        return "part", m.group(1), m.group("text").rstrip(" :")
    return None


# -- paragraph opening -----------------------------------------------------------

# A line that starts a paragraph of its own whatever precedes it: numbering, bullets, "Nơi nhận",
# "Căn cứ", "Số 30-KH/HU" (a Party number has no colon), a field label ("Chủ trì:", up to five
# words before the colon). A date or a number a wrap pushed to the start of a line ("IV/2025;",
# "15/12/2025.", "30-KH/HU, ngày ...", "2.000 người") is not numbering. The readers of text and
# normalize (PDF lines, scans) both ask this one rule, so a plan reads the same in every format.
_OPENS_PARAGRAPH = re.compile(
    r"^\s*(?:[IVXLC]+\s*[.\-/)](?!\d)"
    r"|(?!(?:19|20)\d\d\b)\d+(?:\.\d+)*\s*[.\-/)](?!\d)(?![A-ZĐ]{1,8}[/\-])"
    r"|\(\d+\)|[a-zđ]\s*\)|[-+•*–—]\s|PHẦN\b|Phần\s+[IVX\d]"
    r"|Nơi nhận|Căn cứ|Số\s*:?\s*\d|[A-ZĐ][^\s,.]*(?:\s+\S+){0,4}\s*:)")


def opens_paragraph(line: str) -> bool:
    """Does this line start a paragraph of its own (see _OPENS_PARAGRAPH)?"""
    return bool(_OPENS_PARAGRAPH.match(line))


# -- document kinds ------------------------------------------------------------------


@lru_cache(maxsize=None)
def kind_words(cited_only: bool = False) -> str:
    """The kinds of kinds.csv as a regex alternation, longest first ("Thông tư liên tịch" before
    "Thông tư"); with cited_only, only those contract.md counts as citations."""
    return "|".join(re.escape(r["kind"]) for r in kinds() if not cited_only or r["cited"] == "1")


def kind_code(kind: str) -> str:
    for r in kinds():
        if r["kind"] == kind:
            return r["code"]
    return fold(kind).upper().replace(" ", "")


def kind_at_start(name: str) -> str | None:
    """"Luật Thi đua, khen thưởng" → "Luật": the kind a name opens with (any case, any diacritics)."""
    for r in kinds():
        if fold(name).startswith(fold(r["kind"]) + " "):
            return r["kind"]
    return None


def strip_kind(name: str, kind: str | None = None) -> str:
    """'Luật Thi đua, khen thưởng' → 'Thi đua, khen thưởng' (a registry title may repeat the kind).
    With `kind`, only that word goes: a Nghị định titled "quy định chi tiết ..." keeps its "quy định"."""
    for k in [kind] if kind else [r["kind"] for r in kinds()]:  # kinds() lists the longest first
        if fold(name).startswith(fold(k) + " "):
            return name[len(k):].strip()
    return name


# Words after a kind in a heading that qualify it (data/kind_qualifiers.csv, after_heading): "CHƯƠNG TRÌNH HÀNH ĐỘNG"
_HEADING_QUALIFIER = re.compile("^" + alternatives(flagged("kind_qualifiers.csv", "after_heading", "qualifier")) + r"\b",
                                re.I)


def heading_kind(line: str) -> tuple[str, str] | None:
    """(kind, rest of the line) when the line opens with a document kind in capitals.
    Compared without diacritics, so an OCR'd "KẺ HOẠCH" is still a Kế hoạch."""
    for row in kinds():
        k = row["kind"]
        if fold(line).startswith(fold(k)) and line[: len(k)].isupper() \
                and (len(line) == len(k) or not line[len(k)].isalnum()):
            # "CHƯƠNG TRÌNH HÀNH ĐỘNG": a Chương trình (the kinds of the contract have no "hành động")
            rest = _HEADING_QUALIFIER.sub("", line[len(k):].strip(" :")).strip(" :")
            return k, rest
    return None


# -- document numbers ------------------------------------------------------------------

# A số ký hiệu as cited: serial, optional /year, then codes: "02-CT/UBND", "25/2025/NĐ-CP", "30-KH/HU"
# (a scan may double a hyphen: "90/QĐ- -TTg"; a serial may carry a sub-number: "66.13/2026/NQ-CP")
NUMBER = r"\d{1,5}(?:\.\d{1,3}(?=\s*/))?[a-zA-Z]?(?:\s*/\s*\d{4})?(?:\s*[/\-](?:\s*-)?\s*[A-ZĐ][A-Za-zĐđ0-9&]*)+"
WHOLE_NUMBER = re.compile(NUMBER)
# "Số: 30/KH-UBND" in a header: what follows "Số" (also "Số: /KH-UBND" and "Số: ....", a draft's blank)
OCR_SERIAL = r"[A-ZØ]\d[0-9A-ZØ]*"
# the serial may open with a digit OCR read as a capital ("Z32Ø/BTC-QLCS" for 8388): a digit follows it and a code
# (a part of the code is no word of the place beside it: "Số: 24/HDLN-BCA-BYT- Hà Nội, ngày …")
# the lower-case letters of Vietnamese, for a character class (the range "à-ỹ" holds capitals too)
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_CODE_PART = r"\s*[/\-]\s*(?-i:(?![^\W\d_][" + LOWER + r"]))[^\s,;/\-]+"
HEADER_NUMBER = re.compile(r"\bSố\s*:?\s*((?:[0-9][^\s,;/\-]*(?:" + _CODE_PART + r")*|" + OCR_SERIAL
                           + r"(?:" + _CODE_PART + r")+)(?:-(?=\s|$))?|/[^\s,;]*|\.{2,}[^\s,;]*)", re.I)

# A number split over a line or page break: "... số 34-" / "CT/TW, ngày ..."; "số 115/2018/NĐ-" / "CP. ..."
_SPLIT_NUMBER_TAIL = re.compile(r"\b\d+\s*[-/]$|\b\d+/\d{4}/[A-ZĐ]{1,8}-$")
_SPLIT_NUMBER_HEAD = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*[/-]")
_SPLIT_CODE_HEAD = re.compile(r"^[A-ZĐ]{1,8}\b")
_SERIAL_CUT = re.compile(r"\d\s*[-/]$")
_CODE_CUT = re.compile(r"\d/\d{4}/[A-ZĐ]{1,8}-$")


@lru_cache(maxsize=1)
def _kind_then_so() -> re.Pattern:
    """"... Chỉ thị số" at a line's end: the number is on the next line."""
    return re.compile(r"(?:" + kind_words() + r")\s+[Ss][Ốố]\s*:?$", re.I)


def number_joins_tight(before: str, after: str) -> bool:
    """"Chỉ thị số 34-" + "CT/TW": the halves of one number, joined without a space."""
    return bool((_SERIAL_CUT.search(before) and _SPLIT_NUMBER_HEAD.match(after))
                or (_CODE_CUT.search(before) and _SPLIT_CODE_HEAD.match(after)))


# the end _kind_then_so() needs: a line not ending so is let go without trying every kind word at
# every place in it (that search was most of normalize's time)
_SO_AT_END = re.compile(r"[Ss][Ốố]\s*:?$", re.I)


def _ends_kind_then_so(text: str) -> bool:
    return bool(_SO_AT_END.search(text) and _kind_then_so().search(text))


def ends_inside_number(text: str) -> bool:
    """A line that stops inside a document number, after "KIND số", or after a list's comma:
    the next line may finish it."""
    return bool(_SPLIT_NUMBER_TAIL.search(text) or _ends_kind_then_so(text) or text.endswith(","))


def number_follows(before: str, after: str) -> bool:
    """"... Chỉ thị số" / "33/CT-TTg; ...": the number continues the sentence."""
    return bool(_ends_kind_then_so(before) and re.match(r"\d", after))


def split_number(number: str) -> tuple[str, str | None, list[str]]:
    """"02-CT/UBND" → ("02", None, ["CT", "UBND"]); "25/2025/NĐ-CP" → ("25", "2025", ["NĐ", "CP"])."""
    # "số 02-CT/UBND" / "Số: 02/CT-UBND" as typed by a user or a registry: the word is not the number
    compact = re.sub(r"\s+", "", re.sub(r"^\s*(?:số|so)\b\s*:?", "", number, flags=re.IGNORECASE))
    m = re.match(r"(\d+[a-zA-Z]?)(?:/(\d{4}))?[/\-](.+)", compact)
    if not m:
        return compact, None, []
    return m.group(1), m.group(2), [p for p in re.split(r"[/\-]", m.group(3)) if p]


def number_id(number: str | None) -> tuple | None:
    """A number's identity across printings, without kind or year: "02-CT/UBND", "2/CT-UBND",
    "02/2024/CT-UBND" → ("2", ("CT", "UBND")). None when the text is not a number."""
    if not isinstance(number, str) or not number:  # None, or NaN from a column of a document without a number
        return None
    serial, _, parts = split_number(number)
    if not parts or not serial[:1].isdigit():
        return None
    return serial.lstrip("0") or "0", tuple(fold(p).upper() for p in parts)


def number_text_key(number: str | None) -> str:
    """A document number as searchable text where printing variants meet: "02-CT/UBND",
    "02/CT-UBND" and "02 - CT/UBND" all become "02/ct/ubnd" (spaces go, case and diacritics
    fold, "-" and "/" — used interchangeably in print — become one separator)."""
    if not number:
        return ""
    text = re.sub(r"^so\b\s*:?", "", " ".join(fold(number).split())).replace(" ", "")  # "Số 45/QĐ-UBND" as typed
    return re.sub(r"[-/–—]+", "/", text).strip("/")


# -- dates -------------------------------------------------------------------------------

# "ngày 15/12/2025", "ngày 5.3.2024"; "ngày 15 tháng 12 năm 2025" (groups: day, month, year)
NUMERIC_DATE = r"ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
WORDED_DATE = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
# The header's place and date line: "Lâm Đồng, ngày 15 tháng 12 năm 2025"; a draft leaves the
# day or month blank ("ngày ... tháng 10 năm 2023"). Groups: place, day, month, year.
# "Hà Nội, ngày 30 tháng 4 năm 2026"; OCR glues "ngày30", and a day or month left blank for the
# e-office to fill ("Quảng Bình, ngày !7 tháng năm 2024") or misread by an OCR ("Hà Nội, ngàyA2 thang 3 năm 2020":
# no date, unless the e-signature's stamp gives it) still names the place; a crawler may space a month's digits
# ("tháng 0 6 năm 2018").
PLACE_DATE = re.compile(r"([^\d,;:“”\"]{2,40}?)\s*,\s*ngày\s*([^\s\d]?\d{1,2}|\.+|…+)?\W{0,2}\s*th[áa]ng\s*(\d{1,2}|\d\s\d(?=\s+năm)|\.+|…+)?\s*"
                        r"n[ăa]m\s+(\d{4})", re.I)
# The same line anywhere, however blank its day and month: only its year is read
_DATE_LINE_YEAR = re.compile(r"ngày\W{0,12}(?:\d{1,2})?\W*tháng\W*(?:\d{1,2})?\W*năm\s+(\d{4})")


def date_line_year(text: str) -> int | None:
    """The year of the first "ngày … tháng … năm YYYY" in `text`, blanks allowed."""
    m = _DATE_LINE_YEAR.search(text)
    return int(m.group(1)) if m else None


# -- the header: mottos ---------------------------------------------------------------------------


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


# The letters an OCR confuses by dropping a hat or a horn: "CONG HOA XÃ HOI" for "CỘNG HÒA XÃ HỘI"
_LETTER_FAMILIES = ("AĂÂ", "EÊ", "I", "OÔƠ", "UƯ", "Y", "aăâ", "eê", "i", "oôơ", "uư", "y")


def _any_tone(word: str) -> str:
    """A word as a pattern in which each vowel may bear any tone, or none, and lose or gain its hat or horn: a motto
    is still the motto when its tone stands on the other vowel ("HOÀ"), was mistyped ("CỘNG HÕA") or an OCR dropped
    marks ("CONG HOA XÃ HOI CHỦ NGHĨA"; "Đ" read "D")."""
    out = []
    for ch in word:
        base = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch) if c not in _TONE_MARKS))
        family = next((f for f in _LETTER_FAMILIES if base in f), None)
        if family is not None:
            out.append("[" + "".join(unicodedata.normalize("NFC", v + t) for v in family for t in ("", *_TONE_MARKS)) + "]")
        elif ch in "Đđ":
            out.append("[" + ch + ("D" if ch == "Đ" else "d") + "]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _motto_pattern(motto: str) -> str:
    """"Độc lập - Tự do - Hạnh phúc" → words apart by any spaces, a dash of either kind, any tone on a vowel."""
    return r"\s*[-–]\s*".join(r"\s+".join(map(_any_tone, part.split())) for part in motto.split(" - "))


# The national (or Party, Union) motto printed in the header's right column: "CỘNG HÒA XÃ HỘI CHỦ
# NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc". Two columns flattened into one line are split on it.
# The national name broken over two lines of a header column ("CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM")
# is the motto too, not an issuer.
MOTTO = re.compile("|".join(_motto_pattern(r["motto"]) for r in rows("mottos.csv"))
                   + r"|CỘNG\s+HÒA\s+XÃ(?:\s+HỘI)?\s*$|^\s*(?:XÃ\s+)?HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)


def mottos(ocr_repair: bool = False) -> tuple[str, ...]:
    """The mottos as printed; with ocr_repair, those an OCR'd line is mended to."""
    return tuple(r["motto"] for r in rows("mottos.csv") if not ocr_repair or r["ocr_repair"] == "1")


# -- the closing: Nơi nhận and the signer's authority ---------------------------------------

# The heading of the document a decision issues, flattened by a crawl onto its signature's line: "KT. BỘ TRƯỞNG
# THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH TRIỂN KHAI … NĂM 2015 (Ban hành kèm theo Quyết định số 173/QĐ-BTP …)",
# its kind (data/attached_kinds.txt) and title in capitals up to the bracket
_ATTACHED_INLINE = re.compile(r"(?:^|\s)(?P<kind>" + any_of("attached_kinds.txt") + r")\s(?P<title>[^()]{0,400}?)\s*"
                              r"\((?:Ban hành\s+)?kèm theo\b")


def attached_heading_at(line: str) -> int | None:
    """Where in `line` such a heading starts, or None."""
    m = _ATTACHED_INLINE.search(line)
    return m.start("kind") if m and m["title"] == m["title"].upper() else None


# (an OCR drops or swaps the marks of "Nơi nhận": "Noi nhận:}", "Nơi nhân")
RECIPIENTS = re.compile(r"^(?:[-*]\s*)?N[oơờớởỡợ]i\s+nh[aâậấầẩẫ]n\s*:?", re.I)


@lru_cache(maxsize=1)
def authority_prefix() -> str:
    """The printed authority prefixes as one regex alternation ("KT.", "K/T", "TM", "Q.", ...)."""
    alts = []
    for r in rows("signer_authorities.csv"):
        code = r["code"]
        printed = re.escape(code[0]) + "/?" + re.escape(code[1:]) if "/" in r["canonical"] else re.escape(code)
        alts.append(printed + (r"\.?" if r["dot_optional"] == "1" else r"\."))
    return "|".join(alts)


@lru_cache(maxsize=1)
def _authorities() -> tuple[dict[str, str], re.Pattern]:
    """Printed code → canonical prefix, and the pattern of a line that opens with one
    ("KT. CHỦ TỊCH", "K/T GIÁM ĐỐC", "TM. BAN THƯỜNG VỤ", "Q. TRƯỞNG BAN")."""
    canon = {r["code"]: r["canonical"] for r in rows("signer_authorities.csv")}
    # a code without its dot is followed by a space: "TMD" (a land-use code in a table cell) is no "TM. D"
    return canon, re.compile(r"^(" + authority_prefix() + r")(?:(?<=\.)\s*|\s+)(.+)$")


def authority_of(line: str) -> tuple[str, str] | None:
    """(canonical prefix, rest): "KT. CHỦ TỊCH" → ("K/T", "CHỦ TỊCH"); None without one."""
    canon, pattern = _authorities()
    m = pattern.match(line)
    if not m:
        return None
    code = m.group(1).upper().rstrip(".").replace("/", "")
    return canon.get(code, code), m.group(2)


def authority_words() -> frozenset[str]:
    """The prefixes as lowercase words ("k/t", "kt.", "q.") — a name after one keeps its capital."""
    canon, _ = _authorities()
    return frozenset({c.lower() for c in canon.values()} | {code.lower() + "." for code in canon})


# -- provinces and the plan's home province --------------------------------------------------

PLACE_LEVELS = levels("place_follows")  # "thành phố", "thị xã", "tỉnh", "huyện", ...
_LEVEL_CAPS = "|".join(re.escape(level.upper()) for level in PLACE_LEVELS)
# "... VIÊN CHỨC TỈNH" (a unit's name ending in its level) and "UBND TỈNH GIA LAI" (a level and its place)
ENDS_WITH_LEVEL = re.compile(r"\b(" + _LEVEL_CAPS + r")$")
LEVEL_AND_PLACE = re.compile(r"\b(?:" + _LEVEL_CAPS + r")\s+(.+)$")


@lru_cache(maxsize=65536)  # called for every mention and document when an archive is linked
def province_code(s: str | None) -> str | None:
    """The code of the province a name mentions ("UBND tỉnh Lâm Đồng" → its code), or None."""
    if not s:
        return None
    folded = fold(s)
    for name, code in provinces():
        if fold(name) in folded:
            return code
    return None


_PROVINCE_IN_TEXT = re.compile(r"tỉnh\s+((?:[A-ZĐ][\wà-ỹđ]*\s?){1,3})")


def home_province(issuer: str | None, place: str | None, text: str) -> str | None:
    """The plan's own province as printed, for keys of local directives that do not name theirs:
    its issuer's, its place's, else the province its text names most ("tỉnh Lâm Đồng")."""
    for candidate in (issuer, place):
        if province_code(candidate):
            return candidate
    names = _PROVINCE_IN_TEXT.findall(text)
    for name, _ in Counter(n.strip() for n in names).most_common():
        if province_code(name):
            return name
    return None


# The printer's and the signing service's lines on every page (data/page_furniture.txt): the gazette's running
# head "CÔNG BÁO/Số 302/Ngày 02-06-2026", its own e-signature stamp
PAGE_FURNITURE = re.compile(r"^\s*(?:" + "|".join(words("page_furniture.txt")) + r")\s*$")
