"""The abstract plan: a list of blocks every renderer walks in order.

Text inside blocks may carry light emphasis markup — *italic* and **bold** —
which markdown keeps, docx/pdf turn into runs, and txt and the gold drop.
A block knows nothing about its format; renderers decide the look.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Header:
    left: list[str]              # issuer lines, parent first
    bold_from: int               # first left line printed bold (the issuer itself)
    star: bool                   # party/Đoàn bodies print "*" under their name
    number_line: str             # "Số: 45/KH-UBND", "Số 12-KH/TU", "Số:      /KH-UBND"
    national: list[str]          # "CỘNG HÒA XÃ HỘI ..." + motto, or "ĐẢNG CỘNG SẢN VIỆT NAM"
    place_date: str


@dataclass
class Title:
    kind_word: str               # "KẾ HOẠCH"
    lines: list[str]             # trích yếu, possibly wrapped


@dataclass
class Para:
    text: str
    style: str = "body"          # body | center | note


@dataclass
class Heading:
    """A section heading ("I. MỤC ĐÍCH, YÊU CẦU", "PHẦN II") — never numbered automatically."""
    marker: str
    text: str
    newline: bool = False        # "PHẦN I" on its own line, title below


@dataclass
class Item:
    """A numbered paragraph: "1.", "2-", "5.1-", "a)", "(1)".

    `list_id`/`level`/`fmt` let the docx renderer rebuild the marker as Word
    automatic numbering; text renderers print `marker` literally.
    """
    marker: str
    text: str
    list_id: int
    level: int
    fmt: tuple[str, str]         # (level-0 style, level-1 style): "1." "1-" "1)" "(1)" | "1.1." "1.1-" "a)"
    bold: bool = False


@dataclass
class Field:
    bullet: str                  # "-", "+", "*", "•", or "a)" "b)" ...
    label: str
    value: str
    colon: bool = True


@dataclass
class Bullet:
    bullet: str
    text: str


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    group_rows: set[int] = field(default_factory=set)      # indexes of rows spanning the table ("I | Cải cách thể chế")
    vmerge: list[tuple[int, int, int]] = field(default_factory=list)  # (column, first row, last row) share one cell
    widths: list[float] = field(default_factory=list)      # relative column widths


@dataclass
class Signature:
    recipients: list[str]        # printed lines, without the leading dash
    authority: str               # "KT. CHỦ TỊCH" printed, "" when the head signs
    position: str                # "PHÓ CHỦ TỊCH"
    name: str
    signed_note: bool = False    # "(Đã ký)" as in a copy


Block = Header | Title | Para | Heading | Item | Field | Bullet | Table | Signature

_MARK = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def plain(s: str) -> str:
    """Text without emphasis markup: what txt prints and what the gold holds."""
    return _MARK.sub(lambda m: m.group(1) or m.group(2), s)


def runs(s: str) -> list[tuple[str, bool, bool]]:
    """Split marked-up text into (text, bold, italic) runs."""
    out, pos = [], 0
    for m in _MARK.finditer(s):
        if m.start() > pos:
            out.append((s[pos:m.start()], False, False))
        out.append((m.group(1), True, False) if m.group(1) else (m.group(2), False, True))
        pos = m.end()
    if pos < len(s):
        out.append((s[pos:], False, False))
    return out
