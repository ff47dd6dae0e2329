"""Subcommands of `kehoach`, one module each, found by pipeline.cli."""
from __future__ import annotations

import argparse
from pathlib import Path

DB_HELP = "archive: a SQLite file or a postgresql:// URL (default: $KEHOACH_DB or ./kehoach.db)"


def output_file(value: str) -> Path:
    """argparse type of -o: a file whose folder exists (checked before any work is done,
    so an hour of extraction is not lost to a typo in the folder name)."""
    path = Path(value)
    if value == "-":
        return path
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: is a folder; give a file name")
    folder = path.parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{value}: the folder {folder} does not exist")
    return path
