"""Where a search's words are in a piece of text, for the web page and `kehoach search` to mark.

    search_terms("dau tu")                          # ["dau", "tu"]
    term_spans("Đầu tư công", ["dau", "tu"])        # [(0, 3), (4, 6)]
    mark_terms("Đầu tư công", ["dau"], "[", "]")    # "[Đầu] tư công"

The full-text index holds folded text (no diacritics, đ = d), so FTS5's own highlight()
and snippet() would print "dau tu" where the plan says "Đầu tư". The words are matched
here the way the index matched them — whole folded words, a trailing * a prefix — and the
marks are put on the text as printed.
"""
from __future__ import annotations

import re

from extractors.text import fold

_WORD = re.compile(r"\w+")


def search_terms(query: str | None) -> list[str]:
    """The words of a search as the index takes them (pipeline.archive.fts_query): folded, a trailing * kept."""
    return re.findall(r"\w+\*?", fold(query or ""))


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the character it came from."""
    out, origins = [], []
    for i, ch in enumerate(text):
        piece = fold(ch)
        out.append(piece)
        origins.extend([i] * len(piece))
    return "".join(out), origins


def term_spans(text: str | None, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that one of `terms` finds, in the printed text's offsets."""
    if not text or not terms:
        return []
    exact = {t for t in terms if not t.endswith("*")}
    prefixes = tuple(t[:-1] for t in terms if t.endswith("*"))
    folded, origins = _folded_with_origins(text)
    spans = []
    for m in _WORD.finditer(folded):
        word = m.group()
        if word in exact or (prefixes and word.startswith(prefixes)):
            spans.append((origins[m.start()], origins[m.end() - 1] + 1))
    return spans


def marked_pieces(text: str | None, terms: list[str]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_a_match) pieces, for a template to wrap the matches in <mark>."""
    if not text:
        return []
    pieces, pos = [], 0
    for start, end in term_spans(text, terms):
        if start > pos:
            pieces.append((text[pos:start], False))
        pieces.append((text[start:end], True))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def mark_terms(text: str, terms: list[str], before: str, after: str) -> str:
    """`text` with every match of `terms` between `before` and `after` (ANSI codes, or plain markers)."""
    return "".join(f"{before}{piece}{after}" if hit else piece for piece, hit in marked_pieces(text, terms))
