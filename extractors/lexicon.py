"""The lexicons in extractors/data/, read once from package data (read-only, cached)."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
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


def alternatives(words: Iterable[str]) -> str:
    """Words as one regex group of alternatives, in their order, each taken literally:
    ("và", "với") → "(?:và|với)". The list is the vocabulary, the regex around it the grammar."""
    return "(?:" + "|".join(map(re.escape, words)) + ")"


def any_of(name: str) -> str:
    """The words of the list `name` as one regex group of alternatives (see alternatives)."""
    return alternatives(words(name))


@lru_cache(maxsize=None)
def field_labels() -> tuple[tuple[str, str], ...]:
    """(folded label, role), longest label first so "Cơ quan chủ trì" beats "chủ trì"."""
    from extractors.text import fold

    pairs = {(fold(r["label"]), r["role"]) for r in rows("field_labels.csv")}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=None)
def kinds() -> tuple[dict[str, str], ...]:
    """The rows of kinds.csv, longest kind first. Its columns: kind, code (of a key), number_code (in a
    number: "QĐ"), cited (a mention of it is a citation), issued_by_subject (a body "xây dựng"/"ban
    hành" it in the opening of a text with no header). abbreviations.csv flags with letterhead the
    abbreviations a letterhead's issuer is written out from ("BCH ĐOÀN" → "BAN CHẤP HÀNH ĐOÀN")."""
    return tuple(sorted(rows("kinds.csv"), key=lambda r: -len(r["kind"])))


@lru_cache(maxsize=None)
def issuer_codes() -> dict[str, dict[str, str]]:
    return {r["code"].upper(): r for r in rows("issuer_codes.csv")}


@lru_cache(maxsize=None)
def provinces() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r["name"], r["code"]) for r in rows("provinces.csv")), key=lambda p: -len(p[0])))


def flagged(name: str, flag: str, key: str) -> tuple[str, ...]:
    """The `key` column of the rows of CSV `name` whose `flag` column is set, in file order.

    A word list with flag columns (one row per word, a column per use) rather than one list per
    use: unit_heads.csv says of "Ban" that it opens an actor's name, needs a proper name after it,
    opens a letterhead line and may speak as an issuer, all on one row."""
    return tuple(r[key] for r in rows(name) if r[flag].strip())


def heads(flag: str) -> tuple[str, ...]:
    """Heads of unit_heads.csv with `flag` set, as printed, in file order. The flags:
    actor          opens the name of an actor (a unit, a body, a group of people): "Sở", "Ban", "cán bộ"
    needs_name     names an institution only before its proper name: "Bộ Nội vụ", not "Bộ tiêu chí"
    name_goes_on   a proper name after it may hold commas ("Sở Văn hóa, Thể thao và Du lịch"); only the
                   first word counts, so "Chi cục" stands for every "Chi ..." and "Công ty" for "Công ..."
    letterhead     opens the issuing unit's line of a letterhead (matched in capitals): "SỞ", "BAN"
    enacting       the authority a decision speaks as, on its own line after the title: "THỦ TƯỚNG"
    issuer_subject opens the subject of "... xây dựng Kế hoạch" when a plan has no header: "Ban", "Sở"
    two_words      a head of two words: in a name printed in capitals the proper name begins after both
                   ("VĂN PHÒNG TỈNH ỦY" → "Văn phòng Tỉnh ủy", "BAN DÂN VẬN" → "Ban Dân vận")
    """
    return flagged("unit_heads.csv", flag, "head")


@lru_cache(maxsize=None)
def unit_heads() -> tuple[str, ...]:
    """Heads that open an actor's name, longest first; lowercase with diacritics: folding would make
    "Phương pháp" a "Phường"."""
    return tuple(sorted({w.lower() for w in heads("actor")}, key=len, reverse=True))


@lru_cache(maxsize=None)
def levels(flag: str) -> tuple[str, ...]:
    """Administrative levels of levels.csv with `flag` set, in file order (longest first):
    place_follows  a place name follows the level ("tỉnh Lâm Đồng", "UBND HUYỆN ĐẠI TỪ")
    unit_level     a unit exists at every such level ("UBND xã, phường": one actor)
    respell_in_issuer  an issuer's level word read otherwise by OCR is spelt as here ("thành phó" → "thành phố")"""
    return flagged("levels.csv", flag, "level")


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
