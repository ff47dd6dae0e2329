"""Loads the data files of corpus/data/ once: everything that varies between
plans is data there, so the code only decides structure."""
from __future__ import annotations

import csv
import sys
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project allows 3.10
    import tomli as tomllib

DATA = Path(__file__).parent / "data"


def _csv(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _toml(name: str) -> dict:
    with open(DATA / name, "rb") as f:
        return tomllib.load(f)


def _year(s: str) -> int | None:
    return int(s) if s.strip() else None


@lru_cache(maxsize=None)
def provinces() -> list[dict]:
    out = []
    for r in _csv("provinces.csv"):
        out.append({**r, "until_year": _year(r["until_year"]),
                    "districts": r["districts"].split(";"), "communes": r["communes"].split(";")})
    return out


@lru_cache(maxsize=None)
def units() -> list[dict]:
    out = []
    for r in _csv("units.csv"):
        out.append({**r, "scopes": r["scopes"].split(";"),
                    "min_year": _year(r["min_year"]), "max_year": _year(r["max_year"])})
    return out


@lru_cache(maxsize=None)
def names() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in _csv("names.csv"):
        out.setdefault(r["part"], []).append(r["value"])
    return out


@lru_cache(maxsize=None)
def issuers() -> dict:
    return _toml("issuers.toml")


@lru_cache(maxsize=None)
def directives() -> dict:
    return _toml("directives.toml")


@lru_cache(maxsize=None)
def topics() -> dict:
    return _toml("topics.toml")


@lru_cache(maxsize=None)
def phrases() -> dict:
    return _toml("phrases.toml")


def in_years(row: dict, year: int) -> bool:
    """Bodies come and go (Sở merged in 2025, districts abolished mid-2025)."""
    lo, hi = row.get("min_year"), row.get("max_year")
    return (lo is None or year >= lo) and (hi is None or year <= hi)
