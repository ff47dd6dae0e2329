"""kehoach: Vietnamese administrative plans → plan records (../shared/contract.md).

    from pipeline import extract
    record = extract("plan.docx")
    record.to_dict(); record.tasks_frame()
"""
from pipeline.errors import KehoachError, ReadError
from pipeline.record import PlanRecord
# The stage module is imported before the function below is defined: importing a submodule
# binds its name on the package, and `pipeline.extract` must stay the function users call.
from pipeline import extract as _extract_stage  # noqa: E402


def extract(path) -> PlanRecord:
    """Read one file and return its plan record (raises ReadError on bad input)."""
    return _extract_stage.extract_file(path)


__all__ = ["extract", "PlanRecord", "KehoachError", "ReadError"]
