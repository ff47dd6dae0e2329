"""citations: every mention of a specific legal or administrative document, in order,
with a canonical key (eyecite's habit: find, then resolve within the document).

Grammar of a numbered mention:
    KIND [liên tịch | hành động] [số] NUMBER [, ngày D/M/Y | ngày D tháng M năm Y] [của|do ISSUER] [về|V/v TITLE]
Unnumbered ones count only when they are specific: Luật/Bộ luật/Pháp lệnh + name,
Nghị quyết + Đại hội/Hội nghị ..., KIND + a quoted name.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache

from extractors.facts import Citation, Span
from extractors.grammar import NUMBER, PLACE_DATE, PLACE_LEVELS, kind_code, kind_words, province_code, split_number
from extractors.lexicon import alternatives, any_of, flagged, issuer_codes, kinds, words
from extractors.text import fold

# the kinds contract.md counts as citations (a Tờ trình or Báo cáo is named, not cited)
_KINDS = kind_words(cited_only=True)


def _clean_number(printed: str) -> str:
    return re.sub(r"-(?:-)+", "-", re.sub(r"\s*([/\-])\s*", r"\1", printed))
_NUMBERED = re.compile(
    r"(?P<kind>" + _KINDS + r")(?:\s+(?i:" + alternatives(flagged("kind_qualifiers.csv", "after_cited_kind", "qualifier"))
    + r"))?\s+(?:số\s*:?\s*)?(?P<number>" + NUMBER
    + r")(?![\w/])")
_DATE = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
                   r"|^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s+tháng[.,]?\s*(\d{1,2})\s+năm\s+(\d{4})"
                   # a day the scan garbled ("ngày 3Ì tháng 7 năm 2025"): no date, but the issuer after it is read
                   r"|^\s*,?\s*(?:ban hành\s+)?ngày\s+\S{1,3}\s+tháng[.,]?\s*\d{1,2}\s+năm\s+\d{4}")
# "Nghị quyết số 36-NQ/TW ngày 22/10/2018, Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XII":
# the plenum named between the date and the Central Committee that issues the resolution
_PLENUM = re.compile(r"^\s*,?\s*(?:tại\s+)?Hội nghị\s+(?:lần\s+thứ\s+\S+|Trung ương\s+\S+)(?:\s+của)?(?=\s+Ban\s+[Cc]hấp\s+hành)")
# The words that end a name where running text resumes, for each kind of name (data/name_ends.csv)
def _name_ends(use: str) -> str:
    return alternatives(flagged("name_ends.csv", use, "word"))


_ISSUER = re.compile(r"^\s*,?\s*(?:của|do)\s+(?P<issuer>.+?)(?=\s+" + _name_ends("issuer") + r"\b|[,;:.()“\"”\n|]|$)")
_TITLE = re.compile(r"^\s*,?\s*" + alternatives(sorted(words("title_openers.txt"), key=len, reverse=True)) + r"\s+(?P<title>[^;\n]+?)(?=;|\n|\.\s|\.$|$|\s+\(|,\s*(?:Chỉ thị|Kế hoạch|Nghị quyết|Quyết định|Luật|Nghị định)\b)")
# Words that end a law's name: running text resumes ("Luật Phòng, chống ma túy trên địa bàn ...",
# "Luật Đầu tư, gồm ..."). Lowercase words of names ("ma túy", "quy phạm", "ở cơ sở") go on.
# ... unless the word opens a phrase of a law's own name (data/law_name_phrases.txt)
_LAW_NAME_STOP = r"(?!" + any_of("law_name_phrases.txt") + r"\b)" + _name_ends("law_name") + r"\b"
# "Luật sư", "Luật gia", "luật pháp": people and law in general, not a law; "Luật này": the law itself
_NOT_A_LAW = r"(?!(?:sư|gia|pháp|học)\b)"
_LAW = re.compile(r"(?P<kind>Hiến pháp|Bộ luật|Luật|Pháp lệnh)(?P<name>(?:\s+(?!" + _LAW_NAME_STOP + r")" + _NOT_A_LAW
                  + r"[\wÀ-ỹđĐ][\wÀ-ỹđĐ\-]*)(?:(?:\s+|,\s+)(?!" + _LAW_NAME_STOP
                  + r")[a-zà-ỹđ][\wà-ỹđ\-]*|\s+[A-ZĐ][\wÀ-ỹđĐ\-]*(?<!Luật))*)")
# "... và <words, no other kind, no punctuation> số 85/2015/QH13": the law's name goes on to its number (a
# number of the National Assembly's: "... và các văn bản số 12/UBND-KT" is another document)
_NAME_GOES_ON_TO_NUMBER = re.compile(r"(\s+và(?:\s+(?!" + _KINDS + r"|số\b)[^\s,;:.()]+){1,12}?)(?=\s+số\s*:?\s*"
                                     r"\d{1,4}/\d{4}/(?:UBTV)?QH\d{0,2}(?![\w/]))")
_PASSED_BY = re.compile(r"\s+được\s+(?P<issuer>" + any_of("law_makers.txt") + r")(?:\s+khóa\s+[IVXLC\d]+)?\s+"
                        r"(?:thông qua|ban hành)(?:\s+tại\s+kỳ họp\s+thứ\s+\w+)?(?=\s*,?\s*ngày\s+\d)")
_NEW_PARAGRAPH = re.compile(r"\s*" + alternatives(flagged("paragraph_openers.csv", "new_paragraph", "opener")) + r"\b")
_CONSTITUTION = re.compile(r"Hiến pháp(?:\s+(?:năm\s+)?\d{4})?(?![\wÀ-ỹđ])")
# "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương
# ngày 22 tháng 11 năm 2019": an amending law, named by what it amends; the date is its own
# ... named by the laws it amends, which end its name ("của Bộ luật hình sự liên quan tội phạm ...": the
# rest is running text); a year may follow ("... Bộ luật hình sự 2025")
_LAW_REF = r"(?:Bộ luật|Luật)" + _LAW.pattern.split("(?P<name>", 1)[1][:-1]
# rest is running text); a year may follow ("... Bộ luật hình sự 2025"); where its date follows within the
# clause, the name runs to the date ("... của 37 luật có liên quan đến quy hoạch ngày 20/11/2018")
# (OCR drops or swaps the tone of "đổi" and "bổ": "sửa đôi, bồ sung", "sửa đi, bổ sung"; a title may capitalise it:
# "Luật Sửa đổi bổ sung …")
_AMENDING = re.compile(r"(?P<kind>Bộ luật|Luật)\s+(?P<name>[Ss]ửa\s+đ[ổôồỗoơ]?i,?\s*[Bb][ổồôỗộo]\s+sung\b(?:[^;\n()]{0,200}?(?=\s*,?\s*ngày\s+\d)"
                       r"|(?:\s+một số điều)?(?:\s+của)?\s+"
                       + _LAW_REF + r"(?:(?:,\s*|\s+và\s+)" + _LAW_REF + r")*(?:\s+(?:năm\s+)?\d{4}(?![\w/]))?))")
_CONGRESS = re.compile(r"(?P<kind>Nghị quyết)\s+(?P<name>(?:Đại hội|Hội nghị|Trung ương\s+\d+)\b[^;,.(]*?)(?=\s+" + _name_ends("resolution_name") + r"\b|[;,.(]|$)")
# ... also written in lowercase, or before a colon: "triển khai chương trình “Học từ làm việc thực tế”",
# "các chương trình: “Bình dân học vụ số”" (the quoted name is what makes it one instrument)
_QUOTED = re.compile(r"(?P<kind>" + _KINDS + "|" + "|".join(re.escape(r["kind"].lower()) for r in kinds() if r["cited"] == "1")
                     + r")(?![\wÀ-ỹđĐ])\s*:?\s+[“\"](?P<name>[^”\"]{3,200})[”\"]")
# "Chương trình Chuyển đổi số quốc gia đến năm 2025": a program or scheme named with a capital
# ("Chương trình TCMR", "Chương trình MTQG ...": a programme called by its acronym is an activity, not a document)
_NAMED_PROGRAM = re.compile(r"(?P<kind>Chương trình|Đề án)\s+"
                            r"(?P<name>(?!(?:Hành động|Công tác|Kế hoạch)\b|[A-ZĐ]{2,}\b)"
                            r"[A-ZĐÀ-Ỹ][^\s,;.(]*(?:\s+(?!" + _name_ends("program_name") + r"\b)"
                            r"[^\s,;.(“\"”]+){1,14})")

# "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", "Đề án phát triển ... đến
# năm 2030": a programme or scheme named in lowercase is one instrument when its name closes on its
# horizon (a plan's own "kế hoạch ... năm 2025" stays generic: Kế hoạch is left out)
_HORIZON = (r"(?:giai đoạn|thời kỳ|đến năm|đến|năm)\s+\d{4}(?:\s*[-–]\s*\d{4})?"
            r"(?:,\s*(?:tầm nhìn|định hướng)(?:\s+đến)?(?:\s+năm)?\s+\d{4})?(?![\w/])")
_NAME_WORD = (r"(?!(?:" + _name_ends("horizon_name") + r"|số(?=\s*:?\s*\d))\b|" + _KINDS + r")"
              r"[^\s,;:.()“”\"/]+")
_HORIZON_PROGRAM = re.compile(r"(?P<kind>Chương trình|Đề án)\s+(?P<name>" + _NAME_WORD
                              + r"(?:,?\s+" + _NAME_WORD + r"){0,20}?\s+" + _HORIZON + r")")
# "Đề án 06" (a scheme known by its number), "Chương trình MTQG" (mục tiêu quốc gia: the national
# target programme the text names); other acronyms ("Chương trình TCMR") are activities
_SHORT_NAMED = re.compile(r"(?P<kind>Chương trình|Đề án|đề án)\s+(?P<name>(?:(?<=án\s)\d{1,3}|MTQG)(?![\w/\-]))")


# "số 58/2023/NĐ-CP" standing without its kind word (a list, a bracket), or "văn bản số 123/VPCP-CN"
# ("công văn số ..." mid-sentence in lower case is a letter too)
_BARE_NUMBER = re.compile(r"(?:(?P<letter>\b(?:[Vv]ăn bản|công văn))\s*:?\s+)?(?<![\w/])[Ss]ố\s*:?\s*(?P<number>" + NUMBER + r")(?![\w/])")


def _listed_after(found: list[Citation], text: str, at: int) -> Citation | None:
    """The last of `found` that ends where a list separator before `at` begins: the gap between
    them is whitespace, one "," ";" or "và", whitespace. The gap is read back from `at` once, so
    each earlier mention costs a comparison (matching every gap made a long plan quadratic)."""
    i = at
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i >= 1 and text[i - 1] in ",;":
        i -= 1
    elif i >= 2 and text[i - 2:i] == "và":
        i -= 2
    else:
        return None
    separator = i
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return next((c for c in reversed(found) if i <= _span(c).end <= separator), None)


@lru_cache(maxsize=None)
def _kind_by_code() -> dict[str, tuple[str, bool]]:
    """{folded number code: (kind, cited)}: "NĐ" → ("Nghị định", True), "BC" → ("Báo cáo", False)."""
    return {fold(r["number_code"]).upper(): (r["kind"], r["cited"] == "1") for r in kinds() if r["number_code"]}


def _names_uncited_kind(number: str) -> bool:
    """"văn bản số 279/BC-BTP" is a Báo cáo, "số 188/TTr-BTC" a Tờ trình: named, not cited."""
    _, _, codes = split_number(number)
    found = _kind_by_code().get(fold(codes[0]).upper()) if codes else None
    return found is not None and not found[1]


def kind_of_number(number: str) -> str | None:
    """The kind a number's code names: "37/2019/NĐ-CP" → Nghị định, "12-KH/TU" → Kế hoạch."""
    _, _, codes = split_number(number)
    for code in codes[:2]:  # "12/KH-UBND" (State) or "12-KH/TU" (Party): the kind code comes first
        found = _kind_by_code().get(fold(code).upper())
        if found and found[1]:
            return found[0]
    return None


