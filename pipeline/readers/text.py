"""Plain text and Markdown: decoding (UTF-8, BOM, UTF-16, legacy 8-bit) and emphasis."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from extractors.fields import column_role
from extractors.grammar import PAGE_FURNITURE, ROMANS, WHOLE_NUMBER, marker_of, opens_paragraph
from extractors.lexicon import heads
from extractors.text import fold
from extractors.units import names_actor, starts_actor
from pipeline.errors import ReadError
from pipeline.readers.emphasis import strip_emphasis
from pipeline.readers.encoding import decode_with_warnings
from pipeline.readers.html_table import continues_table, html_table_rows
from pipeline.source import Block, Source

# Markdown emphasis around words (*x*, **x**, _x_); a "* " bullet at line start is not emphasis.
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_BULLET = re.compile(r"^(\s*)\*\s+")  # "+ " stays: Vietnamese plans use it one level under "- "
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00":  # UTF-16 LE without BOM
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from pipeline.readers.legacy import decode_legacy_bytes

    text = decode_legacy_bytes(data)
    if text is None:
        raise ReadError("not UTF-8/UTF-16 text and no known Vietnamese legacy encoding fits")
    return text


_EMPHASIS_RUN = re.compile(r"(?<![\\*])\*+")


def _odd_emphasis(line: str) -> bool:
    return len(_EMPHASIS_RUN.findall(_BULLET.sub("", line))) % 2 == 1


def _join_split_emphasis(lines: list[str]) -> list[str]:
    """"*2.1. Sở" / "Tài chính*": emphasis opened on one line and closed on the next is one
    phrase that a wrap cut (crawled pages); the two lines are one."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and _odd_emphasis(out[-1]) and _odd_emphasis(line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def strip_markdown(line: str) -> str:
    # pandoc's hard line break (a "\" ending the line) goes; its escapes ("\*", "1\.") stand for the
    # character itself, kept out of the way of the emphasis rule until the end
    if line.endswith("\\"):  # not re.sub(r"\s*\\$"): that retries the run of spaces from each of its spaces
        line = line[:-1].rstrip()
    line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", lambda m: chr(0xE000 + ord(m.group(1))), line)
    line = _HEADING.sub("", line)
    line = _BULLET.sub(r"\1- ", line)
    line = strip_emphasis(line).replace("**", "")  # = _EMPHASIS.sub(r"\2", line), in linear time
    # an emphasis mark left unpaired; linear: after the "**" above no run of marks is longer than one
    line = re.sub(r"(?<!\S)\*+(?=\S)|(?<=\S)\*+(?!\S)|\s\*+$", "", line)
    return re.sub("[\ue000-\ue0ff]", lambda m: chr(ord(m.group(0)) - 0xE000), line)


# A page number copied out of a PDF between the halves of a sentence: "2", "- 2 -", "Trang 2"
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:[Tt]rang\s+)?\d{1,3}(?:\s*-)?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text breaks at, or None when lines are whole paragraphs."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip() and not _is_row(line))
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1]
    near = sum(1 for n in lengths if 0.8 * width <= n <= width)
    # headers, field lines and list items are short: a fifth of the lines at the width is enough
    return width if width >= 50 and near >= max(6, 0.15 * len(lengths)) else None


def _cells(line: str) -> list[str]:
    if "\t" in line.strip():
        return [c.strip() for c in line.strip().split("\t")]
    return [c.strip() for c in line.strip().strip("|").split("|")]


# the two cells of a group row in a table without border: its numeral and its title
_GROUP_ROW = re.compile(r"^\s*(?:[IVXLC]{1,5}|\d{1,2}|[A-ZĐ])\s*\|[^|]+$")


def _is_row(line: str) -> bool:
    """A table row as plain text: cells between pipes, or separated by tabs (a copied Word table)."""
    if line.count("|") >= 2 and not _TABLE_RULE.match(line):
        return True
    return sum(1 for c in line.strip().split("\t") if c.strip()) >= 2


# (not the blank a number's slot leaves before its year and code: "Số: 70          /2024/QĐ-UBND")
_COLUMN_GAP = re.compile(r"(?<=[^\s\d]) {6,}(?=\S)|(?<=\d) {6,}(?=[^\s/])")
_COLUMN_WIDTH = 55  # characters: a column of a two-column layout is at most half a line of text


def _columns(run: list[str]) -> list[list[str]] | None:
    """Lines laid out in two columns with spaces ("Nơi nhận:      KT. GIÁM ĐỐC") as [left, right] rows;
    a line standing far to the right belongs to the right column (two lines in columns, or one and one so placed:
    "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG      CỘNG HÒA …" over "Số: …" and "          Hà Nội, ngày …")."""
    gaps = sum(1 for line in run if _COLUMN_GAP.search(line))
    if gaps < 2 and not (gaps and any(len(line) - len(line.lstrip()) >= 20 for line in run)):
        return None
    rows = []
    for line in run:
        m = _COLUMN_GAP.search(line)
        if m:
            rows.append([line[: m.start()].strip(), line[m.end():].strip()])
        elif len(line) - len(line.lstrip()) >= 20:
            rows.append(["", line.strip()])
        else:
            rows.append([line.strip(), ""])
    return rows


_ADDRESSEES = re.compile(r"^\s*Kính\s+gửi\s*:\s*", re.I)


def _after_addressees(line: str, following: str) -> bool:
    """Does the letter's first paragraph start on the line after "Kính gửi: …"? A PDF's text lays the
    addressees out in a column after "Kính gửi:"; the paragraph's first line stands left of that column."""
    m = _ADDRESSEES.match(line)
    if m is None:
        return False
    rest = following.lstrip()
    return rest[:1].isupper() and len(following) - len(rest) < m.end() - 2


