"""`report training|grades|stars`: the people and committees behind the numbers (issue 9)."""

from typing import Annotated

import typer

from mediation_cli.commands.common import complete_org, org_ids
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
    report = training_report(ledger, year, org_ids=org_ids(ledger, org))
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


SHORT = {
    "years_of_service": ("years", "年限"),
    "cases": ("cases", "承办纠纷"),
    "success_rate": ("success", "成功率"),
    "written_share": ("written", "书面协议"),
    "training_hours": ("training h", "培训学时"),
    "criminal_cases": ("民转刑", "民转刑"),
    "mediators": ("mediators", "调解员"),
    "full_time": ("full-time", "专职"),
    "screening_rate": ("screening", "排查完成率"),
    "reports_on_time": ("reports on time", "按时报送"),
    "files_complete": ("files complete", "卷宗齐全"),
}


def missing_text(items: list[dict], known: dict) -> str:
    """What a level lacks, as a person reads it: 承办纠纷数 18/20；培训学时 4/16."""
    from mediation_cli.i18n import lang

    parts = []
    for m in items:
        kind = known[m["criterion"]][0]
        en, zh = SHORT.get(m["criterion"], known[m["criterion"]][1:])
        has, needed = m["has"], m["needed"]
        if kind == "rate":
            has = "—" if has is None else f"{has * 100:.1f}%"
            needed = f"{needed * 100:g}%"
        op = "≤" if kind == "max" else "≥"
        parts.append(f"{zh if lang() == 'zh' else en} {has} ({op}{needed})")
    return "；".join(parts) if lang() == "zh" else "; ".join(parts)


@app.command(
    "grades",
    help=h(
        "mediators against the grade criteria: grade held, highest grade met, what the next one lacks",
        "调解员等级评定：现有等级、已达到的最高等级、距下一等级所缺条件",
    ),
)
def grades(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    org: ScopeOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.grades import GRADE_CRITERIA
    from mediation_cli.render.output import Col, emit_object
    from mediation_cli.reports.grades import grades_report

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    on = parse_day(as_of, "as_of") or today()
    report = grades_report(ledger, on, org_ids=org_ids(ledger, org))
    rows = [
        {**r, "missing": missing_text(r["missing_for_next"], GRADE_CRITERIA)} for r in report["mediators"]
    ]
    cols = [
        Col("staff_no", "staff no", "编号"),
        Col("name", "name", "姓名"),
        Col("org_code", "org", "组织"),
        Col("years_of_service", "years", "年限", "int"),
        Col("cases", "cases", "承办", "int"),
        Col("success_rate", "success", "成功率", "share"),
        Col("written_share", "written", "书面协议", "share"),
        Col("training_hours", "training h", "培训学时"),
        Col("criminal_cases", "民转刑", "民转刑", "int"),
        Col("grade_held", "grade held", "现有等级"),
        Col("grade_met", "grade met", "已达等级"),
        Col("next_grade", "next", "下一等级"),
        Col("missing", "missing for the next", "所缺条件"),
    ]
    csv_cols = cols[:-1] + [Col("missing", "", "")]
    fields = [Col("as_of", "as of", "统计日期")]
    emit_object(
        opts,
        report,
        fields,
        title=tr(f"Mediator grades as of {on}", f"人民调解员等级评定（{on}）"),
        sections=[(tr("Mediators", "调解员"), cols if opts.format != "csv" else csv_cols, rows)],
        notes=[
            tr(
                "criteria: `mediation config get grade_criteria` (the program's own defaults; README)",
                "评定条件见 `mediation config get grade_criteria`（程序默认值，可修改；见 README）",
            )
        ],
    )


@app.command(
    "stars",
    help=h(
        "committees against the star criteria: rating held, rating met, what the next lacks, validity",
        "调委会星级评定：现有星级、已达到的星级、距下一星级所缺条件、是否超过有效期",
    ),
)
def stars(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    org: ScopeOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.grades import STAR_CRITERIA
    from mediation_cli.domain.taxonomy import ORG_KIND
    from mediation_cli.render.output import Col, emit_object
    from mediation_cli.reports.stars import stars_report

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    on = parse_day(as_of, "as_of") or today()
    report = stars_report(ledger, on, org_ids=org_ids(ledger, org))
    rows = [{**r, "missing": missing_text(r["missing_for_next"], STAR_CRITERIA)} for r in report["orgs"]]
    cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("kind", "kind", "类型", "enum", ORG_KIND),
        Col("mediators", "mediators", "调解员", "int"),
        Col("full_time", "full-time", "专职", "int"),
        Col("screening_rate", "screening", "排查完成率", "share"),
        Col("success_rate", "success", "成功率", "share"),
        Col("reports_on_time", "reports on time", "按时报送", "share"),
        Col("files_complete", "files complete", "卷宗齐全", "share"),
        Col("rating_held", "stars held", "现有星级", "int"),
        Col("rated_on", "rated on", "评定日期"),
        Col("stale", "past validity", "超过有效期", "bool"),
        Col("rating_met", "stars met", "已达星级", "int"),
        Col("missing", "missing for the next", "距下一星级所缺"),
    ]
    emit_object(
        opts,
        report,
        [
            Col("as_of", "as of", "统计日期"),
            Col("from", "12 months from", "统计起始"),
            Col("rating_years", "valid for (years)", "有效年数", "int"),
        ],
        title=tr(f"Committee star ratings as of {on}", f"人民调解委员会星级评定（{on}）"),
        sections=[(tr("Committees", "调委会"), cols, rows)],
        notes=[
            tr(
                "criteria: `mediation config get star_criteria` (the program's own defaults; README); "
                "an empty figure does not apply to the committee",
                "评定条件见 `mediation config get star_criteria`（程序默认值，可修改；见 README）；空白项不适用于该组织",
            )
        ],
    )
