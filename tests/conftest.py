"""Shared test fixtures."""
import importlib.util
import sys
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


@pytest.fixture(scope="session")
def scorer():
    """The project's own scorer (../shared/eval/score.py), imported as a module."""
    if not SCORER.exists():
        pytest.skip("shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("kehoach_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module
