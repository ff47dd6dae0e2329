"""Subcommands of `kehoach`, one module each, found by pipeline.cli."""
