"""`mediation training`: training sessions (培训) for people's mediators — add, list, import a sign-in sheet."""

from typing import Annotated

import typer

from mediation_cli.commands.common import add_import_command
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options, parse_day, today
from mediation_cli.i18n import h, tr

app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "training sessions of mediators: date, organiser, topic, hours, who attended",
        "调解员培训：日期、主办单位、主题、学时、参训人员",
    ),
    no_args_is_help=True,
)

OnOpt = Annotated[str, typer.Option("--on", help=h("date of the session", "培训日期"))]
OrganiserOpt = Annotated[str, typer.Option("--organiser", help=h("who organised it", "主办单位"))]
TopicOpt = Annotated[str, typer.Option("--topic", help=h("topic", "培训主题"))]
HoursOpt = Annotated[
    str,
    typer.Option(
        "--hours", help=h("hours (above 0, at most 100; 1.5 allowed)", "学时（大于 0，不超过 100，可为 1.5）")
    ),
]


@app.command(
    "add",
    help=h(
        "record a session and its attendees (the same date, organiser and topic adds to that session)",
        "登记一场培训及参训人员（日期、主办单位、主题相同则补登参训人员）",
    ),
)
def add(
    ctx: typer.Context,
    on: OnOpt,
    organiser: OrganiserOpt,
    topic: TopicOpt,
    hours: HoursOpt,
    attendees: Annotated[
        str,
        typer.Option(
            "--attendees", help=h("staff numbers, separated by ; or ,", "参训调解员编号，以 ; 或 , 分隔")
        ),
    ],
) -> None:
    from mediation_cli.services.training import add_session, staff_list

    sid, added = add_session(
        ctx_of(ctx).ledger(), on, organiser, topic, hours, staff_list(attendees), today=today()
    )
    typer.echo(tr(f"training #{sid}: {added} attendee(s) added", f"培训 #{sid}：新增参训 {added} 人"))


@app.command("list", help=h("list sessions (with --year or --from/--to)", "列出培训（可按年份或日期范围）"))
def list_(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help=h("sessions of this year", "该年度的培训"))
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help=h("from this date", "起始日期（含）"))] = None,
    end: Annotated[str | None, typer.Option("--to", help=h("up to this date", "截止日期（含）"))] = None,
    mediator: Annotated[
        str | None,
        typer.Option("--mediator", help=h("only sessions this mediator attended", "只列该调解员参加的")),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.commands.report.people import year_span
    from mediation_cli.ledger.mediators import find_mediator
    from mediation_cli.ledger.training import list_sessions
    from mediation_cli.render.output import Col, emit_rows

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    lo, hi = parse_day(start, "from"), parse_day(end, "to")
    if year is not None:
        lo, hi = year_span(year)
    mid = find_mediator(ledger, mediator)["id"] if mediator else None
    rows = list_sessions(ledger, start=lo, end=hi, mediator_id=mid)
    for r in rows:
        r["attendee_count"] = len(r["attendees"])
    cols = [
        Col("id", "no.", "序号", "int"),
        Col("held_on", "date", "日期"),
        Col("organiser", "organiser", "主办单位"),
        Col("topic", "topic", "主题"),
        Col("hours", "hours", "学时"),
        Col("attendee_count", "attendees", "参训人数", "int"),
        Col("attendees", "staff numbers", "参训人员编号"),
    ]
    emit_rows(opts, cols, rows, title=tr("Training sessions", "培训记录"))


def _importer():
    from mediation_cli.services.training import import_training

    return import_training


add_import_command(
    app,
    _importer,
    "import a sign-in sheet (CSV/XLSX: held_on,organiser,topic,hours,staff_no[,name]; one row per attendee)",
    "导入培训签到表（CSV 或 XLSX，每名参训人员一行；列为 held_on,organiser,topic,hours,staff_no[,name]）",
)
