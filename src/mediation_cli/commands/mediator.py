"""`mediation mediator`: the people's mediators (人民调解员), their employment history and personal data."""

from typing import Annotated

import typer

from mediation_cli.commands.common import (
    ChildrenOpt,
    ClearOpt,
    OrgFilterOpt,
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
    RevealOpt,
    ctx_of,
    output_options,
    parse_day,
    today,
)
from mediation_cli.domain.taxonomy import APPOINTMENT, BACKGROUND, EMPLOYMENT, GENDER, ROLE
from mediation_cli.i18n import h, tr

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "people's mediators: staffing, employment history, personal data (masked)",
        "人民调解员：配备、专兼职变动、个人信息（脱敏显示）",
    ),
    no_args_is_help=True,
)

MediatorArg = Annotated[str, typer.Argument(help=h("staff number", "调解员编号"))]
EmploymentOpt = Annotated[
    str | None,
    typer.Option(
        "--employment",
        help=h("full_time | part_time (专职/兼职)", "专职 full_time / 兼职 part_time"),
        autocompletion=completer_for(EMPLOYMENT),
    ),
]


def _field(name: str, en: str, zh: str, table=None):
    """An optional mediator field, declared once for `add` and `edit`."""
    extra = {"autocompletion": completer_for(table)} if table is not None else {}
    return Annotated[str | None, typer.Option(name, help=h(en, zh), **extra)]


NameOpt = _field("--name", "name", "姓名")
GenderOpt = _field(
    "--gender",
    "gender: male | female (男/女); must match the ID number",
    "性别：男/女（须与身份证号一致）",
    GENDER,
)
EthnicityOpt = _field("--ethnicity", "ethnicity: 蒙古族, 汉族, …", "民族：蒙古族、汉族……")
BackgroundOpt = _field(
    "--background", "background (专业背景): code or 中文", "专业背景（法律、心理等，代码或中文）", BACKGROUND
)
AppointmentOpt = _field(
    "--appointment", "how appointed (产生方式): code or 中文", "产生方式（推选、聘任等）", APPOINTMENT
)
GradeOpt = _field("--grade", "grade: 一级…四级, 首席, 金牌, 银牌", "等级：一级至四级、首席、金牌、银牌")
PhoneOpt = _field("--phone", "phone (masked on output)", "联系电话（输出时脱敏）")
IdNumberOpt = _field(
    "--id-number", "ID card number (validated, masked on output)", "身份证号（校验，输出时脱敏）"
)
JoinedOpt = _field("--joined-on", "date joined", "加入日期")
LeftOpt = _field("--left-on", "date left (离任)", "离任日期")
SubsidyOpt = _field("--subsidy", "monthly subsidy, 元", "每月补贴（元）")
RoleOpt = _field(
    "--role",
    "committee role: director | deputy | member | hired (主任/副主任/委员/聘任调解员); art. 8 counts the first three",
    "在调委会中的职务：主任/副主任/委员/聘任调解员（人民调解法第八条只计前三者）",
    ROLE,
)


def columns():
    from mediation_cli.render.output import Col

    return [
        Col("staff_no", "staff no", "编号", priority=0),
        Col("name", "name", "姓名", priority=0, fit="whole"),
        Col("gender", "gender", "性别", "enum", GENDER, priority=6),
        Col("ethnicity", "ethnicity", "民族", priority=5),
        Col("org_code", "org", "组织", priority=1),
        Col("employment", "employment", "专兼职", "enum", EMPLOYMENT, priority=0),
        Col("background", "background", "背景", "enum", BACKGROUND, priority=8),
        Col("appointment", "appointment", "产生方式", "enum", APPOINTMENT, priority=9),
        Col("grade", "grade", "等级", priority=7),
        Col("phone", "phone", "电话", priority=3),
        Col("id_number", "ID number", "身份证号", priority=3),
        Col("joined_on", "joined", "加入日期", priority=2),
        Col("left_on", "left", "离任日期", priority=4),
        Col("subsidy", "subsidy", "补贴（元/月）", "money", priority=10),
        Col("role", "role", "职务", "enum", ROLE, priority=6),
    ]


