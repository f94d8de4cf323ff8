"""`mediation db`: where the ledger is, its health, and a consistent backup."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.context import ForceOpt, FormatOpt, OutputOpt, ctx_of, output_options
from mediation_cli.i18n import h, tr

app = typer.Typer(
    rich_markup_mode=None,
    help=h("the ledger file: info, check, backup", "台账文件：信息、检查、备份"),
    no_args_is_help=True,
)


@app.command("info", help=h("path, schema version and counts", "路径、结构版本和各类记录数"))
def info(ctx: typer.Context, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.ledger.schema import SCHEMA_VERSION
    from mediation_cli.render.labels import RECORDS, labeller
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    counts = ledger.counts()
    obj = {
        "path": str(ledger.path.resolve()),
        "schema_version": ledger.schema_version(),
        "program_schema_version": SCHEMA_VERSION,
        "size_bytes": ledger.path.stat().st_size,
        "counts": counts,
    }
    fields = [
        Col("path", "path", "路径"),
        Col("schema_version", "schema version", "结构版本", "int"),
        Col("size_bytes", "size (bytes)", "大小（字节）", "int"),
    ]
    rows = [{"what": k, "count": v} for k, v in counts.items()]
    emit_object(
        opts,
        obj,
        fields,
        title=tr("Ledger", "台账"),
        sections=[
            (
                tr("Records", "记录数"),
                [
                    Col("what", "records", "类别", "enum", labeller(RECORDS)),
                    Col("count", "count", "数量", "int"),
                ],
                rows,
            )
        ],
    )


@app.command(
    "check",
    help=h(
        "integrity, foreign keys and domain rules (exit 1 on errors; notices such as 应录必录 do not fail it)",
        "完整性、外键和业务规则检查（有错误时退出码为 1；应录必录等工作提示不影响退出码）",
    ),
)
def check(ctx: typer.Context, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from dataclasses import asdict

    from mediation_cli.ledger.checks import run_checks
    from mediation_cli.render.labels import CHECKS, labeller
    from mediation_cli.render.output import Col, emit_rows

    ledger = ctx_of(ctx).ledger(create=False)
    problems = [asdict(p) for p in run_checks(ledger)]
    errors = [p for p in problems if p["severity"] == "error"]
    opts = output_options(fmt, output)
    if problems or opts.format != "table":
        emit_rows(
            opts,
            [
                Col("check", "check", "检查项", "enum", labeller(CHECKS)),
                Col("ref", "ref", "对象"),
                Col("what", "problem", "问题"),
                Col("severity", "severity", "类别", "enum", lambda v: tr(*CHECK_SEVERITY[v])),
            ],
            problems,
        )
    if not errors and opts.format == "table":
        notices = len(problems)
        typer.echo(
            tr("ledger OK", "台账检查通过")
            + (
                tr(f" ({notices} notices about the work recorded)", f"（另有 {notices} 条工作提示）")
                if notices
                else ""
            )
        )
    if errors:
        raise typer.Exit(1)


# A notice: the ledger is sound, the work it records is not (应录必录); only errors make `db check` exit 1.
CHECK_SEVERITY = {"error": ("error", "错误"), "notice": ("notice", "提示")}


@app.command(
    "backup",
    help=h("an online, consistent copy of the ledger (VACUUM INTO)", "在线生成一致的台账备份（VACUUM INTO）"),
)
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help=h("backup file to create", "备份文件"))],
    force: ForceOpt = False,
) -> None:
    """One snapshot of the ledger (VACUUM INTO reads in one transaction, so writers may go on) into a temporary file
    beside the target, fsynced and renamed: a killed backup never leaves a half file under the real name."""
    from mediation_cli.ledger.restore import backup_ledger

    backup_ledger(ctx_of(ctx).ledger(create=False), target, force=force)
    typer.echo(str(target))


@app.command(
    "restore",
    help=h(
        "replace the ledger with a backup, after checking it (the replaced ledger is kept beside it)",
        "用备份替换当前台账（先检查备份；被替换的台账保留在旁边）",
    ),
)
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help=h("the backup file", "备份文件"))],
) -> None:
    from mediation_cli.ledger.restore import restore_ledger

    app_ctx = ctx_of(ctx)
    app_ctx.close()
    kept = restore_ledger(source, app_ctx.path)
    if kept is not None:
        typer.echo(tr(f"replaced ledger kept as {kept}", f"原台账已保留为 {kept}"), err=True)
    typer.echo(str(app_ctx.path))
