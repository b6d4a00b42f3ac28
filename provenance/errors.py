"""Errors that end a run with a one-line message instead of a traceback."""


class ProvenanceError(Exception):
    """A problem with the user's input or installation; the CLI prints it and exits with 2."""
