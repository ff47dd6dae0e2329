"""Errors a user sees as one line: what went wrong with which file."""


class KehoachError(Exception):
    """Base of every error the pipeline reports to a user (one line, no traceback)."""


class ReadError(KehoachError):
    """A file could not be read: missing, empty, corrupt, encrypted or unsupported."""
