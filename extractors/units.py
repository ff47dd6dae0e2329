"""Responsibility lists: split a printed list of actors into one string per actor.

Split on "," and ";" and on "và"/"với" *between* actors, never inside a name:
known names with such characters (data/units.txt) are protected first, and a
piece that cannot start an actor name ("Thể thao và Du lịch") is glued back.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.lexicon import any_of, folded_unit_names, heads, levels, unit_heads, words
from extractors.text import fold

_PROTECT = "\u0001"  # stands in for "," / ";" inside a protected name

_CONJ = re.compile(r"(\s+" + any_of("actor_conjunctions.txt") + r"\s+)")  # "và", "với", "cùng", "hoặc"
_DROP_PREFIX = re.compile("^" + any_of("actor_quantifiers.txt") + r"\s+", re.I)  # "từng", "toàn thể"
_EDGE = " .;,:-–—_"
# "Đồng chí", "đ/c": the honorific before a post ("Đồng chí Phó Chủ tịch …", "các đồng chí Giám đốc Sở")
COMRADE = re.compile(r"(?:đồng chí|đ/c)\s+", re.I)
_PERSON_CHARGE = re.compile(any_of("person_charges.txt") + r"\s")  # lower case: "phụ trách lĩnh vực …"


def known_name_spans(text: str) -> list[tuple[int, int]]:
    """Where the names of data/units.txt stand in `text` (whole words, any case or diacritics)."""
    folded, spans = fold(text), []
    for fname in folded_unit_names():
        start = 0
        while (i := folded.find(fname, start)) >= 0:  # str.find: a regex per name was a fifth of extraction
            j = start = i + len(fname)
            if (i == 0 or not folded[i - 1].isalnum()) and (j == len(folded) or not folded[j].isalnum()):
                spans.append((i, j))
    return spans


def _protect(text: str) -> str:
    for i, j in known_name_spans(text):
        # same length in and out, so that every span found in the original still fits
        chunk = (text[i:j].replace(",", _PROTECT).replace(" và ", " \u0002\u0002 ")
                 .replace(" với ", " \u0003\u0003\u0003 "))
        text = text[:i] + chunk + text[j:]
    return text


def _unprotect(s: str) -> str:
    return s.replace(_PROTECT, ",").replace("\u0002\u0002", "và").replace("\u0003\u0003\u0003", "với")


def _collective(piece: str, longest: int = 8) -> bool:
    """A bare group noun ("đơn vị", "thành phố trực thuộc trung ương", "cơ quan thuộc Chính phủ"):
    written in lower case, it names no one body of its own (in at most `longest` words)."""
    from extractors.lexicon import collective_nouns

    # "Các bộ, các tỉnh": one group of both; "cơ quan, đơn vị": a group already glued, judged by its first noun
    f = re.split(r"\s*[,;" + _PROTECT + r"]\s*", re.sub(r"^(?:cac|nhung) ", "", fold(piece)))[0]
    if f in collective_nouns():  # "Cơ quan, địa phương có liên quan": a bare group noun opening the sentence
        return len(piece.split()) <= longest
    return piece[:1].islower() and len(piece.split()) <= longest \
        and any(f.startswith(n + " ") for n in collective_nouns())


def _groups_many(piece: str) -> bool:
    """"các sở", "Ủy ban nhân dân các tỉnh", "cơ quan": a piece that refers to a group, so that a bare
    group noun after it ("…, thành phố trực thuộc trung ương") belongs to it (contract: collective
    actors stay whole)."""
    # "Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ": the heads of a group are a group too
    return bool(re.search(r"(?:^|\s)(?:các|những|mọi)\s", piece, re.I)) or _collective(piece) \
        or bool((m := _HEADS_OF.match(piece)) and _collective(piece[m.end():]))


def _bare_group(piece: str) -> bool:
    """"Các bộ", "các sở, ban, ngành": group nouns and nothing else."""
    from extractors.lexicon import collective_nouns

    parts = re.split(r"\s*[,;" + _PROTECT + r"]\s*", re.sub(r"^(?:cac|nhung) ", "", fold(piece)))
    return all(p in collective_nouns() for p in parts)


# People at the head of units (data/heads_of_units.txt): "Thủ trưởng cơ quan ngang bộ" heads every such body
_HEADS_OF = re.compile("^" + any_of("heads_of_units.txt") + r"\s+", re.I)


def _group_open(piece: str) -> bool:
    """Does `piece` end on a bare group noun, so that another may join it ("Trung tâm Y tế các huyện",
    "cơ quan, đơn vị")? A qualifier closes the group: after "Ủy ban nhân dân các tỉnh, thành phố trực
    thuộc trung ương" or "các cơ quan, đơn vị trung ương" a group noun opens an actor of its own."""
    from extractors.lexicon import collective_nouns

    tail = re.split(r"[,;" + _PROTECT + r"]|(?:^|\s)(?:các|những|mọi)\s", piece, flags=re.I)[-1].strip()
    return fold(_HEADS_OF.sub("", tail)) in collective_nouns()


