"""`mediation screen`: the screening ledger (排查工作台账), compliance with the cadence, and what is due.

"坚持普遍排查与重点排查、日常排查与集中排查相结合… 嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次普遍排查".
"""

from datetime import date
from typing import Annotated

import typer

from mediation_cli.commands.common import (
    ChildrenOpt,
    FromOpt,
    OrgFilterOpt,
    ToOpt,
    add_import_command,
    complete_org,
    completer_for,
    org_ids,
    raw_from,
)
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
from mediation_cli.domain.taxonomy import CADENCE, ORG_KIND, SCREENING_KIND, CodeTable
from mediation_cli.i18n import h, tr

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "screenings (排查): record them, list them, check the cadence (weekly for villages, monthly for townships "
        "and judicial offices), see what is due",
        "矛盾纠纷排查：登记、台账、按频次检查（嘎查村每周、苏木镇和司法所每月）、到期提醒",
    ),
    no_args_is_help=True,
)

DUE_STATE = CodeTable("state", {"due": ("待排查", "due"), "overdue": ("逾期", "overdue")})

OrgKindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help=h("only orgs of this kind (code or 中文)", "只看该类型的组织（代码或中文）"),
        autocompletion=completer_for(ORG_KIND),
    ),
]
ScreeningKindHelp = h(
    "routine | concentrated | key (日常/集中/重点; default routine)",
    "日常 routine / 集中 concentrated / 重点 key（默认日常）",
)


def columns():
    from mediation_cli.render.output import Col

    return [
        Col("id", "id", "编号", "int", priority=0),
        Col("org_code", "org", "组织", priority=0),
        Col("org_name", "org name", "组织名称", priority=3),
        Col("screened_on", "date", "排查日期", priority=0),
        Col("kind", "kind", "类型", "enum", SCREENING_KIND, priority=4),
        Col("found", "found", "发现纠纷", "int", priority=1),
        Col("screened_by", "by", "排查人", priority=5),
        Col("note", "note", "备注", priority=6),
        Col("cases_opened", "cases opened", "立案数", "int", priority=2),
    ]


@app.command(
    "record",
    help=h(
        "record one screening (prints its number); --found 0 is a valid zero report (零报告)",
        "登记一次排查（输出其编号）；--found 0 即零报告",
    ),
)
def record(
    ctx: typer.Context,
    org: Annotated[
        str,
        typer.Option(
            "--org",
            "--org-code",
            help=h("org code, name or initials", "排查的组织"),
            autocompletion=complete_org,
        ),
    ],
    on: Annotated[
        str,
        typer.Option(
            "--on", "--screened-on", help=h("date screened (default today)", "排查日期（默认今天）")
        ),
    ] = "today",
    kind: Annotated[
        str | None,
        typer.Option("--kind", help=ScreeningKindHelp, autocompletion=completer_for(SCREENING_KIND)),
    ] = None,
    found: Annotated[
        str | None,
        typer.Option(
            "--found", help=h("disputes found (default 0: 零报告)", "发现矛盾纠纷数（默认 0，即零报告）")
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            "--screened-by",
            help=h(
                "who screened: a name (free text), or the staff number of a mediator of that org serving that day",
                "排查人：姓名（按原文保存），或该组织当日在任调解员的编号",
            ),
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=h("notes", "备注"))] = None,
) -> None:
    from mediation_cli.services.screenings import record_screening

    raw = raw_from(org_code=org, screened_on=on, kind=kind, found=found, screened_by=by, note=note)
    typer.echo(record_screening(ctx_of(ctx).ledger(), raw, today=today()))


@app.command("list", help=h("the screening ledger (排查工作台账)", "排查工作台账"))
def list_(
    ctx: typer.Context,
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    frm: FromOpt = None,
    to: ToOpt = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help=h("screening kind: routine | concentrated | key", "排查类型：日常/集中/重点"),
            autocompletion=completer_for(SCREENING_KIND),
        ),
    ] = None,
    zero: Annotated[
        bool, typer.Option("--zero", help=h("only zero reports (found 0)", "只列零报告"))
    ] = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.ledger.screenings import count_screenings, list_screenings
    from mediation_cli.render.output import SCREEN_LIMIT, emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    wanted = dict(
        org_ids=org_ids(ledger, org, include_children),
        start=parse_day(frm, "from"),
        end=parse_day(to, "to"),
        kind=SCREENING_KIND.parse(kind, "kind") if kind else None,
        zero=zero,
    )
    total = None
    if opts.format == "table" and opts.output is None:  # the screen's first rows; the rest only counted
        rows = list(list_screenings(ledger, **wanted, limit=SCREEN_LIMIT))
        if len(rows) == SCREEN_LIMIT:
            total = count_screenings(ledger, **wanted)
    else:
        rows = list_screenings(ledger, **wanted)
    emit_rows(opts, columns(), rows, title=tr("Screenings", "排查记录"), total=total)


