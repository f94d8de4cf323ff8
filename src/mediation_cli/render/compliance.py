"""`screen compliance` as a person reads it: per cadence, a ✓/✗ matrix of the periods (or, over a long range, the
missed periods as runs), in a terminal table or Markdown."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.taxonomy import CADENCE, ORG_KIND
from mediation_cli.i18n import lang, tr
from mediation_cli.render.output import OutputOptions

# ✓ met, ✗ missed, · not owed (before the org was founded or after it was dissolved)
MET, MISSED, NOT_OWED = "✓", "✗", "·"
# More periods than this (half a year of weeks) are listed as runs of missed periods instead of a matrix.
MATRIX_MAX_PERIODS = 26


def _short(label: str, same_year: bool) -> str:
    """'2024-W10' → 'W10', '2024-03' → '03', '2024Q2' → 'Q2' when every column is of one year."""
    if not same_year:
        return label
    return label[4:].lstrip("-")


def _runs(labels: list[str], missed: set[str]) -> str:
    """Missed periods as runs: '2024-W10–W12, 2024-W30'."""
    out, run = [], []
    for lab in [*labels, None]:
        if lab is not None and lab in missed:
            run.append(lab)
            continue
        if run:
            same = run[0][:4] == run[-1][:4]
            out.append(run[0] if len(run) == 1 else f"{run[0]}–{_short(run[-1], same)}")
            run = []
    return ", ".join(out)


def print_compliance(opts: OutputOptions, rows: list[dict], start: date, end: date) -> None:
    """The compliance rows of reports/compliance.py, grouped by cadence."""
    from mediation_cli.domain.cadence import period_labels
    from mediation_cli.render.output import (
        SCREEN_LIMIT,
        Col,
        console_for,
        markdown_table,
        more_rows_note,
        open_text,
        rich_table,
    )

    title = tr(f"Screening compliance {start} – {end}", f"排查频次完成情况 {start} 至 {end}")
    markdown = opts.format == "markdown"
    screen = not markdown and opts.output is None  # on the screen the worst SCREEN_LIMIT orgs of each cadence
    sections = []
    for cadence in ("weekly", "monthly", "quarterly"):
        group = [r for r in rows if r["cadence"] == cadence]
        if not group:
            continue
        labels = period_labels(cadence, start, end)
        required = sum(r["required"] for r in group)
        done = sum(r["done"] for r in group)
        kinds = tr(", ", "、").join(sorted({ORG_KIND.label(r["kind"], lang()) for r in group}))
        share = f"{done / required * 100:.1f}%" if required else "—"
        heading = tr(
            f"{CADENCE.label(cadence, 'en')} ({kinds}): {len(group)} orgs, {done}/{required} periods met ({share})",
            f"{CADENCE.label(cadence, 'zh')}（{kinds}）：{len(group)} 个组织，应排查 {required} 期，已排查 {done} 期（{share}）",
        )
        cols = [
            Col("code", "code", "编号"),
            Col("name", "name", "名称"),
            Col("rate", "rate", "完成率", "share"),
        ]
        listed = group[:SCREEN_LIMIT] if screen else group
        if len(labels) <= MATRIX_MAX_PERIODS:
            same_year = len({lab[:4] for lab in labels}) <= 1
            cols += [Col(lab, _short(lab, same_year), _short(lab, same_year)) for lab in labels]
            mark = (
                {MET: MET, MISSED: MISSED, NOT_OWED: NOT_OWED}
                if markdown
                else {MET: f"[green]{MET}[/]", MISSED: f"[red]{MISSED}[/]", NOT_OWED: f"[dim]{NOT_OWED}[/]"}
            )
            body = []
            for r in listed:
                missed = set(r["missed_periods"])
                cells = {}
                for lab in labels:
                    if r["first_period"] is None or not (r["first_period"] <= lab <= r["last_period"]):
                        cells[lab] = mark[NOT_OWED]
                    else:
                        cells[lab] = mark[MISSED] if lab in missed else mark[MET]
                body.append({**r, **cells})
        else:
            cols += [
                Col("required", "owed", "应排查", "int"),
                Col("done", "met", "已排查", "int"),
                Col("missed_runs", "missed periods", "缺报周期"),
            ]
            body = [{**r, "missed_runs": _runs(labels, set(r["missed_periods"]))} for r in listed]
        sections.append((heading, cols, body, len(group)))
    with open_text(opts) as fh:
        if markdown:
            fh.write(f"# {title}\n")
            for heading, cols, body, _ in sections:
                fh.write(f"\n## {heading}\n\n{markdown_table(cols, body)}\n")
            if not sections:
                fh.write("\n" + tr("no org with a screening cadence", "没有需要定期排查的组织") + "\n")
            return
        console = console_for(fh)
        console.print(f"[bold]{title}[/bold]")
        if not sections:
            console.print(tr("no org with a screening cadence", "没有需要定期排查的组织"))
        for heading, cols, body, total in sections:
            console.print()
            console.print(rich_table(cols, body, title=heading, width=console.width))
            if len(body) < total:
                console.print(more_rows_note(total, len(body)))
