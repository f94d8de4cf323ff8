"""`report failed`: failed cases still open (调解不成、未销号) as of a date, with their channel and follow-ups."""

import typer

from mediation_cli.commands.common import ChildrenOpt, OrgFilterOpt, org_ids
from mediation_cli.commands.report import app
from mediation_cli.context import (
    AsOfOpt,
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    ctx_of,
    output_options,
    parse_day,
    today,
)
from mediation_cli.domain.taxonomy import GUIDED_TO
from mediation_cli.i18n import h, tr


@app.command(
    "failed",
    help=h(
        "failed cases still on the ledger (not yet 销号), where each went and its follow-ups",
        "调解不成尚未销号的案件：去向与跟踪情况（化解一件、销号一件）",
    ),
)
def failed(
    ctx: typer.Context,
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.failed import FIELDS, failed_open

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    on = parse_day(as_of, "--as-of") or today()
    ids = org_ids(ledger, org, include_children)
    rows = failed_open(ledger, on, org_ids=ids)
    cols = [
        Col("case_no", "case no", "编号"),
        Col("org_code", "org", "组织"),
        Col("received_on", "received", "受理日期"),
        Col("failed_on", "failed on", "调解不成日期"),
        Col("guided_to", "went to", "去向", "enum", GUIDED_TO),
        Col("days_open", "days open", "未销号天数", "int"),
        Col("follow_ups", "follow-ups", "跟踪次数", "int"),
        Col("last_follow_up", "last follow-up", "最近跟踪"),
    ]
    emit_rows(
        opts,
        cols,
        rows,
        title=tr(f"Failed cases not yet closed, as of {on}", f"截至 {on} 调解不成尚未销号的案件"),
        json_keys=FIELDS,
    )
