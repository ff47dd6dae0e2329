"""The lexicons in extractors/data/, read once from package data (read-only, cached)."""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources


def _data(name: str) -> str:
    return resources.files("extractors").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(csv.DictReader(io.StringIO(_data(name))))


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    out = []
    for line in _data(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def field_labels() -> tuple[tuple[str, str], ...]:
    """(folded label, role), longest label first so "Cơ quan chủ trì" beats "chủ trì"."""
    from extractors.text import fold

    pairs = {(fold(r["label"]), r["role"]) for r in rows("field_labels.csv")}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=None)
def kinds() -> tuple[dict[str, str], ...]:
    return tuple(sorted(rows("kinds.csv"), key=lambda r: -len(r["kind"])))


@lru_cache(maxsize=None)
def issuer_codes() -> dict[str, dict[str, str]]:
    return {r["code"].upper(): r for r in rows("issuer_codes.csv")}


@lru_cache(maxsize=None)
def provinces() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r["name"], r["code"]) for r in rows("provinces.csv")), key=lambda p: -len(p[0])))


@lru_cache(maxsize=None)
def unit_heads() -> tuple[str, ...]:
    """Lowercase with diacritics: folding would make "Phương pháp" a "Phường"."""
    return tuple(sorted({w.lower() for w in words("unit_heads.txt")}, key=len, reverse=True))


@lru_cache(maxsize=None)
def unit_names() -> tuple[str, ...]:
    return tuple(sorted(words("units.txt"), key=len, reverse=True))


@lru_cache(maxsize=None)
def verbs() -> tuple[str, ...]:
    """Lowercase with diacritics: folded, "tự" would be found in "Đầu tư"."""
    return tuple(sorted({w.lower() for w in words("verbs.txt")}, key=len, reverse=True))


@lru_cache(maxsize=None)
def folded_unit_names() -> tuple[str, ...]:
    from extractors.text import fold

    return tuple(fold(n) for n in unit_names())


@lru_cache(maxsize=None)
def collective_nouns() -> tuple[str, ...]:
    from extractors.text import fold

    return tuple(fold(n) for n in words("collective_nouns.txt"))