def _span(c: Citation) -> Span:
    assert c.span is not None, "every citation is built with its span"
    return c.span


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def canonical_key(kind: str, number: str | None, year: str | None, title: str | None,
                  issuer: str | None = None, home_province: str | None = None) -> str:
    """Two mentions of one document share this key; two documents never do.

    Numbered: KINDCODE-ISSUERCODE[-PROVINCE]/SERIAL[/YEAR], where the kind and issuer codes come
    from the number itself when it carries them ("02-CT/UBND" and "02/CT-UBND" → CT-UBND-…/2/…);
    a local issuer (UBND, TU, ...) is qualified by its province — the one the mention names, or
    else the citing plan's own. Unnumbered: KINDCODE/slug of the name.
    """
    code = kind_code(kind)
    if not number:
        return f"{code}/{slug(title or '')}"
    serial, year_in_number, parts = split_number(number)
    serial = serial.lstrip("0") or "0"
    kind_part = code
    codes = [p.upper() for p in parts]
    if codes and codes[0] in _kind_number_codes():
        codes = codes[1:]
    issuer_code = "-".join(codes) if codes else "?"
    # a code with a term suffix ("QH15": Quốc hội khóa XV) is its body's code ("QH") for the level
    bases = [re.sub(r"(?<=\D)\d+$", "", c) for c in codes]
    local = any(c in issuer_codes() and issuer_codes()[c]["level"] == "local" for c in bases) or (
        bases and bases[0] not in issuer_codes())
    prov = province_code(issuer) or (home_province if local else None)
    if local and prov:
        issuer_code = f"{issuer_code}-{prov}"
    y = year_in_number or year
    return f"{kind_part}-{issuer_code}/{serial}" + (f"/{y}" if y else "")


