"""Field lines: "Chủ trì: ...", "- Cơ quan phối hợp: ...", "a) Thời gian thực hiện: ...".

Labels come from data/field_labels.csv and are matched on the folded form, so
"Chu tri" (lost diacritics) and "Thòi gian thực hiên" (OCR) still match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import field_labels
from extractors.text import Text, fold
from extractors.units import starts_actor

# What may stand before a label: a bullet or a letter/number marker, e.g. "- ", "+ ", "a) ", "(1) ".
_LEAD_IN = re.compile(r"^\s*(?:[-+•*–—]\s*|[a-zđ]\s*[).]\s*|\(?\d{1,2}\)\s*)?")
_AFTER_LABEL = re.compile(r"^\s*(?:\([^)]{0,40}\))?\s*(:|-\s|–\s|\s)")


@dataclass
class Field:
    role: str  # lead | coordinators | advisors | implementers | timeline | products | ...
    label: str  # as printed
    value: str
    has_colon: bool


def parse_field(line: str) -> Field | None:
    """The field a line states, or None. A label without ":" is returned with has_colon False;
    the caller decides from context whether to trust it."""
    lead_in = _LEAD_IN.match(line)  # always matches (all of it is optional)
    lead = lead_in.end() if lead_in else 0
    rest = line[lead:]
    folded = fold(rest)
    for label, role in field_labels():
        if role in ("task", "index", "note"):
            continue
        if not folded.startswith(label):
            continue
        end = len(label)
        tail = _AFTER_LABEL.match(folded[end:])
        if not tail:
            continue
        colon = tail.group(1) == ":"
        value = rest[end + tail.end():].strip()
        if not value:
            continue
        return Field(role=role, label=rest[:end].strip(), value=value.rstrip(" .;,"), has_colon=colon)
    return None


# "Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện": one column for the work and, in its group rows, the
# units that do it (a decision allocating funds lists each unit's projects under the unit's name)
_WORK_OVER_UNITS = re.compile(r"^\s*(?:danh muc\s+|ten\s+)?(?:du an|cong trinh|nhiem vu)\b[^/]{0,30}/(?P<units>.+)$")


def group_row_role(header: str) -> str | None:
    """The role of the units a work column's group rows name ("Danh mục dự án/ Cơ quan … thực hiện" →
    implementers), or None for any other column."""
    m = _WORK_OVER_UNITS.match(fold(header))
    role = column_role(m.group("units")) if m else None
    return role if role in ("lead", "implementers") else None


def column_role(header: str) -> str | None:
    """The role of a task-table column from its header cell ("Cơ quan chủ trì" → lead)."""
    if _WORK_OVER_UNITS.match(fold(header)):
        return "task"
    folded = re.sub(r"[^\w\s]", " ", fold(header))
    folded = re.sub(r"\s+", " ", folded).strip()
    if len(folded) <= 5:  # "ST\nT" / "S TT": a narrow column wraps its header
        folded = folded.replace(" ", "")
    for label, role in field_labels():
        if folded == label or folded.startswith(label + " "):
            return role
    for label, role in field_labels():  # "Thời gian hoàn thành (dự kiến)" / "Đơn vị chủ trì thực hiện"
        if len(label) > 4 and label in folded:
            return role
    squeezed = folded.replace(" ", "")  # a PDF's text that lost its spaces: "Đơn vịphốihợp", "Thờigian thựchiện"
    for label, role in field_labels():
        if len(label) > 4 and label.replace(" ", "") in squeezed:
            return role
    return None


def header_columns(text: Text, index: int) -> tuple[int | None, dict]:
    """The header row of a task table among its first three rows, and the role of each column."""
    columns: dict = {}
    for r, row in enumerate(text.tables[index].cells[:3]):
        roles = {c: column_role(" ".join(text.line_text(i) for i in cell)) for c, cell in enumerate(row)}
        if "task" in roles.values():
            for c, role in roles.items():
                if role and role not in columns.values():
                    columns[c] = role
            return r, columns
    return None, columns


def twin_columns(text: Text, index: int) -> dict:
    """A scanned task table whose header OCR could not read: the columns of a task table of the same
    width elsewhere in the document (an appendix continued over pages), when this table's cells in
    that lead column name units; {} otherwise."""
    cells_of = text.tables[index].cells
    width = max((len(row) for row in cells_of), default=0)
    for k, other in enumerate(text.tables):
        if k == index or max((len(row) for row in other.cells), default=0) != width:
            continue
        header_row, columns = header_columns(text, k)
        lead = next((c for c, role in columns.items() if role == "lead"), None)
        if header_row is None or lead is None or "task" not in columns.values():
            continue
        task = next(c for c, role in columns.items() if role == "task")
        # the rows of its own (a title merged across the row is no lead cell)
        leads = [text.cell_text(index, r, lead) for r in range(len(cells_of)) if max(lead, task) < len(cells_of[r])
                 and text.cell_text(index, r, lead) != text.cell_text(index, r, task)]
        named = [c for c in leads if c and starts_actor(c.lstrip("-–•+ "))]
        if len(named) >= 2 and len(named) >= 0.4 * len(leads):
            return columns
    return {}


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern:
    labels = [label for label, role in field_labels() if role not in ("task", "index", "note")]
    # ("… và địa phương -Thời gian thực hiện: …": a crawled page glued the next field line on after its dash)
    return re.compile(r"(?:^|(?<=[(;.,])\s*|(?<=[(;.,])|(?<=\s[-–]))(" + "|".join(re.escape(label) for label in labels)
                      + r")\s*:")


def split_fields(text: str) -> tuple[str, list[Field]]:
    """Fields written inside a line: "- Chủ trì: Sở A; Phối hợp: Sở B; Thời gian: quý I" or an item
    ending "(Chủ trì: Sở Y tế; thời gian: Quý II/2024)". Returns the text before the first label
    (without the opening bracket) and the fields, each with a colon."""
    folded = fold(text)
    marks = list(_label_pattern().finditer(folded))
    if not marks:
        return text, []
    fields = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        value = text[m.end():end].strip(" .;,").rstrip(")").strip(" .;,-–")
        role = next(r for label, r in field_labels() if label == m.group(1))
        if value:
            fields.append(Field(role=role, label=text[m.start(1):m.end(1)], value=value, has_colon=True))
    head = text[: marks[0].start()].rstrip(" (;,-–")
    return head, fields
