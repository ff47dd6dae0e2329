"""The plan record of ../shared/contract.md (schema kehoach.plan/1) as typed objects.

Objects mirror the JSON one to one so that `PlanRecord.from_dict(r.to_dict()) == r`;
fields beyond the contract are allowed and kept (the contract reads only its own).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# the facts extractors return are the record's own classes
from extractors.facts import ROLES, Citation, Document, Signer, Span, Target, Task, Timeline

__all__ = ["RECURRENCES", "ROLES", "SCHEMA", "Citation", "Document", "PlanRecord", "Section", "Signer",
           "SourceInfo", "Span", "Target", "Task", "Timeline"]

SCHEMA = "kehoach.plan/1"
RECURRENCES = ("continuous", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual", "on_request")


@dataclass
class SourceInfo:
    path: str
    sha256: str
    format: str
    pages: int
    ocr: bool = False


@dataclass
class Section:
    id: str
    title: str


@dataclass
class PlanRecord:
    source: SourceInfo
    document: Document
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str | None = field(default=None, repr=False)  # the normalised text spans point into

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        d = {"schema": SCHEMA}
        d.update(asdict(self))
        if not with_text:
            d.pop("text")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "PlanRecord":
        return cls(
            source=_build(SourceInfo, d["source"]),
            document=_build(Document, {**d["document"], "signer": _build(Signer, d["document"].get("signer") or {})}),
            sections=[_build(Section, s) for s in d.get("sections", [])],
            tasks=[_build(Task, {**t, "timeline": _build(Timeline, t.get("timeline") or {}),
                                 "span": _span(t.get("span"))}) for t in d.get("tasks", [])],
            targets=[_build(Target, {**t, "span": _span(t.get("span"))}) for t in d.get("targets", [])],
            citations=[_build(Citation, {**c, "span": _span(c.get("span"))}) for c in d.get("citations", [])],
            warnings=list(d.get("warnings", [])),
            text=d.get("text"),
        )

    def tasks_frame(self):
        """The tasks as a pandas DataFrame, one row per task, lists joined with "; "."""
        from pipeline.tables import tasks_frame

        return tasks_frame([self])


def _span(d):
    return Span(**d) if d else None


def _build(cls, d: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})
