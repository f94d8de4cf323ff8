"""`mediation report`: the bureau's reports — staffing, cases, timeliness, quarterly, statistics, campaign."""

from typing import Annotated

import typer

from mediation_cli.commands.common import complete_org
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

app = typer.Typer(
    rich_markup_mode=None,
    help=h("reports for the bureau and the upstream platforms", "报表：旗司法局通报与上报平台"),
    no_args_is_help=True,
)

PROBLEM_LABELS = {
    "too_few_members": ("fewer than 3 members", "委员少于3人"),
    "too_many_members": ("more than 9 members", "委员多于9人"),
    "no_woman": ("no woman member", "无妇女成员"),
    "no_minority": ("no minority-nationality member", "无少数民族成员"),
}


def _problems(codes) -> str:
    return "；".join(tr(*PROBLEM_LABELS[c]) for c in codes) if codes else ""


@app.command(
    "staffing",
    help=h(
        "full-time mediators against the minimums and the 10% target, committee composition",
        "专职调解员配备与 10% 目标、调委会组成检查",
    ),
)
def staffing(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help=h("only this org and those under it", "只统计该组织及其下级"),
            autocompletion=complete_org,
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.taxonomy import ORG_KIND
    from mediation_cli.ledger.config import Config
    from mediation_cli.ledger.orgs import resolve_org
    from mediation_cli.render.output import Col, emit_object
    from mediation_cli.reports.staffing import staffing_report

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    on = parse_day(as_of, "as_of") or today()
    root = resolve_org(ledger, org)["id"] if org else None
    report = staffing_report(ledger, on, root_id=root, multi_ethnic=bool(Config(ledger)["multi_ethnic"]))
    fields = [
        Col("as_of", "as of", "统计日期"),
        Col("total_mediators", "mediators", "调解员总数", "int"),
        Col("full_time", "full-time", "专职调解员", "int"),
        Col("full_time_share", "full-time share", "专职占比", "share"),
        Col("target_share", "year-end target", "年末目标", "share"),
        Col("meets_target", "meets the target", "是否达标", "bool"),
        Col("convert_needed", "part-timers to convert", "需转为专职（人）", "int"),
        Col("hire_needed", "or full-timers to hire", "或需新聘专职（人）", "int"),
        Col("orgs_meeting_minimum", "orgs meeting their minimum", "专职配备达标的组织", "int"),
        Col("minimum_shortfall", "full-timers the minimums lack", "各组织应配专职缺口（人）", "int"),
    ]
    cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("kind", "kind", "类型", "enum", ORG_KIND),
        Col("mediators", "mediators", "调解员", "int"),
        Col("full_time", "full-time", "专职", "int"),
        Col("required_full_time", "required", "应配专职", "int"),
        Col("shortfall", "shortfall", "缺口", "int"),
        Col("meets", "meets", "达标", "bool"),
        Col("problems", "composition (人民调解法 art. 8)", "组成问题（人民调解法第八条）"),
    ]
    rows = [{**o, "problems": _problems(o["composition_problems"])} for o in report["orgs"]]
    short = [r for r in rows if not r["meets"] or r["problems"]]
    if opts.format == "csv":
        sections = [(tr("Orgs", "各组织"), cols[:-1] + [Col("composition_problems", "", "")], report["orgs"])]
    elif opts.format == "table":
        sections = [
            (
                tr(
                    "Orgs short of their minimum or with composition problems",
                    "专职配备未达标或组成不合规的组织",
                ),
                cols,
                short,
            )
        ]
    else:
        sections = [(tr("Orgs", "各组织"), cols, rows)]
    notes = []
    if opts.format == "table" and len(short) < len(rows):
        notes.append(
            tr(
                f"{len(rows) - len(short)} other orgs meet their minimum (all rows: --format csv|json|markdown)",
                f"另有 {len(rows) - len(short)} 个组织达标（查看全部：--format csv|json|markdown）",
            )
        )
    emit_object(
        opts,
        report,
        fields,
        title=tr(f"Staffing on {on}", f"调解员配备情况（{on}）"),
        sections=sections,
        notes=notes,
    )


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
    org: Annotated[
        str | None,
        typer.Option("--org", help=h("only this org", "只统计该组织"), autocompletion=complete_org),
    ] = None,
    include_children: Annotated[
        bool, typer.Option("--include-children", help=h("with the orgs under it", "包括下级组织"))
    ] = False,
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
    from mediation_cli.ledger.orgs import resolve_org, subtree_ids
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
    org_ids = None
    if org:
        root = resolve_org(ledger, org)["id"]
        org_ids = subtree_ids(ledger, root) if include_children else [root]
    params = CaseReportParams(start=start, end=end, by=by, org_ids=org_ids, prevented=prevented)
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

    key_titles = {
        "category": ("category", "纠纷类型"),
        "org": ("org", "组织"),
        "source": ("source", "来源"),
        "status": ("status", "状态"),
        "key_group": ("key group", "重点群体"),
        "risk_level": ("risk level", "风险等级"),
        "month": ("month", "月份"),
    }
    cols = [
        Col("key", *key_titles[by], "enum", label),
        Col("received", "received", "受理", "int"),
        Col("succeeded", "succeeded", "调解成功", "int"),
        Col("failed", "failed", "调解不成", "int"),
        Col("withdrawn", "withdrawn", "撤回", "int"),
        Col("pending", "pending", "未办结", "int"),
        Col("success_rate", "success rate", "调解成功率", "share"),
        Col("amount", "amount (元)", "涉及金额（元）", "money"),
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
def _range(start: str | None, end: str | None, year: int | None = None):
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
    d1, d2 = _range(start, end, year)
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
    ]
    if year is not None:
        cols.append(Col("year_end_rush", "year-end rush", "年底突击录入", "int"))
    emit_rows(
        opts,
        cols,
        rows,
        json_keys=FIELDS + (["year_end_rush"] if year is not None else []),
        title=tr(
            f"Data-entry timeliness {d1} – {d2} (within {n} days)",
            f"调解数据录入及时情况 {d1} 至 {d2}（{n} 天内）",
        ),
        style=lambda r: "red" if r["within_share"] < 0.8 else None,
    )