def _ends_with_label(line: str) -> bool:
    """"...; Đơn vị chủ trì: Ban Tuyên giáo; Thời gian:": a field label whose value is on the next line."""
    tail = re.split(r"[.;]", line.rstrip())[-1]
    return line.rstrip().endswith(":") and ";" in line and len(tail.split()) <= 5


def _stands_alone(lines: list[str], j: int, running: set[str]) -> bool:
    """A running header at line j: a line printed on several pages, with a blank or a page number after it.
    One that runs straight into the next line is the first line of a paragraph that recurs ("Chủ trì triển
    khai các nhiệm vụ" / "tại mục (1) của Kế hoạch.")."""
    return lines[j].strip() in running and (j + 1 >= len(lines) or not lines[j + 1].strip()
                                            or bool(_PAGE_NUMBER.match(lines[j + 1])))


def _after_page_number(lines: list[str], k: int, running: set[str]) -> int | None:
    """"... xử lý kịp thời" / "" / "2" / "" / "các sự cố ...": the index of the line that goes on
    with line k's sentence after a page break, or None. What stands between is a page number
    or a running header (a short line printed on several pages, in `running`), or only blank lines: a
    Vietnamese paragraph never opens in lower case ("- Tổ chức … tham gia bảo vệ" / "" / "môi trường, …",
    a PDF's text copy breaking a sentence with a blank line)."""
    if lines[k].rstrip()[-1:] in ".;:!?":
        return None
    j = k + 1
    while j < len(lines) and (not lines[j].strip() or _PAGE_NUMBER.match(lines[j]) or _stands_alone(lines, j, running)):
        j += 1
    # ("a) Chủ trì ..." after "1. Bộ Ngoại giao" and a page break opens an item of its own)
    return j if j > k + 1 and j < len(lines) and lines[j].lstrip()[:1].islower() and not opens_paragraph(lines[j]) \
        and not _LETTERED.match(lines[j]) else None


_LETTERED = re.compile(r"\s*[a-zđ]\d{0,2}\s*[.)]")  # "a. Chủ trì …", "b1) …": a point of its own


def _blank_separated(lines: list[str]) -> bool:
    """Paragraphs set apart by blank lines, as Markdown writes them: then a line break inside a
    paragraph is only a wrap (crawled pages break lines anywhere, the first line of a paragraph short)."""
    blank = sum(1 for line in lines if not line.strip())
    if len(lines) >= 20 and blank >= 0.3 * (len(lines) - blank):
        return True
    # long paragraphs make blank lines rare, but then nearly every numbered or bulleted line has a blank
    # line before it (in a text with one paragraph a line, almost none has)
    marked = [k for k in range(1, len(lines)) if _LIST_LINE.match(lines[k])]
    return len(marked) >= 10 and sum(1 for k in marked if not lines[k - 1].strip()) >= 0.75 * len(marked)


_LIST_LINE = re.compile(r"\s*(?:[a-zđ]\)|\d{1,2}\.|[-+]\s)")


_SENTENCE_END = ".;!?"
# a line that is nothing but a numbering mark: "1.", "2.1.", "II.", "a)"
_BARE_MARKER = re.compile(r"^\s*(?:[IVXLC]+\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\))\s*$")


def _goes_on(line: str, following: str, blank_separated: bool) -> bool:
    """A sentence that a line break cut: "- Cơ quan thực hiện: Bộ Công" / "an, Bộ Tư pháp ...".
    A Vietnamese paragraph never opens in lower case or on a bare figure ("2025 và các năm ..."),
    so such a line continues the one before unless that one ended its sentence. In blank-line
    paragraphs a line ending on a lower-case word ("5. Xây dựng Nghị định của" / "Chính phủ")
    goes on too, as does a numbered capital heading ("II. NỘI" / "DUNG")."""
    end, first = line.rstrip()[-1:], following.lstrip()[:1]
    if _BARE_MARKER.match(line) and following.strip():
        return True  # "**1." / "Các cơ quan ...:**": a crawled page broke the heading after its number
    if _ends_on_unit_head(line) and first.isupper() and len(following.split()) >= 6:
        return True  # "Điều 2. Sở" / "Công Thương có trách nhiệm ...": a unit's name broken after its head
    if end in _SENTENCE_END or re.match(r"\s*[a-zđ][.)]\s", following):
        return False
    if first.islower() or (first.isdigit() and not opens_paragraph(following)):
        return True
    if not blank_separated or end == ":" or not first.isupper():
        return False
    # Markdown: lines with no blank between them are one paragraph — except a line in capitals
    # (a position over a signer's name, a heading), which stands alone unless it is a numbered heading
    # broken in two ("II. NỘI" / "DUNG")
    if re.match(r"\s*[IVXLC]+\.\s+[A-ZĐÀ-Ỹ\s]+$", line) and following.strip().isupper():
        return True
    return any(c.islower() for c in line) and not _is_row(following)


@lru_cache(maxsize=1)
def _unit_head_at_end() -> re.Pattern:
    # heads that name an institution only before its proper name ("Sở", "Chi cục"), as printed
    words = sorted(heads("needs_name"), key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(w) for w in words) + r")\s*$")


def _ends_on_unit_head(line: str) -> bool:
    """A line of running text (not one in capitals) that ends on the head of a unit's name: the name
    is on the next line, as a head is never the last word of a sentence."""
    return any(c.islower() for c in line) and bool(_unit_head_at_end().search(line))


