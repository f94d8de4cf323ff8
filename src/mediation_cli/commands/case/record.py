"""`case show|history`: one case's record — its fields, timeline, mediators, parties (masked), plan, consultations,
visits — and its audit trail."""

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import CaseArg
from mediation_cli.commands.case.queries import category_label, resolver
from mediation_cli.context import FormatOpt, OutputOpt, ctx_of, output_options, today
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


def confirmation_label(code: str) -> str:
    from mediation_cli.render.labels import CONFIRMATION_STATES, labeller

    return labeller(CONFIRMATION_STATES)(code)


@app.command("show", help=h("everything about a case, with its timeline", "查看案件全部信息及时间线"))
def show(ctx: typer.Context, case: CaseArg, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.domain.keyperiods import KEY_PERIOD_LABELS, KEY_PERIOD_LABELS_EN
    from mediation_cli.ledger.case_queries import case_dict
    from mediation_cli.ledger.case_record import (
        case_row,
        consultations_of,
        plans_of,
        timeline,
        visits_of,
    )
    from mediation_cli.ledger.cases import find_case, mediators_of
    from mediation_cli.render.labels import CASE_EVENTS, event_detail, labeller
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
    from mediation_cli.commands.case.parties import columns as party_columns
    from mediation_cli.services.parties import list_parties

    obj["party_list"] = list_parties(ledger, row["case_no"], reveal=False, today=today())[1]
    from mediation_cli.reports.confirmations import confirmation_summary

    obj["confirmation"] = confirmation_summary(ledger, row, today())
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
        Col("confirmation_state", "司法确认", "司法确认", "enum", confirmation_label),
        Col("entered_at", "entered at", "录入时间"),
    ]
    tl_rows = [
        {
            "on": e["on"],
            "kind": e["kind"],
            "detail": event_detail(e["detail"]),
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
    if obj["party_list"]:
        sections.append((tr("Parties (masked)", "当事人（已脱敏）"), party_columns(), obj["party_list"]))
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
                    Col("parties", "parties visited", "回访当事人"),
                ],
                obj["visits"],
            )
        )
    obj["confirmation_state"] = (obj["confirmation"] or {}).get("state")
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