@lru_cache(maxsize=1)
def _person_title() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted(words("person_titles.txt"), key=len, reverse=True))
    # "đ/c" and "Đ/c" alike; "Ông. Hoàng Văn Thuân": a roster may stop the title with a dot
    return re.compile(r"^(?:" + titles + r")\.?\s+", re.I)


# two to five capitalised words of a name, then the end, a dash, a comma or a bracket (a position may follow)
_PERSON_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][^\s,;:()\-–]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;:()\-–]*){1,4}(?=$|\s*[,;:()\-–]|\s+[a-zđà-ỹ])")


def person_named(text: str) -> bool:
    """Does `text` open with a person: a title of data/person_titles.txt and a capitalised name
    ("Ông Hồ Văn A - Trưởng phòng", "đ/c Trần Thị B")? A staff roster assigns its duties to
    people as a plan assigns them to units."""
    text = text.strip()
    m = _person_title().match(text)
    return m is not None and bool(_PERSON_NAME.match(text[m.end():]))


def starts_actor(piece: str) -> bool:
    """Can this piece begin the name of an actor (a unit head word, a lowercase group noun, a person)?"""
    if person_named(piece):
        return True
    f = piece.strip().lower()
    # "các ngành", "các hội, hiệp hội", "các cơ sở giáo dục nghề nghiệp trong và ngoài tỉnh": how long the group's
    # name runs on says nothing of how it opens
    if re.match(r"(?:các|những)\s", f) and _collective(f, longest=16):
        return True
    f = re.sub(r"^(?:các|những|từng|mỗi)\s+", "", f)
    f = f[m.end():] if (m := COMRADE.match(f)) else f  # "các đồng chí Giám đốc Sở": the post is the head
    return any(f.startswith(h) and (len(f) == len(h) or not f[len(h)].isalnum()) for h in _heads_opening(f))


@lru_cache(maxsize=None)
def _heads_by_initial() -> dict[str, tuple[str, ...]]:
    by: dict[str, list[str]] = {}
    for h in unit_heads():
        by.setdefault(h[:1], []).append(h)
    return {k: tuple(v) for k, v in by.items()}


def _heads_opening(f: str) -> tuple[str, ...]:
    """The heads of unit_heads() that could open `f`, in their order: those with its first letter
    (a piece is tried against a few heads, not all of them)."""
    if not f:
        return unit_heads()
    by = _heads_by_initial()
    return by.get(f[0], ()) + by.get("", ())


# Heads that name an institution only before its proper name: "Bộ Nội vụ", not "Bộ tiêu chí".
_NEEDS_NAME = frozenset(h.lower() for h in heads("needs_name"))


def names_actor(text: str) -> bool:
    """Does a sentence open with an actor? Stricter than starts_actor: a bare head word
    must be followed by a capitalised name or an abbreviation."""
    if not starts_actor(text):
        return False
    words = text.strip().split()
    low = text.strip().lower()
    # the longest head word that opens it: "Tổ giúp việc" and "Tổ công tác" are whole heads, "Tổ" is not
    head = next((h for h in unit_heads() if low.startswith(h) and (len(low) == len(h) or not low[len(h)].isalnum())),
                None)
    if head in _NEEDS_NAME and len(words) > len(head.split()):
        nxt = words[len(head.split())]
        # "Sở, ban, ngành; Mặt trận Tổ quốc …": a head noun joined to group nouns is a group, named enough
        return nxt[:1].isupper() or nxt[:1].isdigit() or (words[0].endswith(",") and _bare_group(text.split(";")[0]))
    return True


# Heads whose proper name may hold commas: "Sở Văn hóa, Thể thao và Du lịch",
# "Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam", "Đài Phát thanh, Truyền hình"
_NAME_GOES_ON_AFTER = frozenset(fold(h).split()[0] for h in heads("name_goes_on"))


# "UBND xã, phường", "Công an tỉnh, thành phố": a unit of one administrative level, then another
# level alone — the same unit at every such level, one actor
_LEVELS = "(?:" + "|".join(map(re.escape, levels("unit_level"))) + ")"
_LEVEL_END = re.compile(r"(?:^|\s)(?:cấp\s+)?" + _LEVELS + r"$")
# ("Chủ tịch Ủy ban nhân dân xã, phường và đặc khu": the last levels joined by "và")
_LEVEL_ONLY = re.compile(r"^(?:cấp\s+)?" + _LEVELS + r"(?:\s+và\s+" + _LEVELS + r")?(?:\s+(?:trực thuộc trung ương|có liên quan|liên quan))?$",
                         re.I)  # "tỉnh, thành phố trực thuộc Trung ương"


