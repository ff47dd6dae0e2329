"""The facts extractors find, as the plan record of ../shared/contract.md holds them: one class per fact.

pipeline/record.py builds the record of these same classes (and re-exports them), so an extractor's
result goes into the record as it is, with no second set of classes to copy it into.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# the parts a unit plays in a task, as the record names them: the fields of Task holding units
ROLES = ("lead", "advisors", "implementers", "coordinators")


@dataclass
class Span:
    page: int
    start: int
    end: int


@dataclass
class Timeline:
    """Thời gian thực hiện: the printed text and the period it names."""

    text: str | None = None
    start: str | None = None
    end: str | None = None
    recurrence: list[str] = field(default_factory=list)


@dataclass
class Task:
    id: str
    origin: str  # item | table | prose
    text: str
    lead: list[str] = field(default_factory=list)  # Chủ trì
    advisors: list[str] = field(default_factory=list)  # Chịu trách nhiệm tham mưu
    implementers: list[str] = field(default_factory=list)  # Thực hiện
    coordinators: list[str] = field(default_factory=list)  # Phối hợp
    timeline: Timeline = field(default_factory=Timeline)
    citations: list[int] = field(default_factory=list)
    span: Span | None = None
    products: str | None = None  # Sản phẩm (task tables), beyond the contract
    monitors: str | None = None  # Theo dõi, kiểm tra, đôn đốc (task tables), beyond the contract


@dataclass
class Target:
    """Chỉ tiêu: a figure the plan commits to."""

    id: str
    text: str
    value: float | int | None = None
    unit: str | None = None
    span: Span | None = None


@dataclass
class Citation:
    text: str
    kind: str
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    key: str | None = None
    span: Span | None = None


@dataclass
class Signer:
    name: str | None = None
    position: str | None = None
    authority: str | None = None


@dataclass
class Document:
    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
