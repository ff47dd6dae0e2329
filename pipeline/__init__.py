"""kehoach: Vietnamese administrative plans → plan records (../shared/contract.md).

    from pipeline import extract
    record = extract("plan.docx")
    record.to_dict(); record.tasks_frame()
"""
import sys
import types

from pipeline.errors import KehoachError, ReadError


class _Package(types.ModuleType):
    """Keeps `pipeline.extract` the function below once the stage module `pipeline/extract.py`
    is imported: importing a submodule binds its name on the package. The stage stays at
    sys.modules["pipeline.extract"] (`from pipeline.extract import extract_file` works)."""

    def __setattr__(self, name, value):
        if name == "extract" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def extract(path):
    """Read one file and return its plan record (raises ReadError on bad input)."""
    # imported here: `kehoach --help` and the archive commands need none of the extraction stack
    from pipeline.extract import extract_file

    return extract_file(path)


def __getattr__(name):
    if name == "PlanRecord":
        from pipeline.record import PlanRecord

        return PlanRecord
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


__all__ = ["extract", "PlanRecord", "KehoachError", "ReadError"]
