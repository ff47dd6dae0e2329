"""extract: file → PlanRecord. Runs the stages in order (read → normalize → outline →
extractors) and assembles the record of ../shared/contract.md."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from extractors.citations import find_citations, province_code
from extractors.header import parse_header
from extractors.outline import parse_outline
from extractors.targets import find_targets
from extractors.tasks import find_tasks
from extractors.text import Text
from pipeline.names import shown
from pipeline.normalize import normalize
from pipeline.readers import read
from pipeline.record import (Citation, Document, PlanRecord, Section, Signer, SourceInfo, Span, Target, Task,
                             Timeline)
from pipeline.source import Source


def extract_file(path) -> PlanRecord:
    """Read one file and return its plan record (ReadError on bad input)."""
    return extract_source(read(Path(path)))


def extract_source(source: Source) -> PlanRecord:
    text = normalize(source)
    return extract_text(text, source)


def plan_year(doc: dict, text: Text) -> int | None:
    """The year a date without one belongs to: the plan's date, its title, or the text's usual year."""
    if doc.get("date"):
        return int(doc["date"][:4])
    # a draft's date line leaves the day blank but prints the year: "ngày    tháng 10 năm 2023"
    m = re.search(r"ngày\W{0,12}(?:\d{1,2})?\W*tháng\W*(?:\d{1,2})?\W*năm\s+(\d{4})", text.text[:2000])
    if m:
        return int(m.group(1))
    m = re.search(r"\b(20\d\d)\b", doc.get("title") or "")
    if m:
        return int(m.group(1))
    years = Counter(re.findall(r"\b(20\d\d)\b", text.text))
    return int(years.most_common(1)[0][0]) if years else None


def _home_province(doc: dict, text: Text) -> str | None:
    """The plan's own province, for keys of local directives that do not name theirs."""
    for candidate in (doc.get("issuer"), doc.get("place")):
        if province_code(candidate):
            return candidate
    names = re.findall(r"tỉnh\s+((?:[A-ZĐ][\wà-ỹđ]*\s?){1,3})", text.text)
    for name, _ in Counter(n.strip() for n in names).most_common():
        if province_code(name):
            return name
    return None


def extract_text(text: Text, source: Source) -> PlanRecord:
    outline = parse_outline(text)
    preamble = [text.line_text(i) for i in outline.preamble]
    closing = [text.line_text(i) for i in outline.closing]
    doc = parse_header(preamble, closing, text.text)
    year = plan_year(doc, text)
    warnings = list(source.warnings)

    cites = find_citations(text.text, own_number=doc.get("number"), home_issuer=_home_province(doc, text))
    citations = [Citation(text=c.text, kind=c.kind, number=c.number, date=c.date, issuer=c.issuer, title=c.title,
                          key=c.key, span=Span(text.page_at(c.start), c.start, c.end)) for c in cites]

    tasks = []
    for t in find_tasks(text, outline, year):
        cited = [k for k, c in enumerate(cites) if t.start <= c.start < t.end]
        tl = Timeline(**t.timeline) if t.timeline else Timeline()
        if tl.text and not (tl.start or tl.end or tl.recurrence):
            warnings.append(f"task {t.id}: time not understood: {tl.text!r}")
        if not t.roles["lead"] and t.origin != "prose":
            warnings.append(f"task {t.id}: no lead unit (Chủ trì)")
        tasks.append(Task(id=t.id, origin=t.origin, text=t.text, timeline=tl, citations=cited,
                          span=Span(t.page, t.start, t.end), products=t.products, **t.roles))

    targets = [Target(id=g.id, text=g.text, value=g.value, unit=g.unit, span=Span(g.page, g.start, g.end))
               for g in find_targets(text, outline)]
    sections = [Section(id=n.id, title=n.text) for n in outline.root.walk() if n.kind in ("part", "section")]
    if not doc["kind"]:
        warnings.append("document kind not found (no KẾ HOẠCH / QUYẾT ĐỊNH ... heading)")
    record = PlanRecord(
        source=SourceInfo(path=shown(source.path), sha256=source.sha256, format=source.format, pages=source.pages,
                          ocr=source.ocr),
        document=Document(**{**doc, "signer": Signer(**doc["signer"])}),
        sections=sections, tasks=tasks, targets=targets, citations=citations, warnings=warnings, text=text.text)
    return record