@lru_cache(maxsize=None)
def _kind_number_codes() -> frozenset[str]:
    """The kind codes a number can open with ("KH", "QĐ"), in capitals, with and without diacritics."""
    printed = [r["number_code"] for r in kinds() if r["number_code"]]
    return frozenset(fold(c).upper() for c in printed) | frozenset(c.upper() for c in printed)


def _in_place(pattern: re.Pattern) -> re.Pattern:
    """`pattern` without the ^ opening it (or each of its alternatives), to be matched at a position
    of the whole text (`.match(text, pos)`) as the anchored one matched `text[pos:]`: the same
    answers (none of these looks behind where it starts, and the text runs on to its end alike),
    without copying the rest of the text for every mention (quadratic in a long plan)."""
    assert pattern.pattern.startswith("^")
    return re.compile(pattern.pattern[1:].replace("|^", "|"), pattern.flags)


_DATE_AT, _PLENUM_AT, _ISSUER_AT, _TITLE_AT = map(_in_place, (_DATE, _PLENUM, _ISSUER, _TITLE))


def _date_at(s: str, pos: int = 0):
    """The date at `pos` of `s` and its length."""
    m = _DATE_AT.match(s, pos)
    if not m:
        return None, 0
    g = [x for x in m.groups() if x is not None]
    if len(g) < 3:  # a garbled date: read past it
        return None, m.end() - pos
    try:
        return date(int(g[2]), int(g[1]), int(g[0])).isoformat(), m.end() - pos
    except ValueError:
        return None, m.end() - pos


