"""annotate: PlanRecord → HTML page (displaCy) showing each extracted fact where it stands."""
from __future__ import annotations

import html

from extractors.nlp import LABELS, make_doc, overlay
from pipeline.record import ROLES, PlanRecord


def facts_of(record: PlanRecord) -> list[tuple[int, int, str]]:
    """(start, end, label) of every fact the record holds, located in its normalised text."""
    text = record.text or ""
    facts = [(c.span.start, c.span.end, "CITATION") for c in record.citations if c.span]
    for t in record.tasks:
        if not t.span:
            continue
        lo, hi = t.span.start, t.span.end
        for role in ROLES:
            for actor in getattr(t, role):
                at = text.find(actor, lo, hi)
                if at >= 0:
                    facts.append((at, at + len(actor), "UNIT"))
        if t.timeline.text:
            at = text.find(t.timeline.text, lo, hi)
            if at >= 0:
                facts.append((at, at + len(t.timeline.text), "DATE"))
    for g in record.targets:
        if g.span and g.value is not None:
            at = text.find(f"{g.value:g}%", g.span.start, g.span.end) if isinstance(g.value, (int, float)) else -1
            if at >= 0:
                facts.append((at, at + len(f"{g.value:g}%"), "TARGET"))
    return facts


def annotate(record: PlanRecord) -> str:
    """A self-contained HTML page: the plan's text with citations, units, dates and targets marked."""
    from spacy import displacy

    doc, spans = make_doc(record.text or "")
    doc = overlay(doc, spans, facts_of(record))
    body = displacy.render(doc, style="ent", page=False, options={"colors": LABELS, "ents": list(LABELS)})
    title = html.escape(record.document.title or record.source.path)
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
            "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:2em auto;line-height:2.2}</style>"
            f"</head><body><h1>{title}</h1><p>{html.escape(record.source.path)} — "
            f"{len(record.tasks)} tasks, {len(record.citations)} citations, {len(record.targets)} targets</p>"
            f"{body}</body></html>")
