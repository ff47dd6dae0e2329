"""targets: chỉ tiêu — the figures a plan commits to, from parts titled "Chỉ tiêu"."""
from __future__ import annotations

import re

from extractors.facts import Span, Target
from extractors.outline import Node, Outline
from extractors.text import Line, Text, fold

_TARGET_HEAD = re.compile(r"chi tieu|muc tieu cu the")
_INLINE = re.compile(r"\((\d{1,2})\)\s*[-–.:]?\s*")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")


def _target(id: str, text: str, value: float | int | None, unit: str | None, page: int, start: int,
            end: int) -> Target:
    return Target(id=id, text=text, value=value, unit=unit, span=Span(page, start, end))


# "ít nhất 03 mô hình", "100 lớp tập huấn": a count and the noun it counts (dates and years are not figures).
_COUNT = re.compile(r"(?<![\d/.,])(\d{1,4}(?:[.,]\d+)?)\s+(?!(?:năm|tháng|ngày|quý)\b)([a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+)?)")


def _count_unit(after: str) -> str:
    """The longest known count noun at the start of `after`, else its first word."""
    from extractors.lexicon import words

    low = after.lower()
    for noun in sorted(words("count_units.txt"), key=len, reverse=True):
        if low.startswith(noun) and (len(low) == len(noun) or not low[len(noun)].isalnum()):
            return after[: len(noun)]
    return after.split()[0]


def figure(s: str) -> tuple[float | int | None, str | None]:
    m = _PERCENT.search(s)
    unit = "%"
    if not m:
        m = _COUNT.search(s)
        if not m or re.match(r"\d{4}$", m.group(1)):
            return None, None
        unit = _count_unit(s[m.start(2):])
    v = float(m.group(1).replace(",", "."))
    return (int(v) if v.is_integer() else v), unit


# A part titled by its aims: "Mục tiêu", "Mục tiêu chủ yếu", "Các mục tiêu đến năm 2030", "Mục tiêu phát triển".
_AIM_HEAD = re.compile(r"(cac )?muc tieu\b")
# ... but not the general aim ("Mục tiêu chung", "Mục tiêu tổng quát") nor a part that also holds the
# plan's purpose, requirements or viewpoints ("Mục tiêu, yêu cầu"): those are prose, not a list of aims.
_GENERAL_AIM = re.compile(r"(cac )?muc tieu (chung|tong quat|tong the)\b")
_NOT_AIMS = re.compile(r"yeu cau|quan diem|muc dich|pham vi|doi tuong")


def _title(node: Node) -> str:
    return fold(node.text).strip(" :.")


def _is_target_head(node: Node) -> bool:
    """A heading whose items are the plan's targets (../shared/contract.md, "Targets")."""
    if node.kind not in ("section", "item", "part"):
        return False
    title = _title(node)
    if _TARGET_HEAD.search(title[:60]):
        return not _NOT_AIMS.search(title[:80]) or "chi tieu" in title[:60]
    return bool(_AIM_HEAD.match(title)) and not _GENERAL_AIM.match(title) and not _NOT_AIMS.search(title[:80])


def find_targets(text: Text, outline: Outline) -> list[Target]:
    out: list[Target] = []
    for node in outline.root.walk():
        if _is_target_head(node):
            # Under "Chỉ tiêu, nhiệm vụ" or "Mục tiêu và giải pháp" an item may be a task group: keep figures only.
            title = _title(node)[:80]
            strict = "nhiem vu" in title or "giai phap" in title
            out.extend(_targets_under(text, node, strict))
        elif node.kind in ("section", "item", "part", "root"):
            out.extend(_after_plain_heading(text, node))
    seen: set[int] = set()
    unique = []
    for t in out:  # a "Chỉ tiêu:" line inside a "Mục tiêu" item is read both ways
        assert t.span is not None, "every target is built with its span"
        if t.span.start not in seen:
            seen.add(t.span.start)
            unique.append(t)
    return unique


def _after_plain_heading(text: Text, node: Node) -> list[Target]:
    """"Chỉ tiêu cụ thể:" written as a plain line: the bullets that follow it are the targets."""
    out, taking = [], False
    for c in node.children:
        if c.kind == "para":
            taking = bool(_TARGET_HEAD.search(fold(c.text)[:40])) and c.text.rstrip().endswith(":")
            continue
        if taking and c.kind in ("item", "bullet") and not c.fields:
            value, unit = figure(c.text)
            ln = _line_of(text, c)
            out.append(_target(c.id, c.text.rstrip(" ;."), value, unit, ln.page, ln.start, ln.end))
    return out


def _line_of(text: Text, node: Node) -> Line:
    assert node.line is not None, "items and paragraphs of an outline have a line"
    return text.lines[node.line]


def _targets_under(text: Text, head: Node, strict: bool) -> list[Target]:
    out: list[Target] = []
    if any(c.kind in ("item", "section") and (_is_target_head(c) or _GENERAL_AIM.match(_title(c)))
           for c in head.children):
        return out  # "I. Mục tiêu, chỉ tiêu" → "2. Chỉ tiêu cụ thể": the targets are the nested heading's
    # "... như sau: (1)- 100% ...; (2)- ..." written inline in the heading line or a paragraph
    inline_sources = [head] + [c for c in head.children if c.kind == "para"]
    for src in inline_sources:
        if len(_INLINE.findall(src.text)) >= 2:
            out.extend(_inline(text, head, src))
    # "(1)- ...; (2)- ...; (3)- ..." in one paragraph that itself opens with "(1)-"
    first = next((c for c in head.children if c.kind == "item" and c.style.startswith("paren")), None)
    if not out and first is not None and _INLINE.search(first.text):
        out.extend(_inline(text, head, first, first_label=first.label))
    if out:
        return out
    return _items(text, head, strict)


def _items(text: Text, head: Node, strict: bool) -> list[Target]:
    out: list[Target] = []
    for c in head.children:
        if c.kind not in ("item", "bullet") or c.fields or _is_target_head(c) or _GENERAL_AIM.match(_title(c)):
            continue
        value, unit = figure(c.text)
        subitems = [g for g in c.children if g.kind in ("item", "bullet")]
        if value is None and (subitems or c.text.rstrip().endswith(":")):
            # "1. Phát triển kinh tế số đến năm 2030" over its bullets, "- Về môi trường:" before them:
            # a lead-in, whose bullets are the aims
            if not strict:
                out.extend(_items(text, c, strict))
            continue
        if strict and value is None:
            continue
        ln = _line_of(text, c)
        out.append(_target(c.id, c.text.rstrip(" ;."), value, unit, ln.page, ln.start, ln.end))
    return out


def _inline(text: Text, head: Node, src: Node, first_label: str | None = None) -> list[Target]:
    ln = _line_of(text, src)
    s = src.text
    marks = list(_INLINE.finditer(s))
    out = []
    offset = ln.start + (ln.end - ln.start - len(s))
    if first_label is not None:  # the paragraph's own marker was taken off by the outline
        body = s[: marks[0].start()].strip().rstrip(" ;.")
        value, unit = figure(body)
        out.append(_target(f"{head.id}.{first_label}", body, value, unit, ln.page, offset, offset + marks[0].start()))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(s)
        body = s[m.end():end].strip().rstrip(" ;.")
        value, unit = figure(body)
        out.append(_target(f"{head.id}.{m.group(1)}", body, value, unit, ln.page, offset + m.end(), offset + end))
    return out
