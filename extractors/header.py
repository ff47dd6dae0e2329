"""header: the document's own facts — kind, số/ký hiệu, issuer, place and date, trích yếu,
signer (with K/T, T/M, Q., TL. authority) and Nơi nhận — from the lines before the
first part and after the last (Nghị định 30/2020/NĐ-CP lays these out)."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from extractors.grammar import (ENDS_WITH_LEVEL, HEADER_NUMBER, LEVEL_AND_PLACE, LOWER, MOTTO, NUMBER, OCR_SERIAL, PLACE_DATE, RECIPIENTS, attached_heading_at, authority_of, authority_prefix,
                                authority_words, heading_kind, kind_words)
from extractors.facts import Document, Signer
from extractors.lexicon import alternatives, any_of, flagged, heads, kinds, levels, rows, words
from extractors.text import fold

# "ĐOÀN KIỂM TRA ↵ THEO QUYẾT ĐỊNH ↵ SỐ 1050/QĐ-SCT": a body set up by a decision carries that decision's number
# in its name (in capitals, no colon); the document's own number is the "Số:" slot further down
_SET_UP_BY = re.compile(r"\bTHEO\s+(?:" + kind_words().upper() + r")$")
_NUMBER_IN_NAME = re.compile(r"^SỐ\s+\d[^\s,;]*")
# "Số: 24/HDLN-BCA-BQP-BYT- ↵ BCT-BTC-VKSNDTC-TANDTC": the rest of a joint code, a line of its own or, when the
# reader joined the lines, after the date
_CODE_TAIL = re.compile(r"(?:^|\s)([A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*)$")
# "V/v triển khai thực hiện Nghị định số ↵ 178/2026/NĐ-CP ngày 20/5/2026": a subject cut before a number goes on
_NUMBER_GOES_ON = re.compile("^" + NUMBER)
_RECEIPT = re.compile(r"^(?:CÔNG VĂN\s+)?ĐẾN\b(?!\s+[a-zđà-ỹ])")
# Urgency, secrecy and draft marks stamped near the header (data/stamp_marks.txt: "HỎA TỐC", "TỐI MẬT", "DỰ THẢO").
_MARK = re.compile("^" + any_of("stamp_marks.txt") + r"\b")
# A digital-signature banner printed on copies ("SAO Y; ...; Thời gian ký: ...") is not part of the header.
_BANNER = re.compile(r"^(?:SAO Y|BẢN SAO)\b|Thời gian ký\s*:", re.I)
_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][a-zđà-ỹ]*\s+){1,5}[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][a-zđà-ỹ]*$")
# Military and police ranks printed before a signer's name (data/military_ranks.txt: "Đại tá", "Thiếu úy").
_RANK = re.compile(r"^(?:" + "|".join(r"\s+".join(map(re.escape, rank.split())) for rank in words("military_ranks.txt"))
                   + r")\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ])", re.I)
_SEPARATOR = re.compile(r"^[-_*=.…\s]+$")
# What a scan's stamp or rule lines leave on a header line: no word of two letters ("—- ———D"), or a letter
# written three times running, which no Vietnamese word does ("4 ưnnnG", "ĐẾN PPhếtnneeeerree")
_TRIPLED_LETTER = re.compile(r"([a-zà-ỹđ])\1\1")


def _speck(line: str) -> bool:
    return not re.search(r"[^\W\d_]{2}", line) or bool(_TRIPLED_LETTER.search(line))


# The words that open the body under a title ("Căn cứ ...", "Kính gửi: ..."; data/paragraph_openers.csv, ends_title)
_OPENS_BODY = re.compile("^" + alternatives(flagged("paragraph_openers.csv", "ends_title", "opener")) + r"\b")
# ... and the addressee an OCR printed without its "Kính" ("gửi: Đồng chí Cục trưởng …")
_ADDRESSEE_WITHOUT_KINH = re.compile(r"^gửi\s*:", re.I)
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(.+)$", re.I)
# A letterhead line that names the issuing unit: "SỞ Y TẾ", "BAN DÂN VẬN" (data/unit_heads.csv, letterhead)
_UNIT_START = re.compile(r"^(" + "|".join(re.escape(h.upper()) for h in heads("letterhead")) + r")\b")
# The Party committees (data/party_committees.csv) a body named under them belongs to: "BAN DÂN VẬN" under
# "TỈNH ỦY X" is the "Ban Dân vận Tỉnh ủy"
_PARENT_LEVEL = [(fold(r["committee"]), r["committee"]) for r in rows("party_committees.csv")]
# ... those whose name a place name follows ("HUYỆN ỦY ĐẠI TỪ"), folded, and their first words ("huyện")
_COMMITTEE_OF_PLACE = [r["committee"] for r in rows("party_committees.csv") if r["place_follows"]]
_FOLDED_COMMITTEE_OF_PLACE = frozenset(fold(c) for c in _COMMITTEE_OF_PLACE)
_COMMITTEE_OF_PLACE_CASED = re.compile(r"\b(" + "|".join(re.escape(c.split()[0].lower()) for c in _COMMITTEE_OF_PLACE)
                                       + r") (ủy)\b")
# "... xây dựng Kế hoạch": a body issuing a plan in the opening of a text with no header (data/issuing_verbs.csv,
# issues; data/kinds.csv, issued_by_subject)
_ISSUING_VERB = re.compile(alternatives(flagged("issuing_verbs.csv", "issues", "verb")) + r"\s+"
                           + alternatives(flagged("kinds.csv", "issued_by_subject", "kind")))

# The authority a decision speaks as, on its own line between the title and "Căn cứ ...":
# "THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "ỦY BAN NHÂN DÂN TỈNH X"
_ENACTING_WORDS = "|".join(re.escape(h.upper()) for h in heads("enacting"))
_ENACTING = re.compile(r"^(?:" + _ENACTING_WORDS + r")\b")
# ("… HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH TÂY NINH": that authority after a title on the same line)
_ENACTING_AFTER = re.compile(r"\s+(?=(?:" + _ENACTING_WORDS + r")\b)")
# the words of a line up to the first one with a lower-case letter ("… THU HỒI Căn cứ …": up to "Căn")
_CAPITALS_RUN = re.compile(r"(?:[^\s" + LOWER + r"]+(?:\s+|$))*")
# Proper names and bodies that keep their capitals (data/capitalised_phrases.csv): every word of them when a heading
# in capitals is put in sentence case ("PHÓ BÍ THƯ TỈNH ỦY" → "Phó Bí thư Tỉnh Ủy"), their first in a unit's name
_KEEP_CAPITAL = flagged("capitalised_phrases.csv", "sentence_case", "phrase")
_PROPER_IN_UNIT_NAME = re.compile(r"\b(" + alternatives(flagged("capitalised_phrases.csv", "unit_name", "phrase")) + r")\b")


def sentence_case(s: str) -> str:
    """"BAN DÂN VẬN" → "Ban Dân vận"-like casing: words of a proper name keep capitals."""
    words = s.lower().split()
    if not words:
        return s
    out = [words[0].capitalize()]
    for k, w in enumerate(words[1:], 1):
        prev = words[k - 1]
        out.append(w.capitalize() if prev == "phó" or prev in authority_words() else w)
    text = " ".join(out)
    for phrase in _KEEP_CAPITAL:
        text = re.sub(r"\b" + phrase + r"\b", phrase.title() if phrase != "đảng" else "Đảng", text)
    return text


_ACRONYMS = frozenset(words("acronyms.txt"))
_LEVEL_BODIES = frozenset(fold(w) for w in words("level_bodies.txt"))  # "tỉnh ủy", "huyện đội": no place follows
# Unit heads of two words ("Văn phòng", "Ủy ban"; data/unit_heads.csv, two_words): the proper name begins after both
_TWO_WORD_HEADS = frozenset(fold(h) for h in heads("two_words"))


_FIELD_NAMED_HEADS = frozenset(words("field_named_heads.txt"))


def name_case(s: str) -> str:
    """Upper-case unit names → the usual casing: "BAN DÂN VẬN" → "Ban Dân vận",
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG" → "Ủy ban nhân dân tỉnh Lâm Đồng"."""
    if not s.isupper():
        return s
    words = s.lower().split()
    two = " ".join(words[:2])
    head = 2 if fold(two) in _TWO_WORD_HEADS else 1
    out, place = [], False
    if fold(two) in _FOLDED_COMMITTEE_OF_PLACE:
        place = True  # "HUYỆN ỦY ĐẠI TỪ": what follows is a place name
    for k, w in enumerate(words):
        if w.upper() in _ACRONYMS or any(ch.isdigit() for ch in w):  # "1050/QĐ-SCT": a number keeps its code
            out.append(w.upper())
        elif (place and k >= head) or k == 0 or k == head:
            out.append(w.capitalize())
        else:
            out.append(w)
        if (w in ("tỉnh", "huyện", "xã", "phường", "quận", "trấn")
                or (w == "phố" and k and words[k - 1] == "thành")) and k + 1 < len(words) \
                and fold(words[k + 1]) not in _LEVEL_BODIES:
            place = True
    text = " ".join(out)
    if fold(text).startswith("uy ban nhan dan") or fold(text).startswith("hoi dong nhan dan"):
        text = text[:len("Ủy ban")] + " nhân dân" + text[len("Ủy ban nhân dân"):]
    text = _PROPER_IN_UNIT_NAME.sub(lambda m: m.group(1).capitalize(), text)  # proper names
    if words[0] in _FIELD_NAMED_HEADS and not place:
        # "Bộ Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch": each field it governs opens with a capital
        text = re.sub(r"(\s(?:và|-|–)\s|,\s)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    return _COMMITTEE_OF_PLACE_CASED.sub(lambda m: m.group(1).capitalize() + " " + m.group(2), text)


# A crawled page's title before the letterhead on its first line: "Công văn 778/TCHQ-GSQL. BỘ TÀI CHÍNH TỔNG CỤC HẢI
# QUAN ------- CỘNG HÒA …" (the kind and number the site names the page by; the header prints them again)
_PAGE_TITLE = re.compile(r"^(?:" + "|".join(re.escape(k["kind"]) for k in kinds()) + r")\s+(?:số\s+)?\d[\w.\-]*/[\w/.\-]+\.?\s+")


def _without_page_title(line: str) -> str:
    m = _PAGE_TITLE.match(line)
    return line[m.end():] if m and line[m.end():].split()[0].isupper() else line


def parse_header(preamble: list[str], closing: list[str], body_text: str = "") -> Document:
    """Document facts from the preamble lines and the closing lines (both as printed)."""
    doc = Document()
    issuer_lines: list[str] = []
    title_lines: list[str] = []
    in_title = False
    number_seen = date_line_seen = False
    receipt_left = 0
    plain = ""  # the line before is kept for a number printed above its slot
    lines: list[str] = []
    for position, line in enumerate(preamble):  # "UBND TỈNH X CỘNG HÒA ... SỞ Y Độc lập ...": two columns flattened into one line
        line = _without_page_title(line) if position == 0 else line
        parts = [p.strip(" -–_*") for p in MOTTO.split(line)] if MOTTO.search(line) else [line]
        lines.extend(p for p in parts if p and not _SEPARATOR.match(p))
    for line in lines:
        previous = plain.strip()
        plain = MOTTO.sub(" ", line).strip(" -–")
        if in_title:
            subject_line = doc.kind == "Công văn" and title_lines
            # the first line under the kind word is the title even when it opens with "Thực hiện ..."
            opens_body = title_lines and (_OPENS_BODY.match(plain) or _ADDRESSEE_WITHOUT_KINH.match(plain))
            caps_after_title = title_lines and plain.isupper() and (not title_lines[-1].isupper()
                                                                    or _ENACTING.match(plain))
            # a paragraph of running text after the title: long, or sentences in it ("... mới. Tuy nhiên, ...")
            prose_after_title = title_lines and (len(plain) > 220 or re.search(r"[.;]\s+\w", plain))
            if opens_body or caps_after_title or prose_after_title or _SEPARATOR.match(plain) \
                    or len(title_lines) >= 4 or (title_lines and plain.endswith(":")) \
                    or (subject_line and not plain[:1].islower() and not _NUMBER_GOES_ON.match(plain)) \
                    or HEADER_NUMBER.match(plain) \
                    or PLACE_DATE.search(plain) or MOTTO.search(line):
                in_title = False
            else:
                if not _speck(plain):
                    title_lines.append(plain)
                continue
        if not plain or _SEPARATOR.match(plain):
            continue
        if _BANNER.search(plain):
            continue
        # The receipt stamp of the office that filed this copy ("ĐẾN" / "Số: 1530" / "Ngày: 14/3/2025" /
        # "Chuyển: ..."): neither its word is the issuer nor its number the document's.
        if _RECEIPT.match(plain):
            receipt_left = 4
            continue
        if receipt_left:
            receipt_left -= 1
            if re.match(r"^(?:Số|Ngày|Giờ|Chuyển|Lưu hồ sơ)\b", plain, re.I) and not re.search(r"/\s*[A-ZĐ]", plain):
                continue
        if issuer_lines and _SET_UP_BY.search(issuer_lines[-1]) and (m := _NUMBER_IN_NAME.match(plain)):
            issuer_lines[-1] += " " + m.group(0)
            plain = plain[m.end():].strip()
        m = HEADER_NUMBER.search(plain)
        before = plain[: m.start()].strip() if m else ""
        # The own number is the "Số:" slot opening a header line (or following the issuer's capitals on a
        # flattened line); "Căn cứ Quyết định số 135/QĐ-SNV" or a V/v line naming another document is not it,
        # and once the slot is seen — even blank ("Số: /UBND-NC") — no later number takes its place.
        if m and not number_seen and not doc.kind and (not before or before.isupper()):
            number_seen = True
            num = re.sub(r"\s+", "", m.group(1)).strip(" .")
            if num.startswith("/") and re.fullmatch(r"\d{1,6}", previous):
                num = previous + num  # the e-office printed the number on its own line above the blank slot
            doc.number = num if re.match(r"\d|" + OCR_SERIAL, num) else None
            if before and before.isupper():
                issuer_lines.append(before)
            plain = plain[m.end():].strip()
            if not plain:
                continue
        if doc.number and doc.number.endswith("-") and (tail := _CODE_TAIL.search(plain)) \
                and (tail.start() == 0 or "-" in tail.group(1)):  # a whole line, or a code after the date
            doc.number += tail.group(1)
            plain = plain[:tail.start()].strip()
            if not plain:
                continue
        if (m := PLACE_DATE.search(plain)) and doc.place is None:
            place = m.group(1).strip(" ,")
            doc.place = None if place.isupper() else place
            date_line_seen = True
            try:
                doc.date = date(int(m.group(4)), int(m.group(3).replace(" ", "")), int(m.group(2))).isoformat()
            except (AttributeError, TypeError, ValueError):
                doc.date = _signed_on(lines, m)
            if not doc.kind and (k := heading_kind(plain[m.end():].strip(" .,"))):
                # "Hà Nội, ngày 31 tháng 7 năm 2024 QUYẾT ĐỊNH VỀ CƠ CHẾ … THU HỒI Căn cứ Luật …": a crawl flattened
                # the date, the kind and its title onto one line; the title is the run in capitals, without the
                # authority the decision speaks as ("… HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH TÂY NINH")
                doc.kind = k[0]
                title = caps.group(0).strip() if (caps := _CAPITALS_RUN.match(k[1])) else ""
                enacting = [a for a in _ENACTING_AFTER.finditer(title) if len(title[a.end():].split()) <= 8]
                title = title[:enacting[-1].start()] if enacting else title
                title = title.strip(" ,.;")
                if title:
                    title_lines.append(title)
                    in_title = True
            continue
        # one subject line: a later paragraph opening "Về việc ..." is the letter's body
        if (s := _SUBJECT.match(plain)) and not doc.title and not title_lines:
            doc.kind = doc.kind or "Công văn"
            title_lines.append(s.group(1).strip())
            in_title = True  # the subject runs on over the next lowercase lines
            continue
        if not doc.kind and (k := heading_kind(plain)):
            doc.kind = k[0]
            in_title = True
            if k[1]:
                title_lines.append(k[1])
            continue
        if not doc.kind and plain.isupper() and len(plain) < 80:
            if issuer_lines and date_line_seen and 2 <= len(plain.split()) <= 6 and not _MARK.match(plain) \
                    and all(len(w) >= 2 and w.isalpha() for w in plain.split()):  # words, not OCR specks ("—- ———D")
                # After the issuer and the place-date line the word in capitals above the title is the
                # document's kind even when it is none of the usual ones ("PHÂN CÔNG NHIỆM VỤ")
                doc.kind = _title_case_kind(plain)
                in_title = True
                continue
            if not _speck(plain):
                issuer_lines.append(plain)
    if title_lines:
        # a rule printed under the title ("... tổ dân phố __") is no part of it
        doc.title = re.sub(r"\s*[_\-–—=*]{2,}$", "", " ".join(title_lines).strip())
    if not doc.kind and any(re.match(r"^Kính gửi\b", ln) for ln in lines):
        doc.kind = "Công văn"  # a letter addressed "Kính gửi: ..." with no kind word printed is a Công văn
    doc.issuer = _canonical_places(_issuer(issuer_lines) or _issuer_from_preamble(body_text)
                                   or _deciding_body(body_text))
    _closing(closing, doc)
    return doc


# The e-office signature printed on the page: "Giờ ký: 17/04/2024 10:39:42", "Thời gian ký: 04.05.2026 09:44".
_SIGNED_AT = re.compile(r"(?:Thời gian ký|Giờ ký|Ngày ký)\s*:\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})", re.I)


def _signed_on(lines: list[str], slot: re.Match) -> str | None:
    """A date slot left blank for the e-office to fill ("ngày 17 tháng    năm 2024") is dated by the
    signature stamp on the page, when the stamp agrees with what the slot does print (its year, and its
    day or month where printed)."""
    for line in lines:
        if (m := _SIGNED_AT.search(line)):
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            printed_day = slot.group(2) if slot.group(2) and slot.group(2).isdigit() else None
            printed_month = slot.group(3) if slot.group(3) and slot.group(3).isdigit() else None
            if year != int(slot.group(4)) or (printed_day and int(printed_day) != day) \
                    or (printed_month and int(printed_month) != month):
                return None
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def _title_case_kind(caps: str) -> str:
    """"PHÂN CÔNG NHIỆM VỤ" → "Phân công nhiệm vụ" (kinds are title-cased as the contract's are)."""
    low = caps.lower()
    return low[:1].upper() + low[1:]


_NATIONAL_BY_FOLD = {fold(n): n for n in words("national_units.txt")}


def _canonical_places(name: str | None) -> str | None:
    """Province names and level words spelled as the lexicon does: an OCR'd "thành phó cản thơ"
    folds to the same letters as "thành phố Cần Thơ"; a body that exists once in the country (data/national_units.txt)
    likewise: "Van phong Chính phu" is the "Văn phòng Chính phủ"."""
    if not name:
        return name
    if (national := _NATIONAL_BY_FOLD.get(fold(name))) is not None:
        return national
    from extractors.lexicon import provinces

    folded = fold(name)
    province_spans: list[tuple[int, int]] = []
    # (and the level words data/levels.csv flags respell_in_issuer)
    for canonical in [p for p, _ in provinces()] + list(levels("respell_in_issuer")):
        f = fold(canonical)
        is_level = canonical[:1].islower()
        for m in re.finditer(r"(?<!\w)" + re.escape(f) + r"(?!\w)", folded):
            if is_level and any(a <= m.start() < b for a, b in province_spans):
                continue  # "Tĩnh" of "Hà Tĩnh" folds like the level word "tỉnh" but is the province's
            if not is_level:
                province_spans.append((m.start(), m.end()))
            if name[m.start():m.end()].lower() != canonical.lower():  # only wrong letters, never case
                name = name[: m.start()] + canonical + name[m.end():]  # fold keeps lengths, so offsets hold
    return name


def _issuer(lines: list[str]) -> str | None:
    lines = [line.strip(" *-/\\") for line in lines if line.strip(" *-/\\")]  # a drawn rule ("/") is no letter
    # the gazette prints the issuing body over the document, then the document its own letterhead: once is the name
    lines = [line for k, line in enumerate(lines) if k == 0 or line != lines[k - 1]]
    if not lines:
        return None
    if len(lines) == 1:
        lines = _flattened_letterhead(lines[0])
    # A second line that starts a unit ("BAN DÂN VẬN") is the issuer; its parent is the first.
    for k in range(1, len(lines)):
        if _UNIT_START.match(lines[k]):
            child_caps = " ".join(lines[k:])
            parent_caps = " ".join(lines[:k])
            # "CÔNG ĐOÀN VIÊN CHỨC TỈNH" under "LĐLĐ TỈNH GIA LAI": the place is the parent's
            level = ENDS_WITH_LEVEL.search(child_caps)
            place = LEVEL_AND_PLACE.search(parent_caps)
            if level and place:
                child_caps = f"{child_caps} {place.group(1)}"
            if child_caps.strip() in words("standing_bodies.txt"):
                # "BAN THƯỜNG TRỰC" names no body without its parent (data/standing_bodies.txt)
                return f"{name_case(child_caps)} {name_case(parent_caps)}"
            child = name_case(_expand(child_caps))
            parent = fold(parent_caps)
            for key, level_name in _PARENT_LEVEL:
                if parent.startswith(key) and re.match(r"(ban|uy ban) ", fold(child)):
                    return f"{child} {level_name}"
            return child
    return name_case(_expand(" ".join(lines)))


# A ministry's or a province's committee's letterhead a crawl put on one line: "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN",
# "UBND TỈNH QUẢNG NAM SỞ Y TẾ"
_FLATTENED_PARENT = re.compile(r"^(?:BỘ|ỦY BAN NHÂN DÂN|UBND)\s")
_BEFORE_NO_HEAD = frozenset(["ỦY"] + [w.split()[-1].upper() for w in levels("place_follows")])


def _flattened_letterhead(line: str) -> list[str]:
    """The lines of such a letterhead, parent then body: split where a unit's head word starts after the
    parent's name (not the "BAN" of "ỦY BAN", nor a place's first word: "THÀNH PHỐ HỘI AN", "XÃ ĐOÀN KẾT")."""
    if not _FLATTENED_PARENT.match(line) or not line.isupper():
        return [line]
    words = line.split()
    for k in range(2, len(words) - 1):  # the body's head and at least one word of its name
        if words[k - 1] not in _BEFORE_NO_HEAD and _UNIT_START.match(" ".join(words[k:])):
            return [" ".join(words[:k]), " ".join(words[k:])]
    return [line]


def _expand(caps: str) -> str:
    """Header abbreviations written out ("BCH ĐOÀN" → "BAN CHẤP HÀNH ĐOÀN"), so the issuer is a full name."""
    for row in rows("abbreviations.csv"):
        if row["letterhead"]:  # those a letterhead abbreviates ("BCH ĐOÀN"), not "TP" or "CQ"
            caps = re.sub(r"(?<!\w)" + re.escape(row["abbreviation"]) + r"(?!\w)", row["expansion"].upper(), caps)
    return caps


# "Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:": the body a letter speaks for.
# (the administrative levels a place name follows, data/levels.csv: "tỉnh", "thành phố", "thị xã")
_PLACE_LEVEL = alternatives(levels("place_follows"))
_SPEAKING_BODY = re.compile(r"(?:Chủ tịch|Thường trực|Lãnh đạo)?\s*((?:Ủy ban nhân dân|UBND)\s+" + _PLACE_LEVEL
                            + r"(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][\wà-ỹđ]*)*)\s+(?:có ý kiến|chỉ đạo như sau)", re.I)


def _speaking_body(body_text: str) -> str | None:
    """No header and no issuing verb: the body whose chair "có ý kiến chỉ đạo", its bare level word
    ("Ủy ban nhân dân Thành phố") completed by the place the text names after it elsewhere."""
    head = re.sub(r"\s+", " ", body_text[:6000])
    m = _SPEAKING_BODY.search(head)
    if not m:
        return None
    name = m.group(1)
    if re.search(r"\b" + _PLACE_LEVEL + "$", name, re.I):
        full = re.findall(re.escape(name) + r"((?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-Ỹ][\wà-ỹđ]*)+)", head)
        if full:
            name += Counter(full).most_common(1)[0][0]
    return name


# "Ban Dân vận Tỉnh ủy phối hợp ... xây dựng": a body (data/unit_heads.csv, issuer_subject) before the verb
# (data/issuing_verbs.csv, ends_subject)
_ISSUER_SUBJECT = re.compile(r"^((?:" + "|".join(map(re.escape, heads("issuer_subject"))) + r")\b.*?)(?=\s+"
                             + alternatives(flagged("issuing_verbs.csv", "ends_subject", "verb")) + r"\b)")


def _issuer_from_preamble(body_text: str) -> str | None:
    """No header: "... ; Ban Dân vận Tỉnh ủy phối hợp ... xây dựng Kế hoạch" names the issuer."""
    m = _ISSUING_VERB.search(body_text[:3000])
    if not m:
        return _speaking_body(body_text)
    clause = re.split(r"[;.:]\s*", body_text[: m.start()])[-1]
    # "Thực hiện Kế hoạch số ... của Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng ...": the subject is the
    # last comma-part that names a body (a list of bodies stays whole when the first part names one)
    parts = clause.split(",")
    for k in range(len(parts)):
        candidate = re.sub(r"^(?:và|đồng thời)\s+", "", ",".join(parts[k:]).strip()) + " " + m.group(0)
        subject = _ISSUER_SUBJECT.match(candidate)
        if subject:
            return subject.group(1).strip()
    return None


def _deciding_body(body_text: str) -> str | None:
    """No letterhead (an OCR that lost the header's left column) and no issuing verb: the line in capitals
    that names who decides, just above the first "Căn cứ" ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"),
    names the issuer: the body, without its head's position when a body follows it."""
    lines = [ln.strip(" *#") for ln in body_text[:6000].splitlines() if ln.strip(" *#")]
    first = next((k for k, line in enumerate(lines) if line.startswith("Căn cứ")), 0)
    line = lines[first - 1] if first else ""
    if not (line.isupper() and len(line.split()) <= 14):
        return None
    position = _SIGNER_POSITION.match(line)
    rest = line[position.end():].strip() if position else ""
    return name_case(_expand(rest if rest and _UNIT_START.match(rest) else line))


# The heading of what is printed after the signature: "PHỤ LỤC I", "Phụ lục 02", "Mẫu số 01", "Biểu số 3".
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục\s+(?:[IVX]+|\d+)\b|Mẫu số\b|Biểu mẫu\b|Biểu số\b|MẪU SỐ|BIỂU MẪU)")


