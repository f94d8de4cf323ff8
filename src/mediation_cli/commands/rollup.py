"""`mediation rollup LEDGER… --year Y`: the city bureau's (市司法局) figures over its banners' ledgers, read-only."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.context import AsOfOpt, EncodingOpt, OutputOpt, output_options, parse_day, today
from mediation_cli.i18n import h, tr

HELP = h(
    "the city's rollup of banners' ledgers (files or folders of *.db), read-only: the statistics table, staffing "
    "and the 10% full-time share, screening compliance and data-entry timeliness, per banner and for the city",
    "汇总各旗台账（文件或含 *.db 的目录，只读）：人民调解统计表、专职调解员配备与 10% 占比、普遍排查完成情况、"
    "数据录入及时情况，分旗并全市合计",
)
SECTIONS = ("summary", "statistics", "units", "staffing", "compliance", "timeliness")
SUMMARY_FIELDS = [
    "banner",
    "name",
    "received",
    "succeeded",
    "agreements_written",
    "agreements_oral",
    "agreement_amount_wan",
    "total_mediators",
    "full_time",
    "full_time_share",
    "meets_target",
    "screening_required",
    "screening_done",
    "screening_missed",
    "screening_rate",
    "median_lag_days",
    "within_share",
    "late",
    "year_end_rush",
]


def summary_rows(report: dict) -> list[dict]:
    """One wide row per banner and one for the city: the headline figure of every section."""
    out = []
    for st, sf, co, ti in zip(
        report["statistics"], report["staffing"], report["compliance"], report["timeliness"], strict=True
    ):
        out.append(
            {
                "banner": sf["banner"],
                "name": sf["name"],
                **{k: st[k] for k in SUMMARY_FIELDS[2:7]},
                **{k: sf[k] for k in SUMMARY_FIELDS[7:11]},
                "screening_required": co["required"],
                "screening_done": co["done"],
                "screening_missed": co["missed"],
                "screening_rate": co["rate"],
                **{k: ti[k] for k in SUMMARY_FIELDS[15:]},
            }
        )
    return out


def _cols():
    from mediation_cli.render.output import Col

    banner = [Col("banner", "banner", "旗（文件）"), Col("name", "name", "名称")]
    return {
        "summary": banner
        + [
            Col("received", "received", "受理", "int"),
            Col("succeeded", "succeeded", "成功", "int"),
            Col("agreement_amount_wan", "amount (10k 元)", "协议金额（万元）"),
            Col("full_time_share", "full-time share", "专职占比", "share"),
            Col("meets_target", "10% met", "达到10%", "bool"),
            Col("screening_rate", "screenings done", "排查完成率", "share"),
            Col("within_share", "entered on time", "按时录入", "share"),
            Col("year_end_rush", "year-end rush", "年底突击录入", "int"),
        ],
        "statistics": banner
        + [
            Col("received", "received", "受理", "int"),
            Col("succeeded", "succeeded", "成功", "int"),
            Col("source_proactive", "proactive", "主动调解", "int"),
            Col("source_application", "on application", "申请调解", "int"),
            Col("source_entrusted", "entrusted", "委托移送", "int"),
            Col("agreements_written", "written", "书面协议", "int"),
            Col("agreements_oral", "oral", "口头协议", "int"),
            Col("agreement_amount_wan", "amount (10k 元)", "协议金额（万元）"),
        ],
        "units": [Col("unit", "unit", "单位"), Col("name", "name", "名称")]
        + [Col("received", "received", "受理", "int"), Col("succeeded", "succeeded", "成功", "int")],
        "staffing": banner
        + [
            Col("total_mediators", "mediators", "调解员总数", "int"),
            Col("full_time", "full-time", "专职", "int"),
            Col("full_time_share", "full-time share", "专职占比", "share"),
            Col("meets_target", "meets 10%", "达到10%", "bool"),
            Col("convert_needed", "to convert", "需转为专职", "int"),
            Col("hire_needed", "or to hire", "或需新聘", "int"),
        ],
        "compliance": banner
        + [
            Col("orgs", "orgs", "组织数", "int"),
            Col("required", "periods owed", "应排查周期", "int"),
            Col("done", "done", "已排查", "int"),
            Col("missed", "missed", "缺报", "int"),
            Col("rate", "rate", "完成率", "share"),
            Col("orgs_all_done", "orgs with none missed", "无缺报组织", "int"),
        ],
        "timeliness": banner
        + [
            Col("cases", "cases", "案件数", "int"),
            Col("median_lag_days", "median lag (days)", "录入用时中位数（天）"),
            Col("within", "within (days)", "时限（天）"),
            Col("within_share", "on time", "按时录入", "share"),
            Col("late", "late", "逾期录入", "int"),
            Col("year_end_rush", "year-end rush", "年底突击录入", "int"),
        ],
    }


def rollup(
    ledgers: Annotated[
        list[Path], typer.Argument(help=h("ledger files, or folders of *.db", "台账文件，或含 *.db 的目录"))
    ],
    year: Annotated[int, typer.Option("--year", help=h("the year", "年度"))],
    as_of: AsOfOpt = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            help=h(
                "days allowed for data entry (default: each ledger's setting entry_within_days)",
                "允许的录入天数（默认用各台账的 entry_within_days 设置）",
            ),
        ),
    ] = None,
    section: Annotated[
        str,
        typer.Option(
            "--section",
            help=h(
                "the table CSV carries: " + " | ".join(SECTIONS),
                "CSV 输出的表：" + " | ".join(SECTIONS),
            ),
        ),
    ] = "summary",
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help=h("ledgers read at once", "同时读取的台账数"))
    ] = 1,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | json | markdown | xlsx")
    ] = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from datetime import date

    from mediation_cli.domain.errors import Invalid
    from mediation_cli.errors import MediationError
    from mediation_cli.render.output import emit_object, emit_rows
    from mediation_cli.reports.rollup import rollup as run

    if section not in SECTIONS:
        raise Invalid("--section", section, " | ".join(SECTIONS), "、".join(SECTIONS))
    if jobs < 1:
        raise Invalid("--jobs", jobs, "a whole number ≥ 1", "不小于 1 的整数")
    if fmt.lower() == "xlsx" and output is None:
        raise MediationError(
            "--output: an .xlsx report needs --output FILE.xlsx", "--output：xlsx 报表须用 --output 指定文件"
        )
    opts = None if fmt.lower() == "xlsx" else output_options(fmt, output, encoding)
    on = parse_day(as_of, "as_of") or min(today(), date(year, 12, 31))
    report = run(ledgers, year, on, within=within, jobs=jobs, city_name=tr("city", "全市"))
    title = tr(f"City rollup {year} (as of {on})", f"全市人民调解汇总（{year} 年，截至 {on}）")
    cols = _cols()
    summary = summary_rows(report)
    if opts is None:
        from mediation_cli.render.workbook import rollup_workbook

        rollup_workbook(report, summary, output, title=title)
        typer.echo(str(output))
        return
    if opts.format == "json":
        emit_object(opts, report, [], title=title)
        return
    if opts.format == "csv":
        from mediation_cli.reports.rollup import COMPLIANCE_FIELDS, STAFFING_FIELDS, TIMELINESS_FIELDS
        from mediation_cli.reports.statistics import fields

        keys = {
            "summary": SUMMARY_FIELDS,
            "statistics": ["banner", *fields()],
            "units": ["banner", *fields()],
            "staffing": STAFFING_FIELDS,
            "compliance": COMPLIANCE_FIELDS,
            "timeliness": TIMELINESS_FIELDS,
        }[section]
        rows = {"summary": summary, "units": report["statistics_units"]}.get(section) or [
            {**r, "banner": r.get("banner", r.get("unit"))} for r in report[section]
        ]
        emit_rows(opts, [], rows, json_keys=keys)
        return
    from mediation_cli.render.output import Col

    fields_ = [
        Col("year", "year", "年度"),
        Col("as_of", "as of", "截至"),
        Col("ledgers", "banners", "旗数", "int"),
    ]
    stats = [{**r, "banner": r["unit"]} for r in report["statistics"]]
    emit_object(
        opts,
        {**report, "ledgers": len(report["banners"])},
        fields_,
        title=title,
        sections=[
            (tr("Statistics table", "人民调解统计"), cols["statistics"], stats),
            (tr("Staffing and the 10% share", "专职调解员配备"), cols["staffing"], report["staffing"]),
            (tr("Screening compliance", "普遍排查完成情况"), cols["compliance"], report["compliance"]),
            (tr("Data-entry timeliness", "数据录入及时情况"), cols["timeliness"], report["timeliness"]),
        ],
    )