def _is_pipe(line: str) -> bool:
    return line.strip() == "|"


def _flattened_cell(lines: list[str], k: int) -> tuple[str, int] | None:
    """The cell opening at line k, up to the "|" line that closes it: (its text, the index after
    that "|"), or None when no "|" closes it. Its lines are wrapped paragraphs, read as elsewhere."""
    end = k
    while end < len(lines) and not _is_pipe(lines[end]):
        end += 1
    if end == len(lines):
        return None
    # an emphasised blank ("** **") leaves a lone mark: the cell is empty
    paragraphs = [b.text.strip() for b in _blocks(lines[k:end]) if b.text.strip(" *")]
    return "\n".join(paragraphs), end + 1


def _flattened_table(lines: list[str], k: int) -> tuple[list[list[str]], int, set] | None:
    """A table crawled from a web page with every cell on lines of its own: a line holding only
    "|" opens each row and closes each cell, so a row of n cells is "|", then n times the cell's
    lines and "|" (an empty cell is a "|" at once), and the table ends where a row is not
    followed by a "|". The header row is the cells up to the first empty one; the rows after
    it each have as many, or, under an STT column, may be short (see _ragged_rows). Returns the
    rows, the index after the table and the grid positions merged down, or None for
    anything else set between "|" lines: a two-column layout (the national motto beside the
    issuer, "Nơi nhận" beside the signature) or label and value pairs ("Số hiệu:" | "624")."""
    if not _is_pipe(lines[k]):
        return None
    header, pos = [], k + 1
    while pos < len(lines) and not _is_pipe(lines[pos]):
        cell = _flattened_cell(lines, pos)
        if cell is None:
            return None
        header.append(cell[0])
        pos = cell[1]
    n = len(header)
    if n < 3 or pos >= len(lines) or any(c.endswith(":") or len(c.split()) > 12 or "\n" in c for c in header):
        return None
    ragged = _ragged_rows(lines, pos + 1, header) if _INDEX_HEADER.fullmatch(header[0].strip(" *")) else None
    rows, pos = [header], pos + 1  # past the "|" opening the second row
    while True:
        row, at = [], pos
        for _ in range(n):
            if at < len(lines) and _is_pipe(lines[at]):
                row.append("")
                at += 1
                continue
            cell = _flattened_cell(lines, at) if at < len(lines) else None
            if cell is None:
                break
            row.append(cell[0])
            at = cell[1]
        if len(row) < n:
            break
        rows.append(row)
        pos = at
        if pos < len(lines) and _is_pipe(lines[pos]):
            pos += 1
        else:
            break
    if ragged and (len(rows) < 3 or ragged[1] > pos):
        return ragged  # rows of n cells did not reach as far: some rows are short
    if len(rows) < 3:
        return None
    return rows, pos, set()


def _cell_line_table(lines: list[str], k: int) -> tuple[list[list[str]], int] | None:
    """A table whose header kept its pipes and whose body lost them, each cell on a line of its own (a
    converted PDF): "| TT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp |", its rule, the titles a
    narrow page pushed out ("Thời gian thực hiện"), then each row: its number on a line, then its cells, one a
    line; a number with one line under it is a group's title. A row's lines beyond its cells go on with its
    work. The rows, and the index after the table; None for anything else."""
    if not (k + 2 < len(lines) and _is_row(lines[k]) and _TABLE_RULE.match(lines[k + 1])
            and not _is_row(lines[k + 2]) and lines[k + 2].strip()):
        return None
    header = [c for c in _cells(lines[k]) if c]
    if len(header) < 3 or not _INDEX_HEADER.fullmatch(header[0].strip(" *")):
        return None
    pos = k + 2
    while pos < len(lines) and lines[pos].strip() and not _is_row_number(lines[pos]) and len(header) < 9:
        if len(lines[pos].split()) > 6:
            return None
        header.append(lines[pos].strip())  # a title the page's width pushed out of the header row
        pos += 1
    kinds = [_column_kind(t) for t in header[1:]]
    if "task" not in kinds or not {"lead", "implementers"} & set(kinds):
        return None
    rows, n = [header], len(header)
    while pos < len(lines) and _is_row_number(lines[pos]):
        number, pos = lines[pos].strip().rstrip(".)"), pos + 1
        cells: list[str] = []
        while pos < len(lines) and lines[pos].strip() and not _is_row_number(lines[pos]) \
                and not _AFTER_TABLE.match(lines[pos].strip()):
            cells.append(lines[pos].strip())
            pos += 1
        if len(cells) > n + 1:  # more than a wrapped line or two over: the text after the table follows the row
            rows.append([number] + cells[:n - 1])
            return (rows, pos - (len(cells) - (n - 1))) if len(rows) >= 3 else None
        if len(cells) >= n - 1:  # a row: its work goes on in the lines its cells left over
            cells = [" ".join([cells[0]] + cells[n - 1:])] + cells[1:n - 1]
        elif len(cells) == 1:
            cells = cells * (n - 1)  # a group's title, merged across the row (a merged cell repeats its text)
        else:
            break
        rows.append([number] + cells)
    return (rows, pos) if len(rows) >= 3 else None


# the header of a table's numbering column: "TT", "STT", "Số TT"
_INDEX_HEADER = re.compile(r"(?:[Ss]ố\s*)?S?\.?\s*T\.?\s*T\.?")
# a cell that is nothing but a row's number: "I", "12", "1.2", "3.", "a)"
_ROW_NUMBER = re.compile(r"(?:[IVXLC]{1,7}|\d{1,3}(?:\.\d{1,3})*|[a-zđA-ZĐ])[.)]?")


