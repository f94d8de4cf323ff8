"""`mediation report`."""

from __future__ import annotations

import typer

from mediation_cli.i18n import h

app = typer.Typer(help=h("report", "report"), no_args_is_help=True)