def _mediator_fields(options: dict, *, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """The mediator fields a command was given (parameters named as the import columns; --org is org_code, --from
    is employment_from), as an import-style raw row: `mediator add` and `mediator edit` hand them on alike."""
    names = {"org": "org_code", "frm": "employment_from"}
    skip = skip | {"ctx", "clear"}
    return raw_from(**{names.get(k, k): v for k, v in options.items() if k not in skip})


def _audit_reveal(ledger, what: str) -> None:
    from mediation_cli.services.mediators import record_reveal

    record_reveal(ledger, "mediator", what)


@app.command("add", help=h("add a mediator (prints the staff number)", "新增调解员（输出其编号）"))
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help=h("name", "姓名"))],
    org: Annotated[
        str,
        typer.Option(
            "--org",
            "--org-code",
            help=h("org code, name or initials", "所在组织"),
            autocompletion=complete_org,
        ),
    ],
    employment: Annotated[
        str,
        typer.Option(
            "--employment",
            help=h("full_time | part_time", "专职/兼职"),
            autocompletion=completer_for(EMPLOYMENT),
        ),
    ],
    joined_on: Annotated[str, typer.Option("--joined-on", help=h("date joined", "加入日期"))],
    staff_no: Annotated[
        str | None,
        typer.Option("--staff-no", help=h("staff number (default: next M0001…)", "编号（默认自动编号）")),
    ] = None,
    gender: GenderOpt = None,
    ethnicity: EthnicityOpt = None,
    employment_from: Annotated[
        str | None, typer.Option("--employment-from", help=h("employment effective from", "专兼职起始日期"))
    ] = None,
    background: BackgroundOpt = None,
    appointment: AppointmentOpt = None,
    grade: GradeOpt = None,
    phone: PhoneOpt = None,
    id_number: IdNumberOpt = None,
    left_on: LeftOpt = None,
    subsidy: SubsidyOpt = None,
    role: RoleOpt = None,
) -> None:
    fields = _mediator_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.mediators import add_mediator

    typer.echo(add_mediator(ctx_of(ctx).ledger(), fields, today=today()))


@app.command(
    "edit",
    help=h(
        "change a mediator; --employment with --from keeps the history",
        "修改调解员；--employment 与 --from 一起使用可保留专兼职变动记录",
    ),
)
def edit(
    ctx: typer.Context,
    staff_no: MediatorArg,
    employment: EmploymentOpt = None,
    frm: Annotated[
        str | None,
        typer.Option(
            "--from",
            "--employment-from",
            help=h("the employment change takes effect on (default today)", "专兼职变动生效日期（默认今天）"),
        ),
    ] = None,
    name: NameOpt = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            "--org-code",
            help=h("move to this org (code, name or initials)", "调往的组织"),
            autocompletion=complete_org,
        ),
    ] = None,
    gender: GenderOpt = None,
    ethnicity: EthnicityOpt = None,
    background: BackgroundOpt = None,
    appointment: AppointmentOpt = None,
    grade: GradeOpt = None,
    grade_on: Annotated[
        str | None,
        typer.Option(
            "--grade-on",
            help=h(
                "the date the new --grade was granted (default today); kept in its history",
                "新等级的评定日期（默认今天），记入等级变动记录",
            ),
        ),
    ] = None,
    phone: PhoneOpt = None,
    id_number: IdNumberOpt = None,
    joined_on: JoinedOpt = None,
    left_on: LeftOpt = None,
    subsidy: SubsidyOpt = None,
    role: RoleOpt = None,
    clear: ClearOpt = None,
) -> None:
    fields = _mediator_fields(
        locals(), skip=frozenset({"staff_no"})
    )  # first: only the parameters are local yet
    from mediation_cli.services.mediators import edit_mediator

    staff = edit_mediator(ctx_of(ctx).ledger(), staff_no, fields, clear, today=today())
    typer.echo(tr(f"updated {staff}", f"已更新 {staff}"))


@app.command("leave", help=h("record that a mediator left", "登记调解员离任"))
def leave(
    ctx: typer.Context,
    staff_no: MediatorArg,
    on: Annotated[str, typer.Option("--on", help=h("date left", "离任日期"))] = "today",
) -> None:
    from mediation_cli.services.mediators import leave as record_leave

    staff, left = record_leave(ctx_of(ctx).ledger(), staff_no, on, today=today())
    typer.echo(tr(f"{staff} left on {left}", f"{staff} 已于 {left} 离任"))


