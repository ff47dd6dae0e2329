"""The one place that builds NLP objects (spaCy, underthesea), each once, cached.

A blank spaCy `vi` pipeline (use_pyvi off) whose words come from underthesea's
segmentation; an EntityRuler marks what patterns alone can find (dates, document
numbers), and the extracted facts are laid over the same tokens as spans, so a
person can see with displaCy what was found where.
"""
from __future__ import annotations

import re
from functools import lru_cache

LABELS = {"CITATION": "#f9d77e", "UNIT": "#a6e3a1", "DATE": "#89b4fa", "FIELD": "#f5c2e7", "TASK": "#e8e8e8",
          "TARGET": "#fab387", "NUMBER": "#cba6f7"}


@lru_cache(maxsize=1)
def vietnamese():
    """spaCy blank `vi` with an EntityRuler for dates and document numbers."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns([
        {"label": "DATE", "pattern": [{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/\d{4}$"}}]},
        {"label": "DATE", "pattern": [{"LOWER": "ngày"}, {"LIKE_NUM": True}, {"LOWER": "tháng"}, {"LIKE_NUM": True},
                                      {"LOWER": "năm"}, {"LIKE_NUM": True}]},
        {"label": "NUMBER", "pattern": [{"TEXT": {"REGEX": r"^\d+(/\d{4})?[/-][A-ZĐ][\w&/-]*$"}}]},
    ])
    return nlp


def segment(text: str) -> list[tuple[int, int]]:
    """Word spans of `text` from underthesea (multi-syllable words kept whole),
    aligned back to the text so every token keeps its offset."""
    from underthesea import word_tokenize

    spans, pos = [], 0
    for line in text.split("\n"):
        words = word_tokenize(line) if line.strip() else []
        cursor = 0
        for w in words:
            at = line.find(w, cursor)
            if at < 0:  # underthesea changed the word: fall back to the plain syllables here
                continue
            spans.append((pos + at, pos + at + len(w)))
            cursor = at + len(w)
        pos += len(line) + 1
    return _fill_gaps(text, spans)


def _fill_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for a, b in spans:
        if a > pos:
            out.extend((m.start() + pos, m.end() + pos) for m in re.finditer(r"\S+", text[pos:a]))
        out.append((a, b))
        pos = b
    out.extend((m.start() + pos, m.end() + pos) for m in re.finditer(r"\S+", text[pos:]))
    return out


def make_doc(text: str):
    """A spaCy Doc over `text` whose tokens are underthesea words, run through the ruler."""
    from spacy.tokens import Doc

    nlp = vietnamese()
    spans: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(segment(text)):  # line breaks become tokens so the page keeps its lines
        prev_end = spans[-1][1] if spans else 0
        if "\n" in text[prev_end:a]:
            at = text.index("\n", prev_end)
            spans.append((at, at + 1))
        spans.append((a, b))
    words = [text[a:b] for a, b in spans]
    spaces = [bool(spans[k + 1][0] > b) and words[k] != "\n" and words[k + 1] != "\n" if k + 1 < len(spans)
              else False for k, (a, b) in enumerate(spans)]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc, spans


def overlay(doc, spans: list[tuple[int, int]], facts: list[tuple[int, int, str]]):
    """Lay extracted facts (char start, end, label) over the doc's tokens as entities;
    a fact wins over a ruler match it overlaps."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    starts = [a for a, _ in spans]
    import bisect

    ents = []
    for start, end, label in facts:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        j = bisect.bisect_left(starts, end)
        if j > i:
            ents.append(Span(doc, i, j, label=label))
    doc.set_ents(filter_spans(ents + [e for e in doc.ents]))
    return doc
