"""`mediation mediator`: the people's mediators (人民调解员), their employment history and personal data."""

from typing import Annotated

import typer

from mediation_cli.commands.common import (
    ClearOpt,
    add_import_command,
    check_clear,
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
from mediation_cli.domain.taxonomy import APPOINTMENT, BACKGROUND, EMPLOYMENT, GENDER
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


def columns():
    from mediation_cli.render.output import Col

    return [
        Col("staff_no", "staff no", "编号"),
        Col("name", "name", "姓名"),
        Col("gender", "gender", "性别", "enum", GENDER),
        Col("ethnicity", "ethnicity", "民族"),
        Col("org_code", "org", "组织"),
        Col("employment", "employment", "专兼职", "enum", EMPLOYMENT),
        Col("background", "background", "背景", "enum", BACKGROUND),
        Col("appointment", "appointment", "产生方式", "enum", APPOINTMENT),
        Col("grade", "grade", "等级"),
        Col("phone", "phone", "电话"),
        Col("id_number", "ID number", "身份证号"),
        Col("joined_on", "joined", "加入日期"),
        Col("left_on", "left", "离任日期"),
        Col("subsidy", "subsidy", "补贴（元/月）", "money"),
    ]


def _parse(ledger, raw):
    from mediation_cli.ledger.orgs import resolve_org
    from mediation_cli.records.mediator import parse_mediator

    return parse_mediator(raw, today=today(), org_id_of=lambda ref: resolve_org(ledger, ref)["id"])


def _audit_reveal(ledger, what: str) -> None:
    """Showing personal data in full is recorded: who looked, and at what."""
    with ledger.write():
        ledger.audit("mediator", what, "reveal")


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
    gender: Annotated[str | None, typer.Option("--gender", autocompletion=completer_for(GENDER))] = None,
    ethnicity: Annotated[str | None, typer.Option("--ethnicity", help=h("蒙古族, 汉族, …", "民族"))] = None,
    employment_from: Annotated[
        str | None, typer.Option("--employment-from", help=h("employment effective from", "专兼职起始日期"))
    ] = None,
    background: Annotated[
        str | None, typer.Option("--background", autocompletion=completer_for(BACKGROUND))
    ] = None,
    appointment: Annotated[
        str | None, typer.Option("--appointment", autocompletion=completer_for(APPOINTMENT))
    ] = None,
    grade: Annotated[
        str | None, typer.Option("--grade", help=h("一级…四级, 首席, 金牌, 银牌", "等级"))
    ] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    id_number: Annotated[
        str | None,
        typer.Option(
            "--id-number",
            help=h("ID card number (validated, masked on output)", "身份证号（校验，输出时脱敏）"),
        ),
    ] = None,
    left_on: Annotated[str | None, typer.Option("--left-on")] = None,
    subsidy: Annotated[
        str | None, typer.Option("--subsidy", help=h("monthly subsidy, 元", "每月补贴（元）"))
    ] = None,
) -> None:
    from mediation_cli.errors import Duplicate
    from mediation_cli.ledger.mediators import _safe, insert_mediator, next_staff_no
    from mediation_cli.records.mediator import check_mediator

    ledger = ctx_of(ctx).ledger()
    raw = raw_from(
        staff_no=staff_no,
        name=name,
        gender=gender,
        ethnicity=ethnicity,
        org_code=org,
        employment=employment,
        employment_from=employment_from,
        background=background,
        appointment=appointment,
        grade=grade,
        phone=phone,
        id_number=id_number,
        joined_on=joined_on,
        left_on=left_on,
        subsidy=subsidy,
    )
    values = _parse(ledger, raw)
    check_mediator(values)
    if "staff_no" in values and ledger.one(
        "SELECT 1 FROM mediator WHERE staff_no = ?", (values["staff_no"],)
    ):
        raise Duplicate("staff_no", values["staff_no"])
    if values.get("id_number") and ledger.one(
        "SELECT 1 FROM mediator WHERE id_number = ?", (values["id_number"],)
    ):
        from mediation_cli.domain.idnumber import mask_id

        raise Duplicate("id_number", mask_id(values["id_number"]))
    with ledger.write():
        values.setdefault("staff_no", next_staff_no(ledger))
        emp = values.pop("employment")
        frm = values.pop("employment_from", None) or values["joined_on"]
        insert_mediator(ledger, values, emp, frm)
        ledger.audit("mediator", values["staff_no"], "add", None, {**_safe(values), "employment": emp})
    typer.echo(values["staff_no"])


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
    name: Annotated[str | None, typer.Option("--name")] = None,
    org: Annotated[str | None, typer.Option("--org", "--org-code", autocompletion=complete_org)] = None,
    gender: Annotated[str | None, typer.Option("--gender", autocompletion=completer_for(GENDER))] = None,
    ethnicity: Annotated[str | None, typer.Option("--ethnicity")] = None,
    background: Annotated[
        str | None, typer.Option("--background", autocompletion=completer_for(BACKGROUND))
    ] = None,
    appointment: Annotated[
        str | None, typer.Option("--appointment", autocompletion=completer_for(APPOINTMENT))
    ] = None,
    grade: Annotated[str | None, typer.Option("--grade")] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    id_number: Annotated[str | None, typer.Option("--id-number")] = None,
    joined_on: Annotated[str | None, typer.Option("--joined-on")] = None,
    left_on: Annotated[str | None, typer.Option("--left-on")] = None,
    subsidy: Annotated[str | None, typer.Option("--subsidy")] = None,
    clear: ClearOpt = None,
) -> None:
    from mediation_cli.ledger.mediators import _safe, find_mediator, set_employment, update_mediator
    from mediation_cli.records.mediator import check_mediator

    ledger = ctx_of(ctx).ledger()
    row = find_mediator(ledger, staff_no)
    raw = raw_from(
        name=name,
        gender=gender,
        ethnicity=ethnicity,
        org_code=org,
        employment=employment,
        employment_from=frm,
        background=background,
        appointment=appointment,
        grade=grade,
        phone=phone,
        id_number=id_number,
        joined_on=joined_on,
        left_on=left_on,
        subsidy=subsidy,
    )
    changes = _parse(ledger, raw)
    for f in check_clear(
        clear,
        [
            "gender",
            "ethnicity",
            "background",
            "appointment",
            "grade",
            "phone",
            "id_number",
            "left_on",
            "subsidy",
        ],
    ):
        changes[f] = None
    new_emp = changes.pop("employment", None)
    eff = changes.pop("employment_from", None) or today().isoformat()
    merged = {**dict(row), **changes}
    if new_emp:
        merged["employment_from"] = eff
    check_mediator(merged)
    before = {k: row[k] for k in changes}
    with ledger.write():
        update_mediator(ledger, row["id"], changes)
        moved = set_employment(ledger, row["id"], new_emp, eff) if new_emp else False
        after = _safe(changes)
        if moved:
            after.update({"employment": new_emp, "employment_from": eff})
        ledger.audit("mediator", row["staff_no"], "edit", _safe(before), after)
    typer.echo(tr(f"updated {row['staff_no']}", f"已更新 {row['staff_no']}"))


