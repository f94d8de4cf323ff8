"""`report publicity`: submissions to the columns per org and per mediator, and the year's typical cases."""

import typer

from mediation_cli.commands.report import app
from mediation_cli.commands.report.people import YearOpt, year_span
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options
from mediation_cli.i18n import h, tr


@app.command(
    "publicity",
    help=h(
        "submissions to publicity columns per org and per mediator, and the typical cases of a year",
        "年度宣传投稿（各组织、各调解员）与典型案例",
    ),
)
def publicity(
    ctx: typer.Context,
    year: YearOpt,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.render.output import Col, emit_object
    from mediation_cli.reports.publicity import publicity_report

    opts = output_options(fmt, output, encoding)
    year_span(year)
    report = publicity_report(ctx_of(ctx).ledger(), year)
    counts = [Col("submitted", "submitted", "投稿", "int"), Col("published", "published", "刊用", "int")]
    emit_object(
        opts,
        report,
        [Col("year", "year", "年度"), *counts],
        title=tr(f"Publicity in {year}", f"{year} 年宣传投稿与典型案例"),
        sections=[
            (
                tr("Per org", "各组织"),
                [Col("code", "code", "编号"), Col("name", "name", "名称"), *counts],
                report["orgs"],
            ),
            (
                tr("Per mediator", "各调解员"),
                [Col("staff_no", "staff no", "编号"), Col("name", "name", "姓名"), *counts],
                report["mediators"],
            ),
            (tr("Per column", "各栏目"), [Col("outlet", "outlet", "栏目"), *counts], report["outlets"]),
            (
                tr("Typical cases", "典型案例"),
                [
                    Col("case_no", "case", "案件编号"),
                    Col("org_code", "org", "组织"),
                    Col("title", "title", "标题"),
                    Col("featured_on", "selected", "选定日期"),
                ],
                report["typical_cases"],
            ),
        ],
    )
