"""repair: undo what Vietnamese OCR breaks in one line, using the lexicons.

Tesseract's `vie` model reads body text well; what it breaks are the short, formulaic
strings the extractors key on: a field label's diacritics ("Thòi gian thuc hiên"), the
kind heading ("KẺ HOẠCH"), a bullet read as a letter or guillemet ("« Chủ trì", "s Thời
hạn"), "Nơi nhận" with its N lost to the italic ("ơi nhận:"), a province in the place/date
line ("Cân Thơ"), the digits and spacing of a number ("70 /KH-UBND", "số O2-CT/UBND"),
roman numerals ("PHẦN H", "Quý II1") and a smudge after a day ("ngày 15_ tháng").

Each repair fires only on a shape that leaves no doubt — a known label, kind, motto,
province or code, matched on the folded form and, when fuzzy, above a high score with
no close second — and never touches running words. Pure: a string in, a string out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors.grammar import is_roman, kind_words, mottos
from extractors.lexicon import issuer_codes, kinds, provinces, rows
from extractors.text import fold

FUZZY_MIN = 88  # folded-string ratio a fuzzy repair needs (one slip in ~8 letters)
MARGIN = 6  # ... and its lead over the next candidate that would read differently

_LEAD_IN = re.compile(r"^(\s*(?:[-+•]\s*|[a-zđ]\s*[).]\s*|\(?\d{1,2}\)\s*)?)")
# A bullet "•" comes back as a guillemet, a copyright sign, a lone e/s/o or "*"
_JUNK_BULLET = re.compile(r"^\s*(?:[«»‹›©®°¢¤]{1,2}|[eso*]|\*)\s+")
_RECIPIENTS = re.compile(r"^\s*(?:\S{1,3}\s+)?n?\s*oi\s*nhan\s*:", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(?P<place>[^\d,;:]{2,40}?)(?P<sep>\s*,\s*)(?P<ngay>ng[aàảáạã]y)\b", re.IGNORECASE)
_DATE_JUNK = re.compile(r"\b(ngày|tháng)\s+(\d{1,2})[_.,'`~\-]+\s+(?=(tháng|năm)\b)")
_DATE_DIGITS = re.compile(r"\b(ngày\s+)([0-9OolI]{1,2})(\s+tháng\s+)([0-9OolI]{1,2})(\s+năm\s+)([0-9OolI]{4})\b")
_PART = re.compile(r"^(PH[AÂẦẨẤẬẪ]N)\s*([IVXHl1]{1,5})(?=$|[\s.:\-])")
_QUARTER = re.compile(r"\b([Qq]uý)\s+([IVl1]{1,4})(?=$|[\s/,.;)\-])")
# a section number in capitals as OCR reads it: "II" as "H", "III" as "HI"/"HH", "I" as "L"/"l"
_SECTION = re.compile(r"^([IVXHLl]{1,4})(\s*[./\-)]\s+)(?=[A-ZĐ])")
_SECTION_READINGS = {"H": "II", "HI": "III", "IH": "III", "HH": "III", "L": "I", "l": "I", "Il": "II", "lI": "II",
                     "ll": "II", "IIl": "III", "VH": "VII", "Vl": "VI", "IH.": "III"}
# "Hằng tháng" read as "Hãng tháng" (a company); "Chi bộ" as "Chỉ bộ" (only): no such phrases exist
_RECURRENCE = re.compile(r"\b([Hh])ãng\s+(?=(?:năm|tháng|quý|tuần|ngày)\b)")
# "số 70 /KH-UBND", "Số: O2 - CT/UBND", "Chỉ thị 34-CT/ TW": a serial, an optional /year, codes
_CODE = r"[A-ZĐ][A-Za-zĐđ&]*\d{0,2}"
_NUMBER = re.compile(r"(?P<serial>(?<![\w/])[0-9OolI]{1,5}[a-z]?)(?P<year>\s*/\s*\d{4})?\s*(?P<sep>[/-])\s*"
                     r"(?P<codes>" + _CODE + r"(?:\s*[/-]\s*" + _CODE + r")*)(?![\w])")


def _case_like(template: str, canonical: str) -> str:
    if template.isupper():
        return canonical.upper()
    if template[:1].isupper():
        return canonical[:1].upper() + canonical[1:]
    return canonical


def _best(query: str, choices: dict[str, str]) -> tuple[str, float] | None:
    """The canonical form whose folded key is closest to `query` (folded), when unambiguous."""
    if query in choices:
        return choices[query], 100.0
    scored = sorted(((fuzz.ratio(query, key), key) for key in choices), reverse=True)
    if not scored or scored[0][0] < FUZZY_MIN:
        return None
    best_score, best_key = scored[0]
    for score, key in scored[1:]:
        if best_score - score >= MARGIN:
            break
        if choices[key] != choices[best_key]:
            return None  # two readings are about as likely: leave the line alone
    return choices[best_key], best_score


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    """Folded label → printed label (with its diacritics) from field_labels.csv."""
    return {fold(r["label"]): r["label"] for r in rows("field_labels.csv")}


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    return {fold(r["kind"]): r["kind"].upper() for r in kinds()}


@lru_cache(maxsize=1)
def _mottos() -> dict[str, str]:
    return {re.sub(r"[^a-z ]", "", fold(m)).strip(): m for m in mottos(ocr_repair=True)}


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    return {fold(name): name for name, _ in provinces()}


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    """Codes a document number is built of: kind codes (KH, CT, NĐ ...) and issuer codes."""
    out = {c.upper() for c in issuer_codes()}
    out |= {r["number_code"].upper() for r in kinds() if r["number_code"]}
    return frozenset(out)


class _Repairs:
    def __init__(self, line: str):
        self.line = line
        self.notes: list[str] = []

    def note(self, what: str, before: str, after: str, score: float | None = None) -> None:
        if score is None or score < 100:
            extra = f" (score {score:.0f})" if score is not None else ""
            self.notes.append(f"OCR repair ({what}): {before!r} → {after!r}{extra}")


def _bullet_and_label(r: _Repairs) -> None:
    line = r.line
    junk = _JUNK_BULLET.match(line)
    body = line[junk.end():] if junk else line
    lead_in = _LEAD_IN.match(body)  # always matches (all of it is optional)
    lead = "" if junk or not lead_in else lead_in.group(1)
    rest = body[len(lead):]
    colon = rest.find(":")
    if not 2 <= colon <= 45:
        return
    printed = rest[:colon].rstrip()
    key = re.sub(r"\s+", " ", fold(printed)).strip()
    if not key or len(key) < 4 or key[0].isdigit():
        return
    hit = _best(key, _labels())
    if hit is None:
        return
    label, score = hit
    if score < 100 and len(key) < 6:
        return  # a short word a letter away from "tiến độ" may be any word
    new_label = _case_like(printed, label)
    if junk:
        lead = "• "
    new = lead + new_label + rest[len(printed):]
    if new != line:
        if junk:
            r.note("bullet", line[:junk.end()].strip(), "•")
        if new_label != printed:
            r.note("field label", printed, new_label, score)
        r.line = new


def _kind_heading(r: _Repairs) -> None:
    line = r.line.strip()
    if not line.isupper() or len(line) > 40:
        return
    key = re.sub(r"\s+", " ", fold(line)).strip(" .:")
    hit = _best(key, _kinds())
    if hit and hit[0] != line:
        r.note("kind", line, hit[0], hit[1])
        r.line = hit[0]


def _motto(r: _Repairs) -> None:
    line = r.line.strip()
    key = re.sub(r"\s+", " ", re.sub(r"[^a-z ]", " ", fold(line))).strip()
    if len(key) < 10:
        return
    hit = _best(key, _mottos())
    if hit and hit[0] != line:
        r.note("motto", line, hit[0], hit[1])
        r.line = hit[0]


def _recipients(r: _Repairs) -> None:
    m = _RECIPIENTS.match(fold(r.line))
    if not m:
        return
    new = "Nơi nhận:" + r.line[m.end():]
    if new != r.line:
        r.note("Nơi nhận", r.line[:m.end()], "Nơi nhận:", 90)
        r.line = new


def _place(r: _Repairs) -> None:
    m = _PLACE_DATE.match(r.line)
    if not m:
        return
    printed = m.group("place").strip()
    head = ""
    for prefix in ("Thành phố ", "TP. ", "TP "):  # "TP. Cần Thơ, ngày ..."
        if printed.startswith(prefix):
            head, printed = prefix, printed[len(prefix):]
    key = re.sub(r"\s+", " ", fold(printed)).strip()
    if len(key) < 4:
        return
    hit = _best(key, _provinces())
    if hit is None:
        return  # "Trước đó, ngay sau ...": only a known place makes this the place/date line
    new = head + hit[0] + m.group("sep") + "ngày" + r.line[m.end():]
    if new != r.line:
        if hit[0] != printed:
            r.note("place", printed, hit[0], hit[1])
        if m.group("ngay") != "ngày":
            r.note("date", m.group("ngay"), "ngày")
        r.line = new


def _digits(s: str) -> str:
    return s.translate(str.maketrans("OoIl", "0011"))


def _dates(r: _Repairs) -> None:
    line = _DATE_JUNK.sub(lambda m: f"{m.group(1)} {m.group(2)} ", r.line)

    def fix(m: re.Match) -> str:
        parts = list(m.groups())
        for k in (1, 3, 5):
            if any(ch.isdigit() for ch in parts[k]):
                parts[k] = _digits(parts[k])
        return "".join(parts)

    line = _DATE_DIGITS.sub(fix, line)
    if line != r.line:
        r.note("date", r.line, line, 95 if _digits(r.line) == r.line else 90)
        r.line = line


def _numbers(r: _Repairs) -> None:
    """Document numbers after "số" or a kind word: digits read as letters, spaces around "/"."""
    codes = _codes()
    out, pos, changed = [], 0, []
    trigger = re.compile(r"\b(?:[Ss]ố|SỐ)\s*:?\s*|(?:" + kind_words() + r")\s+")
    for t in trigger.finditer(r.line):
        if t.end() < pos:
            continue
        m = _NUMBER.match(r.line, t.end())
        if not m:
            continue
        # the header's slot "Số: II /TB-UBND": a serial of strokes alone is "11" (a serial is never a roman
        # numeral); elsewhere a serial without a digit is a word ("số I/...")
        own_slot = ":" in t.group(0) and not r.line[:t.start()].strip() and re.fullmatch(r"[Il]{1,4}", m.group("serial"))
        if not own_slot and not any(ch.isdigit() for ch in m.group("serial")):
            continue
        parts = re.split(r"\s*[/-]\s*", m.group("codes"))
        fixed_parts = []
        for p in parts:
            up = p.upper()
            if up in codes or p in codes:
                fixed_parts.append(p)
                continue
            near = [c for c in codes if len(c) == len(up) >= 3 and Levenshtein.distance(c, up) == 1]
            fixed_parts.append(near[0] if len(near) == 1 else p)
        if not any(p.upper() in codes for p in fixed_parts):
            continue  # not a document number we can vouch for ("số 5 - Tổ ...")
        seps = re.findall(r"\s*([/-])\s*", m.group("codes"))
        codes_str = fixed_parts[0] + "".join(s + p for s, p in zip(seps, fixed_parts[1:]))
        year = re.sub(r"\s+", "", m.group("year") or "")
        new = _digits(m.group("serial")) + year + m.group("sep") + codes_str
        if new != m.group(0):
            out.append(r.line[pos:m.start()])
            out.append(new)
            pos = m.end()
            changed.append((m.group(0), new, fixed_parts != parts or _digits(m.group("serial")) != m.group("serial")))
    if changed:
        out.append(r.line[pos:])
        r.line = "".join(out)
        for before, after, guessed in changed:
            r.note("number", before, after, 90 if guessed else None)


def _romans(r: _Repairs) -> None:
    def part(m: re.Match) -> str:
        roman = m.group(2).replace("H", "II").replace("l", "I").replace("1", "I")
        return f"PHẦN {roman}" if is_roman(roman) else m.group(0)

    def quarter(m: re.Match) -> str:
        roman = m.group(2).replace("l", "I").replace("1", "I")
        # only a mix with real numerals ("II1"): a lone "1" may be a quarter written in digits
        if "I" in m.group(2) or "V" in m.group(2):
            if roman in ("I", "II", "III", "IV"):
                return f"{m.group(1)} {roman}"
        return m.group(0)

    line = r.line
    if r.line[:1] == "P" and r.line.split(" ")[0].isupper():
        line = _PART.sub(part, line, count=1)
    line = _QUARTER.sub(quarter, line)
    m = _SECTION.match(line)
    if m and m.group(1) in _SECTION_READINGS:
        line = _SECTION_READINGS[m.group(1)] + line[m.end(1):]
    if line != r.line:
        r.note("numeral", r.line, line, 90)
        r.line = line


@lru_cache(maxsize=1)
def _unit_heads() -> dict[str, str]:
    """Folded → printed unit heads of two or more words ("Chi bộ", "Chi ủy"), unique when folded."""
    from extractors.lexicon import words

    heads: dict[str, set[str]] = {}
    for w in words("unit_heads.txt"):
        if " " in w and w[:1].isupper():
            heads.setdefault(fold(w), set()).add(w)
    return {k: next(iter(v)) for k, v in heads.items() if len(v) == 1}


def _words(r: _Repairs) -> None:
    """Multi-word unit heads with a wrong tone ("Chỉ bộ" → "Chi bộ"), "Hãng tháng" → "Hằng tháng"."""
    line = _RECURRENCE.sub(lambda m: m.group(1) + "ằng ", r.line)
    for key, head in _unit_heads().items():
        for m in reversed(list(re.finditer(r"(?<!\w)" + r"\s+".join(r"\w+" for _ in head.split()) + r"(?!\w)", line))):
            printed = m.group(0)
            # only a wrong tone: "ỦY BAN" in a capitalised header is the right word in capitals
            if printed.lower() != head.lower() and printed[:1].isupper() and not printed.isupper() \
                    and fold(printed) == key and not re.match(r"\s+phận\b", line[m.end():]):
                line = line[:m.start()] + head + line[m.end():]
    if line != r.line:
        r.note("word", r.line, line, 95)
        r.line = line


def repair_ocr_line(line: str) -> tuple[str, list[str]]:
    """The line with OCR damage to labels, headings, numbers and dates undone, and notes
    on the repairs that were guesses (fuzzy matches, letters read as digits)."""
    r = _Repairs(line)
    if not line.strip():
        return line, []
    for step in (_bullet_and_label, _kind_heading, _motto, _recipients, _place, _dates, _numbers, _romans, _words):
        step(r)
    return r.line, r.notes
