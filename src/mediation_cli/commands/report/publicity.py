"""`report publicity`: submissions to the columns per org and per mediator, and the year's typical cases."""

from typing import Annotated

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


@app.command(
    "summary",
    help=h(
        "the draft of the year-end summary: the year's figures, candidates for 先进集体/先进个人, typical cases, publicity",
        "年度工作总结草稿：全年数据、先进集体与先进个人候选、典型案例、宣传投稿",
    ),
)
def summary(
    ctx: typer.Context,
    year: YearOpt,
    top: Annotated[int, typer.Option("--top", help=h("how many candidates of each", "候选名单人数"))] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown | docx | json")] = "markdown",
    output: OutputOpt = None,
) -> None:
    import json

    from mediation_cli.domain.errors import Invalid
    from mediation_cli.errors import MediationError
    from mediation_cli.render.document import summary_blocks, to_docx, to_markdown
    from mediation_cli.render.output import OutputOptions, open_text
    from mediation_cli.reports.summary import summary_report

    fmt = fmt.lower()
    if output is not None and output.suffix.lower() == ".docx":
        fmt = "docx"
    if fmt not in ("markdown", "docx", "json"):
        raise Invalid("--format", fmt, "markdown, docx or json", "markdown、docx 或 json")
    if not 1 <= top <= 1000:
        raise Invalid("--top", top, "a number from 1 to 1000", "1 至 1000 之间的数")
    year_span(year)
    opts = OutputOptions(fmt, output)
    opts.check()
    if fmt == "docx" and output is None:
        raise MediationError(
            "--output: a .docx needs --output FILE.docx", "--output：docx 须用 --output 指定文件"
        )
    report = summary_report(ctx_of(ctx).ledger(), year, top=top)
    if fmt == "docx":
        to_docx(summary_blocks(report), output)
        typer.echo(str(output))
        return
    with open_text(opts) as fh:
        if fmt == "json":
            fh.write(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            fh.write(to_markdown(summary_blocks(report)) + "\n")