# A signature line's position in capitals with no authority before it (data/signer_positions.txt): "PHÓ GIÁM ĐỐC"
_SIGNER_POSITION = re.compile(r"^(?:PHÓ\s+)?" + any_of("signer_positions.txt"))


def _name_lines(sign: list[str]) -> list[str]:
    """Where the signer's name is looked for, nearest first: the lines up to the first name-shaped line
    after the signature's position or authority, from the last back (what follows that name is something
    printed after the signature, e.g. a list whose last row "Xã Hàm Thuận Bắc" is name-shaped); the
    whole block from its end when there is no position line."""
    top = next((k for k, line in enumerate(sign) if line.isupper() and (authority_of(line) or _SIGNER_POSITION.match(line))),
               None)
    if top is None:
        return list(reversed(sign))
    below = next((k for k in range(top + 1, len(sign)) if _NAME.match(sign[k].strip()) and not sign[k].isupper()), None)
    return list(reversed(sign if below is None else sign[:below + 1]))


def _signature_lines(line: str) -> list[str]:
    """A signature block a crawler or a text layer printed on one line ("KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM
    ĐỐC Phạm Lương Sơn", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp") as the lines it
    was printed on: each authority, the position (from "PHÓ" on, or the known position the last
    authority's words end with), the name. Any other line as it is."""
    tokens = line.split()
    k = next((i for i, t in enumerate(tokens) if t != t.upper()), len(tokens))
    # the name ends where capitals start again: "… Vũ Ngọc Anh TÊN ĐƠN VỊ CUNG CẤP: …" (a form printed after it)
    end = next((i for i in range(k + 2, len(tokens)) if tokens[i].isupper() and len(tokens[i]) > 1), len(tokens))
    caps, name = " ".join(tokens[:k]), " ".join(tokens[k:end])
    if not name or not _NAME.match(name):
        return [line]
    if not authority_of(caps):
        # "CHỦ TỊCH Hoàng Quốc Khánh": a position signing in its own name, without an authority
        return [caps, name] if _SIGNER_POSITION.fullmatch(caps) else [line]
    parts = [p.strip() for p in _BEFORE_AUTHORITY.split(caps) if p.strip()]
    found = authority_of(parts[-1])
    rest = found[1] if found else ""
    at = rest.find(" PHÓ ")
    if at < 0:
        # the longest position it ends with ("BỘ TRƯỞNG THỨ TRƯỞNG": "THỨ TRƯỞNG", not "TRƯỞNG")
        at = min((len(rest) - len(p) - 1 for p in words("signer_positions.txt") if rest.endswith(" " + p)), default=-1)
    if at > 0:
        head = parts[-1][:len(parts[-1]) - len(rest) + at]
        parts[-1:] = [head, rest[at + 1:]]
    return [*parts, name]


