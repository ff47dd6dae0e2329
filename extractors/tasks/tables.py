"""tables: the rows of a task table as tasks (the `table_rows` shape of extractors/tasks/shapes.py):
columns by their header (STT, nội dung, chủ trì, phối hợp, thời gian), group rows between numbered rows."""
from __future__ import annotations

import re

from extractors.fields import column_role, group_row_role, header_columns, twin_columns
from extractors.outline import Node
from extractors.facts import ROLES, Span, Task
from extractors.tasks.reading import _add_roles, _coordinators
from extractors.text import Text, fold
from extractors.timeline import parse_timeline
from extractors.units import starts_actor

_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.?$")


# A cell listing its units as bullets ("- Các bộ, cơ quan ngang bộ↵- Ủy ban nhân dân cấp tỉnh"), its lines
# joined: a dash (OCR: "~", "¬") before a unit's name parts two units; "Bộ Lao động - Thương binh và Xã
# hội" keeps its dash, as no unit's name begins after it.
_CELL_BULLET = re.compile(r"\s+[-–~¬•+](?:\s*[-–.])*\s+(?=\S)")


def _bulleted_units(cell: str) -> str:
    """A role cell whose units are bullets, as one list separated by ";" (other cells unchanged)."""
    if not re.match(r"\s*[-–•+]\s", cell):
        return cell
    pieces: list[str] = []
    for piece in _CELL_BULLET.split(cell.strip()[1:].strip()):
        if pieces and not starts_actor(piece):
            pieces[-1] += " - " + piece
        else:
            pieces.append(piece)
    return "; ".join(p.strip(" -–~¬'\"") for p in pieces)



