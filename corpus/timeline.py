"""Time expressions (Thời gian thực hiện) with their gold period and recurrence.

Every expression is built from its meaning, so start/end are right by
construction (month ends, leap years, quarters, half-years), following
docs/gold-conventions.md: the first period named wins, a missing year is the
plan's year, "trước ngày" gives only an end, recurrences in printed order.
"""
from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import data

ROMAN_Q = ["I", "II", "III", "IV"]


@dataclass
class Time:
    text: str
    start: date | None = None
    end: date | None = None
    recurrence: list[str] = field(default_factory=list)

    def gold(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"text": self.text.rstrip("."), "start": iso(self.start), "end": iso(self.end),
                "recurrence": list(self.recurrence)}


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _mm(m: int, rng: random.Random) -> str:
    # "tháng 02/2024" and "tháng 2/2024" are both common
    return f"{m:02d}" if m < 10 and rng.random() < 0.5 else str(m)


def _month(rng, y, plan_year, *, with_year=True):
    m = rng.randint(1, 12)
    if rng.random() < 0.25:
        m = 2  # February often, so leap years are exercised
    if not with_year:
        return f"tháng {m}", date(plan_year, m, 1), month_end(plan_year, m)
    form = rng.random()
    if form < 0.6:
        t = f"tháng {_mm(m, rng)}/{y}"
    else:
        t = f"tháng {_mm(m, rng)} năm {y}"
    return t, date(y, m, 1), month_end(y, m)


def _quarter(rng, y):
    q = rng.randint(1, 4)
    t = rng.choice([f"quý {ROMAN_Q[q - 1]}/{y}", f"quý {ROMAN_Q[q - 1]} năm {y}", f"quý {ROMAN_Q[q - 1]}/{y}"])
    return t, date(y, 3 * q - 2, 1), month_end(y, 3 * q)


def _half(rng, y):
    if rng.random() < 0.6:
        return f"6 tháng đầu năm {y}", date(y, 1, 1), date(y, 6, 30)
    return f"6 tháng cuối năm {y}", date(y, 7, 1), date(y, 12, 31)


def _year(rng, y):
    return f"năm {y}", date(y, 1, 1), date(y, 12, 31)


def _day(rng, y):
    m = rng.randint(1, 12)
    d = rng.choice([10, 15, 20, 25, 30, calendar.monthrange(y, m)[1]])
    d = min(d, calendar.monthrange(y, m)[1])
    return date(y, m, d)


def _dm(d: date, rng, year=True) -> str:
    dd = f"{d.day:02d}" if d.day < 10 and rng.random() < 0.6 else str(d.day)
    mm = f"{d.month:02d}" if d.month < 10 and rng.random() < 0.4 else str(d.month)
    return f"{dd}/{mm}/{d.year}" if year else f"{dd}/{mm}"


def _before(rng, y, plan_year):
    d = _day(rng, y)
    if rng.random() < 0.25:  # the year left out: it is the plan's own
        d = _day(rng, plan_year)
        return f"trước ngày {_dm(d, rng, year=False)}", None, d
    return f"trước ngày {_dm(d, rng)}", None, d


def _range(rng, y):
    form = rng.random()
    if form < 0.5:
        a = rng.randint(1, 9)
        b = rng.randint(a + 1, 12)
        return f"từ tháng {a} đến tháng {b}/{y}", date(y, a, 1), month_end(y, b)
    if form < 0.75:
        a = rng.randint(9, 12)
        b = rng.randint(1, 6)
        return f"từ tháng {a}/{y} đến tháng {b}/{y + 1}", date(y, a, 1), month_end(y + 1, b)
    if form < 0.9:
        d1 = _day(rng, y)
        d2 = _day(rng, y)
        d1, d2 = min(d1, d2), max(d1, d2)
        if d1 == d2:
            d2 = month_end(y, 12)
        return f"từ ngày {_dm(d1, rng)} đến ngày {_dm(d2, rng)}", d1, d2
    return f"từ năm {y} đến năm {y + 4}", date(y, 1, 1), date(y + 4, 12, 31)


PERIODS = [(_month, 5), (_quarter, 4), (_half, 2), (_year, 2), (_before, 3), (_range, 2)]


def _period(rng: random.Random, plan_year: int):
    y = plan_year + (1 if rng.random() < 0.1 else 0)
    fn: Any = rng.choices([f for f, _ in PERIODS], weights=[w for _, w in PERIODS])[0]  # the periods differ in signature
    if fn is _before:
        return _before(rng, y, plan_year)
    if fn is _month:
        return _month(rng, y, plan_year, with_year=rng.random() >= 0.1)
    return fn(rng, y)


def _recurrence(rng):
    text, codes = rng.choice(data.phrases()["timeline"]["recurrence"])
    return text, list(codes)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def field_value(rng: random.Random, plan_year: int) -> Time:
    """A Thời gian field value: a period, a recurrence, or both."""
    form = rng.random()
    prefix = rng.choice(data.phrases()["timeline"]["period_prefix"])
    if form < 0.35:
        t, s, e = _period(rng, plan_year)
        text = prefix + t if prefix else t
        return Time(_cap(text), s, e)
    if form < 0.65:
        t, codes = _recurrence(rng)
        return Time(t, None, None, codes)
    if form < 0.85:  # "Quý I/2024 và hằng năm"
        t, s, e = _period(rng, plan_year)
        r, codes = _recurrence(rng)
        return Time(_cap((prefix + t) if prefix else t) + " và " + r[0].lower() + r[1:], s, e, codes)
    if form < 0.93:  # recurrence, then a reporting deadline: the deadline is the period
        r, codes = _recurrence(rng)
        t, s, e = _before(rng, plan_year, plan_year)
        return Time(f"{r}; báo cáo kết quả {t}", s, e, codes)
    # two periods named: the first wins
    t1, s, e = _period(rng, plan_year)
    t2, _, _ = _period(rng, plan_year)
    return Time(_cap(t1) + " (xây dựng kế hoạch), " + t2 + " (sơ kết, đánh giá)", s, e)


def cell_value(rng: random.Random, plan_year: int) -> Time:
    """A table cell: short, capitalised."""
    if rng.random() < 0.55:
        t, s, e = _period(rng, plan_year)
        return Time(_cap(t), s, e)
    if rng.random() < 0.8:
        t, codes = _recurrence(rng)
        return Time(t, None, None, codes)
    t, s, e = _period(rng, plan_year)
    r, codes = _recurrence(rng)
    return Time(_cap(t) + " và " + r[0].lower() + r[1:], s, e, codes)


def prose_phrase(rng: random.Random, plan_year: int) -> Time:
    """A phrase inside a sentence ("... báo cáo kết quả trước ngày 15/12/2024")."""
    if rng.random() < 0.7:
        t, s, e = _before(rng, plan_year, plan_year)
        return Time(t, s, e)
    t, s, e = rng.choice([_quarter, _half])(rng, plan_year)
    return Time("trong " + t, s, e)
