"""tasks: Outline → tasks of three origins (contract.md): items with field lines, rows of task tables,
and assignments in running prose. Each shape of task is a named rule in shapes.SHAPES, in the order
they are tried; reading.py holds the grammar they are written with, tables.py the reading of a task
table.

The tasks found are the record's own facts.Task, one class per fact: a shape fills its units into the
Task's role fields (`t.lead`, `_add_roles(t, role, value)`), its time into `t.timeline` and its place
into `t.span`, and pipeline/extract.py adds only the citations the span holds. What the extractor
needs beyond the record stays inside it (a table row's id under its group, in tables.py), so no
second task class mirrors the record's."""
from extractors.facts import ROLES
from extractors.tasks.reading import _add_roles, _coordinators, _prose_time
from extractors.tasks.shapes import SHAPES, Shape, find_tasks, shape_claims
from extractors.tasks.tables import _bulleted_units

__all__ = ["ROLES", "SHAPES", "Shape", "find_tasks", "shape_claims",
           "_add_roles", "_bulleted_units", "_coordinators", "_prose_time"]
