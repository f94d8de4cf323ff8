"""`mediation org`: the mediation organisations (调解组织) and their tree."""

from typing import Annotated

import typer

from mediation_cli.commands.common import (
    ClearOpt,
    add_import_command,
    complete_org,
    completer_for,
    raw_from,
)
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options, parse_day, today
from mediation_cli.domain.taxonomy import ORG_KIND
from mediation_cli.i18n import h, lang, tr

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "mediation organisations: committees, workrooms, judicial offices", "调解组织：调委会、工作室、司法所"
    ),
    no_args_is_help=True,
)

KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help=h("org kind (code or 中文)", "组织类型（代码或中文）"),
        autocompletion=completer_for(ORG_KIND),
    ),
]
OrgArg = Annotated[
    str,
    typer.Argument(
        help=h("org code, name or pinyin initials", "组织编号、名称或拼音首字母"), autocompletion=complete_org
    ),
]


def columns():
    from mediation_cli.render.output import Col

    return [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("kind", "kind", "类型", "enum", ORG_KIND),
        Col("parent_code", "parent", "上级"),
        Col("has_conditions", "has conditions", "有条件", "bool"),
        Col("star_rating", "stars", "星级", "int"),
        Col("rated_on", "rated on", "评定日期"),
        Col("field", "field", "领域"),
        Col("established_on", "established", "成立日期"),
        Col("dissolved_on", "dissolved", "撤销日期"),
    ]


def _org_fields(options: dict) -> dict[str, str]:
    """The org fields a command was given (parameters named as the import columns; --parent is parent_code), as an
    import-style raw row: `org add` and `org edit` hand them on alike."""
    skip = {"ctx", "org", "clear"}
    return raw_from(
        **{("parent_code" if k == "parent" else k): v for k, v in options.items() if k not in skip}
    )


def _field(*names: str, en: str, zh: str, **extra):
    """An optional org field, declared once for `add` and `edit`."""
    return Annotated[str | None, typer.Option(*names, help=h(en, zh), **extra)]


ParentOpt = _field("--parent-code", "--parent", en="parent org", zh="上级组织", autocompletion=complete_org)
HasConditionsOpt = _field(
    "--has-conditions",
    en="yes/no: has the conditions for a full-time mediator (有条件的)",
    zh="是否“有条件”配备专职调解员（是/否）",
)
StarOpt = _field(
    "--star-rating",
    en="star rating (星级): 1–3 (or 5), or 三星, ★★★",
    zh="星级：1–3（或 5），也可写 三星、★★★",
)
RatedOpt = _field("--rated-on", en="date rated", zh="星级评定日期")
FieldOpt = _field(
    "--field", en="field served (医患, 道路交通, 诉调…)", zh="服务领域（医患、道路交通、诉调等）"
)
EstablishedOpt = _field("--established-on", en="date established", zh="成立日期")
DissolvedOpt = _field("--dissolved-on", en="date dissolved", zh="撤销日期")


@app.command("add", help=h("add an org", "新增调解组织"))
def add(
    ctx: typer.Context,
    code: Annotated[str, typer.Option("--code", help=h("short unique code", "简短唯一编号"))],
    name: Annotated[str, typer.Option("--name", help=h("full name", "全称"))],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help=h("org kind (code or 中文)", "组织类型（代码或中文）"),
            autocompletion=completer_for(ORG_KIND),
        ),
    ],
    parent: ParentOpt = None,
    has_conditions: HasConditionsOpt = None,
    star_rating: StarOpt = None,
    rated_on: RatedOpt = None,
    field: FieldOpt = None,
    established_on: EstablishedOpt = None,
    dissolved_on: DissolvedOpt = None,
) -> None:
    fields = _org_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.orgs import add_org

    typer.echo(add_org(ctx_of(ctx).ledger(), fields, today=today()))


@app.command("edit", help=h("change an org's fields", "修改调解组织"))
def edit(
    ctx: typer.Context,
    org: OrgArg,
    name: Annotated[str | None, typer.Option("--name", help=h("full name", "全称"))] = None,
    kind: KindOpt = None,
    parent: ParentOpt = None,
    has_conditions: HasConditionsOpt = None,
    star_rating: StarOpt = None,
    rated_on: RatedOpt = None,
    field: FieldOpt = None,
    established_on: EstablishedOpt = None,
    dissolved_on: DissolvedOpt = None,
    clear: ClearOpt = None,
) -> None:
    fields = _org_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.orgs import edit_org

    code = edit_org(ctx_of(ctx).ledger(), org, fields, clear, today=today())
    typer.echo(tr(f"updated {code}", f"已更新 {code}"))