def _is_row_number(cell: str | None) -> bool:
    return cell is not None and bool(_ROW_NUMBER.fullmatch(cell.strip(" *")))


def _ragged_rows(lines: list[str], pos: int, header: list[str]) -> tuple[list[list[str]], int, set] | None:
    """The body of a flattened table whose first column numbers the rows (STT), read where rows
    may be short. A web page prints a merged cell once, in the first row it covers: a group row
    ("I" | "Hoàn thiện thể chế ...") has two cells, a row under a merged last column one cell
    fewer, and a second row of a merged STT no number at all. An empty cell and the end of a row
    are alike ("|" twice), so a row is known by its number instead: a bare "|" before a number
    opens a row; between two numbers, a "|" after a full row, or where the cells would not fit
    one row, opens a row of the merged number. A short row takes its missing cells from the row
    above (merged down; their positions are returned), except a group row, which has none.
    pos is the index after the "|" that opens the first body row."""
    n = len(header)
    tokens: list[tuple[str | None, int]] = []  # the cells in order, None for a bare "|"; each with the index after it
    at = pos
    while at < len(lines):
        if _is_pipe(lines[at]):
            tokens.append((None, at + 1))
            at += 1
            continue
        cell = _flattened_cell(lines, at)
        if cell is None or cell[0].strip(" *") == header[0].strip(" *"):
            break  # the text after the table, or the header of the next table
        if tokens and tokens[-1][0] is not None and (_cells_since_number(tokens) >= 3 * n
                                                     or any(not line.strip() for line in lines[at:cell[1]])):
            break  # a paragraph after a row with no "|" between: the table has ended
        tokens.append(cell)
        at = cell[1]
    rows, merged = [header], set()
    i, end = 0, pos
    while i < len(tokens):
        # a row that opens with its number, then the rows that share its merged number
        chunk_end = next((j for j in range(i + 1, len(tokens) - 1)
                          if tokens[j][0] is None and _is_row_number(tokens[j + 1][0])), len(tokens))
        first, ended = True, False
        while i < chunk_end:
            # a row of a merged number has no number cell, unless it prints a blank one ("** **")
            first = first or tokens[i][0] == ""
            limit = n if first else n - 1
            if chunk_end - i <= limit:
                stop = chunk_end
            elif chunk_end == len(tokens):  # the last row: full, and what follows it with no "|" is not the table
                stop = i + limit
                ended = tokens[stop][0] is not None
            else:  # the row ends at the last bare "|" its cells fit before, where a cell follows
                stop = next((j for j in range(i + limit, i, -1)
                             if tokens[j][0] is None and j + 1 < chunk_end and tokens[j + 1][0] is not None),
                            i + limit)
                ended = tokens[stop][0] is not None  # a full row and no "|" after it: the table ends
            # a number emphasised apart from its spaces ("** II**") keeps a stray mark: the number alone
            cells = [(t[0] or "").strip(" *") if _is_row_number(t[0]) else t[0] or "" for t in tokens[i:stop]]
            if not first:
                cells = [rows[-1][0], *cells]
                merged.add((len(rows), 0))
            group = first and len(cells) == 2 and _is_row_number(cells[0])
            if len(cells) < n and not group and len(rows) > 1:
                merged.update((len(rows), c) for c in range(len(cells), n))
                cells += rows[-1][len(cells):]
            for k, stacked in enumerate(_unstacked(cells + [""] * (n - len(cells)))):
                if k:  # a cell the stacked rows share is one merged cell
                    merged.update((len(rows), c) for c, cell in enumerate(stacked) if cell == rows[-1][c])
                rows.append(stacked)
            end = tokens[stop - 1][1]
            i, first = stop + 1, False  # past the "|" that opens the next row
            if ended:
                break
        if ended:
            break
        i = chunk_end + 1
    if len(rows) < 3:
        return None
    return rows, end, merged


# A task table whose PDF text was extracted without its layout (the gazette's texts): the header's titles, then
# each row as its number alone on a line and its cells one after another, each wrapped over narrow lines
# (a row's number alone on its line, or before its first cell after a run of spaces: "7  Đề án về …")
# ("1.1" under a group "1." printed as a numbered line over its title: rows numbered within their group)
_ROW_NUMBER_LINE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})?)\.?(?:\s*$|\s{2,}(\S.*)$)")


_NUMBERED_TITLE = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")  # "2. Đẩy mạnh nghiên cứu …": a group's number and title


def _follows(number: str | None, after: str) -> bool:
    """Is row number `after` the one after `number`: "4" after "3", "1.2" after "1.1", "2.1" after "1.3" or after
    its group "2" (None: the first row)."""
    if number is None:
        return True
    (a, _, b), (c, _, d) = number.partition("."), after.partition(".")
    if not d:
        return int(c) == int(a) + 1
    return (int(c) == int(a) and bool(b) and int(d) == int(b) + 1) or (int(d) == 1 and int(c) in (int(a), int(a) + 1))


def _numbers_its_group(lines: list[str], at: int, number: str) -> bool:
    """Is the line before `at`, numbered `number` ("2."), the heading of a group whose rows follow as "2.1", "2.2"?"""
    for line in lines[at:at + 8]:
        if m := _ROW_NUMBER_LINE.match(line):
            return m.group(1) == f"{number}.1"
    return False
