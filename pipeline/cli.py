"""The `kehoach` command. Each subcommand lives in pipeline/commands/<name>.py and
exposes `register(subparsers)`; this file only finds them, so adding a command
never means editing a shared list.

Every error a user can cause ends as one line on stderr and a non-zero exit: a
KehoachError says what was wrong; an OSError (a folder that does not exist, a file
that cannot be written) says which file and why; anything else is a bug, reported
in one line with a request to report it (`-v` prints the traceback)."""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from pipeline import commands
from pipeline.errors import KehoachError
from pipeline.extras import missing_extra


def version() -> str:
    try:
        from importlib.metadata import version as installed

        return installed("kehoach")
    except Exception:  # running from a checkout that was never installed
        return "unknown"


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    """-q/-v on every command (and sub-command), unless the command defines its own."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                _add_common_options(sub)
    has_sub = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    if parser.prog == "kehoach" or has_sub:
        return
    if "-q" not in parser._option_string_actions:
        parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no informational messages")
    if "-v" not in parser._option_string_actions:
        parser.add_argument("-v", "--verbose", action="count", default=0,
                            help="say what is being done, file by file; with an internal error, print its traceback")


class _Version(argparse.Action):
    """--version, looked up only when asked: reading the installed metadata costs every other command ~50 ms."""

    def __call__(self, parser, namespace, values, option_string=None):
        sys.stdout.write(f"kehoach {version()}\n")
        parser.exit(0)


class Parser(argparse.ArgumentParser):
    """argparse with errors in one line (the usage screen is one -h away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} -h)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="kehoach", description="Vietnamese plans (Kế hoạch) → structured data")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"pipeline.commands.{info.name}").register(sub)
    _add_common_options(parser)
    return parser


def os_error_line(exc: OSError) -> str:
    """'x.csv: cannot write: No such file or directory' rather than a traceback."""
    name = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    return f"{name}: {reason}" if name else reason


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # `kehoach` alone: what it can do, rather than "the following arguments are required"
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
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
        # `kehoach tasks | head`: stop quietly; point stdout at devnull so the flush at exit does not complain
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return 0
    except OSError as exc:
        if getattr(args, "verbose", 0):
            import traceback

            traceback.print_exc()
        print(f"kehoach: {os_error_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, and the traceback on request
        if getattr(args, "verbose", 0):
            import traceback

            traceback.print_exc()
        message = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        print(f"kehoach: internal error, please report it (run again with -v for details): {message}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
