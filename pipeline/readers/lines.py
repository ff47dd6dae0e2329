"""Positioned words and the split of a visual line at column gaps, shared by the PDF
text layer and OCR. Kept apart from ocr.py so that reading a text PDF imports neither
numpy nor Pillow."""
from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = -1.0
    key: tuple = ()  # (block, par, line) from Tesseract; () for PDF words


def split_on_gaps(words: list[Word], gap_factor: float = 4.0) -> list[list[Word]]:
    """Split one visual line where a horizontal gap is far wider than a character.

    The two columns of a Vietnamese header ("ỦY BAN NHÂN DÂN ... CỘNG HÒA XÃ HỘI ...")
    share a baseline; joined they would read as one sentence.
    """
    if len(words) < 2:
        return [words]
    widths = [(w.x1 - w.x0) / max(len(w.text), 1) for w in words]
    # statistics.median gives np.median's value; numpy's call costs more than the sort
    # on lines of a few words, and a text PDF need not import numpy at all
    char = float(statistics.median(widths)) or 1.0
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    # capitals are wide, so a header's column gap can be under 4 of its characters;
    # against the line's own word spacing it still stands out
    usual = float(statistics.median(gaps)) if len(gaps) >= 3 else None
    pieces, current = [], [words[0]]
    for prev, word in zip(words, words[1:]):
        gap = word.x0 - prev.x1
        if gap > gap_factor * char or (usual is not None and gap > 2 * char and gap > 4 * max(usual, 0.2 * char)):
            pieces.append(current)
            current = []
        current.append(word)
    pieces.append(current)
    return pieces