def _trim_issuer(s: str) -> str | None:
    """The issuing body ends where running text resumes: a lowercase verb ("của Tỉnh ủy
    thực hiện Chỉ thị ...") or another document kind."""
    from extractors.lexicon import verbs

    folded = s.lower()
    cut = len(s)
    for v in verbs() + ("phê duyệt", "thực hiện"):
        at = _first_word(folded, v)  # only the verb's first place counts, lowercase or not
        if at >= 0 and s[at].islower():
            cut = min(cut, at)
    k = _KIND_AFTER_SPACE.search(s)
    if k:
        cut = min(cut, k.start())
    s = _name_part(s[:cut].strip(" ,"))
    return s or None


_KIND_AFTER_SPACE = re.compile(r"\s(?:" + _KINDS + r")\b")


def _first_word(text: str, phrase: str) -> int:
    """Where `phrase` first stands as words in `text` (whitespace before it, whitespace or the end
    after it), or -1: what `(?<=\\s)phrase(?=\\s|$)` finds, by str.find instead of a pattern per
    verb (escaping, building and looking up a hundred patterns a mention was most of its cost)."""
    at = text.find(phrase, 1)
    while at >= 0:
        end = at + len(phrase)
        if text[at - 1].isspace() and (end == len(text) or text[end].isspace()):
            return at
        at = text.find(phrase, at + 1)
    return -1


_LEVEL = set(PLACE_LEVELS)
_AFTER_KNOWN_NAME = {level.split()[0] for level in PLACE_LEVELS} | {"cấp", "khóa", "khoá", "lần", "và", "đặc", "đảng"}


def _name_part(s: str) -> str:
    """An issuer runs on into the title when "về" is left out ("của Sở Nội vụ công tác thi đua",
    "của UBND tỉnh Nghệ An cải cách hành chính"): keep the name. Known unit names are kept whole."""
    from extractors.lexicon import folded_unit_names, words

    allowed = set(words("issuer_words.txt"))
    protected = []
    folded = fold(s)
    for name in folded_unit_names():
        at = folded.find(name)
        if at >= 0:
            protected.append((at, at + len(name)))
    tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", s)]
    for k in range(1, len(tokens)):
        at, word = tokens[k]
        prev = tokens[k - 1][1]
        # a known body's whole name (one masked token, "Chính_phủ") ends in lowercase: only a level,
        # a term or a second body goes on ("... tỉnh", "... khóa XIII", "... và Bộ Công an"), any other
        # lowercase word opens the title ("của Chính phủ sửa đổi ...", "của Chính phủ cơ sở dữ liệu ...")
        if "_" in prev and prev.rsplit("_", 1)[-1][:1].islower() and word[:1].islower() \
                and word not in _AFTER_KNOWN_NAME:
            return s[:at].strip(" ,")
        if any(a <= at < b for a, b in protected) or not word[:1].islower() or word in allowed:
            continue
        # after a place name ("tỉnh Nghệ An"), or after a lowercase word, a new lowercase word starts the title
        place_before = prev[:1].isupper() and any(t[1] in _LEVEL for t in tokens[max(0, k - 4):k])
        if prev[:1].islower() or place_before:
            return s[:at].strip(" ,")
    return s


@lru_cache(maxsize=None)
def _known_issuer() -> re.Pattern:
    from extractors.lexicon import words

    names = set(words("issuer_names.txt")) | {r["issuer"] for r in issuer_codes().values()}
    alternatives = sorted((r"\s+".join(re.escape(w) for w in n.split()) for n in names), key=len, reverse=True)
    return re.compile(r"^\s*,?\s*(?:của|do)\s+(?P<name>" + "|".join(alternatives) + r")(?![\wÀ-ỹđĐ])", re.IGNORECASE)


@lru_cache(maxsize=None)
def _known_issuer_in_place() -> re.Pattern:
    return _in_place(_known_issuer())