@app.command("leave", help=h("record that a mediator left", "登记调解员离任"))
def leave(
    ctx: typer.Context,
    staff_no: MediatorArg,
    on: Annotated[str, typer.Option("--on", help=h("date left", "离任日期"))] = "today",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.ledger.mediators import find_mediator, update_mediator

    ledger = ctx_of(ctx).ledger()
    row = find_mediator(ledger, staff_no)
    left = parse_day(on, "left_on").isoformat()
    if left < row["joined_on"]:
        raise Invalid(
            "left_on",
            left,
            f"a date on or after joined_on ({row['joined_on']})",
            f"不早于加入日期（{row['joined_on']}）的日期",
        )
    with ledger.write():
        update_mediator(ledger, row["id"], {"left_on": left})
        ledger.audit("mediator", row["staff_no"], "leave", {"left_on": row["left_on"]}, {"left_on": left})
    typer.echo(tr(f"{row['staff_no']} left on {left}", f"{row['staff_no']} 已于 {left} 离任"))


@app.command(
    "list", help=h("list mediators (active on --as-of, default today)", "列出调解员（默认列今天在任的）")
)
def list_(
    ctx: typer.Context,
    org: Annotated[
        str | None, typer.Option("--org", help=h("only this org", "只列该组织"), autocompletion=complete_org)
    ] = None,
    include_children: Annotated[
        bool, typer.Option("--include-children", help=h("with the orgs under it", "包括下级组织"))
    ] = False,
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
    from mediation_cli.ledger.orgs import resolve_org, subtree_ids
    from mediation_cli.render.output import emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    org_ids = None
    if org:
        root = resolve_org(ledger, org)["id"]
        org_ids = subtree_ids(ledger, root) if include_children else [root]
    emp = EMPLOYMENT.parse(employment, "employment") if employment else None
    on = parse_day(as_of, "as_of") or today()
    rows = list_mediators(ledger, on=on, reveal=reveal, org_ids=org_ids, employment=emp, active_only=not all_)
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
    from mediation_cli.ledger.mediators import LIST_SQL, find_mediator, history, mediator_dict
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = find_mediator(ledger, staff_no)
    full = ledger.one(LIST_SQL + " WHERE m.id = :id", {"id": row["id"], "d": today().isoformat()})
    obj = mediator_dict(full, reveal)
    obj["employment_history"] = history(ledger, row["id"])
    obj["cases"] = ledger.scalar("SELECT count(*) FROM case_mediator WHERE mediator_id = ?", (row["id"],))
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
        sections=[(tr("Employment history", "专兼职变动"), hist_cols, obj["employment_history"])],
        csv_section=None,
    )


add_import_command(
    app,
    "mediation_cli.ledger.mediators:import_mediators",
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
    from mediation_cli.io.exporters import export_rows
    from mediation_cli.ledger.mediators import history, list_mediators
    from mediation_cli.records.mediator import COLUMNS

    ledger = ctx_of(ctx).ledger()
    rows = list_mediators(ledger, on=today(), reveal=reveal, active_only=not all_)
    ids = {r["staff_no"]: r["id"] for r in ledger.all("SELECT id, staff_no FROM mediator")}
    for r in rows:
        hist = history(ledger, ids[r["staff_no"]])
        r["employment_from"] = hist[-1]["effective_from"] if hist else None
    if reveal:
        _audit_reveal(ledger, "export")
    export_rows(rows, COLUMNS, fmt=fmt, output=output, encoding=encoding, sheet=tr("mediators", "调解员"))
