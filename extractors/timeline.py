"""Thời gian thực hiện → period (start, end) and recurrence, per contract.md.

The first period the text names wins; every recurrence word counts, in order.
A date without a year takes the plan's own year (`plan_year`).
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from extractors.facts import Timeline
from extractors.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# After folding, "quy" is both "quý" (quarter) and the first syllable of "quy định", "quy chế" ...
_NOT_QUY_WORD = r"\b(?!\s+(?:dinh|che|trinh|hoach|mo|chuan|tac|uoc|doi|ra|hoi|tu|nap|dong|luat)\b)"
# Recurrence words on the folded text, in the order they can appear.
_RECURRENCE = [
    (r"thuong xuyen|lien tuc|hang ngay lien tuc", "continuous"),
    # "\b": folded "những năm" holds "hung nam"
    (r"\b(?:hang|hung) ngay|moi ngay", "daily"),
    (r"\b(?:hang|hung) tuan|moi tuan|dinh ky tuan", "weekly"),
    (r"\b(?:hang|hung) thang|moi thang", "monthly"),
    # "theo quý", never "theo quy định" / "quy chế" (folded "quý" and "quy" are one word)
    (r"\b(?:hang|hung) quy|moi quy|theo quy" + _NOT_QUY_WORD, "quarterly"),
    (r"\b(?:hang|hung|moi) 6 thang|6 thang (?:mot|1) lan|dinh ky 6 thang|so ket 6 thang|ky 6 thang", "semiannual"),
    (r"\b(?:hang|hung|moi) hoc ky", "semiannual"),  # a school year has two terms
    (r"\b(?:hang|hung) nam|moi nam|ky 12 thang|12 thang (?:mot|1) lan", "annual"),
    # "ít nhất 01 lần/tháng"
    (r"\blan\s*/\s*tuan\b", "weekly"), (r"\blan\s*/\s*thang\b", "monthly"),
    (r"\blan\s*/\s*quy\b", "quarterly"), (r"\blan\s*/\s*nam\b", "annual"),
    # "hằng năm hoặc đột xuất": an unscheduled time is one the superior asks for
    (r"theo (?:su )?(?:chi dao|yeu cau|de nghi|huong dan)|khi co (?:yeu cau|chi dao)|khi (?:duoc )?yeu cau"
     r"|(?:hoac|va)\s+dot xuat\b", "on_request"),
]
# After "định kỳ": a list such as "6 tháng, năm và quý" names several recurrences.
# ... also with a word or two between: "định kỳ báo cáo 6 tháng, năm"
_PERIODIC_LIST = re.compile(r"dinh ky(?:\s+(?!6\b|quy\b|thang\b|nam\b|tuan\b|ngay\b)[a-z]+){0,3}"
                            r"((?:\s*(?:,|va|/|hoac)?\s*(?:0?1 )?(?:6 thang|quy" + _NOT_QUY_WORD + r"|thang|nam|tuan|ngay)(?!\s*\d|\s+thu (?:hai|ba|tu|nam|sau|bay)\b))+)")
# "báo cáo tuần, báo cáo tháng, báo cáo quý, báo cáo 6 tháng, báo cáo năm": reports of each period, one recurrence each
# ("báo cáo năm 2025" is one report)
REPORT_LIST = (r"bao cao (?:tuan|thang|quy|6 thang|nam)(?!\s*\d)"
               r"(?:\s*(?:,|va)\s*bao cao (?:tuan|thang|quy|6 thang|nam)(?!\s*\d))+")
_REPORT_LIST = re.compile(REPORT_LIST)
_PERIOD_WORD = {"6 thang": "semiannual", "quy": "quarterly", "thang": "monthly", "nam": "annual",
                "tuan": "weekly", "ngay": "daily"}

_D = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?"  # d/m(/y)
_DATE_WORDS = r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?"
_MONTH = r"thang\s+(\d{1,2})(?:\s*(?:[/.\-]|nam)\s*(\d{4}))?"
_QUARTER_NUMERAL = r"(iv|i{1,3}|[1-4])"
_QUARTER = r"quy\s+" + _QUARTER_NUMERAL + r"\b(?:\s*(?:[/.\-]|nam)\s*(\d{4}))?"
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


# "quý II, III/2015", "quý II - III năm 2015", "quý I, II và III/2016": quarters listed, one year after the last
_QUARTER_LIST = re.compile(r"quy\s+(?P<first>" + _QUARTER_NUMERAL + r")(?P<more>(?:\s*(?:,|-|va|den|toi)\s*(?:quy\s+)?"
                           + _QUARTER_NUMERAL + r"\b)+)\s*(?:[/.\-]|nam)\s*(?P<year>\d{4})")


def _month_range(s: str, plan_year: int | None):
    """"tháng 3 - 4/2024", "từ tháng 3 đến tháng 6 năm 2024": a span of months; "quý II, III/2015": of quarters,
    from the first to the last."""
    m = re.search(r"thang\s+(\d{1,2})\s*(?:-|den|toi|va)\s*(?:thang\s+)?(\d{1,2})\s*(?:[/.\-]|nam)\s*(\d{4})", s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _QUARTER_LIST.search(s)):
        quarters = [ROMAN.get(q) or int(q) for q in [m["first"]] + re.findall(_QUARTER_NUMERAL + r"\b", m["more"])]
        a, b, y = 3 * quarters[0] - 2, 3 * quarters[-1], int(m["year"])
    else:
        return None
    if not (1 <= a <= b <= 12):
        return None
    return (f"{y}-{a:02d}-01", f"{y}-{b:02d}-{_last_day(y, b):02d}"), m


# A document named with its date inside a time cell ("Theo các mốc thời gian tại Quyết định số
# 1234/QĐ-UBND ngày 05/3/2025"): that date is the document's, not the task's period. Only a document
# with its number code: "Ban hành kế hoạch chậm nhất là ngày 15/4/2026" is the task's deadline.
_CITED_DATE = re.compile(
    r"\b(?:quyet dinh|ke hoach|nghi quyet|nghi dinh|chi thi|cong van|van ban|thong bao|thong tu|huong dan|ket luan"
    r"|chuong trinh|de an|phuong an|luat|cong dien)\b[^;]{0,80}?\d\s*[/\-]\s*[a-z][^;]{0,60}?\bngay\s+\d{1,2}(?:\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}"
    r"|\s+thang\s+\d{1,2}\s+nam\s+\d{4})")
# "trước ngày 15 của tháng liền kề", "trước ngày 31/01 năm (trước) liền kề": a date of every period,
# not one date; the contract's recurrences are printed words, and "liền kề" is none of them
_NEXT_PERIOD = re.compile(r"\b(?:(?:cua|trong) (?:thang|quy|nam) (?:lien ke|tiep theo|ke tiep|sau)"
                          r"|(?:thang|quy|nam) (?:truoc )?lien ke)\b")
_ONWARD = re.compile(r"\bva (?:cac|nhung) nam (?:tiep theo|sau(?: do)?|ke tiep)\b")
# "trong năm" with no year: the plan's year
_THIS_YEAR = re.compile(r"\b(?:trong|ca) nam\b(?!\s*(?:\d|hoc|tai chinh|\d{4}))")
# Deadline words. "Trước tháng 6" ends before June; "chậm nhất (trong) tháng 6" ends with it.
_DEADLINE = re.compile(r"(?P<kw>truoc het|truoc|cham nhat(?: la)?|han chot(?: la)?|khong qua|xong truoc|den het)\s+"
                       r"(?P<rest>.+)")
_EXCLUSIVE = {"truoc", "xong truoc"}
# A time cell of a task table holding only years: "2025 - 2030" is that span, "2026" that year
# (the column's heading says it is a time; "năm" is left out).
_BARE_YEARS = re.compile(r"^\s*((?:19|20)\d\d)\s*(?:[-–—]\s*((?:19|20)\d\d))?\s*$")


def _blank(s: str, pattern: re.Pattern) -> str:
    """`s` with what `pattern` matches overwritten by spaces (positions stay where they were)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), s)


