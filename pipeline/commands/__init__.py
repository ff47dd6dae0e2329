"""Subcommands of `kehoach`, one module each, found by pipeline.cli."""

DB_HELP = "archive: a SQLite file or a postgresql:// URL (default: $KEHOACH_DB or ./kehoach.db)"
