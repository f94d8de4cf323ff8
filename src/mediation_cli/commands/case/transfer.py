"""`case import|export`: files in and out (upstream platforms' templates with --profile)."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.queries import case_filter, resolver
from mediation_cli.commands.common import (
    DryRunOpt,
    ImportEncodingOpt,
    ReceivedFromOpt,
    ReceivedToOpt,
    RejectsOpt,
    SkipBadOpt,
    complete_org,
    org_ids,
)
from mediation_cli.context import (
    OutputOpt,
    RevealOpt,
    ctx_of,
    parse_day,
    today,
)
from mediation_cli.i18n import h, tr


@app.command(
    "import",
    help=h(
        "import cases from CSV/XLSX (all-or-nothing unless --skip-bad; matched on case_no); --parties FILE adds "
        "their parties in the same transaction",
        "从 CSV/XLSX 导入案件（默认全部成功才写入；按案件编号匹配）；--parties 文件 同时导入当事人（同一事务）",
    ),
)
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=h("CSV or .xlsx file", "CSV 或 .xlsx 文件"))],
    parties: Annotated[
        Path | None,
        typer.Option(
            "--parties",
            help=h(
                "a parties file (case_no*,no,name*,gender,ethnicity,age,occupation,phone,id_number,address) for "
                "cases of this file or the ledger; any bad party row refuses both files",
                "当事人文件（case_no*,no,name*,gender,ethnicity,age,occupation,phone,id_number,address），"
                "其中任一行有误则两个文件都不导入",
            ),
        ),
    ] = None,
    skip_bad: SkipBadOpt = False,
    rejects: RejectsOpt = None,
    dry_run: DryRunOpt = False,
    encoding: ImportEncodingOpt = "auto",
) -> None:
    from mediation_cli.io.importer import print_result
    from mediation_cli.io.readers import IMPORT_ENCODING, IMPORT_ENCODINGS

    if encoding.lower() not in IMPORT_ENCODINGS:
        from mediation_cli.domain.errors import Invalid

        raise Invalid("--encoding", encoding, " | ".join(IMPORT_ENCODINGS))
    if rejects is not None:
        from mediation_cli.files import check_target

        check_target(rejects, opt="--rejects")
    token = IMPORT_ENCODING.set(encoding.lower())
    ledger = ctx_of(ctx).ledger()
    try:
        if parties is None:
            from mediation_cli.services.case_import import import_cases

            result = import_cases(
                ledger, file, today=today(), skip_bad=skip_bad, rejects=rejects, dry_run=dry_run
            )
        else:
            from mediation_cli.services.parties import import_cases_with_parties

            result, party_result, warnings = import_cases_with_parties(
                ledger, file, parties, today=today(), skip_bad=skip_bad, rejects=rejects, dry_run=dry_run
            )
    finally:
        IMPORT_ENCODING.reset(token)
    print_result(result, dry_run)
    if parties is not None:
        typer.echo(tr("parties: ", "当事人：") + tr(*party_counts(party_result)))
        for en, zh in warnings:
            typer.echo(tr(en, zh), err=True)


def party_counts(r) -> tuple[str, str]:
    return (
        f"{r.rows} rows: {r.inserted} added, {r.updated} updated, {r.unchanged} unchanged",
        f"共 {r.rows} 行：新增 {r.inserted}，更新 {r.updated}，未变 {r.unchanged}",
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
    frm: ReceivedFromOpt = None,
    to: ReceivedToOpt = None,
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
        from mediation_cli.forms.cases import COLUMNS, CONTRACT_COLUMNS
        from mediation_cli.io.exporters import export_rows
        from mediation_cli.ledger.case_queries import export_cases

        res = resolver(ledger)
        f = case_filter(ledger, res, org, True, None, None, None, None, None, None, frm, to, None)
        cols = COLUMNS if all_columns else CONTRACT_COLUMNS
        export_rows(export_cases(ledger, f), cols, fmt="json", output=output, sheet=tr("cases", "矛盾纠纷"))
        return
    from mediation_cli.services.exports import export_cases as export_under

    n, name = export_under(
        ledger,
        profile,
        fmt=fmt,
        output=output,
        encoding=encoding,
        only_new=only_new,
        all_columns=all_columns,
        org_ids=org_ids(ledger, org),
        start=parse_day(frm, "from"),
        end=parse_day(to, "to"),
    )
    if only_new and n == 0:
        typer.echo(
            tr(
                f"nothing new under {name} since its last export: no file written, no batch recorded",
                f"自上次按 {name} 模板导出以来没有新增或修改的案件：未生成文件，未记录导出批次",
            ),
            err=True,
        )
        return
    if output is not None:
        typer.echo(
            tr(
                f"{n} cases exported to {output} ({name})",
                f"已按 {name} 模板导出 {n} 件到 {output}",
            ),
            err=True,
        )
