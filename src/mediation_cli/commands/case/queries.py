"""`case list|show|history`: reading the dispute ledger."""

from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import (
    CaseArg,
    CategoryOpt,
    SourceOpt,
    field_opt,
)
from mediation_cli.commands.common import (
    ChildrenOpt,
    OrgFilterOpt,
    ReceivedFromOpt,
    ReceivedToOpt,
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
    AGREEMENT,
    CASE_SOURCE,
    GUIDED_TO,
    KEY_GROUP,
    RISK_LEVEL,
    RISK_TYPE,
    SATISFACTION,
    STATUS,
)
from mediation_cli.i18n import h, lang, tr


def category_label(ledger):
    from mediation_cli.ledger.config import category_labels

    labels = category_labels(ledger)

    def label(code: str) -> str:
        zh, en = labels.get(code, (code, code))
        return zh if lang() == "zh" else en

    return label


def list_columns(ledger):
    from mediation_cli.render.output import Col

    return [
        Col("case_no", "case no", "编号"),
        Col("org_code", "org", "组织"),
        Col("received_on", "received", "受理日期"),
        Col("source", "source", "来源", "enum", CASE_SOURCE),
        Col("category", "category", "类型", "enum", category_label(ledger)),
        Col("status", "status", "状态", "enum", STATUS),
        Col("risk_level", "risk", "风险", "enum", RISK_LEVEL),
        Col("major", "major", "重大疑难", "bool"),
        Col("parties", "parties", "当事人", "int"),
        Col("amount", "amount (元)", "金额（元）", "money"),
        Col("summary", "summary", "简要案情"),
    ]


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
                "两会、五一、国庆、春节 或 any",
            )
        f.key_period = code
    f.limit = limit
    from mediation_cli.ledger.case_queries import LIST_KEYS, list_rows

    rows = list_rows(ledger, f, as_of=on)
    emit_rows(opts, list_columns(ledger), rows, title=tr("Dispute cases", "矛盾纠纷"), json_keys=LIST_KEYS)


def case_filter(
    ledger, res, org, include_children, status, category, source, key_group, risk, major, frm, to, search
):
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.case_queries import CaseFilter
    from mediation_cli.ledger.orgs import resolve_org, subtree_ids

    f = CaseFilter()
    if org:
        root = resolve_org(ledger, org)["id"]
        f.org_ids = subtree_ids(ledger, root) if include_children else [root]
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


