"""`mediation case`: the dispute ledger (矛盾纠纷台账) from intake (建账) to cancellation (销号)."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.commands.common import (
    ClearOpt,
    add_import_command,
    complete_org,
    completer_for,
    raw_from,
)
from mediation_cli.context import (
    AsOfOpt,
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    RevealOpt,
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

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "dispute cases: intake, mediation, outcome, follow-up visit, cancellation (建账销号)",
        "矛盾纠纷：受理、调解、结果、回访、销号（建账销号）",
    ),
    no_args_is_help=True,
)

CaseArg = Annotated[
    str,
    typer.Argument(
        help=h(
            "case number, or year-number (2024-17), or the number within this year (17)",
            "案件编号，或“年份-序号”（2024-17），或本年序号（17）",
        )
    ),
]
OnOpt = Annotated[str, typer.Option("--on", help=h("the date (default today)", "日期（默认今天）"))]


def _opt(name: str, en: str, zh: str, table=None):
    extra = {"autocompletion": completer_for(table)} if table is not None else {}
    return Annotated[str | None, typer.Option(name, help=h(en, zh), **extra)]


OrgOpt = Annotated[
    str | None,
    typer.Option(
        "--org", "--org-code", help=h("org code, name or initials", "承办组织"), autocompletion=complete_org
    ),
]
ReceivedOpt = _opt("--received-on", "date received", "受理日期")
SourceOpt = _opt("--source", "source (来源): code or 中文", "纠纷来源", CASE_SOURCE)
CategoryOpt = _opt("--category", "category (纠纷类型): code or 中文", "纠纷类型")
KeyGroupsOpt = _opt("--key-groups", "key groups, ';'-separated", "涉及的重点群体，以 ; 分隔", KEY_GROUP)
PartiesOpt = _opt("--parties", "number of parties", "当事人数")
AmountOpt = _opt("--amount", "amount in dispute, 元", "涉及金额（元）")
SummaryOpt = _opt("--summary", "summary (简要案情)", "简要案情")
RiskLevelOpt = _opt(
    "--risk-level", "risk level: normal | elevated | major", "风险等级：一般/较大/重大", RISK_LEVEL
)
RiskTypesOpt = _opt("--risk-types", "risk types, ';'-separated", "风险类型，以 ; 分隔", RISK_TYPE)
MajorOpt = _opt("--major", "major difficult case (重大疑难): yes/no", "是否重大疑难纠纷")
MajorSinceOpt = _opt("--major-since", "marked major since", "列为重大疑难的日期")
MediatorsOpt = _opt("--mediators", "staff numbers, ';'-separated", "调解员编号，以 ; 分隔")
ReportedOnOpt = _opt("--reported-on", "date the risk was reported", "风险上报日期")
ReportedToOpt = _opt("--reported-to", "reported to whom", "上报对象")
ScreeningOpt = Annotated[
    str | None,
    typer.Option(
        "--screening",
        "--screening-id",
        help=h("the screening that found it (its number)", "发现该纠纷的排查记录编号"),
    ),
]


def _prevented_opt(name: str, zh: str):
    return _opt(name, f"{name[2:].replace('-', ' ')} (prevention count)", zh)


PCC = _prevented_opt("--prevented-criminal-cases", "防止民转刑（件）")
PCP = _prevented_opt("--prevented-criminal-persons", "防止民转刑（人）")
PPC = _prevented_opt("--prevented-petition-cases", "防止群体性上访（件）")
PPP = _prevented_opt("--prevented-petition-persons", "防止群体性上访（人）")
PSC = _prevented_opt("--prevented-suicide-cases", "防止自杀（件）")
PSP = _prevented_opt("--prevented-suicide-persons", "防止自杀（人）")
PFC = _prevented_opt("--prevented-fight-cases", "制止群体性械斗（件）")
PFP = _prevented_opt("--prevented-fight-persons", "制止群体性械斗（人）")


def _category_label(ledger):
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
        Col("category", "category", "类型", "enum", _category_label(ledger)),
        Col("status", "status", "状态", "enum", STATUS),
        Col("risk_level", "risk", "风险", "enum", RISK_LEVEL),
        Col("major", "major", "重大疑难", "bool"),
        Col("parties", "parties", "当事人", "int"),
        Col("amount", "amount (元)", "金额（元）", "money"),
        Col("summary", "summary", "简要案情"),
    ]


LIST_KEYS = [
    "case_no",
    "org_code",
    "received_on",
    "source",
    "category",
    "key_groups",
    "parties",
    "amount",
    "summary",
    "risk_level",
    "risk_types",
    "needs_report",
    "reported_on",
    "major",
    "status",
    "outcome",
    "outcome_on",
    "closed_on",
    "extended_until",
    "stalled",
    "key_period",
    "mediators",
    "entered_at",
]


def _case_fields(options: dict) -> dict[str, str]:
    """The case fields a command was given (its parameters named as the import columns; --org is org_code), as an
    import-style raw row: `case add` and `case edit` take the same field options and hand them on alike."""
    skip = {"ctx", "case", "clear"}
    return raw_from(**{("org_code" if k == "org" else k): v for k, v in options.items() if k not in skip})


def _resolver(ledger):
    from mediation_cli.ledger.cases import Resolver

    return Resolver(ledger, today())


@app.command(
    "add",
    help=h("enter a case in the ledger (prints its ledger number)", "建账：登记一件纠纷（输出案件编号）"),
)
def add(
    ctx: typer.Context,
    org: OrgOpt = None,
    received_on: ReceivedOpt = None,
    source: SourceOpt = None,
    category: CategoryOpt = None,
    key_groups: KeyGroupsOpt = None,
    parties: PartiesOpt = None,
    amount: AmountOpt = None,
    summary: SummaryOpt = None,
    risk_level: RiskLevelOpt = None,
    risk_types: RiskTypesOpt = None,
    major: MajorOpt = None,
    major_since: MajorSinceOpt = None,
    mediators: MediatorsOpt = None,
    reported_on: ReportedOnOpt = None,
    reported_to: ReportedToOpt = None,
    screening_id: ScreeningOpt = None,
    case_no: _opt(
        "--case-no", "ledger number (default: from the template)", "案件编号（默认按模板生成）"
    ) = None,
    status: _opt(
        "--status",
        "historical entry: received | mediating | succeeded | failed | withdrawn",
        "补录历史案件时的状态",
        STATUS,
    ) = None,
    outcome_on: _opt("--outcome-on", "historical entry: date of the outcome", "补录：结案日期") = None,
    agreement: _opt("--agreement", "historical entry: written | oral", "补录：协议形式", AGREEMENT) = None,
    agreement_amount: _opt(
        "--agreement-amount", "historical entry: agreement amount, 元", "补录：协议金额（元）"
    ) = None,
    performed: _opt("--performed", "historical entry: agreement performed? yes/no", "补录：是否履行") = None,
    guided_to: _opt("--guided-to", "historical entry: guided to", "补录：引导途径", GUIDED_TO) = None,
    closed_on: _opt("--closed-on", "historical entry: date closed (销号)", "补录：销号日期") = None,
    prevented_criminal_cases: PCC = None,
    prevented_criminal_persons: PCP = None,
    prevented_petition_cases: PPC = None,
    prevented_petition_persons: PPP = None,
    prevented_suicide_cases: PSC = None,
    prevented_suicide_persons: PSP = None,
    prevented_fight_cases: PFC = None,
    prevented_fight_persons: PFP = None,
) -> None:
    fields = _case_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.cases import add_case

    typer.echo(add_case(ctx_of(ctx).ledger(), fields, today=today()))


@app.command(
    "edit",
    help=h(
        "change a case's fields (status: `case transition`)", "修改案件信息（状态请用 `case transition`）"
    ),
)
def edit(
    ctx: typer.Context,
    case: CaseArg,
    org: OrgOpt = None,
    received_on: ReceivedOpt = None,
    source: SourceOpt = None,
    category: CategoryOpt = None,
    key_groups: KeyGroupsOpt = None,
    parties: PartiesOpt = None,
    amount: AmountOpt = None,
    summary: SummaryOpt = None,
    risk_level: RiskLevelOpt = None,
    risk_types: RiskTypesOpt = None,
    major: MajorOpt = None,
    major_since: MajorSinceOpt = None,
    reported_on: ReportedOnOpt = None,
    reported_to: ReportedToOpt = None,
    screening_id: ScreeningOpt = None,
    agreement: _opt(
        "--agreement", "written | oral (succeeded cases)", "协议形式（调解成功）", AGREEMENT
    ) = None,
    agreement_amount: _opt("--agreement-amount", "agreement amount, 元", "协议金额（元）") = None,
    performed: _opt("--performed", "agreement performed? yes/no", "协议是否履行") = None,
    guided_to: _opt("--guided-to", "guided to (failed cases)", "引导途径（调解不成）", GUIDED_TO) = None,
    prevented_criminal_cases: PCC = None,
    prevented_criminal_persons: PCP = None,
    prevented_petition_cases: PPC = None,
    prevented_petition_persons: PPP = None,
    prevented_suicide_cases: PSC = None,
    prevented_suicide_persons: PSP = None,
    prevented_fight_cases: PFC = None,
    prevented_fight_persons: PFP = None,
    clear: ClearOpt = None,
) -> None:
    fields = _case_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.cases import edit_case

    case_no, changes = edit_case(ctx_of(ctx).ledger(), case, fields, clear, today=today())
    typer.echo(
        tr(f"updated {case_no}", f"已更新 {case_no}")
        if changes
        else tr(f"{case_no}: nothing changed", f"{case_no}：没有变化")
    )


@app.command(
    "assign",
    help=h(
        "assign mediators (active, of the case's org or above)", "指派调解员（须在任，属本组织或上级组织）"
    ),
)
def assign(
    ctx: typer.Context,
    case: CaseArg,
    mediators: Annotated[list[str], typer.Argument(help=h("staff numbers", "调解员编号"))],
    add_: Annotated[
        bool, typer.Option("--add", help=h("keep those already assigned", "保留已指派的调解员"))
    ] = False,
) -> None:
    from mediation_cli.services.casework import assign as assign_mediators

    case_no, after = assign_mediators(ctx_of(ctx).ledger(), case, mediators, keep=add_, today=today())
    typer.echo(f"{case_no}: " + ";".join(after))


@app.command(
    "transition",
    help=h(
        "move a case: mediating | succeeded | failed | withdrawn | closed (销号)",
        "变更状态：调解中 / 调解成功 / 调解不成 / 撤回 / 销号",
    ),
)
def transition_(
    ctx: typer.Context,
    case: CaseArg,
    status: Annotated[
        str, typer.Argument(help=h("the new status", "新状态"), autocompletion=completer_for(STATUS))
    ],
    on: OnOpt = "today",
    agreement: _opt(
        "--agreement", "succeeded: written | oral (书面/口头)", "调解成功：协议形式", AGREEMENT
    ) = None,
    agreement_amount: _opt(
        "--agreement-amount", "succeeded: amount agreed, 元", "调解成功：协议金额（元）"
    ) = None,
    performed: _opt("--performed", "succeeded: performed? yes/no", "调解成功：是否已履行") = None,
    guided_to: _opt(
        "--guided-to",
        "failed: litigation | arbitration | administrative",
        "调解不成：引导至诉讼/仲裁/行政途径",
        GUIDED_TO,
    ) = None,
    no_visit: Annotated[
        bool,
        typer.Option(
            "--no-visit", help=h("close a succeeded case without a follow-up visit", "未回访即销号")
        ),
    ] = False,
    reason: _opt("--reason", "why no follow-up visit", "未回访的理由") = None,
) -> None:
    from mediation_cli.services.casework import Move, transition

    day = parse_day(on, "on").isoformat()
    move = Move(agreement, agreement_amount, performed, guided_to, no_visit=no_visit, reason=reason)
    row, target = transition(ctx_of(ctx).ledger(), case, status, day, move, today=today())
    typer.echo(
        tr(
            f"{row['case_no']}: {row['status']} → {target} on {day}",
            f"{row['case_no']}：{STATUS.label(row['status'], 'zh')} → {STATUS.label(target, 'zh')}（{day}）",
        )
    )


@app.command("extend", help=h("record the parties' consent to go past 30 days", "登记双方当事人同意延期调解"))
def extend(
    ctx: typer.Context,
    case: CaseArg,
    until: Annotated[str, typer.Option("--until", help=h("extended until", "延期至"))],
    on: OnOpt = "today",
) -> None:
    from mediation_cli.services.casework import extend as extend_case

    day = parse_day(on, "on").isoformat()
    end = parse_day(until, "until").isoformat()
    case_no, end = extend_case(ctx_of(ctx).ledger(), case, end, day, today=today())
    typer.echo(tr(f"{case_no}: extended until {end}", f"{case_no}：延期至 {end}"))


@app.command("visit", help=h("record a follow-up visit (回访)", "登记回访"))
def visit(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    by: _opt("--by", "who visited", "回访人") = None,
    performed: _opt("--performed", "agreement performed? yes/no", "协议是否履行") = None,
    satisfaction: _opt(
        "--satisfaction", "satisfied | basically | dissatisfied", "满意度", SATISFACTION
    ) = None,
    new_risk: _opt("--new-risk", "any new risk found", "发现的新风险") = None,
) -> None:
    from mediation_cli.services.casework import visit as record_visit

    day = parse_day(on, "on").isoformat()
    case_no = record_visit(
        ctx_of(ctx).ledger(),
        case,
        day,
        by=by,
        performed=performed,
        satisfaction=satisfaction,
        new_risk=new_risk,
        today=today(),
    )
    typer.echo(tr(f"{case_no}: visit on {day} recorded", f"{case_no}：已登记 {day} 的回访"))


@app.command(
    "report-risk",
    help=h(
        "record that a risk was reported to the Party committee and government",
        "登记风险纠纷已向党委政府报告",
    ),
)
def report_risk(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    to: _opt("--to", "reported to (e.g. 旗委政法委)", "报告对象（如 旗委政法委）") = None,
) -> None:
    from mediation_cli.services.casework import report_risk as record_report

    day = parse_day(on, "on").isoformat()
    case_no, whom = record_report(ctx_of(ctx).ledger(), case, day, to, today=today())
    typer.echo(tr(f"{case_no}: reported to {whom} on {day}", f"{case_no}：已于 {day} 报告{whom}"))


@app.command(
    "plan",
    help=h(
        "store the case's plan (一案一策), a new version each time", "登记一案一策调解方案（每次一个新版本）"
    ),
)
def plan(
    ctx: typer.Context,
    case: CaseArg,
    text: _opt("--text", "the plan", "方案内容") = None,
    file: Annotated[
        Path | None, typer.Option("--file", help=h("read the plan from a text file", "从文本文件读取方案"))
    ] = None,
    on: OnOpt = "today",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.errors import MediationError
    from mediation_cli.services.casework import add_plan

    if (text is None) == (file is None):
        raise Invalid("--text/--file", "", "one of --text or --file", "--text 或 --file 二选一")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise MediationError(
                f"--file: cannot read {str(file)!r} ({e})", f"--file：无法读取 {str(file)!r}（{e}）"
            ) from None
    day = parse_day(on, "on").isoformat()
    case_no, version = add_plan(ctx_of(ctx).ledger(), case, text, day, today=today())
    typer.echo(tr(f"{case_no}: plan version {version}", f"{case_no}：方案第 {version} 版"))


@app.command("consult", help=h("record a consultation (定期会商)", "登记会商"))
def consult(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    participants: _opt("--participants", "who took part (';'-separated)", "参加人员（以 ; 分隔）") = None,
    conclusion: _opt("--conclusion", "what was concluded", "会商结论") = None,
) -> None:
    from mediation_cli.services.casework import consult as record_consultation

    day = parse_day(on, "on").isoformat()
    case_no = record_consultation(ctx_of(ctx).ledger(), case, day, participants, conclusion, today=today())
    typer.echo(tr(f"{case_no}: consultation on {day} recorded", f"{case_no}：已登记 {day} 的会商"))


@app.command("list", help=h("list cases; the filters combine", "列出案件（各筛选条件可组合）"))
def list_(
    ctx: typer.Context,
    org: Annotated[
        str | None, typer.Option("--org", help=h("only this org", "只列该组织"), autocompletion=complete_org)
    ] = None,
    include_children: Annotated[
        bool, typer.Option("--include-children", help=h("with the orgs under it", "包括下级组织"))
    ] = False,
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
    key_group: _opt("--key-group", "involving this key group", "涉及该重点群体", KEY_GROUP) = None,
    risk: _opt("--risk", "risk level or risk type", "风险等级或风险类型") = None,
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
    key_period: _opt(
        "--key-period",
        "received in a key period: two_sessions | may_day | national_day | spring_festival | any",
        "重要时间节点期间受理",
    ) = None,
    as_of: AsOfOpt = None,
    frm: Annotated[str | None, typer.Option("--from", help=h("received on or after", "受理日期起"))] = None,
    to: Annotated[str | None, typer.Option("--to", help=h("received on or before", "受理日期止"))] = None,
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
    res = _resolver(ledger)
    f = _filter(
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
    from mediation_cli.ledger.cases import list_cases

    rows = list_cases(ledger, f, as_of=on)
    emit_rows(opts, list_columns(ledger), rows, title=tr("Dispute cases", "矛盾纠纷"), json_keys=LIST_KEYS)


def _filter(
    ledger, res, org, include_children, status, category, source, key_group, risk, major, frm, to, search
):
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.cases import CaseFilter
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
    from mediation_cli.ledger.cases import (
        case_dict,
        case_row,
        consultations_of,
        find_case,
        mediators_of,
        plans_of,
        timeline,
        visits_of,
    )
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = find_case(ledger, case, today=today())
    res = _resolver(ledger)
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
        Col("category", "category", "纠纷类型", "enum", _category_label(ledger)),
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
    kinds = {
        "received": ("received", "受理"),
        "mediating": ("mediating", "调解中"),
        "succeeded": ("succeeded", "调解成功"),
        "failed": ("failed", "调解不成"),
        "withdrawn": ("withdrawn", "撤回"),
        "closed": ("closed", "销号"),
        "extended": ("extended", "延期"),
        "visit": ("follow-up visit", "回访"),
        "risk_reported": ("risk reported", "风险上报"),
        "plan": ("plan", "调解方案"),
        "consultation": ("consultation", "会商"),
        "assigned": ("mediators assigned", "指派调解员"),
    }
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
        Col("kind", "event", "事项", "enum", lambda k: tr(*kinds.get(k, (k, k)))),
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


def _importer():
    from mediation_cli.services.case_import import import_cases

    return import_cases


add_import_command(
    app,
    _importer,
    "import cases from CSV/XLSX (all-or-nothing unless --skip-bad; matched on case_no)",
    "从 CSV/XLSX 导入案件（默认全部成功才写入；按案件编号匹配）",
)


@app.command(
    "export",
    help=h(
        "export cases: the import columns, or an upstream platform's template with --profile moj|region|plain|FILE.toml",
        "导出案件：按导入列，或用 --profile moj|region|plain|文件.toml 按上级平台模板导出",
    ),
)
def export(
    ctx: typer.Context,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="csv | json | xlsx")] = None,
    output: OutputOpt = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help=h("CSV encoding: utf-8 | utf-8-sig | gbk", "CSV 编码"))
    ] = None,
    reveal: RevealOpt = False,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help=h("only this org and those under it", "只导出该组织及其下级"),
            autocompletion=complete_org,
        ),
    ] = None,
    frm: Annotated[str | None, typer.Option("--from", help=h("received on or after", "受理日期起"))] = None,
    to: Annotated[str | None, typer.Option("--to", help=h("received on or before", "受理日期止"))] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help=h(
                "an upstream profile: moj (司法部统计管理平台), region (自治区公共法律服务平台), plain, or a TOML file",
                "上报模板：moj（司法部统计管理平台）、region（自治区公共法律服务平台）、plain 或自定义 TOML 文件",
            ),
        ),
    ] = None,
    all_columns: Annotated[
        bool,
        typer.Option(
            "--all-columns",
            help=h(
                "without --profile: add the optional detail columns (agreement amount, prevention counts …)",
                "不用 --profile 时：加上可选的明细列（协议金额、防止激化数等）",
            ),
        ),
    ] = False,
    only_new: Annotated[
        bool,
        typer.Option(
            "--only-new",
            help=h(
                "with --profile: only the cases added or changed since the last export under that profile",
                "与 --profile 合用：只导出上次按该模板导出后新增或修改的案件",
            ),
        ),
    ] = False,
) -> None:
    from mediation_cli.domain.errors import Invalid

    ledger = ctx_of(ctx).ledger()
    # Cases hold no ID or phone numbers, and parties appear by 某-style placeholders only; --reveal is accepted for
    # symmetry with the other exports and recorded in the audit log when given.
    if reveal:
        from mediation_cli.services.mediators import record_reveal

        record_reveal(ledger, "case", "export")
    if profile is None and only_new:
        raise Invalid("--only-new", "--only-new", "used together with --profile", "须与 --profile 一起使用")
    if profile is None and (fmt or "csv").lower() == "json":
        from mediation_cli.io.exporters import export_rows
        from mediation_cli.ledger.cases import export_cases
        from mediation_cli.records.case import COLUMNS, CONTRACT_COLUMNS

        res = _resolver(ledger)
        f = _filter(ledger, res, org, True, None, None, None, None, None, None, frm, to, None)
        cols = COLUMNS if all_columns else CONTRACT_COLUMNS
        export_rows(export_cases(ledger, f), cols, fmt="json", output=output, sheet=tr("cases", "矛盾纠纷"))
        return
    from mediation_cli.io.profiles import load_profile, plain_profile
    from mediation_cli.ledger.exports import export_profile
    from mediation_cli.ledger.orgs import resolve_org, subtree_ids

    # Without --profile: the import columns (the built-in "plain" profile), streamed by SQL; not recorded as a batch.
    prof = load_profile(profile) if profile else plain_profile(all_columns=all_columns)
    chosen = (fmt or prof.format).lower()
    if chosen not in ("csv", "xlsx"):
        raise Invalid("--format", chosen, "csv or xlsx (with --profile)", "csv 或 xlsx（使用 --profile 时）")
    where, params = [], {}
    if org:
        ids = subtree_ids(ledger, resolve_org(ledger, org)["id"])
        where.append(f"d.org_id IN ({','.join(str(i) for i in ids)})")
    if frm:
        where.append("d.received_on >= :from_")
        params["from_"] = parse_day(frm, "from").isoformat()
    if to:
        where.append("d.received_on <= :to_")
        params["to_"] = parse_day(to, "to").isoformat()
    n = export_profile(
        ledger,
        prof,
        fmt=chosen,
        output=output,
        encoding=(encoding or prof.encoding).lower(),
        only_new=only_new,
        where=" AND ".join(where),
        params=params,
        record=profile is not None,
    )
    if output is not None:
        typer.echo(
            tr(
                f"{n} cases exported to {output} ({prof.name})",
                f"已按 {prof.name} 模板导出 {n} 件到 {output}",
            ),
            err=True,
        )
