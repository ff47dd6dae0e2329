"""Thời gian thực hiện → period (start, end) and recurrence, per contract.md.

The first period the text names wins; every recurrence word counts, in order.
A date without a year takes the plan's own year (`plan_year`).
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from extractors.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Recurrence words on the folded text, in the order they can appear.
_RECURRENCE = [
    (r"thuong xuyen|lien tuc|hang ngay lien tuc", "continuous"),
    (r"(?:hang|hung) ngay|moi ngay", "daily"),
    (r"(?:hang|hung) tuan|moi tuan|dinh ky tuan", "weekly"),
    (r"(?:hang|hung) thang|moi thang", "monthly"),
    (r"(?:hang|hung) quy|moi quy|theo quy", "quarterly"),
    (r"(?:hang|hung|moi) 6 thang|6 thang (?:mot|1) lan|dinh ky 6 thang|so ket 6 thang", "semiannual"),
    (r"(?:hang|hung) nam|moi nam|(?:hang|hung) nam", "annual"),
    (r"theo (?:su )?(?:chi dao|yeu cau|de nghi)|khi co (?:yeu cau|chi dao)|khi (?:duoc )?yeu cau", "on_request"),
]
# After "định kỳ": a list such as "6 tháng, năm và quý" names several recurrences.
# ... also with a word or two between: "định kỳ báo cáo 6 tháng, năm"
_PERIODIC_LIST = re.compile(r"dinh ky(?:\s+(?!6\b|quy\b|thang\b|nam\b|tuan\b|ngay\b)[a-z]+){0,3}"
                            r"((?:\s*(?:,|va|/|hoac)?\s*(?:6 thang|quy|thang|nam|tuan|ngay)(?!\s*\d))+)")
_PERIOD_WORD = {"6 thang": "semiannual", "quy": "quarterly", "thang": "monthly", "nam": "annual",
                "tuan": "weekly", "ngay": "daily"}

_D = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?"  # d/m(/y)
_DATE_WORDS = r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?"
_MONTH = r"thang\s+(\d{1,2})(?:\s*(?:[/.\-]|nam)\s*(\d{4}))?"
_QUARTER = r"quy\s+(iv|i{1,3}|[1-4])(?:\s*(?:[/.\-]|nam)\s*(\d{4}))?"
_YEAR = r"nam\s+(\d{4})"


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y, m, d) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _point(s: str, plan_year: int | None):
    """The (start, end) a single expression names, with the position it ended at, or None."""
    patterns = [
        ("half1", r"6 thang dau(?: nam)?(?:\s*(\d{4}))?"),
        ("half2", r"6 thang cuoi(?: nam)?(?:\s*(\d{4}))?"),
        ("daywords", _DATE_WORDS),
        ("day", r"(?:ngay\s+)?" + _D),
        ("quarter", _QUARTER),
        ("month", _MONTH),
        ("year", _YEAR),
    ]
    best = None
    for name, pat in patterns:
        m = re.search(pat, s)
        if m and (best is None or m.start() < best[1].start()):
            best = (name, m)
    if not best:
        return None
    name, m = best
    g = m.groups()
    if name in ("half1", "half2"):
        y = int(g[0]) if g[0] else _year_after(s, m.end()) or plan_year
        if not y:
            return None
        return ((f"{y}-01-01", f"{y}-06-30") if name == "half1" else (f"{y}-07-01", f"{y}-12-31")), m
    if name in ("day", "daywords"):
        d, mo, printed_year = g
        y = int(printed_year) if printed_year else plan_year
        if not y or not _iso(y, mo, d):
            return None
        iso = _iso(y, mo, d)
        return (iso, iso), m
    if name == "quarter":
        q = ROMAN.get(g[0]) or int(g[0])
        y = int(g[1]) if g[1] else plan_year
        if not y:
            return None
        m1 = 3 * q - 2
        return (f"{y}-{m1:02d}-01", f"{y}-{m1 + 2:02d}-{_last_day(y, m1 + 2)}"), m
    if name == "month":
        mo = int(g[0])
        y = int(g[1]) if g[1] else (_year_after(s, m.end()) or plan_year)
        if not (1 <= mo <= 12) or not y:
            return None
        return (f"{y}-{mo:02d}-01", f"{y}-{mo:02d}-{_last_day(y, mo):02d}"), m
    y = int(g[0])
    return (f"{y}-01-01", f"{y}-12-31"), m


def _year_after(s: str, pos: int) -> int | None:
    m = re.match(r"\s*(?:[/.\-]|nam)\s*(\d{4})", s[pos:])
    return int(m.group(1)) if m else None


def _month_range(s: str, plan_year: int | None):
    """"tháng 3 - 4/2024", "từ tháng 3 đến tháng 6 năm 2024": a span of months."""
    m = re.search(r"thang\s+(\d{1,2})\s*(?:-|den|toi|va)\s*(?:thang\s+)?(\d{1,2})\s*(?:[/.\-]|nam)\s*(\d{4})", s)
    if not m:
        return None
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= a <= b <= 12):
        return None
    return (f"{y}-{a:02d}-01", f"{y}-{b:02d}-{_last_day(y, b):02d}"), m


def parse_timeline(text: str | None, plan_year: int | None = None) -> dict:
    """{"text", "start", "end", "recurrence"} for a printed time expression."""
    if not text or not text.strip():
        return {"text": None, "start": None, "end": None, "recurrence": []}
    printed = text.strip().rstrip(" .;,:")
    s = fold(printed)
    start = end = None

    rng = _month_range(s, plan_year)
    m_span = re.search(r"(?:tu|bat dau tu)\s+(.+?)\s+(?:den|toi)\s+(?:het\s+)?(.+)", s)
    m_before = re.search(r"(?:truoc|cham nhat|han chot|khong qua|xong truoc|den het|truoc het)\s+(?:ngay\s+)?(.+)", s)
    m_until = re.search(r"(?:^|\s)(?:den|toi)\s+(?:het\s+)?(?:nam|thang|quy|ngay|\d)(.*)", s)
    first = _point(s, plan_year)
    giai_doan = re.search(r"(?:giai doan|tu nam|nam)\s*(\d{4})\s*(?:-|–|den)\s*(?:nam\s*)?(\d{4})", s)

    candidates: list[tuple[int, tuple[str | None, str | None]]] = []
    if giai_doan:
        candidates.append((giai_doan.start(), (f"{giai_doan.group(1)}-01-01", f"{giai_doan.group(2)}-12-31")))
    if rng:
        candidates.append((rng[1].start(), rng[0]))
    if m_span:
        b = _point(m_span.group(2), plan_year)
        # "từ tháng 10 đến tháng 12/2026": a start without a year takes the end's
        a = _point(m_span.group(1), int(b[0][1][:4]) if b and b[0][1] else plan_year)
        if a and b and a[0][0] and b[0][1] and a[0][0] > b[0][1]:  # "từ tháng 10 đến tháng 1/2025"
            a = _point(m_span.group(1), int(b[0][1][:4]) - 1)
        if a and b:
            candidates.append((m_span.start(), (a[0][0], b[0][1])))
        elif a:
            candidates.append((m_span.start(), (a[0][0], None)))
        elif b:  # "từ nay đến hết năm 2025": only the end is a date
            candidates.append((m_span.start(), (None, b[0][1])))
    if m_before:
        p = _point(m_before.group(1), plan_year)
        if p and p[1].start() < 12:
            candidates.append((m_before.start(), (None, p[0][1] if "het" in m_before.group(0) or p[0][0] == p[0][1]
                                                   else _day_before(p[0][0]))))
    if m_until and not m_span:
        p = _point(s[m_until.start():], plan_year)
        if p:
            candidates.append((m_until.start(), (None, p[0][1])))
    if first:
        candidates.append((first[1].start(), first[0]))
    if candidates:
        candidates.sort(key=lambda c: c[0])
        start, end = candidates[0][1]

    return {"text": printed, "start": start, "end": end, "recurrence": recurrences(s)}


def _day_before(iso: str) -> str:
    """"trước tháng 6/2024" ends on the last day before June."""
    d = date.fromisoformat(iso)
    return date.fromordinal(d.toordinal() - 1).isoformat()


def recurrences(folded: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pat, name in _RECURRENCE:
        for m in re.finditer(pat, folded):
            found.append((m.start(), name))
    for m in _PERIODIC_LIST.finditer(folded):
        for w in re.finditer(r"6 thang|quy|thang|nam|tuan|ngay", m.group(1)):
            found.append((m.start(1) + w.start(), _PERIOD_WORD[w.group(0)]))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out
