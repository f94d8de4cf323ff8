"""`report cases|timeliness|statistics`: what the ledger's cases add up to over a period."""

from typing import Annotated

import typer

from mediation_cli.commands.common import ChildrenOpt, OrgFilterOpt, org_ids
from mediation_cli.commands.report import app
from mediation_cli.context import (
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    ctx_of,
    output_options,
    parse_day,
    today,
)
from mediation_cli.i18n import h, tr
from mediation_cli.render.labels import CASE_REPORT_KEYS


@app.command(
    "cases",
    help=h(
        "cases received in a range, by category|org|source|status|key_group|risk_level|month",
        "按类型/组织/来源/状态/重点群体/风险等级/月份统计某期间受理的纠纷",
    ),
)
def cases(
    ctx: typer.Context,
    frm: Annotated[str, typer.Option("--from", help=h("received on or after", "受理日期起"))],
    to: Annotated[str, typer.Option("--to", help=h("received on or before", "受理日期止"))],
    by: Annotated[
        str, typer.Option("--by", help="category | org | source | status | key_group | risk_level | month")
    ] = "category",
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    prevented: Annotated[
        bool,
        typer.Option(
            "--prevented",
            help=h(
                "add what mediation prevented (防止民转刑, 防止群体性上访, 防止自杀, 制止群体性械斗)",
                "同时统计防止民转刑、防止群体性上访、防止自杀、制止群体性械斗",
            ),
        ),
    ] = False,
    chart: Annotated[
        bool, typer.Option("--chart", help=h("a bar chart of cases received", "受理件数柱状图"))
    ] = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.taxonomy import CASE_SOURCE, KEY_GROUP, PREVENTED, RISK_LEVEL, STATUS
    from mediation_cli.i18n import lang
    from mediation_cli.render.output import Col, bar_chart, emit_rows, open_text
    from mediation_cli.reports.cases import (
        BY,
        FIELDS,
        PREVENTED_FIELDS,
        CaseReportParams,
        case_report,
        case_totals,
    )

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    start, end = parse_day(frm, "--from"), parse_day(to, "--to")
    if end < start:
        raise Invalid(
            "--to", end.isoformat(), f"a date on or after --from ({start})", f"不早于 --from（{start}）的日期"
        )
    by = by.strip().lower().replace("-", "_")
    if by not in BY:
        raise Invalid("--by", by, "one of " + ", ".join(BY), "以下之一：" + "、".join(BY))
    ids = org_ids(ledger, org, include_children)
    params = CaseReportParams(start=start, end=end, by=by, org_ids=ids, prevented=prevented)
    rows = case_report(ledger, params)

    if by == "category":
        from mediation_cli.ledger.config import category_labels

        labels = category_labels(ledger)
    elif by == "org":
        from mediation_cli.ledger.orgs import org_names_by_code

        labels = {code: (name, name) for code, name in org_names_by_code(ledger).items()}
    else:
        table = {
            "source": CASE_SOURCE,
            "status": STATUS,
            "risk_level": RISK_LEVEL,
            "key_group": KEY_GROUP,
        }.get(by)
        labels = {c: v for c, v in table.members.items()} if table else {}
        if by == "key_group":
            labels["none"] = ("无", "none")

    def label(key) -> str:
        if key is None:
            return tr("total", "合计")
        zh, en = labels.get(key, (key, key))
        return zh if lang() == "zh" else en

    key_titles = CASE_REPORT_KEYS
    cols = [
        Col("key", *key_titles[by], "enum", label),
        Col("received", "received", "受理", "int"),
        Col("succeeded", "succeeded", "调解成功", "int"),
        Col("failed", "failed", "调解不成", "int"),
        Col("withdrawn", "withdrawn", "撤回", "int"),
        Col("pending", "pending", "未办结", "int"),
        Col("success_rate", "success ÷ settled", "成功率（成功÷办结）", "share"),
        Col("success_rate_of_received", "success ÷ received", "成功率（成功÷受理）", "share"),
        Col("amount", "amount (元)", "涉及金额（元）", "money"),
        Col("confirmation_applied", "司法确认 applied", "申请司法确认", "int"),
        Col("confirmed", "confirmed", "确认有效", "int"),
    ]
    if prevented:
        for c in PREVENTED_FIELDS:
            base, unit = c.rsplit("_", 1)
            zh, en = PREVENTED[base]
            cols.append(Col(c, f"{en} ({unit})", f"{zh}（{'件' if unit == 'cases' else '人'}）", "int"))
    keys = FIELDS + (PREVENTED_FIELDS if prevented else [])
    totals = None
    if opts.format in ("table", "markdown") and rows:
        totals = {**case_totals(ledger, params), "key": tr("total", "合计")}
    emit_rows(
        opts,
        cols,
        rows,
        title=tr(
            f"Cases received {start} – {end}, by {by}",
            f"{start} 至 {end} 受理的纠纷（按{key_titles[by][1]}）",
        ),
        totals=totals,
        json_keys=keys,
        empty_en="no cases received in the range",
        empty_zh="该期间没有受理纠纷",
    )
    if chart and opts.format == "table" and rows:
        with open_text(opts) as fh:
            fh.write("\n")
            bar_chart([(label(r["key"]), r["received"]) for r in rows], fh=fh)


# -- issue 5: the bureau's reports and the upstream platforms -------------------------------------------------------
def date_range(start: str | None, end: str | None, year: int | None = None):
    """--from/--to (or the whole --year); both ends inclusive."""
    from datetime import date

    from mediation_cli.domain.errors import Invalid

    d1 = parse_day(start, "from") or (date(year, 1, 1) if year else None)
    d2 = parse_day(end, "to") or (date(year, 12, 31) if year else None)
    if d1 is None or d2 is None:
        raise Invalid(
            "--from/--to", f"{start or ''}..{end or ''}", "both dates (or --year)", "起止日期（或 --year）"
        )
    if d2 < d1:
        raise Invalid(
            "to", d2.isoformat(), f"a date on or after --from ({d1})", f"不早于起始日期（{d1}）的日期"
        )
    return d1, d2


FromOpt = Annotated[
    str | None, typer.Option("--from", help=h("first date received (inclusive)", "受理起始日期（含）"))
]
ToOpt = Annotated[
    str | None, typer.Option("--to", help=h("last date received (inclusive)", "受理截止日期（含）"))
]


@app.command(
    "timeliness",
    help=h(
        "data-entry lag per org, worst first: the quarterly bulletin (通报)",
        "各组织数据录入及时情况（由差到好排列，用于季度通报）",
    ),
)
def timeliness(
    ctx: typer.Context,
    start: FromOpt = None,
    end: ToOpt = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            help=h("days allowed (default: setting entry_within_days, 7)", "允许的录入天数（默认 7）"),
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=h(
                "add the year-end rush: received Jan–Oct, entered Nov–Dec",
                "加上年底突击录入：1–10月受理、11–12月录入",
            ),
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.config import Config
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.timeliness import FIELDS, timeliness_report

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    d1, d2 = date_range(start, end, year)
    n = within if within is not None else Config(ledger)["entry_within_days"]
    if n < 0:
        raise Invalid("--within", n, "a whole number of days ≥ 0", "不小于 0 的天数")
    rows = timeliness_report(ledger, d1, d2, within=n, year=year)
    cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("cases", "cases", "案件数", "int"),
        Col("median_lag_days", "median lag (days)", "录入用时中位数（天）"),
        Col("within_share", f"within {n} days", f"{n}天内录入", "share"),
        Col("late", "late", "逾期录入", "int"),
        Col("backfilled", "back-filled (entered_at claimed)", "补录（声称的录入时间早于实际写入）", "int"),
    ]
    if year is not None:
        cols.append(Col("year_end_rush", "year-end rush", "年底突击录入", "int"))
        cols.append(Col("year_end_rush_backfilled", "year-end back-fill", "年底补录（声称按时录入）", "int"))
    emit_rows(
        opts,
        cols,
        rows,
        json_keys=FIELDS + (["year_end_rush", "year_end_rush_backfilled"] if year is not None else []),
        title=tr(
            f"Data-entry timeliness {d1} – {d2} (within {n} days)",
            f"调解数据录入及时情况 {d1} 至 {d2}（{n} 天内）",
        ),
        style=lambda r: "red" if r["within_share"] is None or r["within_share"] < 0.8 else None,
    )


@app.command(
    "statistics",
    help=h(
        "the 人民调解 statistics table sent upward: per township, industry committee and workroom, with 合计 "
        "(--table other: administrative bodies and judicial offices)",
        "人民调解统计表：按苏木镇（含所属嘎查村）、行业性调委会、工作室汇总，含合计；--table other 为行政调解组织和司法所",
    ),
)
def statistics(
    ctx: typer.Context,
    start: FromOpt = None,
    end: ToOpt = None,
    year: Annotated[int | None, typer.Option("--year", help=h("the whole year", "整年"))] = None,
    by: Annotated[
        str,
        typer.Option("--by", help=h("township (villages rolled in) | org", "township（汇总到苏木镇）| org")),
    ] = "township",
    table: Annotated[
        str,
        typer.Option(
            "--table",
            help=h(
                "peoples (人民调解) | other (行政调解 bodies and 司法所, outside the 人民调解 figures)",
                "peoples（人民调解）| other（行政调解组织和司法所，不计入人民调解统计）",
            ),
        ),
    ] = "peoples",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | json | markdown | xlsx")
    ] = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.taxonomy import STAT_CATEGORY
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.statistics import TABLES, fields, statistics_report

    if by not in ("township", "org"):
        raise Invalid("--by", by, "township or org", "township 或 org")
    if table not in TABLES:
        raise Invalid("--table", table, "peoples or other", "peoples（人民调解）或 other（行政调解、司法所）")
    ledger = ctx_of(ctx).ledger()
    d1, d2 = date_range(start, end, year)
    rows = statistics_report(ledger, d1, d2, by=by, table=table)
    for r in rows:
        if r["unit"] == "total":
            r["name"] = tr("total", "合计")
    if table == "other":
        title = tr(
            f"Other mediation (administrative bodies, judicial offices) {d1} – {d2}",
            f"其他调解统计表（行政调解组织、司法所，不计入人民调解）（{d1} 至 {d2}）",
        )
    else:
        title = tr(f"People's mediation statistics {d1} – {d2}", f"人民调解统计表（{d1} 至 {d2}）")
    if fmt.lower() == "xlsx":
        from mediation_cli.render.stats_sheet import statistics_workbook
        from mediation_cli.reports.rollup import banner_name

        if output is None:
            from mediation_cli.errors import MediationError

            raise MediationError(
                "--output: an .xlsx report needs --output FILE.xlsx",
                "--output：xlsx 报表须用 --output 指定文件",
            )
        span = f"{d1.year}年{d1.month}月{d1.day}日至{d2.year}年{d2.month}月{d2.day}日"
        other_title = f"其他调解统计表（行政调解组织、司法所，不计入人民调解）（{span}）"
        statistics_workbook(
            rows,
            output,
            title=f"人民调解统计表（{span}）" if table == "peoples" else other_title,
            unit=banner_name(ledger, ""),  # 填报单位: the ledger's root org (the bureau)
            drafted_on=today(),
            start=d1,
            end=d2,
            other=statistics_report(ledger, d1, d2, table="other") if table == "peoples" else None,
            other_title=other_title,
        )
        typer.echo(str(output))
        return
    opts = output_options(fmt, output, encoding)
    cols = [
        Col("name", "unit", "单位"),
        Col("received", "received", "受理", "int"),
        Col("succeeded", "succeeded", "成功", "int"),
    ]
    if opts.format != "table":
        for code, (zh, en) in STAT_CATEGORY.members.items():
            cols += [
                Col(f"{code}_received", f"{en} received", f"{zh}受理", "int"),
                Col(f"{code}_succeeded", f"{en} succeeded", f"{zh}成功", "int"),
            ]
    else:
        top = [code for code in STAT_CATEGORY.members if rows and rows[-1][f"{code}_received"]]
        cols += [
            Col(f"{code}_received", STAT_CATEGORY.members[code][1], STAT_CATEGORY.members[code][0], "int")
            for code in top
        ]
    cols += [
        Col("source_proactive", "proactive", "主动调解", "int"),
        Col("source_application", "on application", "申请调解", "int"),
        Col("source_entrusted", "entrusted", "委托移送", "int"),
        Col("agreements_written", "written", "书面协议", "int"),
        Col("agreements_oral", "oral", "口头协议", "int"),
        Col("agreement_amount_wan", "amount (10k 元)", "协议金额（万元）"),
    ]
    if opts.format != "table":
        for key, (zh, en) in (
            ("criminal", ("防止民转刑", "prevented civil-to-criminal")),
            ("petition", ("防止群体性上访", "prevented group petitions")),
            ("suicide", ("防止自杀", "prevented suicide")),
            ("fight", ("制止群体性械斗", "stopped group fights")),
        ):
            cols += [
                Col(f"prevented_{key}_cases", f"{en} (cases)", f"{zh}（件）", "int"),
                Col(f"prevented_{key}_persons", f"{en} (persons)", f"{zh}（人）", "int"),
            ]
    emit_rows(opts, cols, rows, json_keys=fields(), title=title)
