"""`case party add|edit|remove|list|import`: the parties to a case (当事人), their personal data masked on output."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import CaseArg, field_opt
from mediation_cli.commands.common import (
    ClearOpt,
    DryRunOpt,
    ImportEncodingOpt,
    RejectsOpt,
    SkipBadOpt,
    raw_from,
)
from mediation_cli.context import FormatOpt, OutputOpt, ctx_of, output_options, today
from mediation_cli.domain.taxonomy import GENDER
from mediation_cli.i18n import h, tr

party_app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "the parties to a case (当事人): name, gender, 民族, age, occupation, contact, address (masked on output)",
        "案件当事人：姓名、性别、民族、年龄、职业、联系方式、住址（输出时脱敏）",
    ),
    no_args_is_help=True,
)
app.add_typer(party_app, name="party")

NoArg = Annotated[
    str, typer.Argument(help=h("the party's number within the case (1, 2, …)", "当事人序号（1、2……）"))
]
NameOpt = field_opt("--name", "the party's name (masked on output)", "当事人姓名（输出时脱敏）")
GenderOpt = field_opt(
    "--gender", "male | female (男/女); must match the ID number", "性别：男/女（须与身份证号一致）", GENDER
)
EthnicityOpt = field_opt("--ethnicity", "民族: 蒙古族, 汉族, …", "民族：蒙古族、汉族……")
AgeOpt = field_opt(
    "--age",
    "age in years (default: from the ID number, on the day received)",
    "年龄（默认按身份证号计算至受理日）",
)
OccupationOpt = field_opt("--occupation", "occupation", "职业")
PhoneOpt = field_opt("--phone", "phone (masked on output)", "联系电话（输出时脱敏）")
IdNumberOpt = field_opt(
    "--id-number", "ID card number (validated, masked on output)", "身份证号（校验，输出时脱敏）"
)
AddressOpt = field_opt("--address", "address (masked on output)", "住址（输出时脱敏）")


def warn(warnings) -> None:
    for en, zh in warnings:
        typer.echo(tr(en, zh), err=True)


def columns():
    from mediation_cli.render.output import Col

    return [
        Col("no", "no", "序号", "int"),
        Col("name", "name", "姓名"),
        Col("gender", "gender", "性别", "enum", GENDER),
        Col("ethnicity", "ethnicity", "民族"),
        Col("age", "age", "年龄", "int"),
        Col("occupation", "occupation", "职业"),
        Col("phone", "phone", "联系电话"),
        Col("id_number", "ID number", "身份证号"),
        Col("address", "address", "住址"),
    ]


@party_app.command("add", help=h("add a party to a case", "为案件登记一名当事人"))
def add(
    ctx: typer.Context,
    case: CaseArg,
    name: Annotated[
        str, typer.Option("--name", help=h("the party's name (masked on output)", "当事人姓名（输出时脱敏）"))
    ],
    gender: GenderOpt = None,
    ethnicity: EthnicityOpt = None,
    age: AgeOpt = None,
    occupation: OccupationOpt = None,
    phone: PhoneOpt = None,
    id_number: IdNumberOpt = None,
    address: AddressOpt = None,
) -> None:
    fields = raw_from(**{k: v for k, v in locals().items() if k not in ("ctx", "case")})
    from mediation_cli.services.parties import add_party

    case_no, no, count, warnings = add_party(ctx_of(ctx).ledger(), case, fields, today=today())
    typer.echo(
        tr(
            f"{case_no}: party {no} added ({count} parties)",
            f"{case_no}：已登记第 {no} 号当事人（共 {count} 人）",
        )
    )
    warn(warnings)


@party_app.command("edit", help=h("change a party's details", "修改当事人信息"))
def edit(
    ctx: typer.Context,
    case: CaseArg,
    no: NoArg,
    name: NameOpt = None,
    gender: GenderOpt = None,
    ethnicity: EthnicityOpt = None,
    age: AgeOpt = None,
    occupation: OccupationOpt = None,
    phone: PhoneOpt = None,
    id_number: IdNumberOpt = None,
    address: AddressOpt = None,
    clear: ClearOpt = None,
) -> None:
    fields = raw_from(**{k: v for k, v in locals().items() if k not in ("ctx", "case", "no", "clear")})
    from mediation_cli.services.parties import edit_party

    case_no, n, changes, warnings = edit_party(ctx_of(ctx).ledger(), case, no, fields, clear, today=today())
    typer.echo(
        tr(f"{case_no}: party {n} updated", f"{case_no}：已更新第 {n} 号当事人")
        if changes
        else tr(f"{case_no}: party {n}: nothing changed", f"{case_no}：第 {n} 号当事人没有变化")
    )
    warn(warnings)


@party_app.command(
    "remove", help=h("remove a party entered by mistake (audited)", "删除误录的当事人（记入审计）")
)
def remove(ctx: typer.Context, case: CaseArg, no: NoArg) -> None:
    from mediation_cli.services.parties import remove_party

    case_no, n, count = remove_party(ctx_of(ctx).ledger(), case, no, today=today())
    typer.echo(
        tr(
            f"{case_no}: party {n} removed ({count} left)",
            f"{case_no}：已删除第 {n} 号当事人（余 {count} 人）",
        )
    )


@party_app.command(
    "list", help=h("the parties of a case (masked unless --reveal)", "列出案件当事人（默认脱敏）")
)
def list_(
    ctx: typer.Context,
    case: CaseArg,
    reveal: Annotated[
        bool,
        typer.Option(
            "--reveal",
            help=h(
                "show names, ID numbers, phones and addresses in full (audited)",
                "完整显示姓名、身份证号、电话、住址（记入审计）",
            ),
        ),
    ] = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    from mediation_cli.render.output import emit_rows
    from mediation_cli.services.parties import list_parties

    opts = output_options(fmt, output)
    case_no, rows = list_parties(ctx_of(ctx).ledger(), case, reveal=reveal, today=today())
    emit_rows(opts, columns(), rows, title=tr(f"Parties of {case_no}", f"{case_no} 的当事人"))


@party_app.command(
    "import",
    help=h(
        "import parties: case_no*,no,name*,gender,ethnicity,age,occupation,phone,id_number,address",
        "导入当事人：case_no*,no,name*,gender,ethnicity,age,occupation,phone,id_number,address",
    ),
)
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=h("CSV or .xlsx file", "CSV 或 .xlsx 文件"))],
    skip_bad: SkipBadOpt = False,
    rejects: RejectsOpt = None,
    dry_run: DryRunOpt = False,
    encoding: ImportEncodingOpt = "auto",
) -> None:
    from mediation_cli.io.importer import print_result
    from mediation_cli.io.readers import IMPORT_ENCODING, IMPORT_ENCODINGS
    from mediation_cli.services.parties import import_parties

    if encoding.lower() not in IMPORT_ENCODINGS:
        from mediation_cli.domain.errors import Invalid

        raise Invalid("--encoding", encoding, " | ".join(IMPORT_ENCODINGS))
    if rejects is not None:
        from mediation_cli.files import check_target

        check_target(rejects, opt="--rejects")
    token = IMPORT_ENCODING.set(encoding.lower())
    try:
        result, warnings = import_parties(
            ctx_of(ctx).ledger(), file, today=today(), skip_bad=skip_bad, rejects=rejects, dry_run=dry_run
        )
    finally:
        IMPORT_ENCODING.reset(token)
    print_result(result, dry_run)
    warn(warnings)
