"""`report key-periods`: cases by key period (两会, 五一, 国庆, 春节, 地方两会) and by category group."""

from typing import Annotated

import typer

from mediation_cli.commands.report import app
from mediation_cli.commands.report.cases import FromOpt, ToOpt, date_range
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options
from mediation_cli.i18n import h, tr


@app.command(
    "key-periods",
    help=h(
        "cases received in each key period (stability windows) and outside them, by category group",
        "重要时间节点（维稳时段）及其他时段受理的纠纷，按重点领域、新业态等类别分组",
    ),
)
def key_periods(
    ctx: typer.Context,
    start: FromOpt = None,
    end: ToOpt = None,
    year: Annotated[int | None, typer.Option("--year", help=h("the whole year", "整年"))] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.keyperiods import FIELDS, GROUPS, key_period_report

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    d1, d2 = date_range(start, end, year)
    rows = key_period_report(ledger, d1, d2)
    for r in rows:  # JSON and CSV carry the English label, as they carry English codes
        r["label"] = r["label"][0] if opts.format in ("json", "csv") else tr(*r["label"])
    cols = [
        Col("label", "key period", "时间节点"),
        Col("start", "from", "起"),
        Col("end", "to", "止"),
        Col("received", "received", "受理", "int"),
        Col("succeeded", "succeeded", "成功", "int"),
        Col("failed", "failed", "不成", "int"),
        Col("pending", "pending", "未办结", "int"),
        Col("must_report", "risks to report", "须报告风险", "int"),
        Col("major", "major difficult", "重大疑难", "int"),
        *[Col(g, en, zh, "int") for g, (en, zh) in GROUPS.items()],
    ]
    emit_rows(
        opts,
        cols,
        rows,
        json_keys=FIELDS,
        title=tr(f"Cases by key period {d1} – {d2}", f"重要时间节点纠纷情况（{d1} 至 {d2}）"),
    )