_GROUP_LINE = re.compile(r"^\s*[IVX]{1,5}\.\s+\S")  # "II. Tên nhóm"
# what follows a table: the next article or appendix, "Nơi nhận", the signature's authority
_AFTER_TABLE = re.compile(r"^(?:Điều\s+\d+\s*[.:]|PHỤ LỤC\b|Phụ lục\b|Nơi nhận\s*:|(?:KT|TM|TL|Q)\.\s+[A-ZĐ])")
_FOOTNOTE = re.compile(r"\d{1,2}\s+[A-ZĐÀ-Ỹ]")
# where a cell of the result column opens: a document or a report ("Báo cáo hằng năm" names no newspaper), or the
# issuer of one wrapped onto a line of its own ("Quyết định của" / "Bộ trưởng Bộ …")
_RESULT_START = re.compile(r"^(?:Báo cáo|Quyết định|Nghị định|Nghị quyết|Thông tư|Đề án|Kế hoạch|Chương trình|Văn bản|Hồ sơ"
                           r"|Tờ trình|Bộ trưởng)\b")
# where a cell of the time or basis column opens (folded words would do; these are as printed)
_TIME_START = re.compile(r"^(?:\d{4}\b|Thường|Hằng|Hàng|Tháng|Quý|Năm|Trước|Trong|Từ|Giai đoạn|Định kỳ|Kỳ họp|Theo"
                         r"|(?:Thực hiện|Nhiệm vụ) (?:thường xuyên|hằng|hàng|định kỳ))")  # "Nhiệm vụ thường xuyên"
# a line that ends on a word that cannot end a cell ("Bộ Giáo dục và" / "Đào tạo", "… của" / "Bộ Chính trị",
# "Các" / "Bộ, ngành"), or on the dash of a span ("Năm 2026 –" / "2030")
_GOES_ON = re.compile(r"(?:^|\s)(?:[Vv]à|[Cc]ủa|[Vv]ề|[Vv]ới|[Cc]ác|[Cc]ho|[Tt]rong|[Tt]ại|[Tt]heo|[Đđ]ối với)$|\s[-–]$")
_BASIS_START = re.compile(r"^(?:Nghị quyết|Chương|Kết luận|Quyết định|Chỉ thị|Luật|Nghị định|Thông báo|Kế hoạch|Văn bản)")


def _wrapped_table(lines: list[str], k: int) -> tuple[list[list[str]], int] | None:
    """The rows of a wrapped, layout-less task table that opens at line k ("TT"/"STT" alone on its line),
    and the index after it; None for anything else. The cells of a row are told apart by how they wrap:
    the task's column is the widest, so its lines run near its width until its last; every other cell
    opens on a capital (a lower-case line goes on with the cell above) and its kind names its column: the
    units first, then the result, then a time ("Thường xuyên", "2026", "Tháng 5/2026"), then the
    document it rests on ("Nghị quyết số …"). Page furniture, a repeated header and footnotes ("1 Nghị
    quyết số …", far wider than any cell) between rows are dropped."""
    if not _INDEX_HEADER.fullmatch(lines[k].strip()):
        return None
    header, at = [lines[k].strip()], k + 1
    header_lines = {lines[k].strip()}
    while at < len(lines) and not _ROW_NUMBER_LINE.match(lines[at]) and not _GROUP_LINE.match(lines[at]) \
            and lines[at].strip().rstrip(".") != ROMANS[0]:
        line = lines[at].strip()
        header_lines.add(line)
        if line and (line[:1].isupper() or len(header) == 1):
            header.append(line)
        elif line:
            header[-1] += " " + line
        at += 1
        if len(header) > 9:
            return None
    titles = [" ".join(h.split()) for h in header[1:]]
    kinds = [_column_kind(t) for t in titles]
    if len(header) < 4 or not {"lead", "implementers"} & set(kinds) or "task" not in kinds:
        return None
    rows: list[list[str]] = [header]
    body: list[str] = []
    number: str | None = None
    after_furniture = footnote = False
    groups = 0  # group headings met
    last: str | None = None  # the last row or group number read

    def close() -> None:
        if number is not None and body:
            rows.append([number, *_wrapped_cells(body, kinds)])

    while at < len(lines):
        raw = lines[at]
        line = raw.strip()
        at += 1
        furniture = PAGE_FURNITURE.match(line) or (after_furniture and _PAGE_NUMBER.match(raw))
        after_furniture = bool(furniture) or (after_furniture and not line)
        # a footnote at the page's foot ("1 Nghị quyết số 66-NQ/TW ngày …", wider than any cell) and its wrapped lines
        footnote = len(line) > 60 and (bool(_FOOTNOTE.match(line)) or footnote and line[:1].islower())
        group_title = number is None and len(rows) > 1 and not any(rows[-1][2:])  # a group's title goes on
        # the page's running head and number, the header printed again, a footnote
        if not line or furniture or line in header_lines or footnote and not group_title:
            continue
        if (m := _ROW_NUMBER_LINE.match(raw) or _NUMBERED_TITLE.match(raw)) and "." not in m.group(1) \
                and _numbers_its_group(lines, at, m.group(1)) and _follows(last, m.group(1)):
            # "2." over "Huy động nguồn lực" (or "2. Huy động …") and its rows "2.1", "2.2": the group's heading, its
            # title merged across the row (two cells)
            close()
            rows.append([m.group(1), (m.group(2) or "").strip()])
            number, body, last = None, [], m.group(1)
        elif (m := _ROW_NUMBER_LINE.match(raw)) and _follows(last, m.group(1)):
            close()
            number, body, last = m.group(1), [m.group(2)] if m.group(2) else [], m.group(1)
        elif _GROUP_LINE.match(raw) or line.split()[0].rstrip(".") == ROMANS[min(groups, len(ROMANS) - 1)]:
            # a group's heading: "II. Tên nhóm", or the next numeral ("IV Huy động …", "II" over its title; a
            # numeral out of turn, "XVI" in a cell, is not one)
            groups += 1
            close()
            group_number, title = line.split(None, 1) if len(line.split()) > 1 else (line, "")
            rows.append([group_number.rstrip("."), title.strip()] + [""] * (len(kinds) - 1))
            number, body, last = None, [], None
        elif _AFTER_TABLE.match(line):
            at -= 1
            break  # the next article, appendix or the signature: the table has ended
        elif number is not None:
            body.append(raw.rstrip())
        elif group_title:
            rows[-1][1] = (rows[-1][1] + " " + line).strip()  # a group's title, or its title wrapped
        elif len(rows) > 1:
            at -= 1
            break  # text after the table
    close()
    return (rows, at) if len(rows) >= 3 else None


