"""`mediation init`: create the ledger, optionally with the sample banner."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.context import ctx_of
from mediation_cli.i18n import h, tr

HELP = h(
    "create the ledger (--sample loads the fictional sample Uxin Banner shipped with the program)",
    "创建台账（--sample 载入随程序附带的乌审旗虚构示例数据）",
)


def init(
    ctx: typer.Context,
    sample: Annotated[
        bool, typer.Option("--sample", help=h("load the sample banner", "载入示例数据"))
    ] = False,
    sample_from: Annotated[
        Path | None,
        typer.Option(
            "--sample-dir",
            help=h(
                "folder of sample CSVs (default: the copy shipped in the package)",
                "示例 CSV 所在目录（默认用程序包内附带的示例）",
            ),
        ),
    ] = None,
) -> None:
    from mediation_cli.errors import MediationError
    from mediation_cli.ledger.orgs import org_count
    from mediation_cli.services.sample import load_sample, missing_files, shipped_sample

    app_ctx = ctx_of(ctx)
    source = None
    if sample or sample_from is not None:
        sample = True
        source = sample_from if sample_from is not None else shipped_sample()
        missing = missing_files(source)
        if missing:  # refused before any file is created
            if sample_from is not None:
                raise MediationError(
                    f"--sample-dir: {sample_from} lacks {', '.join(missing)} (a folder of the sample CSVs is expected)",
                    f"--sample-dir：{sample_from} 中缺少 {'、'.join(missing)}（应为示例 CSV 所在目录）",
                )
            raise MediationError(
                f"--sample: this installation lacks the sample files {', '.join(missing)}; reinstall mediation-cli",
                f"--sample：本安装缺少示例文件 {'、'.join(missing)}，请重新安装 mediation-cli",
            )
    path = app_ctx.path
    existed = path.exists() and not path.is_dir() and path.stat().st_size > 0
    ledger = app_ctx.ledger()
    try:
        if sample:
            if org_count(ledger):
                raise MediationError(
                    f"--sample: {ledger.path} already holds a ledger; the sample loads into an empty one only",
                    f"--sample：{ledger.path} 已有台账数据，示例数据只能载入空台账",
                )
            counts = load_sample(ledger, source)
    except BaseException:
        if not existed:  # a failed init leaves nothing behind
            app_ctx.close()
            _remove_ledger_files(path)
        raise
    typer.echo(tr(f"ledger ready: {ledger.path}", f"台账已就绪：{ledger.path}"), err=True)
    if sample:
        typer.echo(
            tr(
                "sample loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()),
                "示例数据已载入：" + "，".join(f"{k} {v}" for k, v in counts.items()),
            ),
            err=True,
        )


def _remove_ledger_files(path: Path) -> None:
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