@app.command(
    "list", help=h("list orgs (--tree for the banner as a tree)", "列出调解组织（--tree 以树状显示）")
)
def list_(
    ctx: typer.Context,
    kind: KindOpt = None,
    active_on: Annotated[
        str | None, typer.Option("--active-on", help=h("only orgs active on this date", "只列该日有效的组织"))
    ] = None,
    under: Annotated[
        str | None,
        typer.Option(
            "--under",
            help=h("only this org and those under it", "只列该组织及其下级"),
            autocompletion=complete_org,
        ),
    ] = None,
    tree: Annotated[bool, typer.Option("--tree", help=h("show the tree", "树状显示"))] = False,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.ledger.orgs import list_orgs, resolve_org
    from mediation_cli.render.output import emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    kind_code = ORG_KIND.parse(kind, "kind") if kind else None
    root = resolve_org(ledger, under)["id"] if under else None
    rows = list_orgs(ledger, kind=kind_code, active_on=parse_day(active_on, "active_on"), under=root)
    if tree and opts.format == "table":
        _print_tree(ledger, rows, opts)
        return
    emit_rows(opts, columns(), rows, title=tr("Mediation organisations", "调解组织"))


def _print_tree(ledger, rows: list[dict], opts) -> None:
    from rich.tree import Tree

    from mediation_cli.ledger.mediators import headcounts
    from mediation_cli.ledger.orgs import org_ids_by_code
    from mediation_cli.render.output import console_for, open_text

    ids = org_ids_by_code(ledger)
    by_id = headcounts(ledger, today())
    counts = {code: (by_id[i]["mediators"], by_id[i]["full_time"]) for code, i in ids.items() if i in by_id}
    by_parent: dict[str | None, list[dict]] = {}
    codes = {r["code"] for r in rows}
    for r in rows:
        parent = r["parent_code"] if r["parent_code"] in codes else None
        by_parent.setdefault(parent, []).append(r)

    def label(r: dict) -> str:
        n, ft = counts.get(r["code"], (0, 0))
        stars = "★" * (r["star_rating"] or 0)
        gone = f" [dim]({tr('dissolved', '已撤销')} {r['dissolved_on']})[/dim]" if r["dissolved_on"] else ""
        people = tr(f"{n} mediators, {ft or 0} full-time", f"调解员 {n} 人，专职 {ft or 0} 人") if n else ""
        return (
            f"[bold]{r['name']}[/bold] [cyan]{r['code']}[/cyan] {ORG_KIND.label(r['kind'], lang())} "
            f"[yellow]{stars}[/yellow] [dim]{people}[/dim]{gone}"
        )

    def add(node, parent_code):
        for r in by_parent.get(parent_code, []):
            add(node.add(label(r)), r["code"])

    roots = by_parent.get(None, [])
    with open_text(opts) as fh:
        console = console_for(fh)
        if not roots:
            console.print(
                tr(
                    "no orgs yet — add one with `mediation org add` or `mediation org import`",
                    "尚无调解组织——用 `mediation org add` 或 `mediation org import` 添加",
                )
            )
        for r in roots:
            node = Tree(label(r))
            add(node, r["code"])
            console.print(node)


@app.command("show", help=h("everything about one org", "查看一个组织的全部信息"))
def show(ctx: typer.Context, org: OrgArg, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.domain.staffing import required_full_time
    from mediation_cli.ledger.orgs import children, org_row_dict, parent_code, resolve_org
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = resolve_org(ledger, org)
    obj = org_row_dict(row, parent_code(ledger, row))
    from mediation_cli.ledger.mediators import NO_ONE, headcounts

    counts = headcounts(ledger, today(), org_id=row["id"]).get(row["id"], NO_ONE)
    obj["mediators"] = counts["mediators"]
    obj["full_time"] = counts["full_time"]
    obj["required_full_time"] = required_full_time(row["kind"], bool(row["has_conditions"]))
    obj["children"] = children(ledger, row["id"])
    from mediation_cli.ledger.ratings import rating_history

    obj["rating_history"] = rating_history(ledger, row["id"])
    fields = [c for c in columns()] + [
        Col("mediators", "mediators", "调解员", "int"),
        Col("full_time", "full-time", "专职", "int"),
        Col("required_full_time", "required full-time", "应配专职", "int"),
    ]
    child_cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("kind", "kind", "类型", "enum", ORG_KIND),
    ]
    emit_object(
        opts,
        obj,
        fields,
        title=f"{row['name']} ({row['code']})",
        sections=[
            (tr("Under it", "下级组织"), child_cols, obj["children"]),
            (
                tr("Star ratings", "星级评定记录"),
                [Col("rated_on", "rated on", "评定日期"), Col("star_rating", "stars", "星级", "int")],
                obj["rating_history"],
            ),
        ],
        csv_section=None,
    )


def _importer():
    from mediation_cli.services.orgs import import_orgs

    return import_orgs


add_import_command(
    app,
    _importer,
    "import orgs from CSV/XLSX (all-or-nothing unless --skip-bad)",
    "从 CSV/XLSX 导入组织（默认全部成功才写入）",
)


@app.command("export", help=h("export orgs in the import columns", "按导入列导出组织"))
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | json | xlsx")] = "csv",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.forms.orgs import COLUMNS
    from mediation_cli.io.exporters import export_rows
    from mediation_cli.ledger.orgs import list_orgs

    ledger = ctx_of(ctx).ledger()
    rows = ({**r, "has_conditions": int(r["has_conditions"])} for r in list_orgs(ledger))
    export_rows(rows, COLUMNS, fmt=fmt, output=output, encoding=encoding, sheet=tr("orgs", "调解组织"))
