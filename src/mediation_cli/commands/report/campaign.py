"""`report campaign|unexported`: the campaign's figures against its targets, and what has not reached a platform."""

from typing import Annotated

import typer

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
from mediation_cli.i18n import h, tr
from mediation_cli.render.labels import EXPORT_STATES, RAG, labeller


@app.command(
    "campaign",
    help=h(
        "the campaign at a glance: phase, each target against today's figure (red/amber/green)",
        "专项行动总览：所处阶段、各项目标完成情况（红黄绿）",
    ),
)
def campaign(
    ctx: typer.Context,
    year: Annotated[
        int | None,
        typer.Option("--year", help=h("campaign year (must match the campaign setting)", "专项行动年份")),
    ] = None,
    as_of: AsOfOpt = None,
    chart: Annotated[
        bool, typer.Option("--chart", help=h("a bar chart in the terminal", "在终端显示条形图"))
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | json | markdown | xlsx")
    ] = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from datetime import date

    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.config import Config
    from mediation_cli.render.output import Col, bar_chart, emit_object
    from mediation_cli.reports.campaign import PHASES, SET_BY, campaign_report

    ledger = ctx_of(ctx).ledger()
    config = Config(ledger)
    if year is not None and year != config["campaign"].get("year"):
        raise Invalid(
            "--year",
            year,
            f"the configured campaign year ({config['campaign'].get('year')}); "
            "change it with `mediation config set campaign …`",
            f"已设置的专项行动年份（{config['campaign'].get('year')}），可用 `mediation config set campaign …` 修改",
        )
    on = parse_day(as_of, "as_of") or today()
    if as_of is None and year is not None and on.year != year:
        on = min(on, date(year, 12, 31))
    report = campaign_report(ledger, on, config)
    rows = [{**t, "name": tr(t["en"], t["zh"])} for t in report["targets"]]
    title = tr(
        f"Campaign {report['year']} as of {on}", f"{report['year']} 年“高质量调解年”专项行动（截至 {on}）"
    )
    if fmt.lower() == "xlsx":
        from mediation_cli.errors import MediationError
        from mediation_cli.render.workbook import campaign_workbook

        if output is None:
            raise MediationError(
                "--output: an .xlsx report needs --output FILE.xlsx",
                "--output：xlsx 报表须用 --output 指定文件",
            )
        campaign_workbook(report, rows, output, title=title)
        typer.echo(str(output))
        return
    opts = output_options(fmt, output, encoding)
    fields = [
        Col("as_of", "as of", "统计日期"),
        Col("phase", "phase", "所处阶段", "enum", lambda v: tr(*PHASES[v])),
        Col("phase_start", "phase from", "阶段开始"),
        Col("phase_end", "phase until", "阶段结束"),
        Col(
            "success_rate_of_settled", "success rate: succeeded ÷ settled", "调解成功率（成功÷办结）", "share"
        ),
        Col(
            "success_rate_of_received",
            "success rate: succeeded ÷ received",
            "调解成功率（成功÷受理，统计口径）",
            "share",
        ),
    ]
    cols = [
        Col("name", "target", "目标"),
        Col("value", "figure", "当前", "share"),
        Col("target", "target", "目标值", "share"),
        Col("detail", "count", "计数"),
        Col("status", "status", "状态", "enum", labeller(RAG)),
        Col("set_by", "set by", "目标来源", "enum", lambda v: tr(*SET_BY[v])),
    ]
    emit_object(opts, report, fields, title=title, sections=[(tr("Targets", "各项目标"), cols, rows)])
    if chart and opts.format == "table":
        bar_chart([(r["name"], round((r["value"] or 0) * 100, 1)) for r in rows], width=40)


@app.command(
    "unexported",
    help=h(
        "cases that have not reached an upstream platform in their current version (应录必录)",
        "尚未报送上级平台（或修改后未重新报送）的案件",
    ),
)
def unexported(
    ctx: typer.Context,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help=h("under this export profile (default: any)", "按该导出模板统计（默认任一模板）"),
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.taxonomy import STATUS
    from mediation_cli.ledger.exports import unexported as find_unexported
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.services.exports import load as load_profile

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    name = load_profile(profile).name if profile else None
    cols = [
        Col("case_no", "case no", "案件编号"),
        Col("org_code", "org", "组织"),
        Col("received_on", "received", "受理日期"),
        Col("status", "status", "状态", "enum", STATUS),
        Col("entered_at", "entered", "录入时间"),
        Col("state", "state", "情况", "enum", labeller(EXPORT_STATES)),
    ]
    emit_rows(
        opts,
        cols,
        find_unexported(ledger, name),
        title=tr(
            "Not yet on the upstream platform" + (f" ({name})" if name else ""),
            "尚未报送上级平台的案件" + (f"（{name}）" if name else ""),
        ),
        empty_en="every case has reached the platform",
        empty_zh="所有案件均已报送",
    )
