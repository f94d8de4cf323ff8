"""`case list`: reading the dispute ledger, filtered (one case's record: record.py)."""

from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import (
    CategoryOpt,
    SourceOpt,
    field_opt,
)
from mediation_cli.commands.common import (
    ChildrenOpt,
    OrgFilterOpt,
    ReceivedFromOpt,
    ReceivedToOpt,
    org_ids,
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
from mediation_cli.domain.taxonomy import (
    CASE_SOURCE,
    KEY_GROUP,
    RISK_LEVEL,
    RISK_TYPE,
    STATUS,
)
from mediation_cli.i18n import h, lang, tr
from mediation_cli.render.output import SCREEN_LIMIT


def category_label(ledger):
    from mediation_cli.ledger.config import category_labels

    labels = category_labels(ledger)

    def label(code: str) -> str:
        zh, en = labels.get(code, (code, code))
        return zh if lang() == "zh" else en

    return label


def list_columns(ledger):
    """The columns of `case list` as a table: on a narrow terminal the larger priorities go first (render/fit.py);
    the number, the date received and the state always stay."""
    from mediation_cli.render.output import Col

    return [
        Col("case_no", "case no", "编号", priority=0),
        Col("org", "org", "组织", priority=3, fit="clip"),
        Col("received_on", "received", "受理日期", priority=0),
        Col("state", "status", "状态", priority=0),
        Col("amount", "amount (元)", "金额（元）", "money", priority=2),
        Col("category", "category", "类型", "enum", category_label(ledger), priority=4),
        Col("source", "source", "来源", "enum", CASE_SOURCE, priority=6),
        Col("risk_level", "risk", "风险", "enum", RISK_LEVEL, priority=5),
        Col("major", "major", "重大疑难", "bool", priority=7),
        Col("parties", "parties", "当事人", "int", priority=8),
        Col("summary", "summary", "简要案情", priority=1, min_width=24),
    ]


def shown(rows):
    """The table's own columns of a case: its org as code and short name, its state with the outcome it kept."""
    from mediation_cli.domain.orgnames import short_name
    from mediation_cli.render.labels import case_state

    for r in rows:
        r["org"] = f"{r['org_code']} {short_name(r.get('org_name') or '')}".rstrip()
        r["state"] = case_state(r["status"], r["outcome"])
        yield r


def resolver(ledger):
    from mediation_cli.ledger.case_refs import Resolver

    return Resolver(ledger, today())


@app.command("list", help=h("list cases; the filters combine", "列出案件（各筛选条件可组合）"))
def list_(
    ctx: typer.Context,
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help=h(
                "status (repeatable; 'pending' = received + mediating)", "状态（可重复；pending 表示未办结）"
            ),
        ),
    ] = None,
    category: CategoryOpt = None,
    source: SourceOpt = None,
    key_group: field_opt("--key-group", "involving this key group", "涉及该重点群体", KEY_GROUP) = None,
    risk: field_opt("--risk", "risk level or risk type", "风险等级或风险类型") = None,
    major: Annotated[
        bool | None, typer.Option("--major/--not-major", help=h("major difficult cases", "重大疑难纠纷"))
    ] = None,
    stalled: Annotated[
        bool,
        typer.Option(
            "--stalled",
            help=h("pending > 30 days and not extended, as of --as-of", "超期未调结（截至 --as-of）"),
        ),
    ] = False,
    unreported: Annotated[
        bool,
        typer.Option(
            "--unreported", help=h("risks that must be reported and were not", "应报告而未报告的风险纠纷")
        ),
    ] = False,
    key_period: field_opt(
        "--key-period",
        "received in a key period: two_sessions | may_day | national_day | spring_festival | any",
        "重要时间节点期间受理",
    ) = None,
    as_of: AsOfOpt = None,
    frm: ReceivedFromOpt = None,
    to: ReceivedToOpt = None,
    search: Annotated[
        str | None, typer.Option("--search", help=h("text in the summary", "简要案情中的文字"))
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help=h("at most this many", "最多列出条数"))] = None,
    all_: Annotated[
        bool,
        typer.Option(
            "--all",
            help=h(
                f"every case, also in a table on the screen (which otherwise shows the first {SCREEN_LIMIT})",
                f"列出全部（屏幕表格默认只列前 {SCREEN_LIMIT} 条）",
            ),
        ),
    ] = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.render.output import emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    res = resolver(ledger)
    f = case_filter(
        ledger, res, org, include_children, status, category, source, key_group, risk, major, frm, to, search
    )
    on = parse_day(as_of, "as_of") or today()
    f.as_of = on
    if stalled:
        f.stalled_as_of = on
    f.stalled_days = res.stalled_days
    f.unreported = unreported
    if key_period:
        from mediation_cli.domain.errors import Invalid
        from mediation_cli.domain.keyperiods import KEY_PERIOD_CODES, KEY_PERIOD_LABELS

        by_label = {v: k for k, v in KEY_PERIOD_LABELS.items()}
        code = by_label.get(key_period, key_period)
        if code not in (*KEY_PERIOD_CODES, "any"):
            raise Invalid(
                "--key-period",
                key_period,
                "one of " + ", ".join(KEY_PERIOD_CODES) + ", any",
                "两会、五一、国庆、春节、地方两会 或 any",
            )
        f.key_period = code
    from mediation_cli.domain.values import parse_int
    from mediation_cli.ledger.case_queries import LIST_KEYS, count_cases, list_rows

    if limit is not None:
        limit = parse_int(limit, "--limit", minimum=1)
    # a table on the screen lists SCREEN_LIMIT cases unless --limit or --all says otherwise: the limit goes into the
    # query, and the rest is counted only when the screen is full
    screen = opts.format == "table" and opts.output is None and limit is None and not all_
    f.limit = SCREEN_LIMIT if screen else limit
    people = opts.format in ("table", "markdown")  # csv/json carry LIST_KEYS only: no display columns to make
    rows = list_rows(ledger, f, as_of=on, org_name=people)
    total = None
    if screen:
        rows = list(rows)
        if len(rows) == SCREEN_LIMIT:
            f.limit = None
            total = count_cases(ledger, f)
    emit_rows(
        opts,
        list_columns(ledger),
        shown(rows) if people else rows,
        title=tr("Dispute cases", "矛盾纠纷"),
        json_keys=LIST_KEYS,
        screen_limit=None if not screen else SCREEN_LIMIT,  # --all / --limit N: every row asked for
        total=total,
        more_en="--limit N, --all or -f csv -o FILE",
        more_zh="--limit N、--all 或 -f csv -o 文件",
    )