# before each authority prefix inside a line of capitals ("TM. ỦY BAN NHÂN DÂN | KT. CHỦ TỊCH")
_BEFORE_AUTHORITY = re.compile(r"(?<=\S)\s+(?=(?:" + authority_prefix() + r")\s)")


_LONE_PREFIX = re.compile(authority_prefix(), re.I)


def _closing(lines: list[str], doc: Document) -> None:
    # (a signature line that goes on into the heading of the document the decision issues ends before it;
    # an authority's prefix printed on a line of its own, "KT." ↵ "TỔNG CỤC TRƯỞNG …", goes with the next)
    joined: list[str] = []
    for line in lines:
        if joined and _LONE_PREFIX.fullmatch(joined[-1].strip()):
            joined[-1] = f"{joined[-1].strip()} {line}"
        else:
            joined.append(line)
    lines = [part for line in joined for part in _signature_lines(line[:attached_heading_at(line)].rstrip())]
    recipients: list[str] = []
    in_recipients = open_comma = False
    sign: list[str] = []
    for line in lines:
        if (recipients or sign) and _APPENDIX.match(line):
            break  # an appendix or form printed after the signature: its bullets are no recipients
        if RECIPIENTS.match(line):
            in_recipients = True
            rest = RECIPIENTS.sub("", line, count=1).strip()
            if rest:
                recipients.append(rest.strip(" -,;."))
            continue
        if in_recipients and re.match(r"^[-+•]\s*", line):
            item = re.sub(r"^[-+•]\s*", "", line).strip().rstrip(",;.")
            if not item or item.startswith("}"):
                continue
            if re.search(r"[;,]\s+-\s+\S", item):  # "- V01 - Bộ Công an; - Thường trực Tỉnh ủy;" on one line
                parts = [p.strip().rstrip(",;.") for p in re.split(r"[;,]\s+-\s+", item)]
                recipients.extend(p for p in parts[:-1] if p)
                item = parts[-1]
            if item.startswith("(") and recipients:
                recipients[-1] = f"{recipients[-1]} {item}"
            else:
                recipients.append(item)
            if re.match(r"^Lưu\b", item):
                in_recipients = False  # "Lưu: VT, ..." closes the list
            open_comma = line.rstrip().endswith(",")
            continue
        if in_recipients and recipients and line[:1].islower() and not sign:
            recipients[-1] = f"{recipients[-1]} {line.rstrip(',;.')}"
            continue
        if in_recipients and open_comma and not line.isupper() and not _NAME.match(line.strip()):
            # "- Các Sở: Tài chính, Kế hoạch và Đầu tư," runs on to "Tài nguyên và Môi trường, Xây dựng," even
            # where the signature block's lines fall between them in the reading order
            recipients[-1] = f"{recipients[-1]}, {line.strip().rstrip(',;.')}"
            open_comma = line.rstrip().endswith(",")
            continue
        sign.append(line)
    doc.recipients = recipients
    authority = position = name = None
    for k, line in enumerate(sign):
        found = authority_of(line)
        if found and line.isupper() and position is None:
            part = f"{found[0]} {sentence_case(found[1])}"
            authority = f"{authority}, {part}" if authority else part
            if k + 1 < len(sign) and sign[k + 1].isupper() and not authority_of(sign[k + 1]) \
                    and not _NAME.match(sign[k + 1]):
                position = sentence_case(sign[k + 1])
        elif authority is None and position is None and line.isupper() and len(line.split()) <= 6 \
                and _SIGNER_POSITION.match(line):
            position = sentence_case(line)
    for line in _name_lines(sign):
        candidate = re.sub(r"^(?:Đã ký|\(Đã ký\)|\[.*?\])\s*", "", line).strip()
        candidate = _RANK.sub("", candidate)  # "Đại tá Nguyễn Văn Hùng": the rank is not the name
        if _NAME.match(candidate) and not MOTTO.search(candidate):
            name = candidate
            break
    doc.signer = Signer(name=name, position=position, authority=authority)