@app.command("show", help=h("one screening and the cases it opened", "查看一次排查及其发现并立案的纠纷"))
def show(
    ctx: typer.Context,
    screening: Annotated[str, typer.Argument(help=h("screening number", "排查编号"))],
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    from mediation_cli.domain.taxonomy import STATUS
    from mediation_cli.ledger.screenings import cases_opened, find_screening, screening_dict
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    obj = screening_dict(find_screening(ledger, screening))
    obj["cases"] = cases_opened(ledger, obj["id"])
    case_cols = [
        Col("case_no", "case no", "案件编号"),
        Col("received_on", "received", "受理日期"),
        Col("category", "category", "纠纷类型"),
        Col("status", "status", "状态", "enum", STATUS),
    ]
    emit_object(
        opts,
        obj,
        columns() + [Col("entered_at", "entered at", "录入时间")],
        title=tr(f"Screening {obj['id']}", f"排查记录 {obj['id']}"),
        sections=[(tr("Cases opened", "发现并立案的纠纷"), case_cols, obj["cases"])],
    )


def _importer():
    from mediation_cli.services.screenings import import_screenings

    return import_screenings


add_import_command(
    app,
    _importer,
    "import screenings from CSV/XLSX (matched on org_code+screened_on+kind; all-or-nothing unless --skip-bad)",
    "从 CSV/XLSX 导入排查记录（按 组织+日期+类型 匹配；默认全部成功才写入）",
)


@app.command(
    "compliance",
    short_help=h("periods owed, met and missed per org (worst first)", "各组织应排查、已排查、缺报的周期"),
    help=h(
        "per org with a cadence: periods owed, met and missed in a date range. Only ISO weeks (Mon–Sun) and calendar "
        "months lying wholly inside the range and the org's active span count; two screenings in one period count "
        "once. Each org's own cadence is used (`config set cadence.<kind>`); the key-period cadence only affects "
        "`screen due`. Worst first. The table shows a ✓/✗ matrix (· = not owed), or the missed periods when there "
        "are more than 26 columns.",
        "各组织按排查频次应排查、已排查、缺报的周期。只计完全落在日期范围和组织存续期内的 ISO 周（周一至周日）和"
        "自然月；同一周期内多次排查只算一次。按组织自身频次计算（`config set cadence.<类型>`），重要时间节点频次只用于"
        " `screen due`。按完成率从低到高排列。表格显示 ✓/✗ 矩阵（· 为不应排查），超过 26 列时改为列出缺报周期。",
    ),
)
def compliance(
    ctx: typer.Context,
    frm: Annotated[
        str | None,
        typer.Option("--from", help=h("first day (default 1 January)", "起始日期（默认当年 1 月 1 日）")),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help=h("last day (default today)", "截止日期（默认今天）"))
    ] = None,
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    kind: OrgKindOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.config import Config
    from mediation_cli.reports.compliance import FIELDS, screening_compliance

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    end = parse_day(to, "to") or today()
    start = parse_day(frm, "from") or date(end.year, 1, 1)
    if end < start:
        raise Invalid(
            "to", end.isoformat(), f"a date on or after --from ({start})", f"不早于起始日期（{start}）的日期"
        )
    rows = screening_compliance(
        ledger,
        start,
        end,
        Config(ledger),
        org_ids=org_ids(ledger, org, include_children),
        kinds=[ORG_KIND.parse(kind, "kind")] if kind else None,
    )
    if opts.format in ("json", "csv"):
        from mediation_cli.render.output import emit_rows

        emit_rows(opts, [], rows, json_keys=FIELDS)
        return
    from mediation_cli.render.compliance import print_compliance

    print_compliance(opts, rows, start, end)


@app.command(
    "due",
    short_help=h(
        "orgs with no screening yet this period (--check: exit 3 if any)",
        "本周期尚未排查的组织（--check 有则退出码 3）",
    ),
    help=h(
        "the orgs with no screening yet in the period containing --as-of: `overdue` when they missed the previous "
        "period too, else `due`. Screenings dated after --as-of are not seen. During a key period (两会, 五一, 国庆, "
        "春节) with `config set cadence.key_period weekly`, every org with a cadence owes a screening each week that "
        "overlaps the key period. --check exits 3 when the list is not empty (for cron).",
        "截至 --as-of 所在周期尚未排查的组织：上一周期也未排查的为“逾期”，否则为“待排查”；晚于 --as-of 的排查不计。"
        "设置 `config set cadence.key_period weekly` 后，与重要时间节点（两会、五一、国庆、春节）重叠的每一周，所有有"
        "排查频次的组织都应排查。--check：有结果时退出码为 3（供定时任务使用）。",
    ),
)
def due(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    check: Annotated[
        bool, typer.Option("--check", help=h("exit 3 when anything is due", "有待排查组织时退出码为 3"))
    ] = False,
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    kind: OrgKindOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.ledger.config import Config
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.due import FIELDS, due_screenings

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    on = parse_day(as_of, "as_of") or today()
    rows = due_screenings(
        ledger,
        on,
        Config(ledger),
        org_ids=org_ids(ledger, org, include_children),
        kinds=[ORG_KIND.parse(kind, "kind")] if kind else None,
    )
    cols = [
        Col("code", "code", "编号", priority=0),
        Col("name", "name", "名称", priority=2),
        Col("kind", "kind", "类型", "enum", ORG_KIND, priority=5),
        Col("cadence", "cadence", "频次", "enum", CADENCE, priority=4),
        Col("period", "period", "周期", priority=0),
        Col("last_screened_on", "last screened", "上次排查", priority=1),
        Col("state", "state", "状态", "enum", DUE_STATE, priority=0),
    ]
    emit_rows(
        opts,
        cols,
        rows,
        title=tr(f"Screenings due on {on}", f"截至 {on} 待排查的组织"),
        json_keys=FIELDS,
        empty_en="nothing due: every org with a cadence has screened this period",
        empty_zh="没有待排查的组织：本周期均已排查",
        style=lambda r: "red" if r["state"] == "overdue" else "yellow",
    )
    if check and rows:
        raise typer.Exit(3)