def _issuer_at(text: str, pos: int = 0):
    """The issuer after "của"/"do" at `pos` of `text`, and its length from `pos`. A known body's name
    is held whole (its "và", its lowercase words, its line break), then read on like any issuer."""
    known = _known_issuer_in_place().match(text, pos)
    if known:  # the name as one token for the rules below; the issuer is read back from `text`
        a, b = known.span("name")
        masked = text[pos:a] + re.sub(r"[\s,-]", "_", text[a:b]).replace("và", "v_") + text[b:]
        m, base = _ISSUER.match(masked), pos  # masked is the text from pos on, its length unchanged
    else:
        m, base = _ISSUER_AT.match(text, pos), 0
    if not m:
        return None, 0
    issuer = _trim_issuer(m.group("issuer"))
    if not issuer:
        return None, 0
    at = base + m.start("issuer")
    return re.sub(r"\s+", " ", text[at:at + len(issuer)]), at + len(issuer) - pos


def _tail(text: str, pos: int):
    """Date, issuer and title after a number, with where the printed mention (without title) ends."""
    d, n = _date_at(text, pos)
    end = pos + n
    if plenum := _PLENUM_AT.match(text, end):
        issuer, n = _issuer_at("của" + text[plenum.end():])
        n = plenum.end() - end + n - len("của") if issuer else 0
    else:
        issuer, n = _issuer_at(text, end)
    if issuer and len(issuer.split()) <= 16:
        end += n
    else:
        issuer = None
    if d is None:
        d2, n2 = _date_at(text, end)
        if d2:
            d, end = d2, end + n2
    title = None
    t = _TITLE_AT.match(text, end)
    if t:
        title = t.group("title").strip()
    return d, issuer, title, end


_KIND_HEADING = re.compile(r"^\W*(?:" + "|".join(re.escape(r["kind"].upper()) for r in kinds()) + r")\W*$")


def _is_capitals(line: str) -> bool:
    return line.isupper() and sum(ch.isalpha() for ch in line) > 3


def sentence_case(text: str) -> str:
    """`text` with its lines in capitals ("THỰC HIỆN NGHỊ QUYẾT SỐ 48/NQ-CP NGÀY 03/4/2023 CỦA CHÍNH" /
    "PHỦ PHÊ DUYỆT ...") written as running text would print them, so that the mentions a title holds
    are found like any other: lowercased, kind words and known bodies capitalised as in the lexicons,
    numbers kept, the title's lines joined (not onto the kind heading above it). Same length as `text`."""
    lines = text.split("\n")
    out = []
    for k, line in enumerate(lines):
        if not _is_capitals(line):
            out.append(line)
            continue
        out.append("".join(w if re.search(r"\d", w) else w.lower() for w in re.split(r"(\s+)", line)))
    joined = []
    for k, line in enumerate(out):
        joined.append(line)
        if k + 1 < len(lines):
            # a title runs on over its lines; the kind heading above it and a body's name standing
            # alone below it ("THỦ TƯỚNG CHÍNH PHỦ" before the preamble of a decision) are lines of their own
            runs_on = (_is_capitals(lines[k]) and _is_capitals(lines[k + 1])
                       and not any(_KIND_HEADING.match(x) or " ".join(x.lower().split()) in _spellings()
                                   for x in (lines[k], lines[k + 1])))
            joined.append(" " if runs_on else "\n")
    cased = "".join(joined)
    for pattern in (_KIND_WORD, _known_issuer_anywhere()):
        for m in pattern.finditer(cased):
            if not any(ch.islower() for ch in text[m.start():m.end()]):
                cased = cased[:m.start()] + _cased_like(m.group(0)) + cased[m.end():]
    # a kind word printed with capitals inside it ("Nghị Quyết số 48/NQ-CP", "Bộ Luật Hình sự", "SỐ 122/…")
    # is the kind; a lowercase "quyết định" is a verb and stays one
    cased = _ODD_CASE_KIND.sub(lambda m: _cased_like(m.group(0).lower()) if m.group(0)[0].isupper() else m.group(0),
                               cased)
    return re.sub(r"(?<![\wÀ-ỹđĐ])SỐ(?=\s*:?\s*\d)", "số", cased)


_ODD_CASE_KIND = re.compile(r"(?<![\wÀ-ỹđĐ])(?:" + "|".join(r"\s+".join(re.escape(w) for w in r["kind"].split())
                                                          for r in kinds()) + r")(?![\wÀ-ỹđĐ])", re.IGNORECASE)
_KIND_WORD = re.compile(r"(?<![\wÀ-ỹđĐ])(?:" + "|".join(re.escape(r["kind"].lower()) for r in kinds()) + r")(?![\wÀ-ỹđĐ])")


@lru_cache(maxsize=None)
def _spellings() -> dict[str, str]:
    from extractors.lexicon import words

    names = [r["kind"] for r in kinds()] + list(words("issuer_names.txt")) + [r["issuer"] for r in issuer_codes().values()]
    return {" ".join(n.lower().split()): n for n in names}


