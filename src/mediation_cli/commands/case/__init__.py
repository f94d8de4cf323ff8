"""`mediation case`: the dispute ledger (矛盾纠纷台账) from intake (建账) to cancellation (销号).

The group's commands live by job: entry (add, edit), casework (assign … consult), queries (list, show, history),
transfer (import, export); their options in options.py."""

import typer

from mediation_cli.i18n import h

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "dispute cases: intake, mediation, outcome, follow-up visit, cancellation (建账销号)",
        "矛盾纠纷：受理、调解、结果、回访、销号（建账销号）",
    ),
    no_args_is_help=True,
)

# Registering the commands, in the order `case --help` lists them.
# isort: off
from mediation_cli.commands.case import entry  # noqa: E402, F401
from mediation_cli.commands.case import casework  # noqa: E402, F401
from mediation_cli.commands.case import queries  # noqa: E402, F401
from mediation_cli.commands.case import transfer  # noqa: E402, F401
from mediation_cli.commands.case import files  # noqa: E402, F401
from mediation_cli.commands.case import typical  # noqa: E402, F401
# isort: on
