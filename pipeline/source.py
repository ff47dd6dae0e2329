"""What a reader hands on: the document as pages of blocks, nothing interpreted yet."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Block:
    """One paragraph (or one PDF/OCR line), or one table, in reading order.

    `rows` is set for a table: a list of rows, each a list of cell strings; a
    merged cell repeats its text in every grid position it covers, so a column
    can always be read by index.
    """

    text: str
    page: int = 1
    rows: list[list[str]] | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None  # OCR mean word confidence, 0..100
    style: str | None = None  # "bold", "italic", a Word style name, ...
    row_pages: list[int] | None = None  # a table continued over pages: the page of each row
    # False where a cell equal to its neighbour is text printed twice, not one merged cell: a table
    # crawled from a web page prints a merged cell once, so a repeat there is the row's own text
    repeats_are_merges: bool = True
    # where repeats are not merges: the grid positions (row, column) that are the cell above merged down
    merged_down: set[tuple[int, int]] | None = None

    @property
    def is_table(self) -> bool:
        return self.rows is not None

    def page_of_row(self, r: int) -> int:
        return self.row_pages[r] if self.row_pages and r < len(self.row_pages) else self.page


@dataclass
class Source:
    """A file as read: its blocks in order plus facts about the file itself."""

    path: Path
    format: str
    sha256: str
    pages: int
    blocks: list[Block]
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)
