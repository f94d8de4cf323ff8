"""`mediation publicity`: submissions to publicity columns (投稿) — 《我的调解故事》, 《我在司法行政第一线》 and the
bureau's own (`config set publicity_outlets`)."""

from typing import Annotated

import typer

from mediation_cli.commands.common import complete_org
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options, today
from mediation_cli.i18n import h, tr

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "submissions to publicity columns (投稿): date, outlet, title, author, case, published",
        "宣传投稿：日期、栏目、标题、作者、相关案件、是否刊用",
    ),
    no_args_is_help=True,
)


@app.command("add", help=h("record a submission (prints its number)", "登记一篇投稿（输出其序号）"))
def add(
    ctx: typer.Context,
    on: Annotated[str, typer.Option("--on", help=h("date submitted", "投稿日期"))],
    outlet: Annotated[
        str,
        typer.Option(
            "--outlet",
            help=h(
                "column: my_story (《我的调解故事》), frontline (《我在司法行政第一线》) or your own",
                "投稿栏目",
            ),
        ),
    ],
    title: Annotated[str, typer.Option("--title", help=h("title", "标题"))],
    author: Annotated[
        str,
        typer.Option(
            "--author",
            help=h("author: a staff number credits that mediator", "作者（填调解员编号则计入该调解员）"),
        ),
    ],
    case: Annotated[str | None, typer.Option("--case", help=h("the case it tells of", "相关案件"))] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help=h(
                "credited org (default: the case's, else the author's)",
                "计入的组织（默认为案件或作者所在组织）",
            ),
            autocompletion=complete_org,
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", help=h("published? yes/no", "是否已刊用：是/否"))
    ] = None,
    published_on: Annotated[
        str | None, typer.Option("--published-on", help=h("date published", "刊用日期"))
    ] = None,
) -> None:
    from mediation_cli.services.publicity import add_publicity

    pid = add_publicity(ctx_of(ctx).ledger(), dict(locals()), today=today())
    typer.echo(tr(f"submission #{pid} recorded", f"已登记投稿 #{pid}"))


@app.command("published", help=h("record that a submission was published", "登记投稿已刊用"))
def published(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help=h("the submission's number", "投稿序号"))],
    on: Annotated[str, typer.Option("--on", help=h("date published", "刊用日期"))] = "today",
) -> None:
    from mediation_cli.services.publicity import mark_published

    day = mark_published(ctx_of(ctx).ledger(), number, on, today=today())
    typer.echo(tr(f"submission #{number} published on {day}", f"投稿 #{number} 已于 {day} 刊用"))


@app.command("list", help=h("submissions of a year", "列出某年度的投稿"))
def list_(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help=h("the year (default this year)", "年度（默认今年）"))
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.commands.report.people import year_span
    from mediation_cli.ledger.publicity import publicity_between
    from mediation_cli.render.output import emit_rows

    opts = output_options(fmt, output, encoding)
    lo, hi = year_span(year or today().year)
    rows = publicity_between(ctx_of(ctx).ledger(), lo, hi)
    emit_rows(opts, submission_columns(), rows, title=tr(f"Submissions {lo.year}", f"{lo.year} 年宣传投稿"))


def submission_columns():
    from mediation_cli.render.output import Col

    return [
        Col("id", "no.", "序号", "int"),
        Col("submitted_on", "submitted", "投稿日期"),
        Col("outlet", "outlet", "栏目"),
        Col("title", "title", "标题"),
        Col("author", "author", "作者"),
        Col("staff_no", "staff no", "调解员编号"),
        Col("org_code", "org", "组织"),
        Col("case_no", "case", "相关案件"),
        Col("published", "published", "已刊用", "bool"),
        Col("published_on", "published on", "刊用日期"),
    ]
