"""`python -m provenance` runs the command line."""

from provenance.cli import app

app(prog_name="provenance")
