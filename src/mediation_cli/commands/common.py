"""Option types and small helpers shared by the command groups."""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.i18n import h

SkipBadOpt = Annotated[
    bool,
    typer.Option(
        "--skip-bad", help=h("import the good rows, set the bad ones aside", "导入正确的行，把有误的行另存")
    ),
]
RejectsOpt = Annotated[
    Path | None,
    typer.Option(
        "--rejects",
        help=h(
            "with --skip-bad: write the bad rows here, with a reason",
            "与 --skip-bad 合用：把有误的行连同原因写入此文件",
        ),
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help=h("validate and report only; write nothing", "只校验并报告，不写入"))
]
ImportEncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding",
        help=h(
            "the file's encoding when the guess is wrong: auto | utf-8 | gbk",
            "文件编码（自动识别有误时指定）：auto | utf-8 | gbk",
        ),
    ),
]
ClearOpt = Annotated[
    list[str] | None, typer.Option("--clear", help=h("clear this field (repeatable)", "清空该字段（可重复）"))
]


def org_ids(ledger, org: str | None, include_children: bool = True) -> list[int] | None:
    """The ids an ``--org`` filter names: none given, None (every org); else the org, and those under it when
    ``include_children``."""
    from mediation_cli.ledger.orgs import resolve_org, subtree_ids

    if not org:
        return None
    root = resolve_org(ledger, org)["id"]
    return subtree_ids(ledger, root) if include_children else [root]


def complete_org(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of org codes (with their names as help)."""
    try:
        from mediation_cli.context import AppContext
        from mediation_cli.ledger.orgs import codes_starting

        return codes_starting(AppContext().ledger(create=False), incomplete)
    except Exception:  # completion must never fail loudly
        return []


def completer_for(table):
    """Shell completion of an enumeration's codes, with the Chinese label as help."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(code, zh) for code, (zh, _en) in table.members.items() if code.startswith(incomplete)]

    return complete


def raw_from(**options) -> dict[str, str]:
    """Options given on the command line as an import-style raw row (only those given)."""
    return {k: str(v) for k, v in options.items() if v is not None}


def check_clear(fields: list[str] | None, allowed: list[str]) -> list[str]:
    from mediation_cli.domain.errors import Invalid

    fields = fields or []
    for f in fields:
        if f not in allowed:
            raise Invalid("--clear", f, "one of " + ", ".join(allowed), "以下之一：" + "、".join(allowed))
    return fields


def add_import_command(app: typer.Typer, importer: Callable[[], Callable], en: str, zh: str) -> None:
    """`<group> import FILE [--skip-bad --rejects F] [--dry-run]`, calling the import use case that ``importer()``
    returns (imported only when the command runs, so that `--help` stays fast)."""

    def import_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help=h("CSV or .xlsx file", "CSV 或 .xlsx 文件"))],
        skip_bad: SkipBadOpt = False,
        rejects: RejectsOpt = None,
        dry_run: DryRunOpt = False,
        encoding: ImportEncodingOpt = "auto",
    ) -> None:
        from mediation_cli.context import ctx_of, today
        from mediation_cli.io.importer import print_result
        from mediation_cli.io.readers import IMPORT_ENCODING, IMPORT_ENCODINGS

        if encoding.lower() not in IMPORT_ENCODINGS:
            from mediation_cli.domain.errors import Invalid

            raise Invalid("--encoding", encoding, " | ".join(IMPORT_ENCODINGS))
        if rejects is not None:
            from mediation_cli.files import check_target

            check_target(rejects, opt="--rejects")
        load = importer()
        token = IMPORT_ENCODING.set(encoding.lower())
        try:
            result = load(
                ctx_of(ctx).ledger(), file, today=today(), skip_bad=skip_bad, rejects=rejects, dry_run=dry_run
            )
        finally:
            IMPORT_ENCODING.reset(token)
        print_result(result, dry_run)

    app.command("import", help=h(en, zh))(import_)


# -- the scope and range options of lists and reports, declared once ------------------------------------------------
OrgFilterOpt = Annotated[
    str | None,
    typer.Option(
        "--org",
        help=h("only this org (code, name or initials)", "只看该组织（编号、名称或拼音首字母）"),
        autocompletion=complete_org,
    ),
]
ChildrenOpt = Annotated[
    bool, typer.Option("--include-children", help=h("with the orgs under it", "包括下级组织"))
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help=h("from this date (inclusive)", "起始日期（含）"))
]
ToOpt = Annotated[str | None, typer.Option("--to", help=h("up to this date (inclusive)", "截止日期（含）"))]
ReceivedFromOpt = Annotated[str | None, typer.Option("--from", help=h("received on or after", "受理日期起"))]
ReceivedToOpt = Annotated[str | None, typer.Option("--to", help=h("received on or before", "受理日期止"))]
