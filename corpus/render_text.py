"""Plain text (.txt) and Markdown (.md) renderings of a plan.

txt imitates what people actually get from Word or pdftotext: either a
two-column header laid out with spaces or the header lines one after another,
paragraphs on one line or hard-wrapped, tables as tab- or pipe-separated rows.
md imitates a docx->md conversion like the dev example: emphasis on labels and
quoted names, pipe tables, bold headings.
"""
from __future__ import annotations

import random
import re
import textwrap

from .model import Bullet, Field, Header, Heading, Item, Para, Signature, Table, Title, plain

WIDTH = 96


def _center(s: str, width: int) -> str:
    pad = max(0, (width - len(s)) // 2)
    return " " * pad + s


def _two_columns(left: list[str], right: list[str], lw: int = 42) -> list[str]:
    n = max(len(left), len(right))
    left = left + [""] * (n - len(left))
    right = right + [""] * (n - len(right))
    out = []
    for a, b in zip(left, right):
        a = _center(a, lw)
        out.append((a.ljust(lw) + _center(b, WIDTH - lw)).rstrip())
    return out


def _header_columns(h: Header) -> tuple[list[str], list[str]]:
    left = list(h.left) + ["*" if h.star else "-------"]
    right = list(h.national) + ["---------------"]
    # the number sits level with the place and date on the last row
    n = max(len(left), len(right))
    left += [""] * (n - len(left))
    right += [""] * (n - len(right))
    return left + [h.number_line], right + [h.place_date]


def render_txt(blocks: list, rng: random.Random) -> str:
    layout = rng.random() < 0.5        # header and signature laid out in two columns
    wrap = rng.random() < 0.3          # paragraphs hard-wrapped like pdftotext output
    table_sep = "\t" if rng.random() < 0.5 else " | "
    out: list[str] = []

    def para(s: str, indent: str = "") -> None:
        s = plain(s)
        if wrap:
            out.extend(textwrap.wrap(s, WIDTH - 8, initial_indent=indent, break_long_words=False,
                                     break_on_hyphens=False))
        else:
            out.append(indent + s)
        out.append("")

    for blk in blocks:
        if isinstance(blk, Header):
            left, right = _header_columns(blk)
            if layout:
                out.extend(_two_columns(left, right))
            else:
                out.extend(x for x in blk.left + (["*"] if blk.star else []) + [blk.number_line] if x)
                out.extend(blk.national + [blk.place_date])
            out.append("")
        elif isinstance(blk, Title):
            out.append(_center(blk.kind_word, WIDTH) if layout else blk.kind_word)
            out.extend(_center(x, WIDTH) if layout else x for x in blk.lines)
            out.append("")
        elif isinstance(blk, Para):
            para(blk.text, "    " if layout and blk.style == "body" else "")
        elif isinstance(blk, Heading):
            if blk.newline:
                out.append(blk.marker)
                out.append(blk.text)
                out.append("")
            else:
                para(f"{blk.marker} {blk.text}")
        elif isinstance(blk, Item):
            para(f"{blk.marker} {blk.text}")
        elif isinstance(blk, Field):
            sep = ": " if blk.colon else " "
            para(f"{blk.bullet} {blk.label}{sep}{blk.value}")
        elif isinstance(blk, Bullet):
            para(f"{blk.bullet} {blk.text}")
        elif isinstance(blk, Table):
            for row in [blk.header] + blk.rows:
                out.append(table_sep.join(plain(c) for c in row).rstrip())
            out.append("")
        elif isinstance(blk, Signature):
            out.extend(_signature_txt(blk, layout))
    return "\n".join(out).rstrip() + "\n"


def _signer_lines(s: Signature) -> list[str]:
    lines = [x for x in (s.authority, s.position) if x]
    lines += ["", "(Đã ký)" if s.signed_note else "", "", s.name]
    return lines


def _signature_txt(s: Signature, layout: bool) -> list[str]:
    rec = ["Nơi nhận:"] + [f"- {r}" for r in s.recipients]
    if layout:
        right = _signer_lines(s)
        n = max(len(rec), len(right))
        rows = []
        for i in range(n):
            a = rec[i] if i < len(rec) else ""
            b = right[i] if i < len(right) else ""
            rows.append((a.ljust(46) + _center(b, 40)).rstrip())
        return rows
    return rec + [""] + [x for x in _signer_lines(s)]


# --- markdown ------------------------------------------------------------------------

_QUOTED = re.compile(r"“([^”*]+)”")


def _emph_quotes(s: str) -> str:
    """Quoted names are italic in the source documents: “*Dân vận khéo*”."""
    return _QUOTED.sub(r"“*\1*”", s)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def render_md(blocks: list, rng: random.Random) -> str:
    hashes = rng.random() < 0.5        # headings as "## I. ..." or as bold lines
    label_style = rng.choice(["*{l}*:", "*{l}:*", "**{l}:**"])
    out: list[str] = []
    for blk in blocks:
        if isinstance(blk, Header):
            left, right = _header_columns(blk)
            rows = [(a, b) for a, b in zip(left, right) if (a or b) and a not in ("-------",)]
            out.append(f"| {rows[0][0]} | {rows[0][1]} |")
            out.append("|:---:|:---:|")
            for i, (a, b) in enumerate(rows[1:], 1):
                a = f"**{a}**" if a and i >= blk.bold_from and a not in ("*",) and not a.startswith("Số") else a
                b = f"*{b}*" if b is rows[-1][1] else (f"**{b}**" if b and not b.startswith("---") else b)
                out.append(f"| {a} | {b} |")
            out.append("")
        elif isinstance(blk, Title):
            out.append(f"**{blk.kind_word}**")
            out.append("")
            out.append(f"**{' '.join(blk.lines)}**" if rng.random() < 0.5 else "  \n".join(blk.lines))
            out.append("")
        elif isinstance(blk, Para):
            out.append(_emph_quotes(blk.text))
            out.append("")
        elif isinstance(blk, Heading):
            text = f"{blk.marker}\n\n{blk.text}" if blk.newline else f"{blk.marker} {blk.text}"
            out.append(f"## {text}" if hashes and not blk.newline else f"**{text}**" if not blk.newline
                       else f"**{blk.marker}**\n\n**{blk.text}**")
            out.append("")
        elif isinstance(blk, Item):
            s = f"{blk.marker} {_emph_quotes(blk.text)}"
            out.append(f"**{s}**" if blk.bold else s)
            out.append("")
        elif isinstance(blk, Field):
            label = label_style.format(l=blk.label) if blk.colon else f"*{blk.label}*"
            bullet = "\\*" if blk.bullet == "*" and rng.random() < 0.3 else blk.bullet
            out.append(f"{bullet} {label} {blk.value}")
            out.append("")
        elif isinstance(blk, Bullet):
            out.append(f"{blk.bullet} {_emph_quotes(blk.text)}")
            out.append("")
        elif isinstance(blk, Table):
            out.append("| " + " | ".join(f"**{_cell(h)}**" for h in blk.header) + " |")
            out.append("|" + "|".join(":---:" if i == 0 else "---" for i in range(len(blk.header))) + "|")
            for i, row in enumerate(blk.rows):
                cells = [_cell(c) for c in row]
                if i in blk.group_rows:
                    cells = [f"**{c}**" if c else "" for c in cells]
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
        elif isinstance(blk, Signature):
            out.append("**Nơi nhận:**")
            out.extend(f"- {r}" for r in blk.recipients)
            out.append("")
            top = [x for x in (blk.authority, blk.position) if x]
            out.append("**" + "  \n".join(top) + "**")
            out.append("")
            if blk.signed_note:
                out.append("*(Đã ký)*")
                out.append("")
            out.append(f"**{blk.name}**")
    return "\n".join(out).rstrip() + "\n"