@lru_cache(maxsize=None)
def _known_issuer_anywhere() -> re.Pattern:
    alternatives = sorted((r"\s+".join(re.escape(w.lower()) for w in n.split()) for n in _spellings()), key=len,
                          reverse=True)
    return re.compile(r"(?<![\wÀ-ỹđĐ])(?:" + "|".join(alternatives) + r")(?![\wÀ-ỹđĐ])")


def _cased_like(printed: str) -> str:
    """A lowercased name spelt as the lexicon spells it, keeping the printed spaces."""
    spelt = _spellings().get(" ".join(printed.split()))
    if not spelt:
        return printed
    words = iter(spelt.split())
    return re.sub(r"\S+", lambda m: next(words), printed)


# "Căn cứ", "Thực hiện": what opens the basis a plan is made on (data/paragraph_openers.csv, basis)
_BASIS_BEFORE = re.compile(alternatives(flagged("paragraph_openers.csv", "basis", "opener")) + r"\s*:?\s*$")


_LOWER_LAW = re.compile(r"(?<![\wÀ-ỹđĐ])(?<![Bb]ộ )luật(?=[ \t]+[A-ZĐ])")


def find_citations(text: str, own_number: str | None = None, home_issuer: str | None = None,
                   page_at: Callable[[int], int] = lambda offset: 1) -> list[Citation]:
    """All mentions in `text`, in order, nested ones included, keys resolved within the text; a span's
    page is `page_at` its start (a text of one page by default)."""
    printed = text
    text = sentence_case(text)
    # "triển khai luật Thực hiện dân chủ ở cơ sở": a law named after its kind word in lower case (same length, so
    # every span holds; the mention is quoted as printed)
    text = _LOWER_LAW.sub("Luật", text)
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def at(start: int, end: int) -> Span:
        return Span(page_at(start), start, end)

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def same_number(a: str, b: str) -> bool:
        return re.sub(r"\s", "", a).upper() == re.sub(r"\s", "", b).upper()

    # a document's basis is never itself: "Căn cứ Kế hoạch số 13-KH/TU ..." means that number, given as
    # the plan's own, was read from the body, and every mention of it is a citation
    if own_number and any(same_number(_clean_number(m.group("number")), own_number)
                          and _BASIS_BEFORE.search(text[max(0, m.start() - 30):m.start()])
                          for m in _NUMBERED.finditer(text)):
        own_number = None

    for m in _NUMBERED.finditer(text):
        number = _clean_number(m.group("number"))
        if own_number and re.sub(r"\s", "", number).upper() == re.sub(r"\s", "", own_number).upper():
            continue  # the plan citing itself
        d, issuer, title, end = _tail(text, m.end())
        found.append(Citation(text=text[m.start():end].strip(" ,"), kind=m.group("kind"), number=number,
                                   date=d, issuer=issuer, title=title, span=at(m.start(), end)))
        taken.append((m.start(), m.end()))
    for m in _BARE_NUMBER.finditer(text):
        # "(Số 1226/QĐ-BVHTTDL ngày 29/4/2025 và số 2657/QĐ-BVHTTDL ...)", "văn bản số 123/VPCP-CN":
        # a number without its kind word; the kind code inside the number says what it is
        number = _clean_number(m.group("number"))
        # "các Văn bản: số 423/TTg-CĐS ngày 19/04/2026, số 432/TTg-CĐS ...": a number listed after a
        # mention is of that mention's kind
        # (asked only when the number does not tell its kind)
        kind = kind_of_number(number) or ("Công văn" if m.group("letter") else None)
        if not kind:
            listed_after = _listed_after(found, text, m.start())
            kind = listed_after.kind if listed_after else None
        if not kind or _names_uncited_kind(number) or not free(m.start("number"), m.end("number")) or (
                own_number and re.sub(r"\s", "", number).upper() == re.sub(r"\s", "", own_number).upper()):
            continue
        d, issuer, title, end = _tail(text, m.end())
        start = m.start("letter") if m.group("letter") else m.start()
        found.append(Citation(text=text[start:end].strip(" ,"), kind=kind, number=number,
                                   date=d, issuer=issuer, title=title, span=at(start, end)))
        taken.append((start, m.end()))
    for m in _QUOTED.finditer(text):
        if not free(m.start(), m.end()):
            continue
        _, issuer, _, end = _tail(text, m.end())
        kind = m.group("kind")[0].upper() + m.group("kind")[1:]
        found.append(Citation(text=text[m.start():end].strip(" ,"), kind=kind, number=None, date=None,
                                   issuer=issuer, title=m.group("name").strip(), span=at(m.start(), end)))
        taken.append((m.start(), end))
    for m in _HORIZON_PROGRAM.finditer(text):
        if not free(m.start(), m.end()):
            continue
        _, issuer, _, end = _tail(text, m.end())
        found.append(Citation(text=text[m.start():end].strip(" ,"), kind=m.group("kind"), number=None,
                                   date=None, issuer=issuer, title=m.group(0), span=at(m.start(), end)))
        taken.append((m.start(), end))
    for m in _SHORT_NAMED.finditer(text):
        if not free(m.start(), m.end()):
            continue
        kind = m.group("kind")[0].upper() + m.group("kind")[1:]
        found.append(Citation(text=m.group(0), kind=kind, number=None, date=None, issuer=None,
                                   title=f"{kind} {m.group('name')}", span=at(m.start(), m.end())))
        taken.append((m.start(), m.end()))
    for m in _NAMED_PROGRAM.finditer(text):
        if not free(m.start(), m.end()) or not m.group("name")[0].isupper():
            continue
        name = m.group("name").strip()
        _, issuer, _, end = _tail(text, m.end())
        found.append(Citation(text=text[m.start():end].strip(" ,"), kind=m.group("kind"), number=None,
                                   date=None, issuer=issuer, title=name, span=at(m.start(), end)))
        taken.append((m.start(), end))
    amending: list[tuple[int, int]] = []
    for m in _AMENDING.finditer(text):
        d, issuer, _, end = _tail(text, m.end())
        found.append(Citation(text=text[m.start():end].strip(" ,"), kind=m.group("kind"), number=None, date=d,
                                   issuer=issuer, title=m.group("name").strip(), span=at(m.start(), end)))
        taken.append((m.start(), m.start("name")))  # the laws it names are mentions of their own
        amending.append((m.start(), end))
    law_at = 0
    while (law := _LAW.search(text, law_at)) is not None:
        m = law
        law_at = m.end()
        if not free(m.start(), m.end()) or not m.group("name").strip():
            continue
        inside_amending = any(a < m.start() < b for a, b in amending)
        name = m.group("name").strip(" ,")
        name_at = m.start("name") + len(m.group("name")) - len(m.group("name").lstrip(" ,"))
        # a name wraps onto the next line, but not onto a new paragraph ("Căn cứ ...") or a line in capitals
        covered = m.end()
        for brk in re.finditer(r"\s*\n\s*", name):
            rest = printed[name_at + brk.end():].split("\n", 1)[0]
            if _is_capitals(rest) or _NEW_PARAGRAPH.match(rest) or PLACE_DATE.match(rest):  # "Hà Nội, ngày …"
                name, covered = name[:brk.start()], name_at + brk.start()
                law_at = covered  # the next paragraph may name a law of its own
                break
        if not name.strip() or fold(name).split()[0] in ("nay", "so", "nhu"):  # a name cut to nothing at a new paragraph
            continue
        end = m.start() + len(m.group("kind")) + 1 + len(name)
        law_number: str | None = None
        d = issuer = None
        # "Luật Bảo vệ dữ liệu cá nhân được Quốc hội khóa XV thông qua tại kỳ họp thứ 9 ngày 26 tháng 6 năm 2025"
        if passed := _PASSED_BY.match(text[end:]):
            issuer = passed.group("issuer")
            d, n = _date_at(text[end + passed.end():])
            end += passed.end() + n
        # "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13": a name with "và" in
        # it, whose number shows where it ends
        if joined := _NAME_GOES_ON_TO_NUMBER.match(text[end:]):
            name, end = name + joined.group(1), end + len(joined.group(1))
        # "Luật Lưu trữ số 01/2011/QH13 ngày 11 tháng 11 năm 2011": a law named and numbered
        if numbered := re.match(r"\s+số\s*:?\s*(" + NUMBER + r")(?![\w/])", text[end:]):
            law_number = _clean_number(numbered.group(1))
            d, issuer, _, end = _tail(text, end + numbered.end())
        elif d is None and _DATE.match(text[end:]) and not inside_amending:  # "Luật Tổ chức ... địa phương ngày 19/6/2015"
            d, issuer, _, end = _tail(text, end)
        found.append(Citation(text=text[m.start():end].strip(" ,"), kind=m.group("kind"), number=law_number, date=d,
                                   issuer=issuer, title=name, span=at(m.start(), end)))
        taken.append((m.start(), max(covered, end)))
    for m in _CONSTITUTION.finditer(text):  # one Constitution in force: named bare, it is specific
        if free(m.start(), m.end()):
            found.append(Citation(text=m.group(0), kind="Hiến pháp", number=None, date=None, issuer=None,
                                       title="Hiến pháp", span=at(m.start(), m.end())))
            taken.append((m.start(), m.end()))
    for m in _CONGRESS.finditer(text):
        if not free(m.start(), m.end()):
            continue
        name = m.group("name").strip()
        # the congress or conference issues its resolution; "Trung ương 4" is a plenum of the Central Committee
        issuer = "Ban Chấp hành Trung ương" if name.startswith("Trung ương") else name
        found.append(Citation(text=text[m.start():m.end()].strip(), kind="Nghị quyết", number=None, date=None,
                                   issuer=issuer, title=name, span=at(m.start(), m.end())))
        taken.append((m.start(), m.end()))
    found.sort(key=lambda c: _span(c).start)
    if text != printed:  # a mention found in a title in capitals is quoted as printed
        found = [replace(c, text=printed[_span(c).start:_span(c).end].strip(" ,")) for c in found]
    found = [c if c.issuer or not c.number else replace(c, issuer=issuer_of_number(c.kind, c.number)) for c in found]
    return _link_variants(_link_aliases(text, resolve(found, home_issuer)))


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _link_variants(found: list[Citation]) -> list[Citation]:
    """One unnumbered document named longer or shorter in one text: "Chương trình tổng thể cải cách hành
    chính [nhà nước] giai đoạn 2021 - 2030", "Luật sửa đổi ... Bộ luật hình sự [2025]". Words left out
    inside the name, or a year after it, keep the key of the first mention; a name that ends otherwise
    ("Luật Đầu tư" / "Luật Đầu tư công") is another document."""
    def words(c: Citation) -> list[str]:
        w = slug(c.title or c.text).split("-")
        return w[:-1] if len(w) > 2 and re.fullmatch(r"\d{4}", w[-1]) and not re.fullmatch(r"\d{4}", w[-2]) else w

    out: list[Citation] = []
    for c in found:
        if c.number is None:
            mine = words(c)
            for earlier in out:
                if earlier.number is None and earlier.kind == c.kind and earlier.key != c.key:
                    theirs = words(earlier)
                    short, long = sorted((mine, theirs), key=len)
                    if (len(short) >= 3 and short[0] == long[0] and short[-1] == long[-1]
                            and _is_subsequence(short, long)):
                        c = replace(c, key=earlier.key)
                        break
        out.append(c)
    return out


