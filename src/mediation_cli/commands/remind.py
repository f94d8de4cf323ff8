"""`mediation remind`: everything the clerk should act on, for a person or a weekly cron run."""

from __future__ import annotations

from mediation_cli.i18n import h

HELP = h(
    "what is due or overdue as of a date (exit 3 with --check when anything is)",
    "截至某日到期或逾期的事项（加 --check 时有事项则退出码为 3）",
)


def remind() -> None:
    pass