def _wrapped_cells(body: list[str], kinds: list[str]) -> list[str]:
    """A wrapped row's lines → its cells, one for each column's kind (_column_kind; the index column left out)."""
    # two cells on one line, set apart by a run of spaces ("cơ quan ngang bộ  Bộ Tư pháp")
    lines = [part for line in body for part in re.split(r"(?<=\S)\s{2,}(?=[A-ZĐÀ-Ỹ])", line.strip()) if part]
    width = max(len(line) for line in lines)
    task = [lines[0]]
    i = 1
    # the task's cell: a line near its width goes on into a line that is long itself or opens in lower case
    while i < len(lines) and (len(lines[i - 1]) >= 0.7 * width and (len(lines[i]) >= 0.5 * width or lines[i][:1].islower())
                              or _GOES_ON.search(lines[i - 1])):
        task.append(lines[i])
        i += 1
    segments: list[str] = []
    for line in lines[i:]:
        # (a one-word segment is a name or a period cut by the column's width: "Năm" / "2026 – 2030")
        if segments and (line[:1].islower() or not line[:1].isalpha() and not line[:1].isdigit()
                         or segments[-1].endswith(",") or _GOES_ON.search(segments[-1])
                         or " " not in segments[-1] and segments[-1][-1:].isalpha() and not segments[-1].isupper()):
            segments[-1] += " " + line
        else:
            segments.append(line)
    cells = {"task": " ".join(task)}
    # from the right: the document it rests on, then the time
    if "basis" in kinds:
        at = next((j for j in range(len(segments) - 1, -1, -1) if _BASIS_START.match(segments[j])), len(segments))
        cells["basis"], segments = " ".join(segments[at:]), segments[:at]
    if "timeline" in kinds:
        when = next((j for j in range(len(segments) - 1, -1, -1) if _TIME_START.match(segments[j])), None)
        if when is not None:
            cells["timeline"], segments = " ".join(segments[when:]), segments[:when]
    # from the left: the units, then the result
    for kind in ("lead", "implementers", "coordinators"):
        if kind in kinds and segments and starts_actor(segments[0]):
            # the partners' cell may list several bodies, each on lines of its own ("Bộ Khoa học và Công nghệ" /
            # "Cơ quan, tổ chức và doanh nghiệp liên quan"): every segment that names one, up to the result
            taken = 1 if kind != "coordinators" else next(
                (j for j in range(1, len(segments)) if not names_actor(segments[j]) or _RESULT_START.match(segments[j])),
                len(segments))
            cells[kind], segments = "; ".join(segments[:taken]), segments[taken:]
    if "products" in kinds:
        cells["products"], segments = " ".join(segments), []
    return [" ".join(cells.get(kind, "").split()) for kind in kinds]


def _column_kind(title: str) -> str:
    """A column's role as a task table's header names it (extractors.fields.column_role: "task", "lead",
    "implementers", "coordinators", "timeline", "products", ...), and the two such tables add: the result it
    gives ("Kết quả", read as its product) and the document it rests on ("Căn cứ bổ sung")."""
    if role := column_role(title):
        return role
    folded = fold(title)
    if folded.startswith(("ket qua", "san pham")):
        return "products"
    return "basis" if folded.startswith(("can cu", "co so")) else "other"


def _unstacked(row: list[str]) -> list[list[str]]:
    """A row that a crawled page printed as two or more stacked in one: the task cell (after the
    number) and two cells more each hold k paragraphs, one a row, the other cells one or none, which
    the rows share ("Bố trí nhân lực ... ↵ Bố trí nhân lực ..." | "Các sở, ngành ↵ Sở Tài chính" |
    "Sở Tài chính ↵ Các sở, ngành" | "Năm 2026"). Any other row is itself."""
    if len(row) < 4:
        return [row]
    counts = [len(cell.split("\n")) if cell else 0 for cell in row]
    k = counts[1]
    if k < 2 or sum(c == k for c in counts[2:]) < 2 or any(c not in (0, 1, k) for c in counts[2:]):
        return [row]
    return [[cell.split("\n")[j] if c == k and i else cell for i, (cell, c) in enumerate(zip(row, counts))]
            for j in range(k)]


def _cells_since_number(tokens: list[tuple[str | None, int]]) -> int:
    """How many cells were read since the last bare "|" before a row's number."""
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k - 1][0] is None and _is_row_number(tokens[k][0]):
            return len(tokens) - k
    return len(tokens)