@app.command(
    "statistics",
    help=h(
        "the statistics table sent upward: per township, industry committee and workroom, with 合计",
        "人民调解统计表：按苏木镇（含所属嘎查村、司法所）、行业性调委会、工作室汇总，含合计",
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
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table | csv | json | markdown | xlsx")
    ] = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.taxonomy import STAT_CATEGORY
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.statistics import fields, statistics_report

    if by not in ("township", "org"):
        raise Invalid("--by", by, "township or org", "township 或 org")
    ledger = ctx_of(ctx).ledger()
    d1, d2 = _range(start, end, year)
    rows = statistics_report(ledger, d1, d2, by=by)
    for r in rows:
        if r["unit"] == "total":
            r["name"] = tr("total", "合计")
    title = tr(f"Mediation statistics {d1} – {d2}", f"人民调解统计表（{d1} 至 {d2}）")
    if fmt.lower() == "xlsx":
        from mediation_cli.render.workbook import statistics_workbook

        if output is None:
            from mediation_cli.errors import MediationError

            raise MediationError(
                "--output: an .xlsx report needs --output FILE.xlsx",
                "--output：xlsx 报表须用 --output 指定文件",
            )
        statistics_workbook(rows, output, title=title)
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
    ledger = ctx_of(ctx).ledger()
    row = resolve_org(ledger, org)
    report = quarterly_report(ledger, row, parse_quarter(quarter))
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
    quarter: Annotated[str, typer.Option("--quarter", help=h("e.g. 2024Q2", "季度，如 2024Q2"))],
    on: Annotated[str, typer.Option("--on", help=h("date received", "报送日期"))] = "today",
) -> None:
    from mediation_cli.services.submissions import record_submission

    code, label, day = record_submission(ctx_of(ctx).ledger(), org, quarter, on, today=today())
    typer.echo(
        tr(
            f"{code} {label} report received on {day}",
            f"{code} {label} 季度报告已于 {day} 报送",
        )
    )


@app.command(
    "submissions",
    help=h("who has sent the quarterly report: on time, late, missing", "季度报告报送情况：按时、逾期、未报"),
)
def submissions(
    ctx: typer.Context,
    quarter: Annotated[str, typer.Option("--quarter", help=h("e.g. 2024Q2", "季度，如 2024Q2"))],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.periods import parse_quarter
    from mediation_cli.ledger.config import Config
    from mediation_cli.ledger.submissions import submissions_for
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.remind import report_due_date

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    q = parse_quarter(quarter)
    on = parse_day(as_of, "as_of") or today()
    due = report_due_date(q, Config(ledger))
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
    states = {
        "on_time": ("on time", "按时"),
        "late": ("late", "逾期"),
        "missing": ("missing", "未报送"),
        "not_yet_due": ("not yet due", "未到期"),
    }
    cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("quarter", "quarter", "季度"),
        Col("due_on", "due", "应报日期"),
        Col("submitted_on", "submitted", "报送日期"),
        Col("state", "state", "状态", "enum", lambda v: tr(*states[v])),
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
    from mediation_cli.reports.campaign import PHASES, campaign_report

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
    rag = {
        "green": ("green", "绿（达标）"),
        "amber": ("amber", "黄（接近）"),
        "red": ("red", "红（落后）"),
        "none": ("no data", "无数据"),
    }
    fields = [
        Col("as_of", "as of", "统计日期"),
        Col("phase", "phase", "所处阶段", "enum", lambda v: tr(*PHASES[v])),
        Col("phase_start", "phase from", "阶段开始"),
        Col("phase_end", "phase until", "阶段结束"),
    ]
    cols = [
        Col("name", "target", "目标"),
        Col("value", "figure", "当前", "share"),
        Col("target", "target", "目标值", "share"),
        Col("detail", "count", "计数"),
        Col("status", "status", "状态", "enum", lambda v: tr(*rag[v])),
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
    from mediation_cli.io.profiles import load_profile
    from mediation_cli.ledger.exports import unexported as find_unexported
    from mediation_cli.render.output import Col, emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    name = load_profile(profile).name if profile else None
    states = {"never": ("never exported", "从未报送"), "changed": ("changed since", "报送后有修改")}
    cols = [
        Col("case_no", "case no", "案件编号"),
        Col("org_code", "org", "组织"),
        Col("received_on", "received", "受理日期"),
        Col("status", "status", "状态", "enum", STATUS),
        Col("entered_at", "entered", "录入时间"),
        Col("state", "state", "情况", "enum", lambda v: tr(*states[v])),
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
