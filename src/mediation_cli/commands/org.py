"""`mediation org`: the mediation organisations (调解组织) and their tree."""

from typing import Annotated

import typer

from mediation_cli.commands.common import (
    ClearOpt,
    add_import_command,
    check_clear,
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


def _parse(ledger, raw: dict[str, str]) -> dict:
    from mediation_cli.ledger.config import Config
    from mediation_cli.ledger.orgs import resolve_org
    from mediation_cli.records.org import parse_org

    return parse_org(
        raw,
        today=today(),
        star_scale=Config(ledger)["star_scale"],
        parent_id_of=lambda ref: resolve_org(ledger, ref)["id"],
    )


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
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent-code", "--parent", help=h("parent org", "上级组织"), autocompletion=complete_org
        ),
    ] = None,
    has_conditions: Annotated[
        str | None,
        typer.Option(
            "--has-conditions",
            help=h(
                "yes/no: has the conditions for a full-time mediator (有条件的)", "是否“有条件”配备专职调解员"
            ),
        ),
    ] = None,
    star_rating: Annotated[
        str | None, typer.Option("--star-rating", help=h("star rating (星级)", "星级"))
    ] = None,
    rated_on: Annotated[str | None, typer.Option("--rated-on", help=h("date rated", "评定日期"))] = None,
    field: Annotated[
        str | None, typer.Option("--field", help=h("field served (医患, 道路交通, 诉调…)", "服务领域"))
    ] = None,
    established_on: Annotated[
        str | None, typer.Option("--established-on", help=h("date established", "成立日期"))
    ] = None,
    dissolved_on: Annotated[
        str | None, typer.Option("--dissolved-on", help=h("date dissolved", "撤销日期"))
    ] = None,
) -> None:
    from mediation_cli.errors import Duplicate
    from mediation_cli.ledger.orgs import insert_org
    from mediation_cli.records.org import check_org

    ledger = ctx_of(ctx).ledger()
    raw = raw_from(
        code=code,
        name=name,
        kind=kind,
        parent_code=parent,
        has_conditions=has_conditions,
        star_rating=star_rating,
        rated_on=rated_on,
        field=field,
        established_on=established_on,
        dissolved_on=dissolved_on,
    )
    values = _parse(ledger, raw)
    check_org(values)
    if ledger.one("SELECT 1 FROM org WHERE code = ?", (values["code"],)):
        raise Duplicate("code", values["code"])
    with ledger.write():
        insert_org(ledger, values)
        ledger.audit("org", values["code"], "add", None, values)
    typer.echo(values["code"])


@app.command("edit", help=h("change an org's fields", "修改调解组织"))
def edit(
    ctx: typer.Context,
    org: OrgArg,
    name: Annotated[str | None, typer.Option("--name")] = None,
    kind: KindOpt = None,
    parent: Annotated[
        str | None, typer.Option("--parent-code", "--parent", autocompletion=complete_org)
    ] = None,
    has_conditions: Annotated[str | None, typer.Option("--has-conditions")] = None,
    star_rating: Annotated[str | None, typer.Option("--star-rating")] = None,
    rated_on: Annotated[str | None, typer.Option("--rated-on")] = None,
    field: Annotated[str | None, typer.Option("--field")] = None,
    established_on: Annotated[str | None, typer.Option("--established-on")] = None,
    dissolved_on: Annotated[str | None, typer.Option("--dissolved-on")] = None,
    clear: ClearOpt = None,
) -> None:
    from mediation_cli.ledger.orgs import check_parent, org_row_dict, resolve_org, update_org
    from mediation_cli.records.org import check_org

    ledger = ctx_of(ctx).ledger()
    row = resolve_org(ledger, org)
    raw = raw_from(
        name=name,
        kind=kind,
        parent_code=parent,
        has_conditions=has_conditions,
        star_rating=star_rating,
        rated_on=rated_on,
        field=field,
        established_on=established_on,
        dissolved_on=dissolved_on,
    )
    changes = _parse(ledger, raw)
    for f in check_clear(
        clear, ["parent_code", "star_rating", "rated_on", "field", "established_on", "dissolved_on"]
    ):
        changes["parent_id" if f == "parent_code" else f] = None
    if f"{'star_rating'}" in changes and changes["star_rating"] is None:
        changes["rated_on"] = None
    merged = {**dict(row), **changes}
    check_org(merged)
    check_parent(ledger, row["id"], changes.get("parent_id"))
    before = org_row_dict(row)
    with ledger.write():
        update_org(ledger, row["id"], changes)
        after = org_row_dict(ledger.one("SELECT * FROM org WHERE id = ?", (row["id"],)))
        ledger.audit("org", row["code"], "edit", before, after)
    typer.echo(tr(f"updated {row['code']}", f"已更新 {row['code']}"))


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

    from mediation_cli.render.output import _console, open_text

    counts = {
        r["code"]: (r["n"], r["ft"])
        for r in ledger.all(
            """SELECT o.code, count(m.id) AS n, sum(CASE WHEN (SELECT e.employment FROM employment e
               WHERE e.mediator_id = m.id AND e.effective_from <= :d ORDER BY e.effective_from DESC LIMIT 1) = 'full_time'
               THEN 1 ELSE 0 END) AS ft
           FROM org o LEFT JOIN mediator m ON m.org_id = o.id AND m.joined_on <= :d AND (m.left_on IS NULL OR m.left_on > :d)
           GROUP BY o.id""",
            {"d": today().isoformat()},
        )
    }
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
        console = _console(fh)
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
    from mediation_cli.ledger.orgs import org_row_dict, resolve_org
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = resolve_org(ledger, org)
    parent = (
        ledger.one("SELECT code FROM org WHERE id = ?", (row["parent_id"],)) if row["parent_id"] else None
    )
    obj = org_row_dict(row, parent["code"] if parent else None)
    d = today().isoformat()
    counts = ledger.one(
        """SELECT count(*) AS n, sum((SELECT e.employment FROM employment e WHERE e.mediator_id = m.id
               AND e.effective_from <= :d ORDER BY e.effective_from DESC LIMIT 1) = 'full_time') AS ft
           FROM mediator m WHERE m.org_id = :id AND m.joined_on <= :d AND (m.left_on IS NULL OR m.left_on > :d)""",
        {"d": d, "id": row["id"]},
    )
    obj["mediators"] = counts["n"]
    obj["full_time"] = counts["ft"] or 0
    obj["required_full_time"] = required_full_time(row["kind"], bool(row["has_conditions"]))
    children = [
        {"code": r["code"], "name": r["name"], "kind": r["kind"]}
        for r in ledger.all(
            "SELECT code, name, kind FROM org WHERE parent_id = ? ORDER BY code", (row["id"],)
        )
    ]
    obj["children"] = children
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
        sections=[(tr("Under it", "下级组织"), child_cols, children)],
        csv_section=None,
    )


add_import_command(
    app,
    "mediation_cli.ledger.orgs:import_orgs",
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
    from mediation_cli.io.exporters import export_rows
    from mediation_cli.ledger.orgs import list_orgs
    from mediation_cli.records.org import COLUMNS

    ledger = ctx_of(ctx).ledger()
    rows = ({**r, "has_conditions": int(r["has_conditions"])} for r in list_orgs(ledger))
    export_rows(rows, COLUMNS, fmt=fmt, output=output, encoding=encoding, sheet=tr("orgs", "调解组织"))
