"""The `kehoach` command. Each subcommand lives in pipeline/commands/<name>.py and
exposes `register(subparsers)`; this file only finds them, so adding a command
never means editing a shared list."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from pipeline import commands
from pipeline.errors import KehoachError
from pipeline.extras import missing_extra


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kehoach", description="Vietnamese plans (Kế hoạch) → structured data")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"pipeline.commands.{info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KehoachError as exc:
        print(f"kehoach: {exc}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:  # an optional part (pipeline/extras.py) not installed
        if (error := missing_extra(exc)) is None:
            raise
        print(f"kehoach: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
