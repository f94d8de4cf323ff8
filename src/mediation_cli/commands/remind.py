"""`mediation remind`: everything the clerk should act on, for a person or a weekly cron run.

Reads only: safe while a clerk is working (WAL readers never wait for the writer).
"""

from typing import Annotated

import typer

from mediation_cli.context import AsOfOpt, EncodingOpt, OutputOpt, ctx_of, output_options, parse_day, today
from mediation_cli.i18n import h, lang, tr

HELP = h(
    "what is due or overdue as of a date: screenings, stalled cases, unreported risks, major cases, quarterly "
    "reports, stale ratings, key periods (--check: exit 3 when anything is listed, for cron)",
    "截至某日应办、逾期事项：排查、超期案件、未上报风险、重大疑难案件、季度报告、星级复评、重要时间节点"
    "（--check：有事项时退出码为 3，供定时任务使用）",
)


def columns():
    from mediation_cli.render.labels import REMINDER_KINDS, SEVERITY, labeller
    from mediation_cli.render.output import Col

    return [
        Col("severity", "severity", "级别", "enum", labeller(SEVERITY), priority=0),
        Col("kind", "kind", "类别", "enum", labeller(REMINDER_KINDS), priority=2),
        Col("ref", "ref", "对象", priority=0),
        Col("what", "what", "事项", priority=0, fit="wrap"),
        Col("due_on", "due", "期限", priority=1),
    ]


def remind(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help=h(
                "exit 3 when anything is due or overdue (for cron)",
                "有到期或逾期事项时退出码为 3（供 cron 使用）",
            ),
        ),
    ] = False,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help=h("only these kinds (repeatable)", "只列这些类别（可重复）")),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=h("table | text | csv | json | markdown", "输出格式：table | text | csv | json | markdown"),
        ),
    ] = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.render.output import emit_rows, open_text
    from mediation_cli.reports.remind import KINDS, reminders

    fmt = fmt.lower()
    opts = output_options("table" if fmt == "text" else fmt, output, encoding)
    for k in kind or []:
        if k not in KINDS:
            raise Invalid("--kind", k, "one of " + ", ".join(KINDS), "以下之一：" + "、".join(KINDS))
    ledger = ctx_of(ctx).ledger(create=False)
    on = parse_day(as_of, "as_of") or today()
    rows = reminders(ledger, on)
    if kind:
        rows = [r for r in rows if r["kind"] in kind]
    if fmt == "text":
        from mediation_cli.render.labels import REMINDER_KINDS, SEVERITY, label
        from mediation_cli.render.output import pad

        with open_text(opts) as fh:
            for r in rows:
                # zh: the labels (紧急 … 排查逾期); en keeps the codes a cron mail has always shown
                sev = label(SEVERITY, r["severity"]) if lang() == "zh" else r["severity"]
                kind = label(REMINDER_KINDS, r["kind"]) if lang() == "zh" else r["kind"]
                fh.write(
                    f"{pad(sev, 6)} {r['due_on'] or '':<10} {pad(kind, 21 if lang() == 'en' else 14)} "
                    f"{r['ref']}  {r['what']}\n"
                )
            high = sum(r["severity"] == "high" for r in rows)
            fh.write(
                tr(
                    f"{len(rows)} reminders as of {on} ({high} high)\n"
                    if rows
                    else f"nothing due as of {on}\n",
                    f"截至 {on} 共 {len(rows)} 项提醒（紧急 {high} 项）\n"
                    if rows
                    else f"截至 {on} 无待办事项\n",
                )
            )
    else:
        emit_rows(
            opts,
            columns(),
            rows,
            title=tr(f"Reminders as of {on}", f"待办提醒（{on}）"),
            empty_en=f"nothing due as of {on}",
            empty_zh=f"截至 {on} 无待办事项",
            style=lambda r: "red" if r["severity"] == "high" else None,
            more_en="-f text or -f csv -o FILE",
            more_zh="-f text 或 -f csv -o 文件",
        )
    if check and rows:
        raise typer.Exit(3)
