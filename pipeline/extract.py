"""extract: file → PlanRecord. Runs the stages in order (read → normalize → outline →
extractors) and assembles the record of ../shared/contract.md."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from extractors.citations import find_citations
from extractors.grammar import MOTTO, date_line_year, home_province
from extractors.header import parse_header
from extractors.outline import parse_outline
from extractors.targets import find_targets
from extractors.tasks import find_tasks
from extractors.text import Text
from pipeline.names import shown
from pipeline.normalize import normalize
from pipeline.readers import read
from pipeline.record import Document, PlanRecord, Section, SourceInfo
from pipeline.source import Source


def extract_file(path) -> PlanRecord:
    """Read one file and return its plan record (ReadError on bad input)."""
    return extract_source(read(Path(path)))


def extract_source(source: Source) -> PlanRecord:
    text = normalize(source)
    return extract_text(text, source)


def plan_year(doc: Document, text: Text) -> int | None:
    """The year a date without one belongs to: the plan's date, its title, or the text's usual year."""
    if doc.date:
        issued = int(doc.date[:4])
        # a plan issued late in one year for the next ("Kế hoạch ... năm 2026", "giai đoạn 2026-2030"
        # dated 11/2025): its dates without a year belong to the year it covers. "đến năm 2030" is a
        # horizon, not the year covered.
        covered = re.search(r"(?<!đến )(?<!tới )(?:năm|giai đoạn|thời kỳ)\s+(20\d\d)\b", (doc.title or "").lower())
        if covered and int(covered.group(1)) > issued:
            return int(covered.group(1))
        return issued
    # a draft's date line leaves the day blank but prints the year: "ngày    tháng 10 năm 2023"
    year = date_line_year(text.text[:2000])
    if year is not None:
        return year
    m = re.search(r"\b(20\d\d)\b", doc.title or "")
    if m:
        return int(m.group(1))
    years = Counter(re.findall(r"\b(20\d\d)\b", text.text))
    return int(years.most_common(1)[0][0]) if years else None


def document_start(text: Text) -> int:
    """Where the document begins in a page crawled from a legal-text site: at the layout table of the
    issuer and the national motto; what is above it is the site's (its notices, the document's index
    card). A crawled page sets the issuer beside the motto in a layout table whose first row opens
    after two "|" lines in a row; a text with no such layout begins at once."""
    motto = next((i for i in range(len(text.lines)) if MOTTO.search(text.line_text(i))), None)
    if motto is None:
        return 0
    opened = next((i + 1 for i in range(motto - 1, 0, -1)
                   if text.line_text(i).strip() == text.line_text(i - 1).strip() == "|"), None)
    return 0 if opened is None else text.lines[opened].start


def document_end(text: Text, outline, doc: Document) -> int:
    """Where the document ends in a page crawled from a legal-text site: at the site's own listing of
    the document after the signature ("Công văn 5348/CT-CS năm 2025 hướng dẫn ..." — the kind and the
    document's own number, then its year), after which the site lists related documents and notices of
    its own. The end of the text where there is no such line."""
    if doc.kind and doc.number and outline.closing:
        listing = re.compile(rf"^{re.escape(doc.kind)}\s+{re.escape(doc.number)}\s+năm\s+\d{{4}}\b", re.I | re.M)
        m = listing.search(text.text, text.lines[outline.closing[0]].start)
        if m:
            return m.start()
    return len(text.text)


def _blanked(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


def extract_text(text: Text, source: Source) -> PlanRecord:
    outline = parse_outline(text)
    # the header is read from the document's first line: a crawled page's notices above it are the site's
    start = document_start(text)
    preamble = [text.line_text(i) for i in outline.preamble if text.lines[i].start >= start]
    closing = [text.line_text(i) for i in outline.closing]
    doc = parse_header(preamble, closing, text.text)
    year = plan_year(doc, text)
    warnings = list(source.warnings)

    end = document_end(text, outline, doc)
    # the page around a crawled document is not the document: blanked, so that offsets stay those of the text
    body = _blanked(text.text[:start]) + text.text[start:end] + _blanked(text.text[end:])
    citations = find_citations(body, own_number=doc.number, home_issuer=home_province(doc.issuer, doc.place, text.text),
                               page_at=text.page_at)

    tasks = []
    # a task's citations are those that start inside it: found by bisecting the citations by start
    # (a scan of every citation for every task was quadratic in a long plan)
    by_start = sorted((c.span.start, k) for k, c in enumerate(citations) if c.span)
    starts = [start for start, _ in by_start]
    for t in find_tasks(text, outline, year):  # the record's own Tasks: only their citations are left to fill
        assert t.span is not None, "the task extractor places every task"
        inside = by_start[bisect_left(starts, t.span.start):bisect_left(starts, t.span.end)]
        t.citations = sorted(k for _, k in inside)
        tl = t.timeline
        if tl.text and not (tl.start or tl.end or tl.recurrence):
            warnings.append(f"task {t.id}: time not understood: {tl.text!r}")
        if not t.lead and t.origin != "prose":
            warnings.append(f"task {t.id}: no lead unit (Chủ trì)")
        tasks.append(t)

    targets = find_targets(text, outline)
    sections = [Section(id=n.id, title=n.text) for n in outline.root.walk() if n.kind in ("part", "section")]
    if not doc.kind:
        warnings.append("document kind not found (no KẾ HOẠCH / QUYẾT ĐỊNH ... heading)")
    record = PlanRecord(
        source=SourceInfo(path=shown(source.path), sha256=source.sha256, format=source.format, pages=source.pages,
                          ocr=source.ocr),
        document=doc,
        sections=sections, tasks=tasks, targets=targets, citations=citations, warnings=warnings, text=text.text)
    return record


def extract_bytes(data: bytes, name: str = "-") -> PlanRecord:
    """The record of a file given as bytes (`kehoach extract -` reads standard input).
    The format is told by the content: a zip is a .docx, a known magic number its
    format, anything else text; the record's source path is `name`."""
    import tempfile

    from pipeline.readers import sniff

    suffix = ".docx" if data.startswith(b"PK\x03\x04") else sniff(Path("stdin.txt"), data[:8])
    with tempfile.TemporaryDirectory(prefix="kehoach-stdin-") as folder:
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(data)
        try:
            record = extract_file(path)
        except Exception as exc:
            # the temporary name means nothing to the user: speak of what they gave
            exc.args = tuple(str(a).replace(str(path), name) for a in exc.args)
            raise
    record.source.path = name
    return record
