"""outline: Text → Outline. Parts, sections, items and bullets as a tree; field lines
attached to the item they describe; task tables kept whole; header and closing apart.

Numbering styles are told apart by shape ("1." vs "1)" vs "a)" vs "-"): a style
seen before on the open path closes everything below it (a sibling), a new
style opens a level (a child). This is how a reader follows Vietnamese plans,
whose numbering mixes I-, 1., 1.1-, a), -, + freely.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields import Field, column_role, group_row_role, parse_field, split_fields, twin_columns
from extractors.grammar import RECIPIENTS, ROMANS, attached_heading_at, authority_of, marker_of  # noqa: F401 (marker_of: part of this API)
from extractors.lexicon import any_of
from extractors.text import Text, fold

_BODY_END = re.compile(r"\./\.\s*$")
# "KẾ HOẠCH" over "(Ban hành kèm theo Quyết định số ...)" after a decision's signature: the plan it issues
# (data/attached_kinds.txt); its issuer and title may follow on the same line ("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH
# PHỦ thực hiện Chỉ thị số 49-CT/TW …", the lines of a title joined)
# "Điều 1. Ban hành kèm theo Quyết định này Quy chế …" (folded): the decision issues a document printed after it
_ISSUES_ATTACHMENT = re.compile(r"\bkem theo (?:quyet dinh|nghi quyet|thong tu|chi thi) nay\b")
_ATTACHED_KIND = re.compile("^" + any_of("attached_kinds.txt") + r"(?=\s|$)")


@dataclass
class Node:
    kind: str  # root | part | section | article (Điều N.) | item | bullet | para | table
    label: str = ""
    marker: str = ""
    text: str = ""
    line: int | None = None
    style: str = ""
    id: str = ""
    table: int | None = None
    parent: "Node | None" = field(default=None, repr=False)
    children: list["Node"] = field(default_factory=list)
    fields: list[tuple[Field, int]] = field(default_factory=list)  # (field, line index)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    @property
    def path(self) -> list["Node"]:
        out: list[Node] = []
        n: Node | None = self
        while n is not None and n.kind != "root":
            out.append(n)
            n = n.parent
        return out[::-1]


@dataclass
class Outline:
    root: Node
    preamble: list[int]  # lines before the first part/section (header, title, căn cứ)
    closing: list[int]  # lines from "Nơi nhận" / the signature on
    body_lines: list[int]


def _signed_with_authority(line: str) -> bool:
    """"KT. CHỦ TỊCH", "TM. BAN THƯỜNG VỤ": the signature block starts here."""
    found = authority_of(line)
    return bool(found and re.match(r"[A-ZĐ]", found[1]))


def _is_task_table(text: Text, t: int) -> bool:
    table = text.tables[t]
    for row in table.cells[:3]:
        titles = [" ".join(text.line_text(i) for i in cell) for cell in row]
        roles = {column_role(title) for title in titles}
        if "task" in roles and (roles & {"lead", "coordinators", "timeline", "implementers"}
                                or any(group_row_role(title) for title in titles)):  # units in its group rows
            return True
    return bool(twin_columns(text, t))  # its header unreadable on a scan: a twin table lends its columns


def reading_order(text: Text) -> list[int | tuple[str, int]]:
    """Line indexes in reading order: task tables as ("table", t); layout tables
    (header, signature: at most 2 columns and 4 rows) read column by column."""
    out: list = []
    seen_tables: set[int] = set()
    for i, ln in enumerate(text.lines):
        if ln.table is None:
            out.append(i)
            continue
        t = ln.table
        if t in seen_tables:
            continue
        seen_tables.add(t)
        table = text.tables[t]
        if _is_task_table(text, t):
            out.append(("table", t))
            continue
        ncols = max((len(r) for r in table.cells), default=0)
        columnwise = ncols <= 2 and len(table.cells) <= 4 or _is_layout(text, t)
        order = ([(r, c) for c in range(ncols) for r in range(len(table.cells))] if columnwise
                 else [(r, c) for r in range(len(table.cells)) for c in range(ncols)])
        emitted: set[int] = set()
        for r, c in order:
            if c < len(table.cells[r]):
                for li in table.cells[r][c]:
                    if li not in emitted:
                        emitted.add(li)
                        out.append(li)
    return out


def _is_layout(text: Text, t: int) -> bool:
    """A borderless 2-column header or signature table with more rows (Nơi nhận | chữ ký)."""
    table = text.tables[t]
    if max((len(r) for r in table.cells), default=0) > 2:
        return False
    joined = fold(" ".join(text.line_text(i) for row in table.cells for cell in row for i in cell))
    return any(w in joined for w in ("noi nhan", "cong hoa xa hoi", "doc lap - tu do", "so:", "dang cong san"))


def parse_outline(text: Text) -> Outline:
    """The outline; a letter or short plan without parts (I., II.) starts its body at its
    first numbered item instead."""
    outline = _parse(text, ("part", "roman", "chapter"))
    if (first_part := _roman_read_as_one(text, outline)) is not None:
        return _parse(text, ("part", "roman", "chapter"), {first_part: ("roman", "I")})
    misread = _one_read_as_roman(outline)
    if misread is not None or not any(n.kind in ("part", "section") for n in outline.root.children):
        fallback = _parse(text, ("part", "roman", "chapter", "article", "num.", "num-", "num)", "num/", "paren", "paren-",
                                 "paren.", "dotted1"), {} if misread is None else {misread: ("num.", "1")})
        if fallback.body_lines:
            return fallback
    return outline


def _one_read_as_roman(outline: Outline) -> int | None:
    """The line of an "I." that OCR made of "1.": the body's only part numeral, whose first item is "2."
    (the numbers go on 2, 3, 4 under it and there is no II); None for any other outline."""
    sections = [n for n in outline.root.children if n.kind in ("part", "section")]
    if len(sections) != 1 or sections[0].label != "I" or sections[0].style != "roman":
        return None
    first = next((c for c in sections[0].children if c.kind == "item"), None)
    return sections[0].line if first is not None and first.style == "num." and first.label == "2" else None


_NUMBERED_CAPS = re.compile(r"^\s*1\s*\.\s+(?P<title>\S.*)$")


def _roman_read_as_one(text: Text, outline: Outline) -> int | None:
    """The line of an "I." that OCR made of "1." the other way round: the body opens at part "II", and the
    last line before it numbered "1." has a title in capitals ("1. TINH THAN CHỈ DAO HANH ĐỘNG"); None otherwise."""
    sections = [n for n in outline.root.children if n.kind in ("part", "section")]
    if not sections or sections[0].label != "II" or sections[0].style != "roman":
        return None
    for i in reversed(outline.preamble):
        m = _NUMBERED_CAPS.match(text.line_text(i))
        if m and m["title"].isupper() and len(m["title"].split()) >= 2:
            return i
    return None


def _parse(text: Text, opening_styles: tuple[str, ...], read_as: dict[int, tuple[str, str]] | None = None) -> Outline:
    """The outline, the lines of `read_as` read with the marker style and label it gives whatever numeral they
    print (an OCR's "I." for "1.", _one_read_as_roman, and the other way round, _roman_read_as_one)."""
    read_as = read_as or {}
    order = reading_order(text)
    root = Node(kind="root")
    stack: list[Node] = [root]
    preamble: list[int] = []
    closing: list[int] = []
    body: list[int] = []
    started = ended = False
    plain_lines = [x for x in order if isinstance(x, int)]

    def colon_field_near(pos: int) -> bool:
        """A neighbour is a field line too: with a colon, or itself a bulleted label + unit/time."""
        for j in (pos - 1, pos + 1):
            if 0 <= j < len(plain_lines):
                neighbour = text.line_text(plain_lines[j])
                f = parse_field(neighbour)
                if f and (f.has_colon or _trust_without_colon(neighbour, f)):
                    return True
        return False

    plain_pos = -1
    untitled: Node | None = None
    attached = False  # inside the plan a decision issues (its header is not the document's)
    issues_attachment = bool(_ISSUES_ATTACHMENT.search(fold(text.text)))
    for entry in order:
        if isinstance(entry, tuple):
            # A task table belongs to its part or section (its rows are numbered there); one after
            # the signature is an appendix (Phụ lục) and hangs from the root.
            parent = root
            if started and not ended:
                parent = stack[-1] if _introduces_table(stack[-1]) else next(
                    (n for n in reversed(stack) if n.kind in ("section", "part")), root)
            node = Node(kind="table", table=entry[1], style="table", parent=parent)
            parent.children.append(node)
            continue
        i = entry
        plain_pos += 1
        line = text.line_text(i)
        if ended:
            if _ATTACHED_KIND.match(line.strip()) and any(
                    "kèm theo" in text.line_text(j).lower() for j in plain_lines[plain_pos + 1:plain_pos + 5]):
                ended = started = False
                attached = True
                continue
            if attached_heading_at(line) is not None:
                closing.append(i)  # the signature before it is the decision's
                ended = started = False
                attached = True
                continue
            if not (issues_attachment and (m := marker_of(line)) and m[0] == "chapter"):
                closing.append(i)
                continue
            # the regulation a decision issues, its heading lost with a page ("QUY CHẾ … (Ban hành kèm theo …)"):
            # its first chapter after the signature opens it
            ended = started = False
            attached = True
        if started and (RECIPIENTS.match(line) or (_signed_with_authority(line) and line.isupper())):
            ended = True
            closing.append(i)
            continue
        m = marker_of(line)
        if m is not None and i in read_as:
            m = (*read_as[i], m[2])
        if m is None and started and (a := _UNDOTTED_ARTICLE.match(line)) and a["text"][:1].isupper() \
                and _next_article(stack, a[1]):
            m = ("article", a[1], a["text"])
        if untitled is not None and m is None and not parse_field(line):
            # "PHẦN II" / "NHIỆM VỤ CỤ THỂ": the title stands on the next line; a title in capitals may go on
            # over several ("TIÊU CHUẨN, QUY TRÌNH, …;" / "KINH PHÍ KHEN THƯỞNG …")
            untitled.text = f"{untitled.text} {line.strip()}" if untitled.text else line
            if not (line.isupper() and untitled.style == "chapter"):
                untitled = None
            body.append(i)
            continue
        untitled = None
        if not started:
            if m and m[0] in opening_styles and (m[2] or m[0] in ("part", "chapter")) and not RECIPIENTS.match(line):
                started = True
            elif RECIPIENTS.match(line) or (_signed_with_authority(line) and line.isupper() and any(
                    (a := marker_of(text.line_text(j))) and a[0] == "article" for j in preamble)):
                # "Nơi nhận", or the signature after a decision's articles where the gazette's reprint
                # leaves "Nơi nhận" out ("Điều 3. ... chịu trách nhiệm thi hành" / "KT. THỦ TƯỚNG")
                ended = True
                closing.append(i)
                continue
            else:
                if not attached:
                    preamble.append(i)
                continue
        body.append(i)
        f = parse_field(line)
        if f and (f.has_colon or (_trust_without_colon(line, f) and colon_field_near(plain_pos))):
            head, more = split_fields(f.value)  # "Chủ trì: Sở A; Phối hợp: Sở B; Thời gian: quý I"
            if more:
                f = Field(role=f.role, label=f.label, value=head, has_colon=f.has_colon)
            for one in [f] + more:
                if one.value:
                    _attach_field(stack, one, i, m[0] if m else None)
            continue
        if m is None:
            node = Node(kind="para", text=line, line=i, style="para", parent=stack[-1])
            stack[-1].children.append(node)
        else:
            style, label, rest = m
            kind = {"part": "part", "roman": "section", "chapter": "section", "article": "article"}.get(
                style, "bullet" if style.startswith("bullet") else "item")
            if kind == "section":
                label = _next_roman_if_repeated(root, stack, label)
            if kind == "part":
                del stack[1:]
            elif kind in ("section", "article"):
                while len(stack) > 1 and stack[-1].kind != "part":
                    stack.pop()
            else:
                for k in range(len(stack) - 1, 0, -1):
                    if stack[k].style == style:
                        # "2. Chỉ tiêu" followed by "1. 95% ...": a list that starts again at 1 in the
                        # same style is the previous item's sub-list, not its sibling
                        if label in ("1", "a") and stack[k].label not in ("", "1", "a") and k == len(stack) - 1 \
                                and not stack[k].fields and not stack[k].children:
                            break
                        del stack[k:]
                        break
            head, inline = split_fields(rest) if kind in ("item", "bullet") else (rest, [])
            if inline and head:  # "1. Tổ chức hội nghị (Chủ trì: Sở Y tế; thời gian: Quý II/2024)."
                rest = head
            else:
                inline = []
            node = Node(kind=kind, label=label, marker=line[: len(line) - len(rest)].strip(), text=rest,
                        line=i, style=style, parent=stack[-1], fields=[(x, i) for x in inline])
            stack[-1].children.append(node)
            stack.append(node)
            if kind in ("part", "section") and (not rest or (style == "chapter" and rest.isupper())):
                untitled = node
        if _BODY_END.search(line):
            ended = True
    _fields_to_parent(root)
    _task_cards(root)
    _assign_ids(root)
    return Outline(root=root, preamble=preamble, closing=closing, body_lines=body)


# "Điều 5 Điều khoản thi hành": an article whose number lost its dot; only as the next article, since a wrapped
# line may open on a reference ("… quy định tại↵Điều 5 Nghị định số 95/2024/NĐ-CP")
_UNDOTTED_ARTICLE = re.compile(r"^Điều\s+(\d{1,3})\s+(?P<text>\S.*)$")


def _next_article(stack: list[Node], label: str) -> bool:
    """Is article `label` the one after the article the stack stands in?"""
    article = next((n for n in reversed(stack) if n.kind == "article"), None)
    return article is not None and article.label.isdigit() and int(label) == int(article.label) + 1


def _next_roman_if_repeated(root: Node, stack: list[Node], label: str) -> str:
    """Parts are numbered I, II, III...: a numeral that repeats or goes back (an OCR'd "I/" for "II/")
    is the next one in the sequence."""
    parent = next((n for n in reversed(stack) if n.kind == "part"), root)
    previous = [c.label for c in parent.children if c.kind == "section"]
    if previous and previous[-1] in ROMANS and label in ROMANS \
            and ROMANS.index(label) <= ROMANS.index(previous[-1]) and ROMANS.index(previous[-1]) + 1 < len(ROMANS):
        return ROMANS[ROMANS.index(previous[-1]) + 1]
    return label


def _introduces_table(node: Node) -> bool:
    """"4. Phân công nhiệm vụ (chi tiết theo bảng dưới đây)" / "... như sau:": the table is this item's."""
    if node.kind != "item" or node.fields:
        return False
    said = fold(" ".join([node.text] + [c.text for c in node.children if c.kind == "para"]))
    if re.search(r"bang|phu luc|chi tiet|nhu sau|sau day|:\s*$", said):
        return True
    # a heading ("4. Phân công thực hiện các nhiệm vụ cụ thể") whose first content is the table
    return not node.children and len(node.text.split()) <= 15 and not node.text.rstrip().endswith((".", ";"))


def _trust_without_colon(line: str, f: Field) -> bool:
    """"- Chủ trì Sở Nội vụ" or "b) Phối hợp Văn phòng Sở" is a field line;
    "(3) Phối hợp Ban Cơ yếu triển khai ..." is a task."""
    from extractors.units import starts_actor

    if not re.match(r"^\s*(?:[-+•*–]|[a-zđ]\))", line) or len(f.value.split()) > 25:
        return False
    if f.role == "timeline":  # "- Thời gian 6 tháng đầu năm", not "- Thời gian qua, ..."
        from extractors.timeline import recurrences

        return bool(re.search(r"\d", f.value) or recurrences(fold(f.value)))
    return f.role in ("lead", "coordinators", "advisors", "implementers") and starts_actor(f.value)


def _attach_field(stack: list[Node], f: Field, line: int, style: str | None) -> None:
    """Fields describe the open node; but "- Chủ trì: ..." after a content bullet "- Tổ chức ..."
    of the same style is its sibling: both describe the item above them."""
    target = stack[-1]
    if target.kind == "bullet" and style == target.style and not target.fields and target.parent is not None \
            and target.parent.kind in ("item", "section"):
        target = target.parent
    if target.kind == "root":
        return
    target.fields.append((f, line))


def _fields_to_parent(root: Node) -> None:
    """A list of plain bullets followed by field lines: the fields describe the item
    above the bullets, not the last bullet ("1. Task / - step / - step / Chủ trì: X")."""
    for node in list(root.walk()):
        bullets = [c for c in node.children if c.kind == "bullet"]
        with_fields = [c for c in bullets if c.fields]
        if node.kind in ("item", "section") and len(bullets) >= 2 and with_fields == [bullets[-1]] \
                and not node.fields and not bullets[-1].children:
            node.fields.extend(bullets[-1].fields)
            bullets[-1].fields = []


_TASK_LABEL = re.compile(r"^Nhiệm vụ(?: cụ thể)?\s*:\s*", re.I)


def _field_group(node: Node) -> bool:
    """"b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: ..." / "- Đơn vị phối hợp: ...": a label
    that only gathers field lines."""
    from extractors.lexicon import field_labels

    label = fold(node.text.rstrip()).rstrip(" :")
    return node.text.rstrip().endswith(":") and bool(node.fields) \
        and label in {lab for lab, _ in field_labels()} and not any(c.kind != "para" for c in node.children)


def _task_cards(root: Node) -> None:
    """An item laid out as a card: "a) Nhiệm vụ: ...", "b) Cơ quan thực hiện: - Đơn vị chủ trì: ...",
    "c) Thời gian thực hiện: ...". The card is one task: its work is what "Nhiệm vụ:" says (each
    bullet under a bare "Nhiệm vụ:" is a task of its own), and every field of the card is its."""
    for node in list(root.walk()):
        work = next((c for c in node.children if c.kind in ("item", "bullet") and _TASK_LABEL.match(c.text)), None)
        groups = [c for c in node.children if c is not work and c.kind in ("item", "bullet") and _field_group(c)]
        if work is None or not (groups or node.fields or work.fields):
            continue
        fields = node.fields + work.fields + [f for g in groups for f in g.fields]
        rest = [c for c in node.children if c is not work and c not in groups]
        content = _TASK_LABEL.sub("", work.text).strip()
        steps = [c for c in work.children if c.kind in ("item", "bullet")]
        if content or not steps:
            node.text, node.fields = content or node.text, fields
            node.children = [c for c in work.children] + rest
        else:
            for step in steps:
                step.fields = step.fields + list(fields)
            node.fields = []
            node.children = work.children + rest
        for c in node.children:
            c.parent = node


def _assign_ids(node: Node, counters: dict | None = None) -> None:
    position: dict[str, int] = {}
    for child in node.children:
        if child.kind == "table":
            child.id = node.id
            continue
        if child.kind == "para":
            position["para"] = position.get("para", 0) + 1
            child.id = f"{node.id}.{position['para']}" if node.id else str(position["para"])
            continue
        position[child.style] = position.get(child.style, 0) + 1
        if child.kind == "bullet":
            label = str(position[child.style])
        elif child.style.startswith("dotted"):
            parts = child.label.split(".")
            parent_last = node.id.split(".")[-1] if node.id else ""
            label = parts[-1] if parts[:-1] and parts[-2] == parent_last else child.label
        else:
            label = child.label
        child.id = f"{node.id}.{label}" if node.id else label
        _assign_ids(child)