@app.command(
    "train",
    help=h(
        "record that a mediator attended a training session (培训)",
        "登记调解员参加一场培训",
    ),
)
def train(
    ctx: typer.Context,
    staff_no: MediatorArg,
    on: Annotated[str, typer.Option("--on", help=h("date of the session", "培训日期"))],
    topic: Annotated[str, typer.Option("--topic", help=h("topic", "培训主题"))],
    hours: Annotated[
        str, typer.Option("--hours", help=h("hours (above 0, at most 100)", "学时（大于 0，不超过 100）"))
    ],
    organiser: Annotated[
        str, typer.Option("--organiser", help=h("who organised it", "主办单位"))
    ] = "旗司法局",
) -> None:
    from mediation_cli.services.training import add_session

    sid, added = add_session(ctx_of(ctx).ledger(), on, organiser, topic, hours, [staff_no], today=today())
    typer.echo(
        tr(f"training #{sid}: {staff_no} recorded", f"培训 #{sid}：已登记 {staff_no}")
        if added
        else tr(f"training #{sid}: {staff_no} was already recorded", f"培训 #{sid}：{staff_no} 已登记过")
    )


@app.command(
    "list", help=h("list mediators (active on --as-of, default today)", "列出调解员（默认列今天在任的）")
)
def list_(
    ctx: typer.Context,
    org: OrgFilterOpt = None,
    include_children: ChildrenOpt = False,
    employment: EmploymentOpt = None,
    as_of: AsOfOpt = None,
    all_: Annotated[
        bool, typer.Option("--all", help=h("include those who have left", "包括已离任的"))
    ] = False,
    reveal: RevealOpt = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.ledger.mediators import list_mediators
    from mediation_cli.render.output import emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    ids = org_ids(ledger, org, include_children)
    emp = EMPLOYMENT.parse(employment, "employment") if employment else None
    on = parse_day(as_of, "as_of") or today()
    rows = list_mediators(ledger, on=on, reveal=reveal, org_ids=ids, employment=emp, active_only=not all_)
    if reveal:
        _audit_reveal(ledger, "list")
    emit_rows(opts, columns(), rows, title=tr(f"Mediators on {on}", f"调解员（{on}）"))


@app.command("show", help=h("one mediator with the employment history", "查看调解员及其专兼职变动"))
def show(
    ctx: typer.Context,
    staff_no: MediatorArg,
    reveal: RevealOpt = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    from mediation_cli.ledger.mediators import case_count, find_mediator, history, mediator_dict, mediator_on
    from mediation_cli.ledger.ratings import grade_history
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = find_mediator(ledger, staff_no)
    full = mediator_on(ledger, row["id"], today())
    obj = mediator_dict(full, reveal)
    obj["employment_history"] = history(ledger, row["id"])
    obj["grade_history"] = grade_history(ledger, row["id"])
    obj["cases"] = case_count(ledger, row["id"])
    if reveal:
        _audit_reveal(ledger, row["staff_no"])
    hist_cols = [
        Col("effective_from", "from", "起始日期"),
        Col("employment", "employment", "专兼职", "enum", EMPLOYMENT),
    ]
    emit_object(
        opts,
        obj,
        columns() + [Col("cases", "cases", "承办案件", "int")],
        title=f"{row['name']} ({row['staff_no']})",
        sections=[
            (tr("Employment history", "专兼职变动"), hist_cols, obj["employment_history"]),
            (
                tr("Grade history", "等级变动"),
                [Col("granted_on", "granted on", "评定日期"), Col("grade", "grade", "等级")],
                obj["grade_history"],
            ),
        ],
        csv_section=None,
    )


def _importer():
    from mediation_cli.services.mediators import import_mediators

    return import_mediators


add_import_command(
    app,
    _importer,
    "import mediators from CSV/XLSX (matched on staff_no)",
    "从 CSV/XLSX 导入调解员（按编号匹配）",
)


@app.command(
    "export",
    help=h(
        "export mediators in the import columns (masked unless --reveal)", "按导入列导出调解员（默认脱敏）"
    ),
)
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | json | xlsx")] = "csv",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
    reveal: RevealOpt = False,
    all_: Annotated[
        bool, typer.Option("--all/--active", help=h("include those who have left", "包括已离任的"))
    ] = True,
) -> None:
    from mediation_cli.forms.mediators import COLUMNS
    from mediation_cli.io.exporters import export_rows
    from mediation_cli.ledger.mediators import history, list_mediators, mediator_ids_by_staff_no

    ledger = ctx_of(ctx).ledger()
    rows = list_mediators(ledger, on=today(), reveal=reveal, active_only=not all_)
    ids = mediator_ids_by_staff_no(ledger)
    for r in rows:
        hist = history(ledger, ids[r["staff_no"]])
        r["employment_from"] = hist[-1]["effective_from"] if hist else None
    if reveal:
        _audit_reveal(ledger, "export")
    export_rows(rows, COLUMNS, fmt=fmt, output=output, encoding=encoding, sheet=tr("mediators", "调解员"))