def _table_tasks(text: Text, node: Node, plan_year) -> list[Task]:
    assert node.table is not None, "a table node names its table"
    table = text.tables[node.table]
    header_row, columns = header_columns(text, node.table)
    if header_row is None:
        # a scan whose header OCR could not read: a task table of the same width elsewhere in the document
        # (the appendix continued over pages) lends its columns, when this one's lead cells name units
        columns = twin_columns(text, node.table)
        if not columns:
            return []
    borrowed = header_row is None
    header_row = header_row or 0  # a borrowed header: the unreadable first row stands in its place
    # A two-row header: "Cơ quan thực hiện" spread over "Chủ trì | Phối hợp" in the row below
    if header_row + 1 < len(table.cells) and not borrowed:
        below = {c: column_role(text.cell_text(node.table, header_row + 1, c))
                 for c in range(len(table.cells[header_row + 1]))}
        task_c = _first(columns, "task")
        task_cell = text.cell_text(node.table, header_row + 1, task_c) if task_c < len(below) else ""
        header_task = text.cell_text(node.table, header_row, task_c)
        if any(r in ROLES for r in below.values()) and task_cell in ("", header_task):
            for c, role in below.items():
                if role and role != "task":
                    columns = {k: v for k, v in columns.items() if v != role}
                    columns[c] = role
            header_row += 1
    index_col = next((c for c, r in columns.items() if r == "index"), None)
    task_col = next(c for c, r in columns.items() if r == "task")
    if index_col is None and task_col > 0 and 0 not in columns:  # an unlabelled first column of numbers
        firsts = [text.cell_text(node.table, r, 0) for r in range(header_row + 1, len(table.cells))]
        if firsts and sum(bool(re.fullmatch(r"[\dIVX]{1,4}\.?", f)) for f in firsts) >= 0.8 * len(firsts):
            index_col = 0
    # "Nội dung" merged over the STT and the task columns: the numbers are the index, the next column the task
    header_cells = [text.cell_text(node.table, header_row, c) for c in range(len(table.cells[header_row]))]
    body_rows = range(header_row + 1, len(table.cells))
    if index_col is None and task_col + 1 < len(header_cells) and header_cells[task_col + 1] == header_cells[task_col] \
            and all(re.fullmatch(r"[\dIVXivx.]{0,6}", text.cell_text(node.table, r, task_col)) for r in body_rows
                    if task_col < len(table.cells[r])):
        index_col, task_col = task_col, task_col + 1
    base = node.id
    group = ""
    # a work column whose group rows name the units ("Danh mục dự án/ Cơ quan, đơn vị thực hiện")
    units_role = group_row_role(text.cell_text(node.table, header_row, task_col))
    group_units: list[str] = []
    out: list[Task] = []
    # each row's id with its group row's label ("I.1"), used when numbering restarts in each group
    grouped_ids: list[str] = []
    # numbered rows: an index OCR misread as a letter ("z" for 2, "T" for 7) follows the row before
    indices = [text.cell_text(node.table, r, index_col).strip().rstrip(".") for r in body_rows
               if index_col is not None and index_col < len(table.cells[r])]
    numbered = sum(i.isdigit() for i in indices) >= 0.5 * max(1, sum(bool(i) for i in indices))
    last_number = 0
    header_text = [fold(text.cell_text(node.table, header_row, c)) for c in range(len(table.cells[header_row]))]
    rows_of_line: dict[int, set[int]] = {}
    for r in body_rows:
        for cell in table.cells[r]:
            for i in cell:
                rows_of_line.setdefault(i, set()).add(r)
    merged_lines = {i for i, rows in rows_of_line.items() if len(rows) > 1}
    # "Thời gian | Nội dung công việc | …": a timetable keyed by its first column prints each period once, on
    # the first row of its block (cells merged down): a blank period is the one above, within the group
    time_key = columns.get(0) == "timeline"
    period = ""
    for r in range(header_row + 1, len(table.cells)):
        row = table.cells[r]
        cells = [text.cell_text(node.table, r, c) if c < len(row) else "" for c in range(len(header_text))]
        if len(row) == 2 < len(header_text) and (_ROMAN_OR_LETTER.match(cells[0]) or re.fullmatch(r"\d{1,2}", cells[0])):
            # "I | GIAI ĐOẠN 1: …", "1 | Lập nhiệm vụ quy hoạch": a group's numeral and title, the rest of the row merged
            group = cells[0] if _ROMAN_OR_LETTER.match(cells[0]) else group
            period = ""
            continue
        if time_key:
            cells[0] = period = cells[0] or period
        if [fold(c) for c in cells] == header_text or all(re.fullmatch(r"\(?\d+\)?", c or "0") for c in cells):
            continue  # a header repeated on a new page, or the "(1) (2) (3)" column-number row
        task_text = cells[task_col] if task_col < len(cells) else ""
        if re.fullmatch(r"(?:tong so|tong cong|cong)\s*:?", fold(task_text).strip()):
            continue  # the table's total ("TỔNG SỐ | 50.000"): a sum, no work
        if task_text and _letters(task_text) == _letters(header_text[task_col]):
            continue  # the header repeated on a new page, OCR specks between its words ("Nhiệm vụ, - hoạt động")
        # a cell merged across the row repeats the group title: it says nothing about the row's roles
        spanned = sum(cells[c] == task_text for c, role in columns.items() if role in ROLES + ("timeline",)
                      and c < len(cells))
        cells = [c if k == task_col or c != task_text else "" for k, c in enumerate(cells)]
        index = cells[index_col].strip().rstrip(".") if index_col is not None and index_col < len(cells) else ""
        others = [cells[c] for c, role in columns.items() if role in ROLES + ("timeline",) and c < len(cells)]
        distinct = {c for c in cells if c}
        # a group row: "I | Nhóm nhiệm vụ ...", a title spanning the whole table, or a numbered group
        # ("1.2 | Lồng ghép ...") whose title is merged over the unit and time columns
        if not task_text or (_ROMAN_OR_LETTER.match(index) and not any(others)) or \
                (len(distinct) == 1 and len(cells) > 2) or (spanned >= 2 and not any(others)):
            group = index if _ROMAN_OR_LETTER.match(index) else group
            if units_role and _ROMAN_OR_LETTER.match(index):
                group_units = [task_text]  # "I | SỞ GIÁO DỤC VÀ ĐÀO TẠO": the unit that does the rows below
            continue  # a group row ("I | Nhóm nhiệm vụ ...") or a row spanning the whole table
        # an STT that is not a number (an OCR misreading such as "“)") gives way to the row's position
        # ("1.2": a row numbered within its group "1")
        label = index if re.fullmatch(r"\d{1,3}(?:[a-z]|\.\d{1,3})?|[IVXivx]{1,5}|[A-Za-zĐđ]", index) else str(len(out) + 1)
        if numbered and not label.isdigit() and len(index) == 1:
            label = str(last_number + 1)
        last_number = int(label) if label.isdigit() else last_number
        tid = ".".join(p for p in (base, label) if p)
        grouped_id = ".".join(p for p in (base, group, label) if p)
        # the row's span covers its own cells: a cell merged down several rows ("Sở Y tế" for rows
        # 1-3) is printed once, in the first, and would stretch a later row's span over its neighbours
        lines = [i for c in row for i in c]
        own = [i for i in lines if i not in merged_lines] or lines
        start = min(text.lines[i].start for i in own)
        end = max(text.lines[i].end for i in own)
        t = Task(id=tid, origin="table", text=task_text, span=Span(text.lines[lines[0]].page, start, end))
        for c, role in columns.items():
            if c >= len(cells) or not cells[c]:
                continue
            if role in ROLES:
                _add_roles(t, role, _bulleted_units(cells[c]))
            elif role == "timeline":
                t.timeline = parse_timeline(cells[c], plan_year)
                # a lone day under "Thời hạn (hoàn thành)" is the day the work is due: an end, as "trước ngày"
                tl = t.timeline
                if tl.start and tl.start == tl.end and re.search(r"\bthoi han\b|\bhoan thanh\b", header_text[c]) \
                        and re.fullmatch(r"(?:ngay\s*)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", fold(cells[c]).strip(" .;")):
                    tl.start = None
            elif role == "products":
                t.products = cells[c]
            elif role == "monitors":
                t.monitors = cells[c]
        if units_role and not getattr(t, units_role):
            setattr(t, units_role, list(group_units))
        if not t.coordinators:
            t.coordinators = _partners_in_work(task_text)
        out.append(t)
        grouped_ids.append(grouped_id)
    if len({t.id for t in out}) < len(out):  # numbering restarts in each group: the group tells rows apart
        for t, grouped_id in zip(out, grouped_ids):
            t.id = grouped_id
    return out


# "Chủ trì, phối hợp với Y ...", "Bộ X chủ trì cân đối ... và phối hợp với Y" (folded)
_LEADS_THE_WORK = re.compile(r"(?:^|[\s,;.])chu tri\b")


def _partners_in_work(task_text: str) -> list[str]:
    """The coordinators a row's own words name when no cell does: "Chủ trì, phối hợp với Y ..." (the row's
    lead column names who chủ trì). Without "chủ trì" ("Phối hợp với Y cập nhật ...") the row's unit only
    takes part in Y's work: no coordinators."""
    m = _LEADS_THE_WORK.search(fold(task_text))
    return _coordinators(task_text, m.end()) if m else []


def _letters(s: str) -> str:
    """Only the letters of a text, folded: a heading read twice by OCR compares equal."""
    return re.sub(r"[^a-z]", "", fold(s))


def _first(columns: dict, role: str):
    return next((c for c, r in columns.items() if r == role), None)
