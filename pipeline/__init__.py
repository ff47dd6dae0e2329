"""kehoach: Vietnamese administrative plans → plan records (../shared/contract.md).

    from pipeline import extract
    record = extract("plan.docx")
    record.to_dict(); record.tasks_frame()
"""
from pipeline.errors import KehoachError, ReadError
from pipeline.record import PlanRecord


def extract(path) -> PlanRecord:
    """Read one file and return its plan record (raises ReadError on bad input)."""
    from pipeline.extract import extract_file

    return extract_file(path)


__all__ = ["extract", "PlanRecord", "KehoachError", "ReadError"]
