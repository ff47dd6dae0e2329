"""The normalised text every extractor reads, and the string cleaning they share.

`Text` is one string plus its lines; each line knows its page and, through
`pieces`, which source block and character it came from, so any span found in
the text maps back to the original file (provenance is never lost).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.lexicon import rows


@dataclass
class Line:
    start: int
    end: int
    page: int
    kind: str = "para"  # para | cell
    table: int | None = None  # for cells: index into Text.tables
    row: int | None = None
    col: int | None = None
    style: str | None = None
    confidence: float | None = None
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)  # (text_start, block, block_start, length)


@dataclass
class Table:
    """A table as a grid: cells[row][col] is a list of line indexes (a cell's paragraphs)."""

    cells: list[list[list[int]]]
    page: int


@dataclass
class Text:
    text: str
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)

    def line_text(self, i: int) -> str:
        ln = self.lines[i]
        return self.text[ln.start:ln.end]

    def cell_text(self, table: int, row: int, col: int) -> str:
        return " ".join(self.line_text(i) for i in self.tables[table].cells[row][col]).strip()

    def page_at(self, offset: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:  # last line starting at or before offset
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.lines[lo].page if self.lines else 1


# Old-style tone placement on an open syllable (hoà, thuỷ) → the modern one (hòa, thủy): data/tone_placements.csv
_TONE_MOVES = {r["old"]: r["new"] for r in rows("tone_placements.csv")}
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(_TONE_MOVES) + "|" + "|".join(k.capitalize() for k in _TONE_MOVES)
                      + "|" + "|".join(k.upper() for k in _TONE_MOVES) + r")(?![^\W\d_])")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)
# Cyrillic letters that look Latin, which some PDFs' text layers put for Latin ones ("24/HDLN-BCA-ВСТ"): a
# Vietnamese document writes none, so each becomes the letter it looks like (one for one: offsets stay)
_HOMOGLYPHS = {ord(r["printed"]): r["means"] for r in rows("homoglyphs.csv")}
_CLEANED = {**_INVISIBLE, **_HOMOGLYPHS}  # one translation for both
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")


def _move_tone(m: re.Match) -> str:
    s = m.group(1)
    new = _TONE_MOVES[s.lower()]
    if s.isupper():
        return new.upper()
    return new.capitalize() if s[0].isupper() else new


def clean(s: str) -> str:
    """NFC, modern tone placement, no invisible characters, single spaces."""
    s = unicodedata.normalize("NFC", s).translate(_CLEANED)
    s = _TONE_RE.sub(_move_tone, s)
    return _SPACES.sub(" ", s).strip()


_FOLD = str.maketrans({"đ": "d", "Đ": "d"})


class _NoMarks(dict):
    """A str.translate table deleting every combining mark (category Mn), filled as characters
    are met: one C pass over the text instead of a Python test per character."""

    def __missing__(self, code: int):
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = kept
        return kept


_NO_MARKS = _NoMarks()


def fold(s: str) -> str:
    """Lowercase without diacritics (đ → d): for matching, never for output."""
    if s.isascii():  # nothing to fold but the case
        return s.lower()
    if len(s) <= _SHORT:
        return _fold_short(s)
    return _fold(s)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFD", s.translate(_FOLD).lower()).translate(_NO_MARKS)


# the rules fold the same line or name over and over (a plan's 30,000 folds are of 1,200 strings);
# short ones are remembered, so the cache stays small however long the texts
_SHORT = 300
_fold_short = lru_cache(maxsize=8192)(_fold)
