"""shapes: every shape of task the extractor knows, one named rule each, listed once in SHAPES in the
order they are tried (issue 12; tests/shapes/SHAPES.md shows each with its fixture).

`find_tasks` walks the outline and gives each node to the first rule whose `applies` recognises it;
that rule claims the node and its `extract` gives the node's tasks. The rules named `none_*` claim a
node and give nothing: where they stand in the list is what keeps a later rule from reading an aim,
an execution clause or a lead-in as a task. A new shape is a new rule here, a new fixture pair in
tests/shapes/ and a row in SHAPES.md.

The grammar the rules are written with (who a sentence opens with, "X chủ trì, phối hợp với Y", time
phrases, headings that hand their items to units) is in extractors/tasks/reading.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from extractors.facts import ROLES, Span, Task
from extractors.lexicon import levels
from extractors.outline import Node, Outline
from extractors.tasks.reading import (
    _ASSIGN_OPENER, _COMPANY, _CONTENT_LABEL, _EXECUTION_CLAUSE, _FRONTED_PERIOD, _GROUPS_DUTIES, _HEAD_OF_UNITS, _LEAD_IN,
    _PERIOD_COLON, _TOPIC_PERIOD, _absorb_actorless_paragraphs, _add_roles, _after_topic, _bare_title,
    _carried_over, _closing_remark, _coordination_lead, _coordination_lead_in, _coordinators, _fronted_subject, _heading_actor, _heading_units,
    _heading_partners, _in_excluded_part, _in_membership_list, _lead_clause, _letter_requests, _lead_in_heading, _numbered_clauses, _own_text, _prose_time, _qualified_collective, _strip_end, _subject,
    lead_in_text, letter_lead_in, part_lead_in, phase_period,
    _no_doer, _titling_unit, span_of)
from extractors.tasks.tables import _table_tasks
from extractors.text import Text, fold
from extractors.units import COMRADE, starts_actor
from extractors.timeline import parse_timeline

# Nodes whose own words may carry a task; parts and sections are headings
PROSE_KINDS = ("item", "bullet", "para", "article")


@dataclass
class Plan:
    """What every rule may look at besides its node."""
    text: Text
    outline: Outline
    plan_year: int | None
    last_body_line: int | None
    absorbed: set[int] = field(default_factory=set)  # paragraphs already part of a task above them
    asked: tuple[str, ...] | None = None  # the units a letter's lead-in asks (letter_lead_in)


@dataclass
class Reading:
    """A node as the rules read it: its words (`body`: its own line, or that line and its paragraph,
    or a calendar line's words after its period) and the period a calendar line opens with."""
    doc: Plan
    node: Node
    body: str
    period: str | None = None

    # What several rules ask of the same words, worked out once
    @cached_property
    def heading(self) -> tuple[str, ...] | None:
        units = _heading_actor(self.node)
        if units is None and self.doc.asked and _under_topics(self.node) \
                and not (self.steps and not _work_sentence(self.node.text)) and not self.heads_own_paragraph:
            # a letter's lead-in asks its units to do the items' work; an item over steps of its own (unless it is
            # a sentence of work itself, whose steps are then the same units' too), or over a paragraph that names
            # its own doers, only heads them
            return self.doc.asked
        return units

    @cached_property
    def folded(self) -> str:
        return fold(self.body)

    @cached_property
    def titled(self) -> tuple[list[str], str] | None:
        return _titling_unit(self.body)

    @cached_property
    def subject(self) -> list[str]:
        return _subject(self.body)

    @cached_property
    def fronted_subject(self) -> list[str]:
        return _fronted_subject(self.body)

    @cached_property
    def after_topic(self) -> str | None:
        return _after_topic(self.body)

    @property
    def line(self):
        """The node's own line in the text."""
        assert self.node.line is not None, "a node read for tasks stands on a line"
        return self.doc.text.lines[self.node.line]

    @property
    def steps(self) -> bool:
        """Does the node stand over sub-items or bullets of its own?"""
        return any(c.kind in ("item", "bullet") for c in self.node.children)

    @property
    def heads_own_paragraph(self) -> bool:
        """A short heading over a paragraph that names its own doers ("3. Tổ chức thực hiện ↵ Thủ trưởng các
        sở, ban, ngành … chịu trách nhiệm …")?"""
        children = self.node.children
        if not children or children[0].kind != "para" or re.search(r"[.;:]$", self.node.text.strip()) \
                or len(self.node.text.split()) > 12:
            return False
        doers = _subject(children[0].text)
        return bool(doers) and all(starts_actor(u) for u in doers)

    @cached_property
    def item(self) -> Task:
        return _item_fields_task(self)


class Shape:
    """A shape of task. `applies(r)` returns what it recognised in the node read as `r` (anything
    true), or something false; `read(r, found)` gives the tasks of those words, and `extract(r, found)`
    the node's tasks when the rule claims it (for prose, with the paragraphs the task goes on in; a rule
    that reads with other rules' help calls their `read`). The example of the shape (↵ a new line) is
    in each rule's docstring; its fixture is tests/shapes/<name>.txt/.json, and `variants` names
    fixtures of the same rule in other writings."""
    name = ""
    origin = "none"  # item | table | prose, or none: the node is claimed and gives no task
    variants: tuple[str, ...] = ()
    names_unit = True  # every task of the shape names who does it

    def applies(self, r: Reading):
        return False

    def read(self, r: Reading, found) -> list[Task]:
        """The tasks of the node, from what `applies` found."""
        return []

    def extract(self, r: Reading, found) -> list[Task]:
        return self.read(r, found)


class ProseShape(Shape):
    """A shape of running prose: a numbered assignment goes on in the plain paragraphs under it."""
    origin = "prose"

    def extract(self, r: Reading, found) -> list[Task]:
        tasks = self.read(r, found)
        _absorb_paragraphs(r, tasks)
        return tasks


def _work_sentence(text: str) -> bool:
    """"2. Tập trung triển khai thanh tra, kiểm tra người nộp thuế có dấu hiệu rủi ro cao về thuế.": an item that is
    a sentence (a full stop) of work (no unit opens it), not a heading."""
    return text.rstrip().endswith(".") and len(text.split()) > 6 and not starts_actor(text)


def _under_topics(node: Node) -> bool:
    """An item or bullet of the body whose headings above it only name topics ("1. Về thị trường các-bon"), or are
    sentences of work (their steps spell the work out)."""
    if node.kind not in ("item", "bullet"):
        return False
    parent = node.parent
    while parent is not None and parent.kind != "root":
        if parent.kind not in ("item", "bullet") or not (_bare_title(parent.text) or _work_sentence(parent.text)):
            return False
        parent = parent.parent
    return True


def _absorb_paragraphs(r: Reading, tasks: list[Task]) -> None:
    if tasks and r.node.kind in ("item", "article"):
        d = r.doc
        _absorb_actorless_paragraphs(d.text, r.node, tasks[0], d.plan_year, d.absorbed)


def _first_claim(r: Reading, rules: list[Shape]) -> tuple[Shape, object] | None:
    for rule in rules:
        if found := rule.applies(r):
            return rule, found
    return None


def _read_words(r: Reading, rules: list[Shape]) -> list[Task]:
    """The tasks the first of `rules` that recognises the words gives (no paragraphs absorbed)."""
    claim = _first_claim(r, rules)
    return claim[0].read(r, claim[1]) if claim else []


# ---- the document and tables ------------------------------------------------------------------

class ProseCarriedOver(ProseShape):
    """A page extracted alone from the middle of a document opens mid-sentence: the words before its
    first numbered item end the item before it, a task when they carry a time or a unit.
    Example: thực hiện theo đúng quy định ... Hoàn thành và báo cáo UBND tỉnh trước ngày 20/02/2025.
    ↵ 3. Giao Sở Nội vụ ..."""
    name = "prose_carried_over"

    def applies(self, r):
        return r.node.kind == "root" and _carried_over(r.doc.text, r.doc.outline, r.doc.plan_year)

    def extract(self, r, found):
        return [found]


class ProseLetterRequest(Shape):
    """A letter or notice whose body is plain paragraphs (no numbered item; after "Kính gửi", or after a
    notice's title): each paragraph that asks a unit to do work ("đề nghị X …", at its start, after a comma
    or after the requester) or hands it work ("Giao X …", "X có trách nhiệm …") is a task of that unit; a
    unit it is to work with ("trao đổi với / phối hợp với / làm việc với Y") coordinates.
    Example: Kính gửi: Sở Nông nghiệp và Môi trường. ↵ Về hồ sơ đất đai của các dự án, đề nghị Sở Nông
    nghiệp và Môi trường phối hợp với Sở Tài chính rà soát, báo cáo UBND tỉnh trước ngày 30/4/2025."""
    name = "prose_letter_request"
    origin = "prose"

    def applies(self, r):
        return r.node.kind == "root" and _letter_requests(r.doc.text, r.doc.outline, r.doc.plan_year)

    def extract(self, r, found):
        return found


class TableRows(Shape):
    """A task table: one task per row, columns by their header; group rows (I, II) between numbered rows.
    Example: | STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
    ↵ | 1 | Ban hành kế hoạch kiểm tra | Sở Nội vụ | Sở Tư pháp | Tháng 3/2025 |"""
    name = "table_rows"
    origin = "table"
    variants = ("table_group_rows", "table_two_row_header", "table_merged_index_task", "table_bulleted_units")

    def applies(self, r):
        return r.node.kind == "table" and r.node.table is not None

    def read(self, r, found):
        return _table_tasks(r.doc.text, r.node, r.doc.plan_year)


# ---- items with field lines -------------------------------------------------------------------

def _item_fields_task(r: Reading) -> Task:
    """An item and its field lines as a task: the units its fields name, its time, products, monitors."""
    text, node = r.doc.text, r.node
    body, start, end = _own_text(text, node)
    end = max([end] + [text.lines[li].end for _, li in node.fields])
    t = Task(id=node.id, origin="item", text=_strip_end(_CONTENT_LABEL.sub("", body)), span=Span(r.line.page, start, end))
    timed = False  # the first time field counts
    for f, _ in node.fields:
        if f.role in ROLES:
            _add_roles(t, f.role, f.value)
        elif f.role == "timeline" and not timed:
            t.timeline, timed = parse_timeline(f.value, r.doc.plan_year), True
        elif f.role == "products":
            t.products = f.value
        elif f.role == "monitors":
            t.monitors = f.value
    return t


class ItemShape(Shape):
    origin = "item"

    def applies_to_item(self, r: Reading):
        return bool(r.node.fields) and r.node.kind != "root"


class ItemFieldLines(ItemShape):
    """A numbered item whose field lines name its units.
    Example: 1. Tổ chức hội nghị tập huấn nghiệp vụ cải cách hành chính ↵ - Chủ trì: Sở Nội vụ
    ↵ - Phối hợp: Sở Tư pháp, Văn phòng UBND tỉnh ↵ - Thời gian: Quý II/2025"""
    name = "item_field_lines"
    variants = ("item_fields_in_one_line", "item_fields_in_brackets", "item_lead_in_field_value",
                "item_content_label")

    def applies(self, r):
        return self.applies_to_item(r) and any(getattr(r.item, role) for role in ROLES)

    def read(self, r, found):
        return [r.item]


class ItemTitledByUnit(ItemShape):
    """An item titled by its unit, its fields naming none.
    Example: 1. Công an tỉnh: Tăng cường kiểm tra, xử lý vi phạm về trật tự an toàn giao thông
    ↵ - Thời gian: năm 2025"""
    name = "item_titled_by_unit"

    def applies(self, r):
        return self.applies_to_item(r) and _titling_unit(r.item.text)

    def read(self, r, found):
        r.item.lead, r.item.text = found
        return [r.item]


class ItemLeadClause(ItemShape):
    """An item that names its lead in a clause of its own words, its fields naming none.
    Example: 1. Tuyên truyền kết quả cải cách hành chính. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với
    Sở Văn hóa, Thể thao và Du lịch thực hiện. ↵ - Thời gian: quý I/2025"""
    name = "item_lead_clause"

    def applies(self, r):
        return self.applies_to_item(r) and _lead_clause(r.item.text)

    def read(self, r, found):
        r.item.lead = found[0]
        r.item.coordinators = _coordinators(r.item.text, found[1])
        return [r.item]


class ItemWithoutUnit(ItemShape):
    """An item with field lines that name no unit: a task with its time, whoever does it.
    Example: 1. Tổng kết công tác cải cách hành chính năm 2025 ↵ - Thời gian: tháng 12/2025"""
    name = "item_without_unit"
    names_unit = False

    def applies(self, r):
        return self.applies_to_item(r)

    def read(self, r, found):
        return [r.item]


# ---- nodes that are no task whatever their words --------------------------------------------

class NoneHeading(Shape):
    """A part or section heading (and the document's root): it names a topic; its items are the tasks.
    Example: II. NHIỆM VỤ TRỌNG TÂM ↵ 1. Sở Nội vụ tổ chức ..."""
    name = "none_heading"

    def applies(self, r):
        return r.node.kind not in PROSE_KINDS


class NoneInsideItemFields(Shape):
    """Lines under an item with field lines belong to that item's task.
    Example: 1. Rà soát thủ tục hành chính ↵ - Chủ trì: Sở Tư pháp ↵ - Thời gian: quý III/2025
    ↵ a) Các sở rà soát thủ tục thuộc lĩnh vực quản lý."""
    name = "none_inside_item_fields"

    def applies(self, r):
        return any(n.fields for n in r.node.path)


class NoneInAimsPart(Shape):
    """Sentences under "Mục đích, yêu cầu", "Mục tiêu", "Căn cứ" ... state aims or grounds, not work.
    Example: 1. Mục đích ↵ - Sở Nội vụ tham mưu nâng cao hiệu quả cải cách hành chính."""
    name = "none_in_aims_part"

    def applies(self, r):
        return _in_excluded_part(r.node)


class NoneMembershipList(Shape):
    """The members a decision names for a committee or team: people in their posts, no work.
    Example: Điều 1. Kiện toàn Ban Chỉ đạo ..., gồm các thành viên sau đây: ↵ 1. Trưởng ban: Phó Thủ tướng
    Chính phủ. ↵ 2. Các ủy viên: ↵ - 01 Thứ trưởng Bộ Nội vụ;"""
    name = "none_membership_list"

    def applies(self, r):
        return _in_membership_list(r.node)


class NoneClosingRemark(Shape):
    """A plain paragraph after a part's numbered items, or the closing formula that ends the body:
    the assignments are the items.
    Example: Trên đây là Kế hoạch ..., yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./."""
    name = "none_closing_remark"

    def applies(self, r):
        return _closing_remark(r.node, r.doc.last_body_line)


class NoneJoinedToTaskAbove(Shape):
    """A paragraph that goes on with the numbered assignment above it, naming no actor of its own,
    is part of that task (its deadline may be printed here).
    Example: 1. Công ty X khẩn trương rà soát ... ↵ Trường hợp không đảm bảo ... thì phối hợp với ...
    Hoàn thành trước ngày 08/02/2025."""
    name = "none_joined_to_task_above"

    def applies(self, r):
        return id(r.node) in r.doc.absorbed


# ---- running prose: the words of a bullet, an item, a paragraph, an article -----------------

# An appendix's heading alone on its line ("PHỤ LỤC", "Phụ lục II"): a title, no work
_APPENDIX_HEADING = re.compile(r"(?:PHỤ LỤC|Phụ lục)(?:\s+(?:[IVX]+|\d+))?\s*:?", re.I)


class NoneNoWords(Shape):
    """A marker with no words of its own ("Điều 2." alone on its line), or an appendix's heading ("PHỤ LỤC"):
    nothing to read; the lines under it are read on their own.
    Example: Điều 2. ↵ - Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch ..."""
    name = "none_no_words"

    def applies(self, r):
        return not r.body or bool(_APPENDIX_HEADING.fullmatch(r.body.strip()))  # "PHỤ LỤC" over an appendix


class NoneUnitHeading(Shape):
    """An item titled by a unit hands its bullets to that unit (prose_under_unit_heading reads them).
    Example: 1. Sở Nội vụ: ↵ - Tham mưu ban hành quy chế làm việc ..."""
    name = "none_unit_heading"

    def applies(self, r):
        return _heading_units(r.body) is not None


class NoneLeadInHeading(Shape):
    """A heading without a colon that names who leads (and joins) the work of its bullets and nothing else
    hands them to its bullets (prose_under_unit_heading reads them).
    Example: 1. Sở Tài chính chủ trì, phối hợp các sở, ban, ngành ↵ - Bố trí kinh phí thực hiện Kế hoạch."""
    name = "none_lead_in_heading"

    def applies(self, r):
        return r.steps and _lead_in_heading(r.body)


class NoneCoordinationLeadIn(Shape):
    """A lead-in that ends before its partners ("b) Chủ trì, phối hợp:", "X chủ trì, phối hợp" with the partners on
    the next line) is no task: the lines below name the partners (prose_partners_below_lead_in), or the line and
    its paragraph read together are the task (prose_responsibility_paragraph).
    Example: 1. Công an tỉnh ↵ b) Chủ trì, phối hợp: ↵ - Sở Tài chính tham mưu bố trí ngân sách thực hiện Chương trình."""
    name = "none_coordination_lead_in"

    def applies(self, r):
        return r.node.children and _coordination_lead_in(r.body) is not None


class ProsePartnersBelowLeadIn(ProseShape):
    """A line under a coordination lead-in: its subject are the partners of the lead-in's (or the heading's) unit.
    Example: 1. Công an tỉnh ↵ b) Chủ trì, phối hợp: ↵ - Sở Tài chính và các đơn vị có liên quan tham mưu bố trí
    ngân sách thực hiện Chương trình."""
    name = "prose_partners_below_lead_in"

    def applies(self, r):
        return r.subject and _coordination_lead(r.node)

    def read(self, r, found):
        tasks = _prose_task(r, list(found), r.body)
        for t in tasks:
            t.coordinators = list(r.subject)
        return tasks


class NoneExecutionClause(Shape):
    """The execution clause of a decision is never a task (contract.md).
    Example: Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết
    định này."""
    name = "none_execution_clause"

    def applies(self, r):
        return _EXECUTION_CLAUSE.search(r.folded)


class NoneBareTitle(Shape):
    """A short heading that names a topic over its steps: the steps are the tasks.
    Example: 2.1. Trách nhiệm chung ↵ a) Các sở, ngành tổ chức ..."""
    name = "none_bare_title"

    def applies(self, r):
        return r.steps and _bare_title(r.body)


# "Lưu ý: Danh mục tài sản … nêu tại điểm a, điểm b mục này gồm: …": a note on what the points above say
_NOTE = re.compile(r"^(?:Lưu ý|Ghi chú|Chú ý)\s*:", re.I)


class NoneNote(Shape):
    """A point that opens with "Lưu ý:" (or "Ghi chú:") notes something about the points above it; it hands out
    no work of its own.
    Example: b) Các Bộ quản lý chuyên ngành ban hành danh mục tài sản … ↵ c) Lưu ý: Danh mục tài sản nêu tại điểm a,
    điểm b mục này gồm: …"""
    name = "none_note"

    def applies(self, r):
        return r.node.kind in ("item", "bullet") and bool(_NOTE.match(r.body))


class NoneLeadInOverSteps(Shape):
    """One sentence that only leads into the list below it: the steps are the tasks; so is a part's opening
    paragraph that hands the items after it to units (part_lead_in).
    Example: 2. Để ..., các sở, ngành triển khai thực hiện những nội dung sau: ↵ a) ..."""
    name = "none_lead_in_over_steps"
    variants = ("none_part_lead_in",)

    def applies(self, r):
        node = r.node
        return (r.steps and _LEAD_IN.search(fold(lead_in_text(node)))) or (
            node.kind == "para" and node.parent is not None and (node.parent.kind in ("part", "section") or (
                node.parent.kind == "item" and _bare_title(node.parent.text)))
            and part_lead_in(node.parent) is node)


# "Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc tỉnh, thành phố trực thuộc Trung ương": the committees of
# every place of some levels, named by their levels
_COMMITTEES_OF_LEVELS = re.compile(r"(?:Ủy ban nhân dân|UBND)\s+các\s+(?:" + "|".join(map(re.escape, levels("unit_level")))
                                   + r")\b")
# "Thủ trưởng các cơ quan, đơn vị, ...": the head of every body of a group
_HEAD_OF_GROUP = re.compile(_HEAD_OF_UNITS.pattern + r"(?:các|những)\s", re.I)


def _too_long(r: Reading, lead: list[str]) -> bool:
    """A long "subject" is a sentence misread; a company's legal name is long ("Công ty TNHH MTV Đầu tư,
    Xây dựng và Kinh doanh dịch vụ Quảng Ngãi"), and so is a collective qualified by the document that gives
    it work; units a heading hands down were judged there. So is the head of a group of bodies ("Thủ trưởng
    các cơ quan, đơn vị, doanh nghiệp, tổ chức chính trị - xã hội"): the group lists its kinds of body; so are
    the committees of every place of some levels ("Ủy ban nhân dân các huyện, quận, thị xã, thành phố thuộc
    tỉnh, …"); and a comrade holding several posts ("Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã")."""
    return lead != list(r.heading or ()) and lead != _qualified_collective(r.body) \
        and any(len(x.split()) > (24 if _COMPANY.match(x) or _HEAD_OF_GROUP.match(x) or COMRADE.match(x)
                                  or _COMMITTEES_OF_LEVELS.match(x) else 14) for x in lead)


def _prose_task(r: Reading, lead: list[str], body: str) -> list[Task]:
    """The node's one task: its words, its lead, the coordinators they name, its time (a calendar
    line's period, or the time phrase of the words)."""
    if (not lead and not r.period) or _too_long(r, lead) or _no_doer(lead):
        return []
    line = r.line
    timeline = parse_timeline(r.period, r.doc.plan_year) if r.period else _prose_time(body, r.doc.plan_year)
    t = Task(id=r.node.id, origin="prose", text=_strip_end(body), timeline=timeline,
             span=Span(line.page, line.start, line.end))
    t.lead = lead
    t.coordinators = _coordinators(body)
    return [t]


def _clause_task(r: Reading, k: int, clause: str, lead: list[str]) -> Task:
    line = r.line
    t = Task(id=f"{r.node.id}.{k}", origin="prose", text=_strip_end(clause),
             timeline=_prose_time(clause, r.doc.plan_year), span=Span(line.page, line.start, line.end))
    t.lead = list(lead)
    t.coordinators = _coordinators(clause)
    return t


class ProsePeriodColon(ProseShape):
    """A line of a work calendar, its period first: the work after the colon, its unit read as any
    sentence's (CALENDAR_LINE_RULES), its time the period; no unit named, still a task.
    Example: 1. Lịch hoạt động ↵ - Tháng 3/2025: Ra quân Tháng Thanh niên (Ban Thanh niên chủ trì)."""
    name = "prose_period_colon"
    names_unit = False
    variants = ("prose_span_colon", "prose_topic_period")

    def applies(self, r):
        # (a phase's heading over its items, "Đợt 1: Từ ngày … đến ngày …:", is no line of a timetable)
        return _PERIOD_COLON.match(r.body) or (not r.steps and not r.body.rstrip().endswith(":")
                                              and _TOPIC_PERIOD.match(r.body))

    def read(self, r, found):
        if found.re is _TOPIC_PERIOD:  # the work first, its period after the colon: the line is the task
            return _prose_task(replace(r, period=found.group("period").strip()), [], r.body)
        if r.steps and found.group(2).rstrip().endswith(":"):
            return []  # "Năm 2024: Tổ chức ... theo tiến độ sau:" only introduces the timetable below it
        calendar = replace(r, period=found.group(1), body=found.group(2))
        claim = _first_claim(calendar, CALENDAR_LINE_RULES)
        return claim[0].read(calendar, claim[1]) if claim else _prose_task(calendar, [], calendar.body)


class ProseTitledNumberedClauses(ProseShape):
    """A paragraph titled by its unit whose work is numbered clauses: each clause a task of the unit.
    Example: 1. Tổ chức thực hiện ↵ - Bộ Nội vụ: (1) trình Chính phủ ...; (2) chủ trì, phối hợp với
    Bộ Tài chính hướng dẫn ..."""
    name = "prose_titled_numbered_clauses"

    def applies(self, r):
        titled = r.titled
        return titled and (clauses := _numbered_clauses(titled[1])) and (titled[0], clauses)

    def read(self, r, found):
        lead, clauses = found
        if _too_long(r, lead):
            return []
        return [_clause_task(r, k, clause, lead) for k, clause in enumerate(clauses, 1)]


class ProseTitlingUnit(ProseShape):
    """A paragraph titled by its unit and a colon.
    Example: 1. Nâng cao chất lượng dịch vụ công ↵ - Sở Y tế: Chỉ đạo các bệnh viện công khai thủ tục
    khám chữa bệnh, hoàn thành trong tháng 9/2025."""
    name = "prose_titling_unit"

    def applies(self, r):
        return r.titled

    def read(self, r, found):
        return _prose_task(r, found[0], found[1])


class ProseAssignOpener(ProseShape):
    """"Giao/Đề nghị X chủ trì, phối hợp với Y ...": the units after the opener.
    Example: 1. Bảo đảm kinh phí ↵ - Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố
    trí kinh phí thực hiện Kế hoạch trong quý I/2025."""
    name = "prose_assign_opener"

    def applies(self, r):
        return _ASSIGN_OPENER.match(r.folded) and r.subject

    def read(self, r, found):
        return _prose_task(r, found, r.body)


class ProseSubjectVerb(ProseShape):
    """A sentence that opens with its units and a verb.
    Example: 1. Cải cách tổ chức bộ máy ↵ - Sở Nội vụ tham mưu UBND tỉnh sắp xếp tổ chức bộ máy các cơ
    quan chuyên môn, hoàn thành trước ngày 30/6/2025."""
    name = "prose_subject_verb"
    variants = ("prose_recurrence",)

    def applies(self, r):
        return r.subject

    def read(self, r, found):
        return _prose_task(r, found, r.body)


class ProseFrontedPeriod(ProseShape):
    """A period put before the subject (it is not taken as the task's time).
    Example: 1. Sơ kết ↵ - Quý I/2026, Sở Nội vụ tổ chức sơ kết một năm thực hiện Kế hoạch."""
    name = "prose_fronted_period"

    def applies(self, r):
        return _FRONTED_PERIOD.match(r.body) and r.fronted_subject

    def read(self, r, found):
        return _prose_task(r, found, r.body)


class ProseFrontedClause(ProseShape):
    """A clause put before the subject ("Căn cứ …,", "Trên cơ sở …,", "Trong trường hợp … thì"): the
    subject follows a comma (not a right: "…, thì X có quyền …").
    Example: 1. Sơ kết ↵ - Trên cơ sở kết quả rà soát của các huyện, giao Sở Nội vụ tổng hợp, báo cáo
    UBND tỉnh trước ngày 15/12/2025."""
    name = "prose_fronted_clause"

    def applies(self, r):
        return r.fronted_subject

    def read(self, r, found):
        return _prose_task(r, found, r.body)


class ProseLeadClause(ProseShape):
    """A sentence that names its lead in a clause after the work.
    Example: 1. Kiểm tra ↵ - Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở; Thanh tra tỉnh chủ trì,
    phối hợp với Sở Nội vụ thực hiện trong quý III/2025."""
    name = "prose_lead_clause"

    def applies(self, r):
        return _lead_clause(r.body)

    def read(self, r, found):
        return _prose_task(r, found[0], r.body)


class ProseTopicNumberedClauses(ProseShape):
    """A topic that a colon ends, then numbered clauses each with the unit that does it: a task per
    clause that names its unit.
    Example: 3. Ban hành chiến lược dữ liệu: (1) Sở Khoa học và Công nghệ tham mưu ...; (2) Sở Tài chính
    chủ trì bố trí kinh phí ..."""
    name = "prose_topic_numbered_clauses"

    def applies(self, r):
        after = r.after_topic
        return after and [_clause_task(r, k, clause, units) for k, clause in enumerate(_numbered_clauses(after) or [], 1)
                          if (units := _subject(clause))]

    def read(self, r, found):
        return found


class ProseTopicCollectiveSubject(ProseShape):
    """A topic that a colon ends, then one sentence whose subject is a group ("Các bộ ..."): a named
    post there may be a membership ("Trưởng Ban Chỉ đạo là …"), a group is the doer.
    Example: 2. Hoàn thiện thể chế: Các sở, ngành khẩn trương rà soát văn bản ... trong quý II/2025."""
    name = "prose_topic_collective_subject"

    def applies(self, r):
        after = r.after_topic
        return after and not _numbered_clauses(after) and re.match(r"Các\s", after) and (lead := _subject(after)) \
            and (lead, after)

    def read(self, r, found):
        return _prose_task(r, found[0], found[1])


class NoneListLeadIn(Shape):
    """A paragraph under a unit's heading that ends with a colon leads into the list below it.
    Example: 1. Sở Nội vụ: ↵ Trong năm 2025, tập trung thực hiện tốt các nội dung sau: ↵ - Tham mưu ..."""
    name = "none_list_lead_in"

    def applies(self, r):
        return r.heading and r.node.kind == "para" and r.body.rstrip().endswith(":")


class NoneGroupsDuties(Shape):
    """Under a unit's heading, a line that only groups the duties below it ("... các nhiệm vụ sau đây:";
    "... một số nhiệm vụ sau:" is none_lead_in_over_steps already) is not a task; its sub-items are
    ("- Ban hành kế hoạch ..., gồm:" over its steps is work of its own).
    Example: 1. Văn phòng Sở: ↵ - Tham mưu, giúp Giám đốc Sở thực hiện các nhiệm vụ sau đây: ↵ + Tổng hợp ..."""
    name = "none_groups_duties"

    def applies(self, r):
        return r.heading and _GROUPS_DUTIES.search(r.folded) and r.steps


class ProseUnderUnitHeading(ProseShape):
    """Work under an item titled by a unit (or a person of a staff roster): the heading's units lead it.
    Example: 1. Sở Nội vụ: ↵ - Tham mưu ban hành quy chế làm việc trong tháng 5/2025. ↵ - Tổ chức kiểm
    tra công vụ định kỳ hằng quý."""
    name = "prose_under_unit_heading"
    variants = ("prose_staff_roster",)

    def applies(self, r):
        return r.heading

    def read(self, r, found):
        tasks = _prose_task(r, list(found), r.body)
        for t in tasks:  # "X chủ trì, phối hợp Y" over the bullets: Y joins the work a bullet names no partner for
            t.coordinators = t.coordinators or list(_heading_partners(r.node))
        return tasks


class ProseInPhase(ProseShape):
    """Work listed under a phase of the plan and its period ("Đợt 1: Từ ngày 05/12/2025 đến ngày
    20/02/2026:"), naming no unit: a task of that period (its own time when it names one), whoever does it.
    Example: 1. Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026: ↵ - Kiểm tra việc tổ chức hội nghị cử tri."""
    name = "prose_in_phase"
    names_unit = False

    def applies(self, r):
        return r.node.kind in ("item", "bullet") and not r.steps and phase_period(r.node, r.doc.plan_year)

    def read(self, r, found):
        own = _prose_time(r.body, r.doc.plan_year)
        line = r.line
        t = Task(id=r.node.id, origin="prose", text=_strip_end(r.body), timeline=own if own.text else found,
                 span=Span(line.page, line.start, line.end))
        t.lead = list(r.heading or [])
        t.coordinators = _coordinators(r.body)
        return [t]



# "… trước ngày 31/7/2025." ending an item's one sentence: its deadline
_DEADLINE_LAST = re.compile(r"(?P<period>(?:trước|chậm nhất(?: là)?(?: vào)?)\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)"
                            r"\s*\.?\s*$", re.I)


def _in_timetable(node: Node) -> bool:
    """Is an item beside the node a line of a timetable ("Tựu trường các cấp học: Ngày 26/8/2024")?"""
    siblings = node.parent.children if node.parent is not None else []
    return any(s is not node and s.kind == node.kind and (_TOPIC_PERIOD.match(s.text) or _PERIOD_COLON.match(s.text))
               for s in siblings)


class ProseInTimetable(ProseShape):
    """An item of a timetable whose one sentence is its work and ends in its deadline, naming no unit:
    a line of the timetable like the items beside it that give their period after a colon.
    Example: 1. Tựu trường các cấp học: Ngày 26/8/2024. ↵ 2. Hoàn thành tuyển sinh các lớp đầu cấp trước
    ngày 31/7/2025."""
    name = "prose_in_timetable"
    names_unit = False

    def applies(self, r):
        body = r.body.strip()
        if r.node.kind != "item" or r.steps or ". " in body or not _in_timetable(r.node):
            return None
        return _DEADLINE_LAST.search(body)

    def read(self, r, found):
        return _prose_task(replace(r, period=found.group("period")), [], r.body)

# The rules that read a sentence for its unit, in order; a calendar line's words after its period are
# read by these (ProsePeriodColon), as well as the words of any prose node.
_SENTENCE_RULES: list[Shape] = [ProseTitlingUnit(), ProseAssignOpener(), ProseSubjectVerb(), ProseFrontedPeriod(),
                                ProseFrontedClause(), ProseLeadClause()]
_UNDER_HEADING_RULES: list[Shape] = [NoneListLeadIn(), NoneGroupsDuties(), ProseUnderUnitHeading()]
CALENDAR_LINE_RULES = _SENTENCE_RULES + _UNDER_HEADING_RULES

# The rules that read the words of a prose node, in order
WORD_RULES: list[Shape] = [
    NoneNoWords(), NoneNote(), NoneUnitHeading(), NoneLeadInHeading(), NoneCoordinationLeadIn(), NoneExecutionClause(), NoneBareTitle(),
    NoneLeadInOverSteps(),
    ProsePeriodColon(), ProseTitledNumberedClauses(), ProsePartnersBelowLeadIn(), *_SENTENCE_RULES,
    ProseTopicNumberedClauses(), ProseTopicCollectiveSubject(), *_UNDER_HEADING_RULES, ProseInPhase(), ProseInTimetable(),
]


class ProseResponsibilityParagraph(ProseShape):
    """An item over one plain paragraph: its own line is read first (WORD_RULES); when that gives no
    task, its line and the paragraph together — the item's responsibility stands in a paragraph of its
    own under the item's number (the item's line must end its sentence for the two to join).
    Example: 1. Đào tạo ↵ a) Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã. ↵ Trung tâm
    Chính trị huyện chủ trì, phối hợp với Phòng Nội vụ thực hiện trong năm 2025."""
    name = "prose_responsibility_paragraph"

    def applies(self, r):
        node = r.node
        return node.kind != "para" and [c.kind for c in node.children] == ["para"] \
            and _heading_units(node.text) is None

    def extract(self, r, found):
        if tasks := _read_words(r, WORD_RULES):
            _absorb_paragraphs(r, tasks)
            return tasks
        paragraph = r.node.children[0]
        tasks = _read_words(replace(r, body=_own_text(r.doc.text, r.node)[0]), WORD_RULES)
        if tasks:
            r.doc.absorbed.add(id(paragraph))
            span_of(tasks[0]).end = r.doc.text.lines[paragraph.line].end
        return tasks


# Every shape, in the order find_tasks tries them: the first rule that applies claims the node.
SHAPES: list[Shape] = [
    ProseCarriedOver(),
    ProseLetterRequest(),
    TableRows(),
    ItemFieldLines(), ItemTitledByUnit(), ItemLeadClause(), ItemWithoutUnit(),
    NoneHeading(), NoneInsideItemFields(), NoneInAimsPart(), NoneMembershipList(), NoneClosingRemark(), NoneJoinedToTaskAbove(),
    ProseResponsibilityParagraph(),
    *WORD_RULES,
]


def find_tasks(text: Text, outline: Outline, plan_year: int | None) -> list[Task]:
    """The plan's tasks as the record's Tasks, in text order, each with its span (citations left empty)."""
    tasks = [t for _, _, found in _claims(text, outline, plan_year) for t in found]
    tasks.sort(key=lambda t: span_of(t).start)
    return tasks


def shape_claims(text: Text, outline: Outline, plan_year: int | None) -> list[tuple[Node, str, int]]:
    """Which rule claimed each node and how many tasks it gave, in reading order (for tests, and to
    trace a record back to its shapes)."""
    return [(node, rule.name, len(found)) for node, rule, found in _claims(text, outline, plan_year)]


def _claims(text: Text, outline: Outline, plan_year: int | None):
    """Each node of the outline with the first rule of SHAPES that applies to it and the tasks it gives."""
    doc = Plan(text, outline, plan_year, outline.body_lines[-1] if outline.body_lines else None,
               asked=letter_lead_in(text, outline))
    for node in outline.root.walk():
        r = Reading(doc, node, node.text)
        if claim := _first_claim(r, SHAPES):
            yield node, claim[0], claim[0].extract(r, claim[1])
