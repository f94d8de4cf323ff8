"""`mediation init`: create the ledger, optionally with the sample banner."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.context import ctx_of
from mediation_cli.i18n import h, tr

HELP = h(
    "create the ledger (--sample loads the sample Uxin Banner from sample_data/)",
    "创建台账（--sample 载入 sample_data/ 中的乌审旗示例数据）",
)


def sample_dir() -> Path:
    """sample_data/ of the source checkout (an editable install), else the copy shipped in the package."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[3] / "sample_data", here.parents[1] / "sample"):
        if (candidate / "orgs.csv").exists():
            return candidate
    return here.parents[3] / "sample_data"


def init(
    ctx: typer.Context,
    sample: Annotated[
        bool, typer.Option("--sample", help=h("load the sample banner", "载入示例数据"))
    ] = False,
    sample_from: Annotated[
        Path | None, typer.Option("--sample-dir", help=h("folder of sample CSVs", "示例 CSV 所在目录"))
    ] = None,
) -> None:
    from mediation_cli.ledger.sample import load_sample

    app_ctx = ctx_of(ctx)
    ledger = app_ctx.ledger()
    typer.echo(tr(f"ledger ready: {ledger.path}", f"台账已就绪：{ledger.path}"), err=True)
    if sample:
        if ledger.scalar("SELECT count(*) FROM org"):
            from mediation_cli.errors import MediationError

            raise MediationError(
                f"--sample: {ledger.path} already holds a ledger; the sample loads into an empty one only",
                f"--sample：{ledger.path} 已有台账数据，示例数据只能载入空台账",
            )
        counts = load_sample(ledger, sample_from or sample_dir())
        typer.echo(
            tr(
                "sample loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()),
                "示例数据已载入：" + "，".join(f"{k} {v}" for k, v in counts.items()),
            ),
            err=True,
        )