def _blocks(lines: list[str]) -> list[Block]:
    """Paragraphs and pipe tables. A hard-wrapped line (one that reaches the wrap width)
    runs on into the next unless that one opens a paragraph of its own."""
    width = _wrap_width(lines)
    blank_separated = _blank_separated(lines)
    seen = Counter(line.strip() for line in lines if line.strip() and len(line.strip()) < 60)
    # a short line printed on several pages is a running header, unless it opens a paragraph or is a
    # document number wrapped onto a line of its own ("01-HD/BTCTU." after "... Hướng dẫn số")
    running = {s for s, n in seen.items() if n >= 2 and not opens_paragraph(s) and not WHOLE_NUMBER.match(s)
               and not s[:1].islower()}  # a short lower-case line seen twice ("ngành.") is a wrapped tail
    blocks: list[Block] = []
    tables_at: dict[int, tuple | None] = {}

    def table_at(i: int):
        if i not in tables_at:
            tables_at[i] = _flattened_table(lines, i) if _is_pipe(lines[i]) else None
        return tables_at[i]

    k = 0
    while k < len(lines):
        line = lines[k]
        if line.lstrip().startswith("<table"):  # a converter's HTML table, up to its end tag
            end = k + 1
            while end < len(lines) and "</table>" not in lines[end - 1]:
                end += 1
            rows = html_table_rows("\n".join(lines[k:end]))
            last = blocks[-1].rows if blocks else None
            if continues_table(rows) and last and len(last[0]) == len(rows[0]):
                last.extend(rows[1:])  # the same table on the next page, under placeholder titles
            elif rows:
                blocks.append(Block(text="", rows=rows))
            k = end
            continue
        if _INDEX_HEADER.fullmatch(line.strip()) and (wrapped := _wrapped_table(lines, k)):
            rows, k = wrapped
            blocks.append(Block(text="", rows=rows))
            continue
        if cell_lines := _cell_line_table(lines, k):
            rows, k = cell_lines
            blocks.append(Block(text="", rows=rows))
            continue
        if flattened := table_at(k):
            rows, k, merged = flattened
            blocks.append(Block(text="", rows=rows, repeats_are_merges=False, merged_down=merged or None))
            continue
        if _is_row(line):
            rows = []
            # a table drawn without its outer border ("Thời gian | Nội dung | …"): a row that opens or closes on
            # a pipe has an empty first or last cell there; a group row of two cells ("I | GIAI ĐOẠN 1: …") is one
            bordered = line.strip().startswith("|") or "|" not in line  # (or no pipes: cells between tabs)
            while k < len(lines) and (_is_row(lines[k]) or _TABLE_RULE.match(lines[k])
                                      or (rows and not bordered and _GROUP_ROW.match(lines[k]))):
                if not _TABLE_RULE.match(lines[k]):
                    rows.append(_cells(lines[k]) if bordered else [c.strip() for c in lines[k].strip().split("|")])
                k += 1
            if len(rows) >= 2:
                blocks.append(Block(text="", rows=rows))
            else:  # one row: a layout of side-by-side blocks ("Nơi nhận: …" | "KT. CHỦ TỊCH … <name>"), each its own
                blocks.extend(Block(text=cell) for r in rows for cell in r if cell.strip())
            continue
        if _COLUMN_GAP.search(line) and line.count("|") < 2:
            end = k
            # up to a blank line; a line of running text (no gap, wider than a column: "Ngày 09 tháng 6 năm
            # 2025, Chính phủ ban hành …") ends the side-by-side blocks where the text has no blank lines
            while end < len(lines) and lines[end].strip() and not _is_row(lines[end]) \
                    and (end == k or _COLUMN_GAP.search(lines[end]) or len(lines[end].strip()) <= _COLUMN_WIDTH):
                end += 1
            columns = _columns(lines[k:end])
            if columns:
                blocks.append(Block(text="", rows=columns))
                k = end
                continue
        text = line
        while True:
            if (resume := _after_page_number(lines, k, running)) is not None:
                k = resume  # the page number goes; the sentence goes on
            elif k + 1 < len(lines) and lines[k + 1].strip() and not opens_paragraph(lines[k + 1]) \
                    and not _is_row(lines[k + 1]) and not table_at(k + 1) and not _after_addressees(line, lines[k + 1]) and (
                        # hard-wrapped at the width, unless a sentence ended and a new one starts
                        (width and len(line.rstrip()) >= 0.8 * width
                         and not (line.rstrip()[-1:] in ".;:" and lines[k + 1].lstrip()[:1].isupper()
                                  and not _ends_with_label(line)))
                        # a list broken after its comma: "Sở Tài chính, Sở Nội vụ," / "các sở, ban, ngành."
                        # or / "Ban Quản lý ..." (a sentence of running text never ends on a comma; a
                        # header line in capitals may)
                        or (line.rstrip().endswith(",") and (lines[k + 1].lstrip()[:1].islower()
                                                             or any(c.islower() for c in line)))
                        or _goes_on(line, lines[k + 1], blank_separated)):
                k += 1
            else:
                break
            line = lines[k]
            text = text.rstrip() + " " + line.strip()
        blocks.append(Block(text=text))
        k += 1
    return blocks


_PAGE_SOURCE = re.compile(r"^\W*(?:Source|Nguồn)\s*:\s*https?://\S+\W*$", re.I)
_MOTTO_LINE = re.compile(r"CỘNG\s+H[ÒO]A\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA", re.I)


def _without_page_title(lines: list[str]) -> list[str]:
    """The lines of a crawled page without what the site prints above the document: the address it was
    taken from ("*Source: https://…*") and the page's "# title" heading when the letterhead (the national
    motto's line) follows it — the document's own kind and title come after its letterhead (a crawler has
    been seen to put another document's title there)."""
    head = [k for k, line in enumerate(lines[:12]) if line.strip()]
    drop = {k for k in head[:2] if _PAGE_SOURCE.match(lines[k].strip())}
    for k in head[:3]:
        if lines[k].lstrip().startswith("# ") and any(_MOTTO_LINE.search(line) for line in lines[k + 1:k + 8]):
            drop.add(k)
    return [line for k, line in enumerate(lines) if k not in drop]


