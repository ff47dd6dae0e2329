"""HTML tables inside Markdown (what PDF-to-Markdown converters such as MinerU or marker write for a table):
`<table>…<tr><td>…</td></tr>…</table>` → rows of cell strings, a cell spanning columns repeated in each."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from pipeline.readers.emphasis import strip_emphasis


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) <= 50 else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")  # a line broken inside the cell: its words go on

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            # emphasis a converter left unpaired ("**I **", its closing mark after a space) goes too
            text = " ".join(strip_emphasis("".join(self._cell)).replace("*", "").split())
            self.rows[-1].extend([text] * self._span)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_table_rows(markup: str) -> list[list[str]]:
    """The rows of the tables in `markup` that hold any words, in order."""
    parser = _Rows()
    parser.feed(markup)
    parser.close()
    return [row for row in parser.rows if any(cell for cell in row)]


# A header row a converter writes for a table continued on the next page ("Col1", "Col2", …): no titles
_PLACEHOLDER = re.compile(r"^Col\d+$")


def continues_table(rows: list[list[str]]) -> bool:
    """Does this table go on with the one before it: its first row placeholders for titles, not titles?"""
    return bool(rows) and sum(bool(_PLACEHOLDER.match(c)) for c in rows[0]) >= max(2, len(rows[0]) // 2)
