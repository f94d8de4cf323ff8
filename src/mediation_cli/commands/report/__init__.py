"""`mediation report`: the bureau's reports, by subject — staffing, cases (cases, timeliness, statistics), quarterly
reports (quarterly, submitted, submissions), the campaign (campaign, unexported)."""

import typer

from mediation_cli.i18n import h

app = typer.Typer(
    rich_markup_mode=None,
    help=h("reports for the bureau and the upstream platforms", "报表：旗司法局通报与上报平台"),
    no_args_is_help=True,
)

# Registering the commands, in the order `report --help` lists them.
# isort: off
from mediation_cli.commands.report import staffing  # noqa: E402, F401
from mediation_cli.commands.report import cases  # noqa: E402, F401
from mediation_cli.commands.report import keyperiods  # noqa: E402, F401
from mediation_cli.commands.report import quarterly  # noqa: E402, F401
from mediation_cli.commands.report import campaign  # noqa: E402, F401
from mediation_cli.commands.report import people  # noqa: E402, F401
from mediation_cli.commands.report import casefiles  # noqa: E402, F401
from mediation_cli.commands.report import publicity  # noqa: E402, F401
from mediation_cli.commands.report import failed  # noqa: E402, F401
# isort: on
