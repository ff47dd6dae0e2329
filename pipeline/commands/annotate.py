"""`kehoach annotate FILE -o FILE.html`: the text with what was found, marked (displaCy)."""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline.commands import output_file


def register(sub) -> None:
    p = sub.add_parser("annotate", help="render a plan's text with extracted facts highlighted (HTML)")
    p.add_argument("file", type=Path)
    p.add_argument("-o", "--output", type=output_file, help="HTML file to write (default: FILE.html)")
    p.set_defaults(run=run)


def run(args) -> int:
    from pipeline.annotate import annotate
    from pipeline.extract import extract_file

    out = args.output or args.file.with_suffix(args.file.suffix + ".html")
    if str(out) == "-":  # -o -: the page on standard output
        sys.stdout.write(annotate(extract_file(args.file)))
        return 0
    output_file(str(out))  # FILE.html beside a FILE in a folder that is not there
    out.write_text(annotate(extract_file(args.file)), encoding="utf-8")
    if not args.quiet:
        print(out)
    return 0
