"""reading: how a plan's words name the units, the time and the work of a task — the small grammars
the shapes of extractors/tasks/shapes.py are written with (who a sentence opens with, "X chủ trì,
phối hợp với Y", time phrases of running prose, headings that hand their items to units)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.facts import Span, Task, Timeline
from extractors.grammar import LOWER
from extractors.header import name_case
from extractors.lexicon import any_of, collective_nouns, verbs, words
from extractors.outline import Node, Outline
from extractors.text import Text, fold
from extractors.timeline import REPORT_LIST, parse_timeline
from extractors.units import known_name_spans, names_actor, person_named, split_units, starts_actor

# Parts whose items state aims or figures, not work: no prose tasks there.
_NOT_TASK_PARTS = re.compile(r"muc dich|yeu cau|muc tieu|chi tieu|quan diem|can cu|tinh hinh|ket qua"
                             r"|doi tuong ap dung|pham vi dieu chinh|giai thich tu ngu")  # a regulation's scope and terms
# ("Bộ yêu cầu các đồng chí Giám đốc Sở …": a letter's issuer naming itself by its bare head word asks the unit after it)
_ASSIGN_OPENER = re.compile(r"^(?:(?:bo|so|cuc|tong cuc|vu|ban)\s+(?=(?:kinh )?de nghi|yeu cau))?"
                            r"(?:giao|de nghi|yeu cau|phan cong|kinh de nghi|giao cho)\s+")
# Time phrases of running prose (folded): a deadline or period, a span, or a recurrence
# ("định kỳ hằng quý, 6 tháng, năm", "hằng tháng và định kỳ 6 tháng").
_PROSE_TIME = re.compile(
    # ("chậm nhất đến (hết) ngày 20 tháng 10 năm 2021", "chậm nhất vào ngày 31/12/2021": the last day)
    # (its tail stops before "và khi có yêu cầu", "hoặc đột xuất": the request that may come too is read on its own)
    r"(?:truoc|cham nhat(?: la)?(?:\s+(?:den(?: het)?|vao))?|trong)\s+(?:ngay|thang|quy|nam|6 thang)\s+[^,;.]*\d"
    r"(?:(?!\s(?:va|hoac)\s+(?:khi co yeu cau|dot xuat))[^,;.])*"
    r"|tu\s+(?:ngay|thang)\s+[\d/.\-]+(?:\s+nam\s+\d{4})?\s+(?:den|toi)\s+(?:het\s+)?(?:ngay|thang)\s+[\d/.\-]*\d"
    r"(?:\s+nam\s+\d{4})?"
    # "tổ chức hội nghị vào ngày 02/02/2026": the day an event is set for
    r"|(?<=\bvao )ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    # "(từ 17/12/2025 đến 25/01/2026)": two dates without "ngày"
    r"|\btu\s+\d{1,2}/\d{1,2}(?:/\d{4})?\s+(?:den|toi)\s+(?:het\s+)?(?:ngay\s+)?\d{1,2}/\d{1,2}(?:/\d{4})?"
    r"|(?:dinh ky\s+(?:(?:hang|hung)\s+)?(?:6 thang|quy|thang|nam|tuan)"
    # "Định kỳ (vào) ngày Thứ Sáu hằng tuần"
    # ... "mỗi năm", "mỗi học kỳ" as "hằng năm" ("đảm bảo mỗi năm tại mỗi trường tổ chức ít nhất 1 buổi"); a word
    # of its own ("những tháng cuối năm" folds to "nhung thang", which holds "hung thang")
    r"|(?:(?:dinh ky\s+)?(?:vao\s+)?(?:ngay\s+)?thu (?:hai|ba|tu|nam|sau|bay)\s+)?\b(?:hang|hung|moi)\s+(?:ngay|tuan|thang|quy|nam|hoc ky))"
    r"(?:\s*(?:,|va)\s*(?:dinh ky\s+)?(?:(?:hang|hung)\s+)?(?:0?1\s+)?(?:6 thang|quy|thang|nam)(?!\s*\d))*(?!\s*\d)"
    # "định kỳ hằng năm hoặc đột xuất theo yêu cầu": the request that can come in between
    r"(?:\s*(?:,|va|hoac)\s*(?:dot xuat(?=\s*(?:theo|khi)\b)\s*)?(?:theo (?:yeu cau|chi dao)(?: cua [^,;.]{1,40}?(?=[,;.]|$|\s+(?:bao cao|thuc hien|to chuc|trien khai|tong hop|gui)\b))?"
    r"|khi co yeu cau)|\s+hoac\s+dot xuat\b)?"
    r"|(?:^|(?<=\s))(?:tu|ke tu|bat dau tu)\s+(?:ngay|thang|quy|nam)\s+[\divx][\d/.\-ivx]*(?:\s+nam\s+\d{4})?"
    # "...; định kỳ tổng hợp, báo cáo": "định kỳ" opening a clause before its verb; "báo cáo ... theo định kỳ."
    r"|(?:^|(?<=; )|(?<=\. ))dinh ky(?=\s+(?!hang\b|hung\b|6\b|\d|thang\b|quy\b|nam\b|tuan\b|ngay\b|theo\b)[a-z])"
    r"|\btheo dinh ky(?=\s*[;.]|$)"
    # on request: "(khi có yêu cầu)", "theo yêu cầu của cấp có thẩm quyền"; not "theo yêu cầu công tác"
    r"|\bkhi (?:co|duoc) yeu cau\b|\btheo (?:yeu cau|chi dao) cua cap (?:co tham quyen|tren)\b"
    # "(khi có chỉ đạo của Bộ Công an)": work a superior's instruction sets off
    r"|\bkhi co chi dao(?: cua [^,;.()]{1,40}?(?=[,;.()]|$))?"
    r"|(?:it nhat\s+)?(?:\d+|mot)\s+lan\s*/\s*(?:tuan|thang|quy|nam)\b"  # "ít nhất 01 lần/tháng"
    r"|" + REPORT_LIST +
    r"|(?<!\bchi )\bthuong xuyen(?:\s*,\s*lien tuc)?\b|\bky 6 thang(?:\s*,\s*ky (?:12 thang|nam))?"  # "thường xuyên kiểm tra ...": continuous work
    # a milestone: "sơ kết vào năm 2030", "hoàn thành vào quý IV/2025"
    r"|\bvao\s+(?:nam\s+\d{4}|(?:quy\s+[ivx]+|thang\s+\d{1,2})(?:\s*/\s*|\s+nam\s+)\d{4})")
# The date a deadline phrase names, to its last figure: "trước ngày 15/4/2026", "trong quý III và quý IV/2026"
_PROSE_DATE_END = re.compile(
    r"(?:truoc|cham nhat(?: la)?|trong|tu|ke tu)\s+(?:ngay|thang|quy|nam|6 thang)(?:\s+(?:dau|cuoi))?(?:\s+nam)?"
    r"\s*[\divx]+\b(?:\s*[/.\-]\s*\d+)*(?:\s+thang\s+\d+)?(?:\s+nam\s+\d{4})?"
    r"(?:\s*(?:va|,|-|den|toi)\s*(?:het\s+)?(?:(?:ngay|thang|quy|nam)\s*[\divx]+\b|\d+(?=\s*/))(?:\s*[/.\-]\s*\d+)*"
    r"(?:\s+thang\s+\d+)?(?:\s+nam\s+\d{4})?)*")
# words of unit names that contain a verb: "Trợ giúp pháp lý", "Tổ giúp việc", "các ban xây dựng Đảng", "các viện nghiên cứu"
_NAME_WORD = re.compile(r"trợ giúp|giúp việc|xây dựng đảng|viện nghiên cứu")
# "Cơ quan đăng ký đầu tư có trách nhiệm ...", "Cơ quan phối hợp chịu trách nhiệm ...": a body named by
# its part in the work; the verb before "có/chịu trách nhiệm" belongs to that name
_ROLE_NAMED_BODY = re.compile(r"(?:^|(?<=\s))(?:cơ quan|đơn vị)\s+((?:[^\s,;.:()]+\s+){1,4}?)(?=(?:có|chịu) trách nhiệm\b)")
# "X chủ trì" opening a clause of an item or a paragraph (folded): X leads
_LEAD_CLAUSE = re.compile(r"(?:^|[.;]\s+|\()(?:(?:giao|de nghi)\s+)?([^.;:()]{2,120}?)\s+chu tri\b")
# "chủ trì, phối hợp với Y", "phối hợp chặt chẽ với Y" (folded): the coordinators follow
_COORDINATION = re.compile(r"chu tri,?\s*(?:va\s+)?phoi hop(?:\s+chat che)?(?:\s+voi)?\s+"
                           r"|phoi hop(?:\s+chat che)? voi\s+")
# "Nội dung: Tổ chức ...; Đơn vị chủ trì: ...": the label of the task's own words
_CONTENT_LABEL = re.compile(r"^(?:Nội dung(?: công việc| nhiệm vụ)?|Nhiệm vụ)\s*:\s*", re.I)
_DAY = r"\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?"
# "Tháng 3/2025: Ra quân ... (Ban Thanh niên chủ trì)": a line of a work calendar, its period first
# "- Trước ngày 30/6/2024: Công an cấp xã hoàn thành ...": a line of a timetable, its deadline first
# "- Từ ngày 05/02/2026 - 08/02/2026: Ban Thường trực ... trao đổi với ...": its span first
_PERIOD_COLON = re.compile(r"^((?:Tháng|Quý|Tuần|Năm)\s+[\dIVX][\dIVX/\s\-–]{0,14}?"
                           r"|(?:Trước|Chậm nhất(?: là)?|Hạn chót|Trong|Đến|Từ)?\s*ngày\s+" + _DAY +
                           r"(?:\s*(?:-|–|đến(?:\s+ngày)?)\s*" + _DAY + r")?)\s*:\s*(\S.*)$", re.I)
# "Tựu trường các cấp học: Ngày 26/8/2024 (thứ Hai). …", "Học kỳ I: Bắt đầu từ ngày 06/9/2024; kết thúc …": a line of a
# timetable, its period after the work (up to the end of its first sentence)
_TOPIC_PERIOD = re.compile(r"^[^:.;]{3,90}:\s*(?P<period>(?:Ngày|Từ ngày|Bắt đầu|Trước ngày|Chậm nhất|Trong (?:tháng|quý|năm))"
                           r"\s[^.]*?\d[^.]*?)(?:\.(?:\s|$)|$)")
# "... thực hiện một số nhiệm vụ sau:", "các công việc cụ thể như sau:" (folded): a line that only
# introduces the list of duties below it
_GROUPS_DUTIES = re.compile(r"(?:nhiem vu|cong viec|noi dung)(?: cu the)?\s+(?:nhu sau|sau day|sau)\s*:$")
# "Sở Y tế (cơ quan thường trực ...):" — a unit titling what follows; its note in brackets is not its name
_UNIT_COLON = re.compile(r"^(?:(?:giao|đề nghị|yêu cầu)\s+)?([^:]{2,160}?)\s*(?:\([^()]*\))?\s*:\s*(.*)$", re.I)
_HEAD_OVER_NAMES = re.compile(r"(?:các|những)\s+(sở|bộ|ban|phòng|cục|vụ|viện|trường|hội)\s*:\s*", re.I)
_PAGE_NUMBER = re.compile(r"^\s*-?\s*\d{1,3}\s*-?(?:\s+|$)")
_COMPANY = re.compile(r"(?:Tổng\s+)?[Cc]ông\s+ty\b")
# The sentence a plan closes on: "Trên đây là Kế hoạch ...", "Yêu cầu các cơ quan ... nghiêm túc thực hiện./.",
# "Phòng X kính báo cáo Lãnh đạo Sở và thông báo để các đơn vị biết./."
_CLOSING_FORMULA = re.compile(r"^(?:tren day|trong qua trinh)|nghiem tuc (?:trien khai )?thuc hien|\bkinh bao cao\b"
                              r"|\btran trong cam on\b")  # "… trân trọng cảm ơn sự phối hợp của Quý Ủy ban./."
_SUMMING_UP = re.compile(r"tren day la\b")


# "Chánh Văn phòng ..., Giám đốc các sở ... chịu trách nhiệm thi hành Quyết định này": the execution
# clause of a decision is never a task (contract.md)
# ... or "... và các tổ chức, cá nhân liên quan căn cứ Quyết định (này) thi hành"
_EXECUTION_CLAUSE = re.compile(r"(?:chiu|co) trach nhiem (?:thi hanh|thuc hien) "
                               r"(?:quyet dinh|chi thi|nghi quyet|thong tu|cong van|van ban) nay"
                               r"|can cu (?:quyet dinh|chi thi|nghi quyet|thong tu)(?: nay)? thi hanh")


def span_of(task: Task) -> Span:
    """Where the task stands in the normalised text: the task extractor gives every task its span
    (the record's Task allows none, for records read back from JSON)."""
    assert task.span is not None, "the task extractor places every task it makes"
    return task.span


def _carried_over(text: Text, outline: Outline, plan_year) -> Task | None:
    """A page extracted alone from the middle of a document opens mid-sentence: "thực hiện theo đúng
    quy định ... Hoàn thành và báo cáo UBND tỉnh trước ngày 20/02/2025.↵3. Giao Sở Nội vụ ...". The
    words before its first numbered item end the item before it (here "2"): a task when they carry
    a time or a unit (contract: a task needs someone or some time)."""
    first = next((n for n in outline.root.children if n.line is not None), None)
    if first is None or first.kind != "item" or not re.fullmatch(r"\d+", first.id or "") or int(first.id) < 2:
        return None
    # only the lines the page opens with, bar its page number ("2"): a page's own header would stand between
    assert first.line is not None
    lines = [i for i in outline.preamble if i < first.line]
    printed = [_PAGE_NUMBER.sub("", text.line_text(i)) if k == 0 else text.line_text(i).strip()
               for k, i in enumerate(lines)]
    if printed and not printed[0]:
        lines, printed = lines[1:], printed[1:]
    if not lines or not all(p[:1].islower() for p in printed):
        return None
    body = " ".join(printed)
    if len(body.split()) < 5:
        return None
    timeline = _prose_time(body, plan_year)
    clause = _lead_clause(body)
    if not timeline.text and not clause:
        return None
    t = Task(id=str(int(first.id) - 1), origin="prose", text=_strip_end(body), timeline=timeline,
             span=Span(text.lines[lines[0]].page, text.lines[lines[0]].start, text.lines[lines[-1]].end))
    if clause:
        t.lead = clause[0]
        t.coordinators = _coordinators(body, clause[1])
    return t


# "Kính gửi: Thuế tỉnh Quảng Trị." opens a letter's body
# ("Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ …": a crawl put the addressee after the date, on its line;
# "gửi: Đồng chí Cục trưởng …": an OCR lost "Kính")
_ADDRESSEE_LINE = re.compile(r"(?:^|\bnam \d{4}\s+)kinh gui\b|^gui\s*:")
# "đề nghị X …" opening a paragraph, a sentence or a clause, or after the requester ("Ủy ban nhân dân
# thành phố đề nghị các cơ quan …"): a request to X (a name or "các/những" follows: "đề nghị hoàn thuế"
# is a noun, "theo đề nghị của" the request of someone else, not a request)
# ("…, Thủ tướng Chính phủ giao Bộ X …": a Văn phòng Chính phủ letter passing on the Government's assignment;
# "Tổng cục Thuế yêu cầu đồng chí Cục trưởng Cục Thuế các tỉnh …": a superior's request, "đồng chí" before
# the position it names, unless it closes the letter: "… yêu cầu các đơn vị nghiêm túc thực hiện")
_REQUEST = re.compile(r"(?:^|[.;]\s+|,\s*|\s)(?:(?:(?:Kính|kính)\s+)?(?:Đề|đề)\s+nghị|(?<=Chính phủ )giao"
                      r"|(?P<demand>(?:Yêu|yêu)\s+cầu))\s+(?=[A-ZĐÀ-Ỹ]|(?:các|những)\s|(?:các\s+)?đồng chí\s+[A-ZĐ])")
# A notice's own words that hand no work: "Văn phòng Chính phủ thông báo để các Bộ, cơ quan biết, thực hiện."
_NOTICE_FORMULA = re.compile(r"\bthong bao (?:de|cho)\b.{0,80}\bbiet\b")
_DUTY = re.compile(r"\b(?:co|chiu) trach nhiem\b")
# The heading of a letter's or notice's kind on a line of its own ("THÔNG BÁO"): its title follows
_KIND_HEADINGS = frozenset(fold(w) for w in words("notice_kinds.txt"))
# "đề nghị các Bộ, cơ quan ngang bộ (sau đây gọi là Bộ, cơ quan trung ương) và …": the short name the letter will
# use, no unit of its own
_ALIAS_NOTE = re.compile(r"\s*\(\s*sau đây (?:gọi|viết)(?: tắt)? là[^()]*\)")
# "X trao đổi/phối hợp/làm việc với Y …": Y joins the work X is asked to do
_REQUEST_PARTNER = re.compile(r"\s+(?:trao đổi|phối hợp|làm việc)(?:\s+chặt chẽ)?\s+với\s+")


def _letter_paragraphs(text: Text, outline: Outline) -> list[list[int]]:
    """A letter whose body has no numbered item (the outline found no body): the lines after its
    "Kính gửi" line up to its closing, joined into paragraphs (a line that does not end its sentence
    goes on in the next)."""
    if outline.body_lines:
        return []
    lines = [i for i in outline.preamble if text.line_text(i).strip() not in ("", "|")]
    start = next((k for k, i in enumerate(lines) if _ADDRESSEE_LINE.search(fold(text.line_text(i).strip()))), None)
    if start is None:
        start = _after_title(text, lines)
    if start is None:
        return []
    return _paragraphs(text, lines[start + 1:])


def _paragraphs(text: Text, lines: list[int]) -> list[list[int]]:
    """Lines joined into paragraphs: a line that does not end its sentence goes on in the next."""
    paragraphs: list[list[int]] = []
    joined = False  # the last paragraph ended its sentence
    for i in lines:
        if paragraphs and not joined:
            paragraphs[-1].append(i)
        else:
            paragraphs.append([i])
        joined = bool(re.search(r"[.:;]\W*$", text.line_text(i).strip()))
    return paragraphs


def letter_lead_in(text: Text, outline: Outline) -> tuple[str, ...] | None:
    """The units a letter asks, in the paragraph that leads into its numbered items ("Kính gửi: Ủy ban nhân
    dân các tỉnh … ↵ Để triển khai …, Bộ … kính đề nghị Ủy ban nhân dân các tỉnh, thành phố … chỉ đạo …, cụ
    thể như sau: ↵ 1. Về … ↵ a) Chỉ đạo …"): they do the work of every item that names no unit; or None."""
    if not outline.body_lines:
        return None
    first = outline.body_lines[0]
    lines = [i for i in outline.preamble if i < first and text.line_text(i).strip() not in ("", "|")]
    start = next((k for k, i in enumerate(lines) if _ADDRESSEE_LINE.search(fold(text.line_text(i).strip()))), None)
    if start is None:
        return None
    paragraphs = _paragraphs(text, lines[start + 1:])
    if not paragraphs:
        return None
    body = " ".join(text.line_text(i).strip() for i in paragraphs[-1])  # the last paragraph before the items
    last = fold(re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", body)[-1])  # its last sentence leads in ("Ngày …, Chính phủ ban hành …. Để …")
    if not body.endswith(":") or not (_LEAD_IN.search(last) or _GROUPS_DUTIES.search(last)):
        return None
    found = _request(body)
    return tuple(found[0]) if found else None


def _after_title(text: Text, lines: list[int]) -> int | None:
    """A notice without "Kính gửi" ("THÔNG BÁO ↵ Về việc treo cờ Tổ quốc ↵ Nhân dịp …"): the position of
    the last line of its title (the line after its kind's heading, and the lines that go on in lower
    case), after which its paragraphs start."""
    heading = next((k for k, i in enumerate(lines) if fold(text.line_text(i).strip()) in _KIND_HEADINGS), None)
    if heading is None or heading + 1 >= len(lines):
        return None
    end = heading + 1
    while end + 1 < len(lines) and text.line_text(lines[end + 1]).strip()[:1].islower():
        end += 1
    return end


def _request(paragraph: str) -> tuple[list[str], list[str]] | None:
    """"…, đề nghị Thuế tỉnh Quảng Trị trao đổi với cơ quan Nhà nước có thẩm quyền … để …": the units
    asked (the lead) and their partners after "trao đổi với / phối hợp với / làm việc với"."""
    paragraph = _ALIAS_NOTE.sub("", paragraph)
    for m in _REQUEST.finditer(paragraph):
        if m["demand"] and _CLOSING_FORMULA.search(fold(paragraph)):
            continue
        rest = paragraph[m.end():]
        partner = _REQUEST_PARTNER.search(rest[:160])
        if partner:
            lead = split_units(rest[:partner.start()])
            if not lead or not all(starts_actor(u) for u in lead) or _verb_at(rest[:partner.start()]):
                continue
            after = rest[partner.end():]
            verb = _verb_at(after)
            clause = re.split(r"[.;:]|\s(?:để|nhằm|về|theo|đối với)\s", after[:verb[0]] if verb else after)[0]
            partners = split_units(clause.rstrip(", "))
            return lead, partners if partners and all(starts_actor(u) for u in partners) else []
        lead = _subject("đề nghị " + rest)
        if lead and all(starts_actor(u) for u in lead):
            return lead, _coordinators(rest)
    # "Giao các Bộ: … có ý kiến …", "Ủy ban nhân dân các phường, xã có trách nhiệm chỉ đạo …": a paragraph
    # that hands work to the units it opens with, by an opener or a duty, unless it is the letter's closing
    # formula (the letter's own account, "Cục Thuế nhận được …", "Cục Thuế có ý kiến …", hands nothing)
    folded = fold(paragraph)
    if not (_ASSIGN_OPENER.match(folded) or _DUTY.search(folded[:240])):
        return None
    if _CLOSING_FORMULA.search(folded) or _NOTICE_FORMULA.search(folded) or _EXECUTION_CLAUSE.search(folded):
        return None
    lead = _subject(paragraph)
    # names under a head ("các Bộ: Công an, Tài chính") are printed without it
    if lead and (all(starts_actor(u) for u in lead) or _HEAD_OVER_NAMES.search(paragraph[:80])):
        return lead, _coordinators(paragraph)
    return None


# "…, Phó Thủ tướng Chính phủ Lê Văn Thành có ý kiến như sau:" (folded): a letter passing on a leader's instructions
# (a leader's, not a body's reply: "Cục Thuế có ý kiến như sau:" explains)
_OPINION_FOLLOWS = re.compile(r"\b(?:thu tuong|chu tich|bo truong)\b[^.;:]{0,80}\bco y kien(?: chi dao)?(?: nhu sau)?\s*:\s*$")


def _letter_requests(text: Text, outline: Outline, plan_year) -> list[Task]:
    """A letter (Công văn) whose body is plain paragraphs carries a task in each paragraph that asks a
    unit to do work ("Đề nghị Sở X phối hợp với Sở Y rà soát …"; contract: a dispatch carries tasks like a
    plan): the paragraph is the task, the unit asked its lead, the unit it works with a coordinator."""
    tasks: list[Task] = []
    instructed = False  # after "…, Phó Thủ tướng X có ý kiến như sau:", each paragraph is the leader's instruction
    for lines in _letter_paragraphs(text, outline):
        body = " ".join(text.line_text(i).strip() for i in lines)
        found = _request(body)
        if not found and instructed and not _NOTICE_FORMULA.search(fold(body)) \
                and (lead := _subject(body)) and all(starts_actor(u) for u in lead):
            found = lead, _coordinators(body)  # "Bộ Tài chính báo cáo …; trên cơ sở đó chủ trì, phối hợp với …"
        instructed = instructed or bool(_OPINION_FOLLOWS.search(fold(body)))
        if not found:
            continue
        first, last = text.lines[lines[0]], text.lines[lines[-1]]
        t = Task(id=str(len(tasks) + 1), origin="prose", text=_strip_end(body), timeline=_prose_time(body, plan_year),
                 span=Span(first.page, first.start, last.end))
        t.lead, t.coordinators = found
        tasks.append(t)
    return tasks


def _absorb_actorless_paragraphs(text: Text, node: Node, task: Task, plan_year, absorbed: set[int]) -> None:
    """A numbered assignment goes on in the plain paragraphs under it until one names an actor of its
    own: "1. Công ty X khẩn trương rà soát ...↵Trường hợp không đảm bảo ... thì phối hợp với ... Hoàn
    thành ... trước ngày 08/02/2025." is one task, its deadline printed in the last paragraph."""
    body, end = task.text, span_of(task).end
    taken = []
    for c in node.children:
        if c.kind != "para" or c.fields or not c.text or _assigns_on_its_own(c.text):
            break
        assert c.line is not None
        taken.append(c)
        body, end = body + " " + c.text, text.lines[c.line].end
    if not taken:
        return
    absorbed.update(id(c) for c in taken)
    task.text, span_of(task).end = _strip_end(body), end
    task.timeline = _prose_time(body, plan_year)
    for unit in _coordinators(body):
        if unit not in task.coordinators and unit not in task.lead:
            task.coordinators.append(unit)


def _assigns_on_its_own(body: str) -> bool:
    """Does a paragraph hand work to a unit it names ("Giao Sở Y ...", "Sở Y chủ trì ...",
    "Trường hợp ..., Sở Y ...")?"""
    if _ASSIGN_OPENER.match(fold(body)) or _subject(body) or _lead_clause(body) or _titling_unit(body):
        return True
    if _FRONTED_CLAUSE.match(body):
        return any(_subject(body[k:]) for k in _fronted_commas(body))
    return False


def _closing_remark(node: Node, last_line: int | None = None) -> bool:
    """A plain paragraph after a part's numbered items, or a closing formula that ends the body
    ("Yêu cầu các cơ quan ... nghiêm túc thực hiện./."), closes the plan; the assignments are the items."""
    if node.kind != "para" or node.parent is None:
        return False
    if node.line == last_line and len(node.text) < 150 and (
            _CLOSING_FORMULA.search(folded := fold(node.text)) or _NOTICE_FORMULA.search(folded)):
        return True  # "… nghiêm túc thực hiện./.", "Sở X thông báo cho các đơn vị được biết và thực hiện./."
    if _SUMMING_UP.match(fold(node.text)):  # "Trên đây là Kế hoạch …" sums the plan up, however long
        return True
    siblings = node.parent.children
    return any(c.kind in ("item", "bullet") for c in siblings[: siblings.index(node)])


def _in_excluded_part(node: Node) -> bool:
    # the heading's opening words name the part: "Mục đích, yêu cầu", not "... theo yêu cầu" deep in a sentence
    # ("Yêu cầu Giám đốc các sở ...:" addresses units: a part of tasks, not of aims)
    # ("CHỈ TIÊU, NHIỆM VỤ" over "a) Mục tiêu" and "b) Nhiệm vụ" names tasks too: only its aims items are aims)
    # ("Thời gian: Căn cứ vào tình hình thực tế, …" is a part of timing: a label names the part, not what follows it)
    # ("Về tình hình kinh tế - xã hội tháng 4 …; phương hướng, nhiệm vụ và giải pháp …": a heading over the situation
    # and the tasks alike, the items its tasks)
    return any(n.kind in ("section", "part", "item", "article") and n is not node
               and _NOT_TASK_PARTS.search(fold(n.text)[:40].split(":")[0])
               and not _AIMS_AND_TASKS.search(fold(n.text)[:40]) and not _SITUATION_AND_TASKS.search(fold(n.text))
               and _heading_units(n.text) is None for n in node.path)


# "Kiện toàn Ban Chỉ đạo …, gồm các thành viên sau đây:", "Thành phần Tổ công tác gồm:" (folded): a list of members
_MEMBERS = re.compile(r"\bgom(?: co)?(?: cac)? (?:thanh vien|ong(?:,| va) ba|dong chi)\b[^:]*:\s*$"
                      r"|\bthanh phan\b[^:]*\bgom\b[^:]*:\s*$")


def _in_membership_list(node: Node) -> bool:
    """Is the node a member of the list an ancestor opens ("… gồm các thành viên sau đây:"): people in their
    posts ("1. Trưởng ban: Phó Thủ tướng Chính phủ …", "- 01 Thứ trưởng Bộ Nội vụ;"), with no verb of work
    outside the names of units (a member given duties is a task, as in a staff roster)?"""
    return not _verb_outside_names(node.text) and any(
        n is not node and n.kind != "root" and _MEMBERS.search(fold(n.text)) for n in node.path)


_SITUATION_AND_TASKS = re.compile(r"^(?:ve )?tinh hinh\b.*\b(?:nhiem vu|giai phap)\b")
# "Chỉ tiêu, nhiệm vụ", "Mục tiêu và nhiệm vụ" (folded): a heading over aims and tasks alike
_AIMS_AND_TASKS = re.compile(r"^(?:[\divx]+\.\s*)?(?:muc tieu|chi tieu)\s*(?:,|va)\s*(?:nhiem vu|giai phap)\b")


def _own_text(text: Text, node: Node) -> tuple[str, int, int]:
    """A node's own words: its line and the plain paragraphs right after it."""
    assert node.line is not None, "a node read for tasks stands on a line"
    parts, start = [node.text], text.lines[node.line].start
    end = text.lines[node.line].end
    for c in node.children:
        if c.kind != "para" or c.fields:
            break
        assert c.line is not None
        parts.append(c.text)
        end = text.lines[c.line].end
    return " ".join(parts), start, end




_LEAD_IN_VALUE = re.compile(r"^(?P<lead>.+?)\s+chủ trì(?:\s+thực hiện)?\s*[,;]?\s*(?:và\s+)?(?:phối hợp(?:\s+với)?\s+"
                            r"(?P<coord>.+))?$")


def _close_related_group(clause: str) -> str:
    """"các đơn vị liên quan quản lý, kiểm soát …": a group's "liên quan" closes it, and what follows is the work
    (a verb the lexicon lacks); "liên quan đến công tác …" and "liên quan và các địa phương" go on."""
    return re.sub(r"(\b(?:có\s+)?liên quan)\s+(?!(?:đến|tới|với|trong|của|khác|và|hoặc|cùng)\b)[a-zà-ỹđ].*$", r"\1",
                  clause, flags=re.S)


def _add_roles(task: Task, role: str, value: str) -> None:
    """Add a field's units to the task under `role` (one of ROLES); "X chủ trì, phối hợp với Y" inside any field
    names the lead and the coordinators itself."""
    if re.match(r"theo\s", value.strip(), re.I):
        return  # "Theo phân công tại Quyết định số ...": the units are named in another document
    m = _LEAD_IN_VALUE.match(value.strip().rstrip("."))
    if m and role != "lead" and starts_actor(m.group("lead")):
        task.lead.extend(split_units(m.group("lead")))
        if coord := m.group("coord"):
            # "… phối hợp với đơn vị, địa phương có liên quan tham mưu thực hiện": the partners end at the work
            verb = _verb_at(coord)
            task.coordinators.extend(split_units(_close_related_group(coord[:verb[0]] if verb else coord)))
        return
    getattr(task, role).extend(split_units(value))



def _strip_end(s: str) -> str:
    return re.sub(r"\s*\./\.\s*$", ".", s).strip()



def _verb_at(text: str, start: int = 0) -> tuple[int, str] | None:
    """The earliest verb at a word boundary from `start`, as (position, verb). A verb is
    written in lowercase: "Tổ chức" inside "Phòng Tổ chức cán bộ" is part of a name."""
    folded = text.lower()
    inside_names = [n.span() for n in _NAME_WORD.finditer(folded)] + [n.span(1) for n in _ROLE_NAMED_BODY.finditer(folded)]
    # a quoted name ("phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”") holds words, not verbs
    inside_names += [q.span() for q in re.finditer(r"[“\"][^“”\"]{2,160}[”\"]", text)]
    best = None
    for v in verbs():
        for m in re.finditer(r"(?:(?<=\s)|^)" + re.escape(v) + r"(?=[\s,;.:]|$)", folded[start:]):
            pos = m.start() + start
            if pos > 0 and text[pos].isupper():
                continue
            # "các tổ chức chính trị - xã hội": after a plural word the verb is a noun, and after "về" ("Vụ Các
            # vấn đề chung về xây dựng pháp luật": what it is about); "Trung tâm Trợ giúp pháp lý", "Tổ giúp
            # việc": "giúp" inside a unit's name
            if (text[:pos].split()[-1:] or [""])[0].lower() in ("các", "những", "mọi", "về") \
                    or any(a <= pos < b for a, b in inside_names) or _group_noun_in_list(text, pos, v):
                continue
            if v == "tự" and folded[pos:].startswith("tự chủ "):
                continue  # "đơn vị, cơ sở giáo dục tự chủ tài chính": autonomous, a kind of unit, not "do it oneself"
            if best is None or pos < best[0]:
                best = (pos, v)
            break
    return best


def _group_noun_in_list(text: str, pos: int, verb: str) -> bool:
    """"các cơ quan, tổ chức có liên quan", "Doanh nghiệp, tổ chức, cơ sở giáo dục": after a group noun
    and its comma, a verb that is itself a group noun ("tổ chức") is one more group of the list, unless
    a verb follows it at once ("Các sở, ngành, tổ chức triển khai ...": the sở and ngành organise)."""
    if fold(verb) not in collective_nouns():
        return False
    before = fold(text[:pos]).rstrip()
    if not before.endswith(",") or not any(re.search(r"(?:^|\s)" + re.escape(n) + r",$", before)
                                           for n in collective_nouns()):
        return False
    after = text[pos + len(verb):].lstrip()
    return not any(after.lower().startswith(v + " ") for v in verbs())


# "Ủy ban nhân dân các xã: Gia Thuận, Tân Điền, Gò Công Đông", "UBND 04 xã: ...": the committees of the places
# listed after the colon, one actor (contract: collective actors stay whole), up to the verb of the work
_COMMITTEE_OF_PLACES = re.compile(
    r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?:các|\d{1,3})\s+(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|tỉnh|"
    r"thành phố)(?:,\s*(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|tỉnh|thành phố))*\s*:\s*"
    r"[A-ZĐÀ-Ỹ][^\s,;:.()]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;:.()]*){0,3}"
    r"(?:\s*(?:,|và)\s*[A-ZĐÀ-Ỹ][^\s,;:.()]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;:.()]*){0,3})*")


def _committee_of_places(body: str, at: int = 0) -> str | None:
    """The actor "Ủy ban nhân dân các xã: A, B" opening `body` at `at`, when nothing but a verb, a ";" or the end
    follows the names; None otherwise."""
    m = _COMMITTEE_OF_PLACES.match(body, at)
    if not m:
        return None
    rest = body[m.end():]
    if rest.strip(" :;.") and not re.match(r"\s*[;,]", rest) and (_verb_at(rest) or (-1, ""))[0] != 1:
        return None
    return m.group(0)


def _known_whole(name: str, head: str) -> bool:
    """Is `name` ("Bộ Văn hóa, Thể thao và Du lịch") a known unit's name from its head word or the word after it to its end?"""
    return any(a <= len(head) + 1 and b == len(name) for a, b in known_name_spans(name))


def _names_under_head(body: str, at: int = 0, heading: bool = False) -> list[str] | None:
    """"Các Bộ: Công Thương, Văn hóa, Thể thao và Du lịch, Y tế nghiên cứu ...": the names one head noun stands
    over, as printed (a name with a comma of its own, known with its head, stays whole), when a verb follows
    them, or, in a `heading` ("1. Các Bộ: Y tế, Công Thương" over the duties below), when they end it; None
    otherwise. A body joined after the names by "và" carries its own head ("…, Tài chính và Ủy ban nhân dân
    tỉnh, thành phố có trách nhiệm …")."""
    m = _HEAD_OVER_NAMES.match(body, at)
    verb = _verb_at(body, m.end()) if m else None
    if not m or not (verb or heading):
        return None
    if heading and verb and _verb_outside_names(body[m.end():]):
        return None  # a sentence of work, not a heading
    listed = body[m.end():verb[0] if verb and not heading else len(body)].strip(" ,.:")
    joined = next((j for j in re.finditer(r"\s+và\s+", listed) if starts_actor(listed[j.end():])), None)
    others = split_units(listed[joined.end():]) if joined else []
    pieces = [p.strip() for p in (listed[:joined.start()] if joined else listed).split(",")]
    if not pieces or not all(p[:1].isupper() and len(p.split()) <= 8 for p in pieces):  # "Nông nghiệp và Phát triển nông thôn"
        return None
    head = m.group(1).capitalize()
    names, i = [], 0
    while i < len(pieces):
        j = next(j for j in range(len(pieces), i, -1) if j == i + 1 or _known_whole(f"{head} {', '.join(pieces[i:j])}", head))
        names.append(", ".join(pieces[i:j]))
        i = j
    return names + others


# "Các nhóm khảo sát gồm:", "Thành phần bao gồm:": what follows lists members, it addresses no unit
_MEMBERSHIP = re.compile(r"\s(?:bao\s+)?gồm$|\s(?:là|như sau)$")


def _titling_unit(body: str) -> tuple[list[str], str] | None:
    """"Sở Nội vụ: Chủ trì ..." → (["Sở Nội vụ"], "Chủ trì ..."): the units a paragraph is
    addressed to and the words after them; None when the words before the colon are not units."""
    m = _UNIT_COLON.match(body)
    if not m or not m.group(2) or not names_actor(m.group(1)) or _verb_outside_names(m.group(1)) \
            or _MEMBERSHIP.search(m.group(1)) \
            or _committee_of_places(body) or _names_under_head(body):
        return None
    return split_units(m.group(1)), m.group(2)


def _verb_outside_names(s: str) -> bool:
    """A verb in `s` that is not part of a known unit name: "Bộ Chỉ huy quân sự tỉnh chỉ đạo ..." has
    one, "Phòng Tổ chức, biên chế và tổ chức phi chính phủ" (data/units.txt) has none."""
    names = known_name_spans(s)
    pos = 0
    while (verb := _verb_at(s, pos)) is not None:
        if not any(a <= verb[0] < b for a, b in names):
            return True
        pos = verb[0] + len(verb[1])
    return False


def _lead_clause(body: str) -> tuple[list[str], int] | None:
    """"... . Ban Tuyên giáo chủ trì, phối hợp với ..." → (["Ban Tuyên giáo"], where "chủ trì" is)."""
    for m in _LEAD_CLAUSE.finditer(fold(body)):
        subject = body[m.start(1):m.end(1)]
        if re.search(r"(?:cơ quan|đơn vị)$", subject, re.I):
            continue  # "đề nghị Cơ quan chủ trì chuyển ...": the body named by its part, not "X chủ trì"
        if starts_actor(subject) and not _verb_at(subject):
            return split_units(subject), m.end(1)
    return None


def _coordinators(body: str, start: int = 0) -> list[str]:
    """The units after "chủ trì, phối hợp với" / "phối hợp với", up to the verb of the work."""
    folded = fold(body)
    # "Phối hợp Công an tỉnh tham mưu ...", "phối hợp cùng các cơ quan chuyên môn ...": without "với"
    # the words after "phối hợp" are its partners only when they name one ("phối hợp tổ chức" does not);
    # "quy chế phối hợp với ..." names a document of the work, not partners
    loose = re.compile(r"phoi hop(?:\s+chat che)?(\s+cung)?\s+")
    # ("Chủ trì, phối hợp tổ chức thực hiện …. Chủ trì, phối hợp với các bộ, …": the first names no partner)
    found = sorted([(x.start(), x.end(), x.group().rstrip().endswith(" voi")) for x in _COORDINATION.finditer(folded, start)]
                   + [(x.start(), x.end(), bool(x.group(1))) for x in loose.finditer(folded, start)])
    end = next((b for a, b, sure in found
                # (in lower case: "Phòng Tài chính - Kế hoạch chủ trì, phối hợp với …" is a unit's name)
                if not re.search(r"(?:quy chế|chương trình|kế hoạch|cơ chế)\s+(?:chủ trì,?\s*)?$", body[:a])
                and (sure or names_actor(body[b:]))), None)
    if end is None:
        return []
    if committee := _committee_of_places(body, end):  # "phối hợp với UBND 04 xã: A, B thành lập ..."
        return [committee]
    # "phối hợp với các Sở: Tài chính, Kế hoạch và Đầu tư, Công ty X": one head noun over the names after
    # its colon ("Sở Tài chính", "Sở Kế hoạch và Đầu tư"), up to a name that carries its own head
    head = None
    if listed := _HEAD_OVER_NAMES.match(body, end):
        head, end = listed.group(1)[:1].upper() + listed.group(1)[1:].lower(), listed.end()
    verb = _verb_at(body, end)
    stop = verb[0] if verb else len(folded)
    # ("các cơ quan, đơn vị trong và ngoài Bộ Tư pháp": where they stand is part of the group)
    clause = re.split(r"[.:]|\s(?:trong(?! và ngoài)|để|nhằm|về|theo|tại|đối với)\s", body[end:stop])[0]
    clause = re.sub(r"\s+và$", "", clause.rstrip(", "))  # "… với X và tổ chức pháp chế …": the verb "tổ chức" cut a name
    kept: list[str] = []  # "...; Đoàn Thanh niên Khối" lists one more actor; "...; tổng hợp báo cáo" is the next task
    for piece in clause.split(";"):
        if kept and not starts_actor(piece):
            break
        kept.append(piece)
    clause = _close_related_group(";".join(kept))
    if head and clause[:1].isupper() and not starts_actor(clause):
        units = split_units(clause)
        for k, u in enumerate(units):
            if starts_actor(u):
                break
            units[k] = f"{head} {u}"
    elif not starts_actor(clause):
        return []
    else:
        units = split_units(clause)
    # "..., hoàn thành trước ngày 30/11/2025": the list ends where a piece names no one
    cut = next((k for k, u in enumerate(units) if k and not starts_actor(u)), len(units))
    return units[:cut]


_AIM = re.compile(r"\b(?:dat|muc tieu|phan dau|chi tieu)\b|%")


def _prose_time(body: str, plan_year) -> Timeline:
    """The time phrase of a sentence, alone ("trước ngày 30/6/2024", "định kỳ hằng quý"); a recurrence
    and a period that both apply are joined with "; " in reading order (contract.md)."""
    folded = fold(body)
    phrases: list[str] = []
    kinds: set[bool] = set()
    period_at, completion = 0, False
    recurring: set[str] = set()
    deadlines: list[str] = []  # the ends of the deadlines taken ("trước ngày …", "chậm nhất …")
    for m in _PROSE_TIME.finditer(folded):
        phrase = body[m.start():m.end()].strip()
        clause = folded[max(folded.rfind(";", 0, m.start()), folded.rfind(".", 0, m.start())) + 1:m.start()]
        if folded.startswith("vao", m.start()) and _AIM.search(clause):
            continue  # "đạt mục tiêu 50% xã không có ma túy vào năm 2030": the aim's horizon, not the work's time
        if re.match(r"(?:truoc|cham nhat|trong|tu|ke tu)\s", folded[m.start():]):
            # "trước ngày 30/6/2025 để tổng hợp ...": the phrase ends with its last figure
            # ... or with its date when words with figures follow ("trước ngày 20 hằng tháng lên phần mềm Đề án 06")
            if date_end := _PROSE_DATE_END.match(folded, m.start()):
                phrase = body[m.start():date_end.end()]
            else:
                last_figure = re.search(r".*\d", phrase)
                assert last_figure is not None  # the alternatives of _PROSE_TIME that open so all hold a figure
                phrase = phrase[:last_figure.end()]
            after = re.match(r"(?:\s+năm\s+\d{4})?(?:(?:\s+và)?\s+h[ằà]ng\s+(?:ngày|tuần|tháng|quý|năm))?",
                             body[m.start() + len(phrase):])
            assert after is not None  # every part of the pattern is optional
            phrase += after.group(0)
        if phrase.count(")") > phrase.count("("):  # "(hoàn thành trong tháng 4/2026)"
            phrase = phrase.rstrip(")").strip()
        parsed = parse_timeline(phrase, plan_year)
        is_period = bool(parsed.start or parsed.end)
        # milestones in a row ("sơ kết vào năm 2030, tổng kết vào năm 2035") all count, spanning
        # first to last (contract.md)
        milestone_run = bool(is_period and phrase.lower().startswith("vào") and phrases
                             and phrases[-1].lower().startswith("vào"))
        if milestone_run:
            kinds.add(is_period)
            phrases.append(phrase)
            continue
        if is_period and is_period in kinds and not completion and _completes(folded, m.start()):
            # "... đề xuất kế hoạch ... trong năm 2025 ... Hoàn thành và báo cáo ... trước ngày 08/02/2025":
            # the period of the work's object yields to the deadline the sentence of completion names
            phrases[period_at], completion = phrase, True
            continue
        if is_period and is_period in kinds and _DEADLINE_WORD.match(folded, m.start()) and deadlines \
                and parsed.end and deadlines[-1] < parsed.end:
            # "trước ngày 01/5/2026 …; … trước ngày 01/8/2026": deadlines in a row span to the last (contract.md)
            phrases.append(phrase)
            deadlines.append(parsed.end)
            continue
        if is_period in kinds and (is_period or not set(parsed.recurrence) - recurring):
            # one deadline, the first; a recurrence phrase while it adds a kind of recurrence
            # ("thường xuyên, liên tục. ... hàng năm", "... khi có yêu cầu")
            continue
        recurring |= set(parsed.recurrence)
        if is_period:
            period_at, completion = len(phrases), _completes(folded, m.start())
            if _DEADLINE_WORD.match(folded, m.start()) and parsed.end:
                deadlines.append(parsed.end)
        kinds.add(is_period)
        phrases.append(phrase)
    if not phrases:
        return parse_timeline(None)
    return parse_timeline("; ".join(phrases), plan_year)


_DEADLINE_WORD = re.compile(r"(?:truoc|cham nhat)\s")


def _completes(folded: str, at: int) -> bool:
    """Is the time phrase at `at` the deadline of a sentence of completion ("Hoàn thành (và báo cáo
    UBND tỉnh) trước ngày …")?"""
    sentence = re.split(r"[.;]\s", folded[:at])[-1]
    return bool(re.match(r"\s*hoan thanh\b", sentence))



def _after_topic(body: str) -> str | None:
    """The text after a topic that a colon ends ("Đẩy mạnh cải cách thủ tục hành chính: …"), or None
    when the colon is far in or what stands before it names a unit (then it is "Sở X: …")."""
    m = re.search(r":\s*", body[:200])
    if not m or names_actor(body[: m.start()]) or not body[m.end():].strip():
        return None
    return body[m.end():]


_CLAUSE_NUMBER = re.compile(r"(?:^|(?<=[;.:]\s))\((\d{1,2})\)\s*")


def _numbered_clauses(body: str) -> list[str] | None:
    """"(1) trình …; (2) chủ trì …; (3) …": the clauses numbered 1, 2, 3 … in order from the
    body's start, or None when the body does not open on "(1)" and go on to "(2)"."""
    marks = [m for m in _CLAUSE_NUMBER.finditer(body)]
    expected, kept = 1, []
    for m in marks:
        if int(m.group(1)) == expected:
            kept.append(m)
            expected += 1
    if len(kept) < 2 or kept[0].start() != 0:
        return None
    return [body[m.end(): (kept[k + 1].start() if k + 1 < len(kept) else len(body))].strip(" ;")
            for k, m in enumerate(kept)]


# "…, cơ quan chủ trì triển khai Đề án", "(cơ quan thường trực)": what the unit is, not another unit
_APPOSITION = re.compile(r"\s*,\s*(?:là\s+)?(?:cơ quan|đơn vị)\s+(?:chủ trì|thường trực|đầu mối|tham mưu)[^,:]*$")


# "X có quyền ...": what a unit may do, not work assigned to it
_A_RIGHT = re.compile(r"[^,;.]{0,80}?\scó quyền\b")


# A clause put before the subject: "Căn cứ …,", "Trên cơ sở …,", "Đối với …," (data/fronted_clauses.txt), "Quý I/2026,"
# ... or a recurrence closed by its comma: "Định kỳ hoặc đột xuất, Bộ Y tế ...", "Hằng năm, Sở Nội vụ ..."
# ("Định kỳ báo cáo …, Văn phòng …" is work, its comma far away)
_FRONTED_PERIOD_WORDS = (r"(?:(?:Trong\s+)?(?:Quý|Tháng|Năm)\s+[\dIVX][\dIVX/\s]{0,10}"
                         r"|Trong\s+(?:thời hạn\s+)?\d{1,3}\s+ngày(?:\s+làm việc)?"  # "Trong 02 ngày làm việc, kể từ …, X …"
                         r"|(?:Định kỳ|Hằng|Hàng)\s[^,.;]{0,25}(?=,)"
                         # "Định kỳ trước ngày 15 tháng 12 hằng năm và khi có yêu cầu, UBND các tỉnh …": a recurring deadline
                         r"|Định kỳ\s+(?:trước|chậm nhất)\s+ngày\s[^,.;]{0,40}?\s(?:hằng|hàng)\s+(?:năm|quý|tháng)"
                         r"(?:\s+(?:và|hoặc)\s+(?:khi có yêu cầu|đột xuất))?(?=,))")
_FRONTED_CLAUSE = re.compile(r"^(?:" + "|".join(map(re.escape, words("fronted_clauses.txt")))
                             + r"|" + _FRONTED_PERIOD_WORDS + r")\b")
# only the period: "Quý I/2026, Sở Nội vụ ..." (the shape prose_fronted_period)
_FRONTED_PERIOD = re.compile(r"^" + _FRONTED_PERIOD_WORDS + r"\b")


_HEAD_OF_UNITS = re.compile(any_of("heads_of_units.txt") + r"\s")


def _fronted_commas(body: str) -> list[int]:
    """Where a subject may start after a fronted clause's comma (or the "thì" closing a condition): before a capitalised word, a group
    ("…, các bộ, cơ quan, đơn vị, địa phương chủ động …") or "giao/đề nghị …" ("…, đơn vị liên quan
    nghiên cứu" in lower case, without "các", is inside the clause)."""
    commas = [m.end() for m in re.finditer(r",\s*(?=\w)", body[:240])
              if body[m.end()].isupper() or re.match(r"(?:giao|đề nghị|yêu cầu|các|những)\s", body[m.end():])
              or _HEAD_OF_UNITS.match(body, m.end())  # "..., thủ trưởng cơ quan, đơn vị bám sát ..."
              # after a fronted period, a body named in lower case ("Trong 02 ngày làm việc, kể từ …, cơ quan bảo
              # hiểm xã hội xác nhận …")
              or _FRONTED_PERIOD.match(body) and bool(re.match(r"cơ quan\s", body[m.end():]))]
    return sorted(commas + [m.end() for m in re.finditer(r"\s+thì\s+", body[:240])])


def _fronted_subject(body: str) -> list[str]:
    """"Trên cơ sở báo cáo của Công ty X, Y và Z, giao Sở Tài chính chủ trì …", "Quý I/2026, Sở Nội vụ …":
    the subject follows one of a fronted clause's commas, or the "thì" that closes a condition ("Trong
    trường hợp ... thì Phó Trưởng phòng thi hành ..."); [] when the body opens with no fronted clause."""
    if not _FRONTED_CLAUSE.match(body):
        return []
    for comma in _fronted_commas(body):
        if _A_RIGHT.match(body, comma):
            return []  # "..., thì Cơ quan đăng ký đầu tư có quyền yêu cầu ...": a right, not a duty
        if lead := _subject(body[comma:]):
            return lead
    return []


# "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm ...", "Các cơ quan, đơn vị, địa
# phương được phân bổ danh mục và kế hoạch vốn … nêu tại Điều 1 Quyết định này chịu trách nhiệm …", "Các sở, ban, ngành
# có liên quan tới việc thực hiện Kế hoạch này thường xuyên ...": a collective qualified by the work a document
# gives it, up to that document; the verbs inside the qualifier are not the sentence's
_GIVEN = r"(?:được giao|được phân công|được phân bổ)"
_QUALIFIED_COLLECTIVE = re.compile(
    r"(?P<subject>(?P<head>[^.;:()]{2,60}?)\s+(?:" + _GIVEN + r"|(?:có\s+)?liên quan (?:tới|đến))\s[^.;:()]{0,140}?"
    r"(?:Kế hoạch|Quyết định|Chỉ thị|Chương trình|Đề án|Phụ lục)(?:\s+kèm theo)?(?:\s+(?:Kế hoạch|Quyết định)\s+này|\s+này)?)"
    r"(?=\s+(?:(?:có|chịu) trách nhiệm|thường xuyên|chủ động)\b)")


def _qualified_collective(body: str) -> list[str]:
    """The one collective actor a sentence opens with when a qualifier naming a document follows it ([] if none)."""
    m = _QUALIFIED_COLLECTIVE.match(body)
    if not m or not starts_actor(m.group("head")) or _verb_outside_names(m.group("head")):
        return []
    return [m.group("subject")]


# "Cơ quan tiếp nhận kê khai giá có trách nhiệm …", "Sở quản lý ngành, lĩnh vực có trách nhiệm …": a body named
# by its role (lower case after its head), whose words hold a verb
_ROLE_BEFORE_DUTY = re.compile(r"^((?:Các\s+)?(?:Cơ quan|Đơn vị|Sở)\s+[" + LOWER + r"][^;.()]{2,60}?)\s+(?:có|chịu)\s+trách nhiệm\b")
# "Sở quản lý ngành, lĩnh vực chuẩn bị hồ sơ …", "các bộ quản lý chuyên ngành hướng dẫn …": the body that manages a
# sector, a standing phrase of the genre, before any verb (its own "quản lý" is no verb)
_SECTOR_BODY = re.compile(r"^((?:[Cc]ác\s+)?(?:Sở|sở|Bộ|bộ|Cơ quan|cơ quan)\s+quản lý\s+(?:chuyên\s+)?ngành(?:,\s*lĩnh vực)?)(?=\s)")


def _subject(body: str) -> list[str]:
    """The units a sentence opens with: "Giao/Đề nghị X <verb> …", or "X <verb> …"."""
    body = _CONTENT_LABEL.sub("", body)  # "Nội dung: Ban Thường trực ... phối hợp với UBND xã tổ chức ..."
    if qualified := _qualified_collective(body):
        return qualified
    folded = fold(body)
    opened = m.end() if (m := _ASSIGN_OPENER.match(folded)) else 0
    if committee := _committee_of_places(body, opened):
        return [committee]
    if (names := _names_under_head(body, opened)) is not None:
        return names
    if (m := _ASSIGN_OPENER.match(folded)):
        verb = _verb_at(body, m.end())
        return split_units(_MANDATE_AFTER.sub("", body[m.end():verb[0]])) if verb and verb[0] > m.end() else []
    if role := _ROLE_BEFORE_DUTY.match(body):
        return [role.group(1)]
    if (sector := _SECTOR_BODY.match(body.lstrip())) and _verb_at(body.lstrip(), sector.end()):
        return [sector.group(1)]
    if names_actor(body):
        verb = _verb_at(body)
        if verb and 0 < verb[0] <= 300:
            # "Phòng Y tế (cơ quan thường trực ...) chủ trì": the note in brackets is not the name
            subject = re.sub(r"\s*\([^()]*\)", "", body[:verb[0]])
            subject = re.sub(r"\s+(?:sẽ|đã|đang|vẫn|cũng)\s*$", "", subject)  # "Bộ Y tế sẽ phối hợp": a tense, no name
            # "Bộ Y tế đề nghị BHXH Việt Nam chỉ đạo ...": who is asked does the work, not who asks (unless people
            # apply to a body: "Người lao động đề nghị cơ quan bảo hiểm xã hội …" assigns the body nothing)
            if (asked := re.search(r"\s(?:đề nghị|yêu cầu|giao)\s+(?=\S)", subject)) and names_actor(subject[asked.end():]) \
                    and not _no_doer([subject[:asked.start()].strip()]):
                subject = subject[asked.end():]
            named = re.sub(r"^(?:Từng|Mỗi|Toàn thể)\s+", "", _MANDATE_AFTER.sub("", subject)).strip()
            units = split_units(named)
            if len(units) > 1 and starts_actor(units[0]) and len(units[0].split()) >= 3 and all(
                    u[:1].islower() and not starts_actor(u) and len(u.split()) <= 3 and u not in _PRIVATE_PEOPLE
                    for u in units[1:]):
                # "Sở quản lý ngành, lĩnh vực": what follows the comma names no body of its own: one actor
                units = [named]
            # a long subject is a list of bodies ("Sở A, Sở B, ..., UBND cấp xã và các sở ... có trách nhiệm")
            if verb[0] <= 160 or (len(units) >= 3 and all(starts_actor(u) for u in units)):
                return units
    return []


# "gia đình", "cá nhân": a subject naming people in general makes a norm for everyone, not a task
_PRIVATE_PEOPLE = frozenset(words("private_people.txt"))
# the people a decision supports, alone or with what singles them out ("Người lao động đang làm việc tại …")
_BENEFICIARIES = re.compile(r"(?:" + "|".join(map(re.escape, words("beneficiaries.txt"))) + r")\b", re.I)


def _no_doer(lead: list[str]) -> bool:
    """Does the subject name people rather than a body: people in general among its pieces, or, first, the
    people the document supports ("Người lao động ở thuê, ở trọ là …", "Người lao động đề nghị hỗ trợ …")?"""
    return any(u.lower() in _PRIVATE_PEOPLE for u in lead) or (bool(lead) and bool(_BENEFICIARIES.match(lead[0])))


# "các Phó Thủ tướng theo nhiệm vụ được phân công kiểm tra …": the mandate the units act under, not their name
_MANDATE_AFTER = re.compile(r"\s+theo\s+(?:chức năng|nhiệm vụ|thẩm quyền|lĩnh vực|phân công)\b.*$", re.S)
_DUTIES_OF = re.compile(r"^(?:Nhiệm vụ|Trách nhiệm|Nhiệm vụ(?:,| và) quyền hạn)\s+của\s+(?=\S)", re.I)
_HAS_DUTIES = re.compile(r"\s+(?:có|chịu)\s+(?:trách nhiệm|nhiệm vụ)(?:\s+(?:như\s+)?sau)?\s*:$")


# "4. Các cơ quan, tổ chức, đơn vị, doanh nghiệp được giao quản lý, sử dụng … tài sản kết cấu hạ tầng": a heading that
# is one collective qualified by what it was given (as _QUALIFIED_COLLECTIVE in a sentence); its items are its duties
_QUALIFIED_HEADING = re.compile(r"^(?P<head>(?:Các|Những)\s[^.;:()]{2,80}?)\s+" + _GIVEN +
                                r"\s[^.;:()]{2,140}?\s*:?$")
# "3. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 …)": the units whose duties follow
_FOR_UNITS = re.compile(r"^(?:Đối với|Về phía)\s+([^():.;]+?)\s*(?:\([^()]*\))?\s*:?$")


# "Chi cục Hải quan nơi đăng ký tờ khai (nơi đi):", "… nơi hàng hóa được vận chuyển đến:": a heading names a unit by
# the place of the work, its verbs inside the name
_PLACE_NAMING = re.compile(r"\snơi\s.*$")


@lru_cache(maxsize=1024)
def _heading_units(s: str) -> tuple[str, ...] | None:
    """The units a heading hands its sub-items to: "1. Sở Nội vụ:", "2. Sở Y tế (cơ quan thường
    trực ...):", "1. Yêu cầu Giám đốc các sở, ngành theo chức năng, nhiệm vụ được giao:"; None
    for any other line. Without a colon only a short unit name qualifies."""
    s = s.strip()
    if (committee := _committee_of_places(s)) and committee == s.rstrip(" :"):
        return (committee,)
    if names := _names_under_head(s, heading=True):  # "1. Các Bộ: Y tế, Công Thương, Nông nghiệp và Môi trường"
        return tuple(names)
    if (m := _FOR_UNITS.match(s)) and names_actor(m.group(1)) and not _verb_at(m.group(1)):
        return tuple(split_units(m.group(1)))
    if (m := _QUALIFIED_HEADING.match(s)) and starts_actor(m.group("head")) and not _verb_outside_names(m.group("head")):
        return (s.rstrip(" :"),)
    colon = s.endswith(":")
    if colon:  # "Nhiệm vụ của Tổ tiếp công dân:", "Tổ công tác có nhiệm vụ:": the unit whose duties follow
        s = _DUTIES_OF.sub("", _HAS_DUTIES.sub(":", s))
    elif _DUTIES_OF.match(s):  # "1. Trách nhiệm của Sở Xây dựng" over the paragraph of its duties: as with a colon
        s, colon = _DUTIES_OF.sub("", s).rstrip(" .") + ":", True
    addressed = bool(_ASSIGN_OPENER.match(fold(s)))  # "Đề nghị Ủy ban MTTQ tỉnh, Liên đoàn Lao động tỉnh"
    if s.endswith("."):
        return None
    if not colon and not addressed and len(s.split()) > 14:
        return tuple(split_units(s)) if _unit_list(s) else None
    if not colon and _ROLE_NOUN.match(s):  # "3. Cơ quan chủ trì giải quyết thủ tục đầu tư" over a), b), c)
        return (s,)
    m = _UNIT_COLON.match(s if colon else s + ":")
    # "2. Các sở, ngành: Là các đơn vị được lấy ý kiến, chịu trách nhiệm các nội dung sau:": the words
    # after the units only lead into the list below
    if not m or (m.group(2) and not m.group(2).endswith(":")):
        return None
    if person_named(m.group(1)):
        # "1. Ông Hồ Văn A - Trưởng phòng": a staff roster hands each duty below to that person,
        # named with the position as printed (a position is no second actor)
        return (m.group(1).strip(" .:"),)
    head = re.split(r"\s+(?:theo|trong phạm vi|căn cứ)\s+", m.group(1))[0]
    head = _APPOSITION.sub("", head)  # "Bộ Nội vụ, cơ quan chủ trì triển khai Đề án:": the unit is Bộ Nội vụ
    if (_qualified_group(head) and not _verb_at(head)) or _team_named_by_its_work(head):
        return (head,)
    if len(head.split()) > 60 or not names_actor(head):
        return None
    # "Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban Quản lý Khu kinh tế):" — a group, then its members
    # named in brackets: the bodies in brackets are the units ("Sở Y tế (cơ quan thường trực):" keeps Sở Y tế)
    named = re.search(r"\(([^()]+)\)\s*:?$", s) if re.match(r"(?:các|những)\s", head, re.I) else None
    if named and named.group(1)[:1].isupper() and names_actor(named.group(1)) \
            and not _verb_outside_names(named.group(1)):
        head = named.group(1)
    elif _verb_at(_PLACE_NAMING.sub("", head)):
        return None
    units = tuple(split_units(head))
    return units if all(len(u.split()) <= 14 for u in units) else None


# "Nhóm giải pháp về tuyên truyền, nâng cao nhận thức": a group of solutions or tasks, a heading of content
_GROUP_OF_CONTENT = re.compile(r"Nhóm\s+(?:giải pháp|nhiệm vụ|chỉ tiêu|vấn đề|nội dung|hoạt động|chính sách|tiêu chí)\b",
                               re.I)


def _team_named_by_its_work(s: str) -> bool:
    """"Tổ tiếp công dân, xử lý khiếu nại, tố cáo": a team named by the work it is set up for, its commas
    inside the name (the words after them name work, not bodies): one actor."""
    pieces = split_units(s)
    return len(pieces) > 1 and bool(re.match(r"(?:Tổ(?!\s+chức\b)|Tiểu ban|Nhóm|Đoàn)\s", s)) and len(s.split()) <= 30 \
        and not _GROUP_OF_CONTENT.match(s) \
        and all(p[:1].islower() and not starts_actor(p) for p in pieces[1:])


def _qualified_group(s: str) -> bool:
    """"Các cơ sở đào tạo đại học, sau đại học": a group ("Các/Những ...") whose words after its commas name no body of
    their own but qualify it: one collective actor (contract.md)."""
    pieces = split_units(s)
    return len(pieces) > 1 and bool(re.match(r"(?:Các|Những)\s", s)) and starts_actor(pieces[0]) \
        and not any(starts_actor(p) or p[:1].isupper() for p in pieces[1:])


def _unit_list(s: str) -> bool:
    """"Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn": a longer heading
    without a colon that is nothing but units, each opening with a unit's head word."""
    units = split_units(s)
    return len(s.split()) <= 24 and bool(units) and s[:1].isupper() and all(starts_actor(u) for u in units) \
        and not _verb_outside_names(s)


# "Sở Tài chính chủ trì, phối hợp các sở, ban, ngành", "Chủ tịch UBND cấp xã chỉ đạo": a heading without a
# colon over bullets that names who leads the work they list (and who joins it), and nothing else
# ("Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:": the bodies it directs, before the colon, do
# not lead: it does the work of the lines below by directing them)
_LEAD_IN_HEADING = re.compile(r"^(?P<lead>[^.;:]+?),?\s+(?:chủ trì,?\s*(?:và\s+)?phối hợp(?:\s+chặt chẽ)?(?:\s+với)?"
                              r"\s+(?P<partners>[^.;:]+?)|chỉ đạo(?:\s+(?P<directed>[^.;:]+?)(?=\s*:$))?"
                              r"|phối hợp(?:\s+thực hiện)?)\s*:?$")  # "Đề nghị UBND xã phối hợp"


@lru_cache(maxsize=1024)
def _lead_in_heading(s: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """"Sở Tài chính chủ trì, phối hợp các sở, ban, ngành" → (("Sở Tài chính",), ("các sở, ban, ngành",));
    None unless the words are units and the lead-in verb only (a verb after the partners is work)."""
    m = _LEAD_IN_HEADING.match(re.sub(r"^(?:Đề nghị|Giao|Yêu cầu)\s+", "", s.strip()))  # "Đề nghị X chủ trì, ..."
    if not m or not names_actor(m.group("lead")) or _verb_outside_names(m.group("lead")):
        return None
    if m.group("directed") and not all(starts_actor(u) for u in split_units(m.group("directed"))):
        return None
    partners = split_units(m.group("partners")) if m.group("partners") else []
    if partners and (_verb_outside_names(m.group("partners")) or not all(starts_actor(u) for u in partners)):
        return None
    return tuple(split_units(m.group("lead"))), tuple(partners)


# "b) Chủ trì, phối hợp:" / "Đài Truyền hình Việt Nam (VTV) chủ trì, phối hợp": a lead-in that ends before its
# partners, who are named by the lines below it
_COORDINATION_LEAD_IN = re.compile(r"^(?P<lead>[^.;:]*?)\s*\b[Cc]hủ trì,?\s*(?:và\s+)?phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s*:?$")


def _coordination_lead_in(s: str) -> tuple[str, ...] | None:
    """The lead such a lead-in names (() when it names none: the heading above leads), or None for any other line."""
    m = _COORDINATION_LEAD_IN.match(s.strip())
    if not m:
        return None
    lead = re.sub(r"\s*\([^()]*\)", "", m.group("lead")).strip(" ,")
    if not lead:
        return ()
    return tuple(split_units(lead)) if names_actor(lead) and not _verb_outside_names(lead) else None


def _coordination_lead(node: Node) -> tuple[str, ...] | None:
    """Under a coordination lead-in (the node's parent): who leads the work the node names partners for."""
    parent = node.parent
    if parent is None or parent.kind not in ("item", "bullet", "article") or (lead := _coordination_lead_in(parent.text)) is None:
        return None
    return lead or _heading_actor(parent)


def _heading_partners(node: Node) -> tuple[str, ...]:
    """The partners a lead-in heading above the node names ("X chủ trì, phối hợp Y" over bullets)."""
    parent = node.parent
    while parent is not None and parent.kind == "bullet":
        parent = parent.parent
    if parent is None or parent.kind not in ("item", "article"):
        return ()
    if lead_in := _lead_in_heading(parent.text):
        return lead_in[1]
    if _LEAD_IN.search(fold(lead_in_text(parent))):
        # "X tổ chức ... phối hợp với Y thực hiện các nội dung sau:": Y works with X on each of them
        return tuple(_coordinators(parent.text))
    return ()


# "Cơ quan chủ trì ...", "Đơn vị phối hợp": a body named by its part in the work, heading what it does
_ROLE_NOUN = re.compile(r"^(?:Các\s+)?(?:Cơ quan|Đơn vị)\s+(?:chủ trì|phối hợp|thường trực|đầu mối)\b(?![,:;.])",
                        re.I)


def _heading_actor(node: Node) -> tuple[str, ...] | None:
    """The units of the item heading this node stands under: its parent, or, for a bullet under a
    bullet ("a) Bộ Nội vụ:" / "- Ban hành …, bao gồm:" / "+ Tổ chức …"), the nearest heading above."""
    parent = node.parent
    if node.kind == "para" and parent is not None and parent.kind == "bullet" \
            and (_FRONTED_CLAUSE.match(node.text) or re.match(r"(?:Khi|Nếu|Riêng|Trong đó)\b", node.text)):
        # "- Đánh giá sự phù hợp với quy hoạch." / "Khi đánh giá ..., nội dung thẩm định phải ...": a condition
        # that goes on with the bullet's work (a paragraph that opens with work is a bullet whose dash was lost)
        return None
    while parent is not None and parent.kind == "bullet":
        parent = parent.parent
    if parent is not None and parent.kind in ("item", "article"):
        units = _heading_units(parent.text)
        if units is None and (lead_in := _lead_in_heading(parent.text)):
            units = lead_in[0]
        if units is None and (_LEAD_IN.search(words := fold(lead_in_text(parent))) or _SPELLED_OUT.search(words)):
            units = tuple(_sentence_subject(parent.text)) or None
        if units is None and _bare_title(parent.text) and parent.parent is not None \
                and parent.parent.kind in ("item", "article"):
            # "2. Các sở, ngành: ... các nội dung sau:" / "2.1. Trách nhiệm chung" / "a) Đánh giá ...":
            # a sub-heading that only names a topic passes its parent's units on
            units = _heading_units(parent.parent.text)
        if units is None and parent.kind == "item" and parent.parent is not None \
                and parent.parent.kind in ("part", "section") and any(c.kind in ("bullet", "item") for c in parent.children):
            # "II. NHIỆM VỤ CỤ THỂ ↵ ..., các bộ, ..., Ủy ban nhân dân các tỉnh ... cần tổ chức triển khai thực
            # hiện các nhiệm vụ sau đây: ↵ 1. Tăng cường ... ↵ - Đổi mới ..." (or "a) Tổ chức ..."): the part's
            # lead-in names who does the work of every item's bullets or lettered items
            units = _part_lead_in(parent.parent)
        if units is None and parent.kind == "item" and (_bare_title(parent.text) or part_lead_in(parent) is not None):
            units = _part_lead_in(parent)  # "2. Kiến nghị ↵ …, X yêu cầu Y thực hiện một số nội dung sau: ↵ - …"
        return units
    if parent is not None and parent.kind in ("part", "section") and node.kind == "item":
        return _part_of_duties(parent.text)
    return None


# "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": a part titled by whose duties its items are
_PART_OF_DUTIES = re.compile(r"^(?:NHIỆM VỤ|TRÁCH NHIỆM)(?:\s+(?:CHỦ YẾU|CỤ THỂ|TRỌNG TÂM|CHÍNH))?\s+CỦA\s+(?P<units>.+?)\s*:?$")


@lru_cache(maxsize=256)
def _part_of_duties(title: str) -> tuple[str, ...] | None:
    """The units a part's title gives its items to ("NHIỆM VỤ CỦA SỞ Y TẾ"), cased as names are; or None."""
    m = _PART_OF_DUTIES.match(title.strip())
    units = split_units(name_case(m.group("units"))) if m and m.group("units").isupper() else []
    return tuple(units) if units and all(names_actor(u) for u in units) else None


# "Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026 gồm các nội dung trọng tâm:", "Đợt 2: Trong tháng 12/2025":
# a phase of the plan and its period, over the work done in it
_PHASE = re.compile(r"^(?:Đợt|Giai đoạn)\s+[\dIVX]+\s*[:.\-–]\s*(?P<period>[^:]+?)"
                    r"(?:\s*,?\s+(?:gồm|bao gồm|với)\b[^:]*)?\s*[:.]?\s*$", re.I)


def phase_period(node: Node, plan_year) -> Timeline | None:
    """The period of the phase heading (an item or bullet above `node`) the node's work is done in, or None."""
    parent = node.parent
    while parent is not None and parent.kind in ("item", "bullet"):
        if m := _PHASE.match(parent.text.strip()):
            period = parse_timeline(m.group("period"), plan_year)
            return period if period.start or period.end else None
        parent = parent.parent
    return None


def part_lead_in(part: Node) -> Node | None:
    """A part's opening paragraph that hands the items below it to units ("Nhằm ..., các bộ, ... cần tổ chức
    triển khai thực hiện các nhiệm vụ sau đây:"), or None; under an item titled by a topic ("2. Kiến nghị ↵ …, Sở
    Công Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau: ↵ - …"), its bullets too."""
    steps = ("item",) if part.kind in ("part", "section", "root") else ("item", "bullet")
    for k, child in enumerate(part.children):
        if child.kind != "para":
            return None  # the lead-in stands before the first item
        folded = fold(child.text)
        if (_LEAD_IN.search(folded) or _GROUPS_DUTIES.search(folded)) \
                and any(c.kind in steps for c in part.children[k + 1:]):
            return child
    return None


def _part_lead_in(part: Node) -> tuple[str, ...] | None:
    """The units a part's lead-in paragraph names (part_lead_in), or None."""
    lead_in = part_lead_in(part)
    if lead_in is None:
        return None
    # "Để …; Chính phủ yêu cầu các Bộ trưởng, … tập trung …, trong đó chú trọng những nội dung sau:": the units asked
    if asked := _request(lead_in.text):
        return tuple(asked[0])
    return tuple(_sentence_subject(lead_in.text)) or None


# One sentence that only leads into the list below it: "Để ..., các sở, ngành triển khai thực hiện những nội
# dung sau:", "X thực hiện chế độ báo cáo với Y (... Email: a@b.com) như sau:" (folded; a dot inside a word is no
# sentence end); "..., bao gồm:" or a sentence of work before it ("... . Đồng thời, ... như sau:") is work
_WORK_NOUN = r"(?:noi dung|nhiem vu|cong viec|viec|giai phap)"
_LEAD_IN = re.compile(r"^(?:[^.]|\.(?!\s))*\b(?:(?:cac|nhung|mot so)\s+" + _WORK_NOUN + r"(?:(?:,|\s+va)\s+" + _WORK_NOUN
                      + r")?(?:\s+(?:cu the|chu yeu|trong tam))?\s+(?:nhu\s+)?sau|nhu sau"
                      r"|thuc hien(?: (?:cac )?viec)?)\s*:\s*$")  # "… có trách nhiệm chỉ đạo … thực hiện (việc):"
# "X tổ chức thực hiện các nhiệm vụ … của Đề án. Cụ thể:": a sentence of work, then the items that spell it
# out (folded): the sentence is a task, and so is each item, of the same units
_SPELLED_OUT = re.compile(r"(?:^|[.;]\s+)cu the(?: nhu sau)?\s*:\s*$")


def lead_in_text(node: Node) -> str:
    """A node's words, with the short paragraph that leads into the list under it when it stands on a line
    of its own ("3. Các bộ, ngành … tổ chức thực hiện … . ↵ Cụ thể: ↵ - …")."""
    first = node.children[0] if node.children else None
    if first is not None and first.kind == "para" and len(first.text) < 40 \
            and (_LEAD_IN.search(fold(first.text)) or _SPELLED_OUT.search(fold(first.text))):
        return node.text.rstrip() + " " + first.text.strip()
    return node.text


def _sentence_subject(body: str) -> list[str]:
    """The units a sentence opens with, also after a fronted clause ("Để ..., các sở, ngành ...")."""
    lead = _subject(body)
    if not lead and _FRONTED_CLAUSE.match(body):
        for comma in re.finditer(r",\s*(?=[A-ZĐÀ-Ỹ]|(?:giao|đề nghị|yêu cầu|các|những)\s)", body[:240]):
            if lead := _subject(body[comma.end():]):
                break
    return lead


def _bare_title(s: str) -> bool:
    """"Trách nhiệm chung", "Nhiệm vụ cụ thể": a short heading that names a topic, not work or units;
    "Về giảm nhẹ phát thải khí nhà kính" says what it is about, whatever words follow "Về"."""
    s = s.strip()
    if re.search(r"[.;:,]$", s):
        return False
    if re.match(r"Về\s", s) and len(s.split()) <= 14:
        return True
    return 0 < len(s.split()) <= 6 and not starts_actor(s) and not _verb_at(s)
