"""`kehoach annotate FILE -o FILE.html`: the text with what was found, marked (displaCy)."""
from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("annotate", help="render a plan's text with extracted facts highlighted (HTML)")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=Path, help="HTML file to write (default: FILE.html)")
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.annotate import annotate
    from pipeline.extract import extract_file

    out = args.output or args.file.with_suffix(args.file.suffix + ".html")
    out.write_text(annotate(extract_file(args.file)), encoding="utf-8")
    print(out)
    return 0
