"""`report quarterly|submitted|submissions`: the committees' quarterly reports (每季度报送…情况报告)."""

from typing import Annotated

import typer

from mediation_cli.commands.common import complete_org
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
from mediation_cli.render.labels import SUBMISSION_STATES, labeller

PERIOD_HELP = h(
    "e.g. 2024Q2 (a month, e.g. 2024-05, when report_cycle is monthly)",
    "季度，如 2024Q2（报送周期设为按月时为月份，如 2024-05）",
)


@app.command(
    "quarterly",
    help=h(
        "draft a committee's quarterly report (本季度矛盾纠纷工作开展情况报告)",
        "起草调委会季度矛盾纠纷工作开展情况报告",
    ),
)
def quarterly(
    ctx: typer.Context,
    org: Annotated[
        str, typer.Option("--org", help=h("the committee", "调委会"), autocompletion=complete_org)
    ],
    quarter: Annotated[str, typer.Option("--quarter", help=h("e.g. 2024Q2", "季度，如 2024Q2"))],
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown | docx | json")] = "markdown",
    output: OutputOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help=h(
                "the cases as they stood on this date (default and at most: the quarter's last day)",
                "按该日的案件状态统计（默认且最晚为季度末日）",
            ),
        ),
    ] = None,
) -> None:
    import json

    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.periods import parse_quarter
    from mediation_cli.ledger.orgs import resolve_org
    from mediation_cli.render.output import OutputOptions, open_text
    from mediation_cli.render.quarterly import to_docx, to_markdown
    from mediation_cli.reports.quarterly import quarterly_report

    fmt = fmt.lower()
    if fmt not in ("markdown", "docx", "json", "table"):
        raise Invalid("--format", fmt, "markdown, docx or json", "markdown、docx 或 json")
    OutputOptions(
        fmt, output
    ).check()  # Markdown or JSON never lands in a .docx/.xlsx, nor a .docx under a text name
    ledger = ctx_of(ctx).ledger()
    row = resolve_org(ledger, org)
    report = quarterly_report(
        ledger, row, parse_quarter(quarter), drafted_on=today(), as_of=parse_day(as_of, "as_of")
    )  # dated the day drafted, figures as of --as-of
    if fmt == "docx":
        from mediation_cli.errors import MediationError

        if output is None:
            raise MediationError(
                "--output: a .docx report needs --output FILE.docx",
                "--output：docx 报告须用 --output 指定文件",
            )
        to_docx(report, output)
        typer.echo(str(output))
        return
    with open_text(OutputOptions(fmt, output)) as fh:
        if fmt == "json":
            fh.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        else:
            fh.write(to_markdown(report) + "\n")


@app.command("submitted", help=h("record that a quarterly report reached the bureau", "登记季度报告已报送"))
def submitted(
    ctx: typer.Context,
    org: Annotated[
        str,
        typer.Option("--org", help=h("the org that submitted", "报送的组织"), autocompletion=complete_org),
    ],
    quarter: Annotated[str, typer.Option("--quarter", help=PERIOD_HELP)],
    on: Annotated[str, typer.Option("--on", help=h("date received", "报送日期"))] = "today",
) -> None:
    from mediation_cli.services.submissions import record_submission

    code, label, day = record_submission(ctx_of(ctx).ledger(), org, quarter, on, today=today())
    typer.echo(
        tr(
            f"{code} {label} report received on {day}",
            f"{code} {label} 报告已于 {day} 报送",
        )
    )


@app.command(
    "submissions",
    help=h("who has sent the quarterly report: on time, late, missing", "季度报告报送情况：按时、逾期、未报"),
)
def submissions(
    ctx: typer.Context,
    quarter: Annotated[str, typer.Option("--quarter", help=PERIOD_HELP)],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.reporting import parse_report_period
    from mediation_cli.ledger.config import Config
    from mediation_cli.ledger.submissions import submissions_for
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.remind import report_due_date

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    config = Config(ledger)
    q = parse_report_period(quarter, config["report_cycle"])
    on = parse_day(as_of, "as_of") or today()
    due = report_due_date(q, config)
    rows = []
    for r in submissions_for(ledger, q.label, due.isoformat()):
        sub = r["submitted_on"]
        if sub:
            state = "on_time" if sub <= due.isoformat() else "late"
        else:
            state = "missing" if on > due else "not_yet_due"
        rows.append(
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "quarter": q.label,
                "due_on": due.isoformat(),
                "submitted_on": sub,
                "state": state,
            }
        )
    order = {"missing": 0, "late": 1, "not_yet_due": 2, "on_time": 3}
    rows.sort(key=lambda x: (order[x["state"]], x["code"]))
    cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("quarter", "quarter", "季度"),
        Col("due_on", "due", "应报日期"),
        Col("submitted_on", "submitted", "报送日期"),
        Col("state", "state", "状态", "enum", labeller(SUBMISSION_STATES)),
    ]
    emit_rows(
        opts,
        cols,
        rows,
        json_keys=["code", "name", "kind", "quarter", "due_on", "submitted_on", "state"],
        title=tr(
            f"Quarterly reports {q.label} (due {due})", f"{q.label} 季度报告报送情况（应于 {due} 前报送）"
        ),
        style=lambda r: "red" if r["state"] in ("missing", "late") else None,
    )