def issuer_of_number(kind: str, number: str) -> str | None:
    """The body a number's code names when the mention does not print it: "22/2025/NĐ-CP" → Chính phủ,
    "5166/BTC-PC" → Bộ Tài chính; a ministry's decision is its minister's ("1226/QĐ-BVHTTDL" → Bộ trưởng
    Bộ Văn hóa, Thể thao và Du lịch). Only codes that name one body (issuer_codes.csv named_by_code):
    "-KL/TW" may be the Politburo's or the Secretariat's, "UBND" needs its province."""
    _, _, codes = split_number(number)
    kind_codes = {fold(r["number_code"]).upper() for r in kinds() if r["number_code"]}
    codes = [c for c in codes if fold(c).upper() not in kind_codes][:1]
    row = issuer_codes().get(re.sub(r"(?<=\D)\d+$", "", codes[0]).upper()) if codes else None
    if not row or row.get("named_by_code") != "1":
        return None
    if kind == "Quyết định" and row["issuer"].startswith("Bộ "):
        return "Bộ trưởng " + row["issuer"]
    return row["issuer"]


# "... đến năm 2030 (Chương trình MTQG)", "Đề án ... (sau đây gọi tắt là Đề án 06)": a short name
# given in brackets right after a document names that document wherever it recurs
_ALIAS_OPENING = re.compile(r"\s*\(\s*(?:(?:sau đây\s+)?(?:\w+\s+){0,2}tắt\s+là\s*:?\s*)?$", re.IGNORECASE)


