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
    rows = [
        dict(r)
        for r in ledger.all(
            "SELECT code, zh, en, grp AS group_, stat_category, builtin FROM category ORDER BY rowid"
        )
    ]
    for r in rows:
        r["group"] = r.pop("group_")
        r["builtin"] = bool(r["builtin"])
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
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.taxonomy import STAT_CATEGORY

    ledger = ctx_of(ctx).ledger()
    row = ledger.one(
        "SELECT code, stat_category FROM category WHERE code = ? OR zh = ?", (category, category)
    )
    if row is None:
        codes = [r[0] for r in ledger.all("SELECT code FROM category ORDER BY rowid")]
        raise Invalid("category", category, "one of " + ", ".join(codes), "以下之一：" + "、".join(codes))
    target = STAT_CATEGORY.parse(stat, "stat_category")
    with ledger.write():
        ledger.conn.execute("UPDATE category SET stat_category = ? WHERE code = ?", (target, row["code"]))
        ledger.audit(
            "category", row["code"], "map", {"stat_category": row["stat_category"]}, {"stat_category": target}
        )
    typer.echo(
        tr(f"{row['code']} → {target}", f"{row['code']} 对应统计类别：{STAT_CATEGORY.label(target, 'zh')}")
    )


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
    from mediation_cli.domain.taxonomy import STAT_CATEGORY
    from mediation_cli.domain.values import parse_code, parse_text
    from mediation_cli.errors import Duplicate

    ledger = ctx_of(ctx).ledger()
    code = parse_code(code, "code")
    zh = parse_text(zh, "zh", max_len=20)
    target = STAT_CATEGORY.parse(stat, "stat")
    if ledger.one("SELECT 1 FROM category WHERE code = ? OR zh = ?", (code, zh)):
        raise Duplicate("code", code)
    with ledger.write():
        ledger.conn.execute(
            "INSERT INTO category(code, zh, en, grp, stat_category, builtin) VALUES (?,?,?,?,?,0)",
            (code, zh, en or code, "other", target),
        )
        ledger.audit("category", code, "add", None, {"zh": zh, "stat_category": target})
    typer.echo(code)
