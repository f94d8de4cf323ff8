"""`report files`: closed cases whose case file (卷宗) is incomplete."""

import typer

from mediation_cli.commands.common import FromOpt, ToOpt, org_ids
from mediation_cli.commands.report import app
from mediation_cli.commands.report.people import ScopeOpt
from mediation_cli.context import EncodingOpt, FormatOpt, OutputOpt, ctx_of, output_options, parse_day, today
from mediation_cli.i18n import h, tr


@app.command(
    "files",
    help=h(
        "cases closed (销号) in the range whose case file (卷宗) lacks a required document",
        "期间内已销号但卷宗不齐全的案件",
    ),
)
def files(
    ctx: typer.Context,
    start: FromOpt = None,
    end: ToOpt = None,
    org: ScopeOpt = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from datetime import date

    from mediation_cli.commands.case.files import doc_names
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.taxonomy import STATUS
    from mediation_cli.render.output import Col, emit_rows
    from mediation_cli.reports.casefiles import incomplete_files

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    hi = parse_day(end, "to") or today()
    lo = parse_day(start, "from") or date(hi.year, 1, 1)
    if lo > hi:
        raise Invalid(
            "--from", lo.isoformat(), f"a date on or before --to ({hi})", f"不晚于 --to（{hi}）的日期"
        )
    rows = incomplete_files(ledger, lo, hi, org_ids=org_ids(ledger, org))
    for r in rows:
        r["missing_text"] = doc_names(r["missing"])
    cols = [
        Col("case_no", "case", "案件编号"),
        Col("org_code", "org", "组织"),
        Col("outcome", "outcome", "调解结果", "enum", STATUS),
        Col("closed_on", "closed", "销号日期"),
        Col("missing_text", "missing", "缺少材料"),
    ]
    emit_rows(
        opts,
        cols,
        rows,
        title=tr(f"Closed {lo}–{hi} with an incomplete case file", f"{lo} 至 {hi} 销号但卷宗不齐全的案件"),
        json_keys=["case_no", "org_code", "outcome", "agreement", "closed_on", "required", "missing"],
        empty_en="every case closed in the range has a complete file",
        empty_zh="期间内销号的案件卷宗均齐全",
    )
