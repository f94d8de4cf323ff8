"""`mediation config`: the settings a bureau may change (cadences, deadlines, templates), stored in the ledger."""

from typing import Annotated

import typer

from mediation_cli.context import FormatOpt, OutputOpt, ctx_of, output_options
from mediation_cli.i18n import h, tr

app = typer.Typer(
    rich_markup_mode=None,
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
    from mediation_cli.services.settings import set_setting

    new = set_setting(ctx_of(ctx).ledger(), key, value)
    typer.echo(tr(f"{key} = {new}", f"{key} 已设为 {new}"))


@app.command("reset", help=h("back to the default", "恢复默认值"))
def reset(ctx: typer.Context, key: KeyArg) -> None:
    from mediation_cli.services.settings import reset_setting

    reset_setting(ctx_of(ctx).ledger(), key)
    typer.echo(tr(f"{key} reset", f"{key} 已恢复默认"))


@app.command(
    "categories",
    help=h(
        "the dispute categories and the statistics category each maps onto",
        "纠纷类型代码表及其对应的统计类别",
    ),
)
def categories(ctx: typer.Context, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.domain.taxonomy import CATEGORY_GROUPS, STAT_CATEGORY
    from mediation_cli.render.output import Col, emit_rows

    ledger = ctx_of(ctx).ledger()
    from mediation_cli.ledger.config import categories as category_table

    rows = category_table(ledger)
    cols = [
        Col("code", "code", "代码"),
        Col("zh", "中文", "中文"),
        Col("en", "English", "英文"),
        Col(
            "group",
            "group",
            "分组",
            "enum",
            lambda v: tr(CATEGORY_GROUPS.get(v, (v, v))[1], CATEGORY_GROUPS.get(v, (v, v))[0]),
        ),
        Col("stat_category", "statistics category", "统计类别", "enum", STAT_CATEGORY),
        Col("builtin", "built in", "内置", "bool"),
    ]
    emit_rows(
        output_options(fmt, output),
        cols,
        rows,
        json_keys=["code", "zh", "en", "group", "stat_category", "builtin"],
        title=tr("Dispute categories", "纠纷类型"),
    )


@app.command(
    "category-map",
    help=h(
        "map a dispute category onto a statistics category (audited)",
        "设置纠纷类型对应的统计类别（记入审计）",
    ),
)
def category_map(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help=h("category code or 中文", "纠纷类型代码或中文"))],
    stat: Annotated[str, typer.Argument(help=h("statistics category (合同, 消费, …)", "统计类别"))],
) -> None:
    from mediation_cli.domain.taxonomy import STAT_CATEGORY
    from mediation_cli.services.settings import map_category

    code, target = map_category(ctx_of(ctx).ledger(), category, stat)
    typer.echo(tr(f"{code} → {target}", f"{code} 对应统计类别：{STAT_CATEGORY.label(target, 'zh')}"))


@app.command(
    "category-add",
    help=h(
        "add a local dispute category (e.g. 消防, 拖欠农民工工资)",
        "新增本地纠纷类型（如 消防、拖欠农民工工资）",
    ),
)
def category_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Option("--code", help=h("English code", "英文代码"))],
    zh: Annotated[str, typer.Option("--zh", help=h("Chinese label", "中文名称"))],
    stat: Annotated[
        str, typer.Option("--stat", help=h("statistics category it maps onto", "对应的统计类别"))
    ],
    en: Annotated[str | None, typer.Option("--en", help=h("English label", "英文名称"))] = None,
) -> None:
    from mediation_cli.services.settings import add_category

    code = add_category(ctx_of(ctx).ledger(), code, zh, stat, en)
    typer.echo(code)
