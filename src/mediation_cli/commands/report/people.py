"""`report training|grades|stars`: the people and committees behind the numbers (issue 9)."""

from typing import Annotated

import typer

from mediation_cli.commands.common import complete_org
from mediation_cli.commands.report import app
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options
from mediation_cli.i18n import h, tr


def year_span(year: int):
    """1 January … 31 December of ``year`` (a year from 1949 to 2100)."""
    from datetime import date

    from mediation_cli.domain.errors import Invalid

    if not 1949 <= year <= 2100:
        raise Invalid("--year", year, "a year from 1949 to 2100", "1949 至 2100 之间的年份")
    return date(year, 1, 1), date(year, 12, 31)


YearOpt = Annotated[int, typer.Option("--year", help=h("the year", "年度"))]
ScopeOpt = Annotated[
    str | None,
    typer.Option(
        "--org",
        help=h("only this org and those under it", "只统计该组织及其下级"),
        autocompletion=complete_org,
    ),
]


def _scope(ledger, org: str | None):
    if not org:
        return None
    from mediation_cli.ledger.orgs import resolve_org, subtree_ids

    return subtree_ids(ledger, resolve_org(ledger, org)["id"])


@app.command(
    "training",
    help=h(
        "training hours per mediator and per org in a year, and who had none",
        "年度培训学时：每名调解员、每个组织，以及未参训人员",
    ),
)
def training(
    ctx: typer.Context,
    year: YearOpt,
    org: ScopeOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.render.output import Col, emit_object
    from mediation_cli.reports.training import training_report

    opts = output_options(fmt, output, encoding)
    year_span(year)
    ledger = ctx_of(ctx).ledger()
    report = training_report(ledger, year, org_ids=_scope(ledger, org))
    fields = [
        Col("year", "year", "年度"),
        Col("mediators_total", "mediators in office", "在任调解员", "int"),
        Col("trained", "trained", "参训人数", "int"),
        Col("hours", "hours in all", "总学时"),
    ]
    people = [
        Col("staff_no", "staff no", "编号"),
        Col("name", "name", "姓名"),
        Col("org_code", "org", "组织"),
        Col("sessions", "sessions", "参训次数", "int"),
        Col("hours", "hours", "学时"),
    ]
    orgs = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("mediators", "mediators", "调解员", "int"),
        Col("trained", "trained", "参训", "int"),
        Col("untrained", "none", "未参训", "int"),
        Col("hours", "hours", "学时"),
        Col("hours_per_mediator", "hours each", "人均学时"),
    ]
    none = [m for m in report["mediators"] if m["hours"] == 0]
    sections = [
        (tr("Per mediator", "各调解员"), people, report["mediators"]),
        (tr("Per org", "各组织"), orgs, report["orgs"]),
        (tr("No training this year", "本年度未参训"), people[:3], none),
    ]
    notes = []
    if opts.format == "table":  # the per-mediator list is long: csv, json and markdown carry it
        sections = sections[1:]
        notes.append(
            tr(
                "each mediator's hours: --format csv|json|markdown",
                "每名调解员的学时：--format csv|json|markdown",
            )
        )
    emit_object(
        opts,
        report,
        fields,
        title=tr(f"Training in {year}", f"{year} 年调解员培训情况"),
        sections=sections,
        notes=notes,
    )