def _link_aliases(text: str, found: list[Citation]) -> list[Citation]:
    alias_of: dict[str, str] = {}
    for named, short in zip(found, found[1:]):
        if (short.number is None and short.key != named.key and short.key not in alias_of
                and _ALIAS_OPENING.match(text[_span(named).end:_span(short).start])
                and re.match(r"\s*\)", text[_span(short).end:])):
            if short.key is not None and named.key is not None:
                alias_of[short.key] = named.key
    return [replace(c, key=alias_of[c.key]) if c.key is not None and c.key in alias_of else c for c in found]


def resolve(found: list[Citation], home_issuer: str | None = None) -> list[Citation]:
    """Give each mention its key; a mention without a year borrows it from another mention
    of the same number (same kind and issuer code) in the document."""
    home = province_code(home_issuer)
    years: dict[str, str] = {}
    for c in found:
        if c.number:
            serial_key = canonical_key(c.kind, c.number, None, None, c.issuer, home)
            y = split_number(c.number)[1] or (c.date[:4] if c.date else None)
            if y and serial_key not in years:
                years[serial_key] = y
    out = []
    for c in found:
        if c.number:
            serial_key = canonical_key(c.kind, c.number, None, None, c.issuer, home)
            y = split_number(c.number)[1] or (c.date[:4] if c.date else None) or years.get(serial_key)
            key = canonical_key(c.kind, c.number, y, None, c.issuer, home)
        else:
            key = canonical_key(c.kind, None, None, c.title or c.text)
        out.append(replace(c, key=key))
    return out