@app.command("show", help=h("everything about a case, with its timeline", "查看案件全部信息及时间线"))
def show(ctx: typer.Context, case: CaseArg, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.domain.keyperiods import KEY_PERIOD_LABELS, KEY_PERIOD_LABELS_EN
    from mediation_cli.ledger.case_queries import (
        case_dict,
        case_row,
        consultations_of,
        plans_of,
        timeline,
        visits_of,
    )
    from mediation_cli.ledger.cases import find_case, mediators_of
    from mediation_cli.render.labels import CASE_EVENTS, labeller
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = find_case(ledger, case, today=today())
    res = resolver(ledger)
    full = case_row(ledger, row["id"])
    obj = case_dict(full, as_of=today(), stalled_days=res.stalled_days)
    obj["org_name"] = full["org_name"]
    obj["mediators"] = [dict(r) for r in mediators_of(ledger, row["id"])]
    for m in obj["mediators"]:
        m.pop("id")
    obj["timeline"] = timeline(ledger, row)
    obj["plans"] = plans_of(ledger, row["id"])
    obj["consultations"] = consultations_of(ledger, row["id"])
    obj["visits"] = visits_of(ledger, row["id"])
    kp_label = (
        (lambda c: KEY_PERIOD_LABELS.get(c, c))
        if lang() == "zh"
        else (lambda c: KEY_PERIOD_LABELS_EN.get(c, c))
    )
    fields = [
        Col("case_no", "case no", "编号"),
        Col("org_name", "org", "承办组织"),
        Col("received_on", "received", "受理日期"),
        Col("source", "source", "来源", "enum", CASE_SOURCE),
        Col("category", "category", "纠纷类型", "enum", category_label(ledger)),
        Col("key_groups", "key groups", "重点群体", "enum", KEY_GROUP),
        Col("parties", "parties", "当事人数", "int"),
        Col("amount", "amount (元)", "涉及金额（元）", "money"),
        Col("summary", "summary", "简要案情"),
        Col("risk_level", "risk level", "风险等级", "enum", RISK_LEVEL),
        Col("risk_types", "risk types", "风险类型", "enum", RISK_TYPE),
        Col("needs_report", "must be reported", "须报告", "bool"),
        Col("reported_on", "reported on", "报告日期"),
        Col("reported_to", "reported to", "报告对象"),
        Col("major", "major difficult", "重大疑难", "bool"),
        Col("major_since", "major since", "列为重大疑难日期"),
        Col("key_period", "key period", "重要时间节点", "enum", kp_label),
        Col("status", "status", "状态", "enum", STATUS),
        Col("outcome", "outcome", "调解结果", "enum", STATUS),
        Col("outcome_on", "outcome on", "结案日期"),
        Col("agreement", "agreement", "协议形式", "enum", AGREEMENT),
        Col("agreement_amount", "agreement amount (元)", "协议金额（元）", "money"),
        Col("performed", "performed", "已履行", "bool"),
        Col("guided_to", "guided to", "引导途径", "enum", GUIDED_TO),
        Col("extended_until", "extended until", "延期至"),
        Col("stalled", "stalled", "超期", "bool"),
        Col("closed_on", "closed on", "销号日期"),
        Col("closed_without_visit", "closed without visit", "未回访销号理由"),
        Col("entered_at", "entered at", "录入时间"),
    ]
    tl_rows = [
        {
            "on": e["on"],
            "kind": e["kind"],
            "detail": "; ".join(f"{k}={v}" for k, v in (e["detail"] or {}).items()),
        }
        for e in obj["timeline"]
    ]
    tl_cols = [
        Col("on", "date", "日期"),
        Col("kind", "event", "事项", "enum", labeller(CASE_EVENTS)),
        Col("detail", "detail", "详情"),
    ]
    med_cols = [
        Col("staff_no", "staff no", "编号"),
        Col("name", "name", "姓名"),
        Col("org_code", "org", "组织"),
    ]
    sections = [
        (tr("Timeline", "时间线"), tl_cols, tl_rows),
        (tr("Mediators", "调解员"), med_cols, obj["mediators"]),
    ]
    if obj["plans"] or obj["major"]:
        sections.append(
            (
                tr("Plan (一案一策)", "调解方案（一案一策）"),
                [
                    Col("version", "version", "版本", "int"),
                    Col("written_on", "written", "日期"),
                    Col("text", "plan", "内容"),
                ],
                obj["plans"],
            )
        )
    if obj["consultations"] or obj["major"]:
        sections.append(
            (
                tr("Consultations", "会商"),
                [
                    Col("held_on", "date", "日期"),
                    Col("participants", "participants", "参加人员"),
                    Col("conclusion", "conclusion", "结论"),
                ],
                obj["consultations"],
            )
        )
    if obj["visits"] or obj["outcome"] == "succeeded":
        sections.append(
            (
                tr("Follow-up visits", "回访"),
                [
                    Col("visited_on", "date", "日期"),
                    Col("visited_by", "by", "回访人"),
                    Col("performed", "performed", "已履行", "bool"),
                    Col("satisfaction", "satisfaction", "满意度", "enum", SATISFACTION),
                    Col("new_risk", "new risk", "新风险"),
                ],
                obj["visits"],
            )
        )
    emit_object(opts, obj, fields, title=f"{row['case_no']}", sections=sections)


@app.command("history", help=h("the audit trail of a case", "案件的操作记录"))
def history(ctx: typer.Context, case: CaseArg, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:

    from mediation_cli.ledger.cases import find_case
    from mediation_cli.render.output import Col, emit_rows

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = find_case(ledger, case, today=today())
    rows = ledger.audit_trail("case", row["case_no"])
    if not rows:
        # Inserted by an import: the batch row records it.
        rows = [
            {"at": row["entered_at"], "operator": None, "action": "import", "before": None, "after": None}
        ]

    def show_dict(d):
        return "; ".join(f"{k}={v}" for k, v in d.items()) if isinstance(d, dict) else ""

    cols = [
        Col("at", "at", "时间"),
        Col("operator", "operator", "操作人"),
        Col("action", "action", "操作"),
        Col("before", "before", "修改前", "enum", show_dict),
        Col("after", "after", "修改后", "enum", show_dict),
    ]
    emit_rows(opts, cols, rows, title=tr(f"History of {row['case_no']}", f"{row['case_no']} 的操作记录"))