def case_filter(
    ledger, res, org, include_children, status, category, source, key_group, risk, major, frm, to, search
):
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.case_queries import CaseFilter

    f = CaseFilter()
    f.org_ids = org_ids(ledger, org, include_children)
    if status:
        codes: list[str] = []
        for s in status:
            for part in s.replace("，", ",").split(","):
                if not part.strip():
                    continue
                if part.strip().lower() in ("pending", "未办结"):
                    codes += ["received", "mediating"]
                else:
                    codes.append(STATUS.parse(part, "--status"))
        f.statuses = codes
    f.category = res.category(category) if category else None
    f.source = CASE_SOURCE.parse(source, "--source") if source else None
    f.key_group = KEY_GROUP.parse(key_group, "--key-group") if key_group else None
    if risk:
        try:
            f.risk_level = RISK_LEVEL.parse(risk, "--risk")
        except Invalid:
            try:
                f.risk_type = RISK_TYPE.parse(risk, "--risk")
            except Invalid:
                allowed = ", ".join(RISK_LEVEL.codes + RISK_TYPE.codes)
                raise Invalid(
                    "--risk", risk, f"a risk level or type: {allowed}", f"风险等级或类型：{allowed}"
                ) from None
    f.major = major
    f.start = parse_day(frm, "--from")
    f.end = parse_day(to, "--to")
    if f.start and f.end and f.end < f.start:
        raise Invalid(
            "--to",
            f.end.isoformat(),
            f"a date on or after --from ({f.start})",
            f"不早于 --from（{f.start}）的日期",
        )
    f.search = search.strip() if search and search.strip() else None
    return f
