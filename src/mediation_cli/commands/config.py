"""`mediation config`: the settings a bureau may change (cadences, deadlines, templates), stored in the ledger."""

from __future__ import annotations

from typing import Annotated

import typer

from mediation_cli.context import FormatOpt, OutputOpt, ctx_of, output_options
from mediation_cli.i18n import h, tr

app = typer.Typer(
    help=h(
        "settings stored in the ledger (cadences, deadlines, templates)",
        "台账内的设置（排查频次、期限、编号模板等）",
    ),
    no_args_is_help=True,
)


def _complete_key(incomplete: str) -> list[str]:
    from mediation_cli.domain.settings import SETTINGS

    return [k for k in SETTINGS if k.startswith(incomplete)]


KeyArg = Annotated[str, typer.Argument(help=h("setting name", "设置项"), autocompletion=_complete_key)]


@app.command("list", help=h("every setting with its value", "列出全部设置"))
def list_(ctx: typer.Context, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.domain.settings import SETTINGS
    from mediation_cli.ledger.config import Config
    from mediation_cli.render.output import Col, emit_rows

    config = Config(ctx_of(ctx).ledger())
    rows = [
        {"key": k, "value": v, "changed": changed, "meaning": tr(SETTINGS[k].en, SETTINGS[k].zh)}
        for k, v, changed in config.items()
    ]
    cols = [
        Col("key", "setting", "设置项"),
        Col("value", "value", "值"),
        Col("changed", "changed", "已修改", "bool"),
        Col("meaning", "meaning", "说明"),
    ]
    emit_rows(output_options(fmt, output), cols, rows, json_keys=["key", "value", "changed"])


@app.command("get", help=h("one setting's value", "查看一个设置"))
def get(ctx: typer.Context, key: KeyArg) -> None:
    import json

    from mediation_cli.domain.settings import validate
    from mediation_cli.ledger.config import Config

    config = Config(ctx_of(ctx).ledger())
    try:
        value = config.get(key)
    except KeyError:
        validate(key, "")  # raises the refusal that names the allowed keys
        raise
    typer.echo(value if isinstance(value, str | int) else json.dumps(value, ensure_ascii=False))


@app.command("set", help=h("change a setting (audited)", "修改设置（记入审计日志）"))
def set_(
    ctx: typer.Context, key: KeyArg, value: Annotated[str, typer.Argument(help=h("new value", "新值"))]
) -> None:
    from mediation_cli.ledger.config import Config

    config = Config(ctx_of(ctx).ledger())
    new = config.set(key, value)
    typer.echo(tr(f"{key} = {new}", f"{key} 已设为 {new}"))


@app.command("reset", help=h("back to the default", "恢复默认值"))
def reset(ctx: typer.Context, key: KeyArg) -> None:
    from mediation_cli.domain.settings import SETTINGS, validate
    from mediation_cli.ledger.config import Config

    if key not in SETTINGS:
        validate(key, "")
    Config(ctx_of(ctx).ledger()).reset(key)
    typer.echo(tr(f"{key} reset", f"{key} 已恢复默认"))