# a part's kind and number the marker grammar leaves to the outline ("Chương II", "Mục 1"), or an appendix's title
_KIND_NUMBER = re.compile(r"^(?:Phần|Chương|Mục)\s+[\dIVXLC]+\b|^Phụ lục\b", re.I)


def _own_number(line: str) -> bool:
    """Does a line (a heading's words, or a line of text) print its own number: a marker of the grammar ("I.",
    "1.", "2.1.", "a)", "Điều 3"; not a bullet), "Chương II", "PHỤ LỤC"?"""
    line = strip_markdown(line).strip()
    m = marker_of(line)
    return (m is not None and not m[0].startswith("bullet")) or bool(_KIND_NUMBER.match(line))


def _markdown_heading(line: str) -> tuple[int, str] | None:
    """(level, words) of a Markdown heading line, or None."""
    m = _HEADING.match(line)
    return (len(m.group(1)), line[m.end():].strip()) if m and line[m.end():].strip() else None
# a heading cut across two heading lines by a PDF's conversion: "## Đề nghị các Sở: …; Công ty" / "### Điện lực Đắk
# Nông", "## Tổ chức hiệu quả công tác quản lý …" / "### và dịch vụ viễn thông"
_HEADING_GOES_ON = re.compile(r"(?:[,;]|\s(?:và|của|các|Công ty))$")


def _numbered_headings(lines: list[str]) -> list[str]:
    """A Markdown document whose section headings lost their numbers (a PDF converted to Markdown: "# MỤC TIÊU",
    "## Mục tiêu chung") numbered by the headings' levels as the printed plan was (I., 1., a)); the outline reads
    its parts from their numbers. A heading cut in two is joined; the heading above the first paragraph is the
    file's title, and from the appendix on ("PHỤ LỤC") headings stay as they are."""
    found = [(k, *heading) for k, line in enumerate(lines) if (heading := _markdown_heading(line))]
    if len(found) < 4 or sum(_own_number(t) for _, _, t in found) > len(found) // 5:
        return lines
    # (a text numbered in its lines, "Điều 1." or "1.", has its parts already: its headings are its letterhead's)
    if sum(_own_number(line) for line in lines if not _HEADING.match(line)) >= 2:
        return lines
    lines = list(lines)
    heads: list[tuple[int, int, str]] = []
    for k, level, title in found:
        between = [line for line in lines[heads[-1][0] + 1:k] if line.strip()] if heads else None
        if heads and not between and level > heads[-1][1] \
                and (title[:1].islower() or _HEADING_GOES_ON.search(strip_markdown(heads[-1][2]).rstrip())):
            j, lev, text = heads[-1]
            heads[-1] = (j, lev, f"{text} {title}")
            lines[k] = ""
            continue
        heads.append((k, level, title))
    first_text = next((k for k, line in enumerate(lines) if line.strip() and not _HEADING.match(line)), len(lines))
    levels = sorted({level for k, level, _ in heads if k > first_text})
    counters = [0] * len(levels)
    for k, level, title in heads:
        if k < first_text:
            continue
        if "phụ lục" in strip_markdown(title).lower():
            break  # the appendix and its tables keep what they print
        depth = levels.index(level)
        counters[depth] += 1
        counters[depth + 1:] = [0] * (len(counters) - depth - 1)
        n = counters[depth]
        marker = (ROMANS[n - 1] + "." if depth == 0 and n <= len(ROMANS) else
                  f"{n}." if depth == 1 else "abcdeghiklmnopqrstuvxy"[(n - 1) % 22] + ")")
        lines[k] = f"{'#' * level} {marker} {title}"
    return lines


# "\f11": a page's number where a PDF's text copy starts the page (a form feed); the line would stand as a paragraph
_NUMBER_AFTER_FORM_FEED = re.compile(r"\f[ \t]*(?:-[ \t]*)?\d{1,3}(?:[ \t]*-)?[ \t]*(?=\r?\n|$)")
# A converter's mark of a page break on a line of its own: "--- PAGE BREAK ---", "<!-- PageBreak -->" (the
# markdown of a PDF's layout model); a form feed like a PDF's text copy, not a bullet ("- -- PAGE BREAK")
_PAGE_BREAK_MARK = re.compile(r"^[ \t]*(?:-{2,}[ \t]*PAGE[ \t]*BREAK[ \t]*-{2,}|<!--[ \t]*PAGE[ \t_-]*BREAK[ \t]*-->)[ \t]*$",
                              re.I | re.M)


def read(path: Path) -> Source:
    from pipeline.readers import sha256_of

    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[1:2] != b"\x00":
        raise ReadError(f"{path}: binary data, not text")
    text, warnings = decode_with_warnings(data, decode)  # damaged UTF-8 stays UTF-8, with a warning
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    text = _NUMBER_AFTER_FORM_FEED.sub("\f", _PAGE_BREAK_MARK.sub("\f", text))
    lines = _without_page_title(_join_split_emphasis(text.splitlines()))
    if fmt == "md":
        lines = _numbered_headings(lines)
    blocks = _blocks([strip_markdown(line) for line in lines])
    return Source(path=path, format=fmt, sha256=sha256_of(path), pages=1, blocks=blocks, warnings=warnings)
