"""Actor names (đơn vị chủ trì, phối hợp, ...) folded to one comparable form.

A plan prints "UBND tỉnh", another "Ủy ban nhân dân tỉnh", a third "Uỷ ban Nhân dân
Tỉnh"; a user types "uy ban nhan dan tinh" or "UBND". All of them must meet, so
the archive stores `normalize_actor(printed)` beside the printed name and every
query goes through the same function. The abbreviation lexicon is data
(extractors/data/abbreviations.csv), not code.

    >>> normalize_actor("BCH Công đoàn") == normalize_actor("Ban Chấp hành công đoàn")
    True
    >>> fold("Đầu tư")
    'dau tu'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extractors.grammar import number_text_key
from extractors.lexicon import rows
from extractors.text import fold as fold_text

# A document number (số ký hiệu) where printing variants meet: "02-CT/UBND" and "02/CT-UBND" are
# one number. The rule lives with the rest of the grammar; the archive and the web page call it by
# this name.
normalize_number = number_text_key

# A Vietnamese syllable without its tones: onset, vowel nucleus, final. An
# abbreviation that folds to one ("CA", "TU", "HU") is also an ordinary word
# ("ca", "tu"), so it is expanded only when printed in capitals; the others
# ("UBND", "BCH", "MTTQ") cannot be words and are expanded in any case, which
# lets a user type "ubnd".
_SYLLABLE = re.compile(r"^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?$")


def fold(text: str | None) -> str:
    """Lower case, no diacritics, đ → d (FTS5's remove_diacritics keeps đ), spaces collapsed:
    the extractors' fold, so archive search folds exactly as extraction matches."""
    if not text:
        return ""
    return " ".join(fold_text(text).split())


# Every Vietnamese tone and vowel mark decomposes (NFD) into this block; đ does not decompose.
# (Case is kept here: abbreviations are told from syllables by their capitals.)
_MARKS = re.compile("[\u0300-\u036f]")


def _strip_marks(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """abbreviation → expansion, as listed in extractors/data/abbreviations.csv."""
    return {row["abbreviation"].strip(): row["expansion"].strip()
            for row in rows("abbreviations.csv") if row.get("abbreviation")}


@lru_cache(maxsize=1)
def _patterns():
    """Two regexes over diacritic-free text: capitals-only keys and any-case keys."""
    exact, anycase = {}, {}
    for abbr, expansion in abbreviations().items():
        key = _strip_marks(abbr)
        target = exact if _SYLLABLE.match(key.lower()) else anycase
        target[key.lower() if target is anycase else key] = fold(expansion)

    def compile_(keys, flags):
        if not keys:
            return None
        # longest first so "BCHQS" wins over "BCH"; & and - belong to an abbreviation ("NN&PTNT")
        alternation = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
        return re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])", flags)

    return (compile_(exact, 0), exact), (compile_(anycase, re.IGNORECASE), anycase)


_AMPERSAND = re.compile(r"\s*&\s*")
_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def normalize_actor(name: str | None) -> str:
    """The comparable form of an actor name: abbreviations expanded, folded, punctuation → space.

    Used for stored actors and for queries alike; match by substring on this form.
    """
    if not name:
        return ""
    text = _AMPERSAND.sub("&", _strip_marks(unicodedata.normalize("NFC", name)))
    (exact_re, exact), (any_re, anycase) = _patterns()
    if exact_re is not None:
        text = exact_re.sub(lambda m: f" {exact[m.group(0)]} ", text)
    if any_re is not None:
        text = any_re.sub(lambda m: f" {anycase[m.group(0).lower()]} ", text)
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())