# "Các bộ, cơ quan ngang bộ, các cơ quan, tổ chức có liên quan": a group of its own "các" that ends on
# "(có) liên quan" / "khác" names the others concerned, a second actor beside the bodies listed before it
_OTHERS_END = re.compile(r"(?:\bliên quan|\bkhác)$", re.I)


def split_units(value: str) -> list[str]:
    """"Lãnh đạo Ban, Chi ủy và BCH Công đoàn." → ["Lãnh đạo Ban", "Chi ủy", "BCH Công đoàn"]."""
    text = _protect(value.strip().strip(_EDGE))
    # "lực lượng chuyên trách phòng, chống tội phạm": "phòng, chống" is one word of the work, not a list
    text = re.sub(r"(?<=\bphòng),(?= chống\b)", _PROTECT, text)
    pieces: list[str] = []
    parts = re.split(r"\s*[;,]\s*", text)
    for k, part in enumerate(parts):
        sub = _CONJ.split(part)  # pieces with the printed conjunction between each two
        merged = [sub[0]]
        for conjunction, s in zip(sub[1::2], sub[2::2]):
            # "và" splits only when what follows can start an actor's name, and not inside a
            # collective: "các bộ, ngành và địa phương" is one actor (a short group noun closing the list;
            # "... và cơ quan, tổ chức khác" opens a list of its own)
            # ("và các địa phương", with its own "các", is another group: "các đơn vị cấp tỉnh và các địa phương")
            short = len(re.sub(r"\s+(?:có\s+)?liên quan$", "", s).split()) <= 3
            collective_goes_on = k == len(parts) - 1 and short and _collective(s) \
                and not re.match(r"(?:các|những)\s", s, re.I) and (
                _groups_many(merged[-1]) or (bool(pieces) and merged[-1][:1].islower() and _groups_many(pieces[-1])))
            if starts_actor(s) and not collective_goes_on:
                merged.append(s)
            else:
                merged[-1] = merged[-1] + conjunction + s
        for after_and, m in enumerate(merged):
            m = m.strip(_EDGE)
            if not m:
                continue
            # "Các đảng bộ, chi bộ cơ sở": a bare collective noun after "các X" is the same actor
            # ("Trung tâm Y tế các huyện, thành phố, thị xã", "Trưởng các thôn, tổ dân phố" likewise);
            # one that "và" put apart opens an actor of its own
            # ("các cơ quan, đơn vị trung ương" with its own "các" joins only a bare group: "Các bộ, các tỉnh")
            # ("cơ quan, tổ chức, đơn vị trực tiếp quản lý người ứng cử": after bare group nouns the last one's
            # qualifier, however long, qualifies them all)
            if pieces and not after_and and (_groups_many(pieces[-1])
                                             and _collective(m, 16 if _bare_group(pieces[-1]) else 8)
                                             and _group_open(pieces[-1])
                                             and (not re.match(r"(?:các|những)\s", m, re.I)
                                                  or _bare_group(pieces[-1]) and not _OTHERS_END.search(m))
                                             or _LEVEL_END.search(pieces[-1]) and _LEVEL_ONLY.match(m)):
                pieces[-1] = pieces[-1] + ", " + m
                continue
            # one comrade's posts: "Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã" (a second
            # person would have an honorific of their own)
            if pieces and COMRADE.match(pieces[-1]) and not after_and and not COMRADE.match(m) \
                    and not re.match(r"(?:các|những)\s", m, re.I):
                pieces[-1] = pieces[-1] + ", " + m
                continue
            # what a person is in charge of says more of the name before it: "Đồng chí Phó Chủ tịch, phụ trách
            # lĩnh vực Giám sát", "chuyên viên tham mưu, giúp việc thuộc Cơ quan …"
            if pieces and _PERSON_CHARGE.match(m):
                pieces[-1] = pieces[-1] + ", " + m
                continue
            # a piece that cannot start a name continues the previous one ("Thể thao"; "Vụ Phổ biến, giáo dục
            # pháp luật": a department named by two fields of work)
            if pieces and not starts_actor(m) and not re.match(r"^[A-ZĐ]{2,}", m) \
                    and (m[0].isupper() or len(m.split()) <= 5) \
                    and fold(pieces[-1]).split()[0] in _NAME_GOES_ON_AFTER:
                pieces[-1] = pieces[-1] + ", " + m
                continue
            pieces.append(m)
    out = []
    for p in pieces:
        p = re.sub(r"\s+_+\s+", " ", _DROP_PREFIX.sub("", _unprotect(p))).strip(_EDGE)  # "Môi __ trường" (OCR)
        if p.count(")") > p.count("("):  # "... phối hợp với Sở Khoa học và Công nghệ)." closing a bracket
            p = p.rstrip(")").strip(_EDGE)
        if p:
            out.append(p)
    return out
