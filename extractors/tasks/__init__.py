"""tasks: Outline → tasks of three origins (contract.md): items with field lines, rows of task tables,
and assignments in running prose. Each shape of task is a named rule in shapes.SHAPES, in the order
they are tried; reading.py holds the grammar they are written with, tables.py the reading of a task
table."""
from extractors.tasks.reading import ROLES, TaskFacts, _add_roles, _coordinators, _prose_time
from extractors.tasks.shapes import SHAPES, Shape, find_tasks, shape_claims
from extractors.tasks.tables import _bulleted_units

__all__ = ["ROLES", "SHAPES", "Shape", "TaskFacts", "find_tasks", "shape_claims",
           "_add_roles", "_bulleted_units", "_coordinators", "_prose_time"]