_BARE_MONTHS = re.compile(r"(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*/\s*(?:19|20)\d\d")


def parse_timeline(text: str | None, plan_year: int | None = None) -> Timeline:
    """The Timeline of a printed time expression: its text, the period it names, its recurrences."""
    if not text or not text.strip():
        return Timeline()
    printed = text.strip().rstrip(" .;,:")
    folded = fold(printed)
    recurrence = recurrences(folded)
    s = _blank(folded, _CITED_DATE)
    if (bare := _BARE_MONTHS.fullmatch(s)) and all(1 <= int(m) <= 12 for m in bare.groups() if m):
        s = "thang " + s  # a timetable's cell "12/2019", "10-11/2019": a month, months, not a day
    if _NEXT_PERIOD.search(s) and not re.search(r"\b\d{4}\b", s):
        return Timeline(printed, None, None, recurrence)
    # a period named without its year takes the first year the text prints ("tháng 6 và tháng 12/2026")
    printed_year = re.search(r"\b((?:19|20)\d\d)\b", s)
    year = int(printed_year.group(1)) if printed_year else plan_year
    start = end = None

    rng = _month_range(s, year)
    # "từ ngày 05/02/2026 - 08/02/2026": a dash between two whole dates spans them as "đến" does
    m_span = re.search(r"(?:tu|bat dau tu|ke tu)\s+(.+?)\s+(?:den|toi)\s+(?:het\s+)?(.+)", s) \
        or re.search(r"(?:tu|bat dau tu|ke tu)\s+((?:ngay\s+)?\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4})\s*[-–]\s*"
                     r"((?:ngay\s+)?\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4})", s)
    m_from = re.search(r"(?:^|\s)(?:tu|bat dau tu|ke tu)\s+(?=ngay|thang|quy|nam|\d)", s) if not m_span else None
    m_before = _DEADLINE.search(s)
    m_until = re.search(r"(?:^|\s)(?:den|toi)\s+(?:het\s+)?(?:nam|thang|quy|ngay|\d)(.*)", s)
    giai_doan = re.search(r"(?:giai doan|tu nam|nam)\s*(\d{4})\s*(?:-|–|den)\s*(?:nam\s*)?(\d{4})", s) \
        or _BARE_YEARS.match(s)

    candidates: list[tuple[int, tuple[str | None, str | None]]] = []
    if giai_doan:
        first, last = giai_doan.group(1), giai_doan.group(2) or giai_doan.group(1)
        candidates.append((giai_doan.start(), (f"{first}-01-01", f"{last}-12-31")))
    if rng:
        candidates.append((rng[1].start(), rng[0]))
    if m_span:
        b = _point(m_span.group(2), year)
        # "từ tháng 10 đến tháng 12/2026": a start without a year takes the end's
        a = _point(m_span.group(1), int(b[0][1][:4]) if b and b[0][1] else year)
        if a and b and a[0][0] and b[0][1] and a[0][0] > b[0][1]:  # "từ tháng 10 đến tháng 1/2025"
            a = _point(m_span.group(1), int(b[0][1][:4]) - 1)
        if a and b:
            candidates.append((m_span.start(), (a[0][0], b[0][1])))
        elif a:
            candidates.append((m_span.start(), (a[0][0], None)))
        elif b:  # "từ nay đến hết năm 2025": only the end is a date
            candidates.append((m_span.start(), (None, b[0][1])))
    if m_from and (a := _point(s[m_from.end():], year)) and a[1].start() == 0:
        candidates.append((m_from.start(), (a[0][0], None)))  # "từ tháng 6/2025": a start only
    if m_before and m_before.group("kw") != "truoc het":  # "Trước hết, ..." is "first of all"
        rest = m_before.group("rest")
        p = _point(rest, year)
        if p and p[1].start() < 12:
            first, last = p[0]
            inclusive = first == last or m_before.group("kw") not in _EXCLUSIVE \
                or re.match(r"(?:trong|het|cuoi)\b", rest)
            candidates.append((m_before.start(), (None, last if inclusive else _day_before(first))))
    if m_until and not m_span:
        p = _point(s[m_until.start():], year)
        if p:
            candidates.append((m_until.start(), (None, p[0][1])))
    periods = _periods(s, year)
    if periods:
        candidates.append((periods[0][0], periods[0][1]))
    if (this_year := _THIS_YEAR.search(s)) and plan_year:
        candidates.append((this_year.start(), (f"{plan_year}-01-01", f"{plan_year}-12-31")))
    if candidates:
        candidates.sort(key=lambda c: c[0])
        at, (start, end) = candidates[0]
        # several periods named in a row ("quý III và quý IV/2026", "tháng 6 và tháng 12") span
        # from the first's start to the last's end
        later = [p for pos, p in periods if pos > at and p[1] and (end is None or p[1] > end)]
        if later and end is not None and (start is not None or ";" in s):
            end = later[-1][1]  # ... and so do deadlines set apart by ";" ("trước ngày …; trước ngày …")

    # "năm 2025 và các năm tiếp theo": from that year on, with no end
    if _ONWARD.search(s) and start and end and start.endswith("-01-01") and end == start[:4] + "-12-31":
        end = None
    return Timeline(printed, start, end, recurrence)


def _periods(s: str, year: int | None) -> list[tuple[int, tuple]]:
    """Every period or date the text names, with where it stands, left to right."""
    out, pos = [], 0
    while pos < len(s) and (p := _point(s[pos:], year)):
        out.append((pos + p[1].start(), p[0]))
        pos += p[1].end()
    return out


def _day_before(iso: str) -> str:
    """"trước tháng 6/2024" ends on the last day before June."""
    d = date.fromisoformat(iso)
    return date.fromordinal(d.toordinal() - 1).isoformat()


def recurrences(folded: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pat, name in _RECURRENCE:
        for m in re.finditer(pat, folded):
            found.append((m.start(), name))
    for m in _REPORT_LIST.finditer(folded):
        for w in re.finditer(r"bao cao (6 thang|quy|thang|nam|tuan)", m.group(0)):
            found.append((m.start() + w.start(), _PERIOD_WORD[w.group(1)]))
    for m in _PERIODIC_LIST.finditer(folded):
        for w in re.finditer(r"6 thang|quy|thang|nam|tuan|ngay", m.group(1)):
            found.append((m.start(1) + w.start(), _PERIOD_WORD[w.group(0)]))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out
