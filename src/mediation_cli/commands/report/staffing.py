"""`report staffing`: full-time mediators against the minimums and the 10% target, committee composition."""

from typing import Annotated

import typer

from mediation_cli.commands.common import complete_org
from mediation_cli.commands.report import app
from mediation_cli.context import (
    AsOfOpt,
    EncodingOpt,
    FormatOpt,
    OutputOpt,
    ctx_of,
    output_options,
    parse_day,
    today,
)
from mediation_cli.i18n import h, tr
from mediation_cli.render.labels import COMPOSITION_PROBLEMS, label


def _problems(codes) -> str:
    return "；".join(label(COMPOSITION_PROBLEMS, c) for c in codes) if codes else ""


@app.command(
    "staffing",
    help=h(
        "full-time mediators against the minimums and the 10% target, committee composition",
        "专职调解员配备与 10% 目标、调委会组成检查",
    ),
)
def staffing(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help=h("only this org and those under it", "只统计该组织及其下级"),
            autocompletion=complete_org,
        ),
    ] = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    encoding: EncodingOpt = "utf-8",
) -> None:
    from mediation_cli.domain.taxonomy import ORG_KIND
    from mediation_cli.ledger.config import Config
    from mediation_cli.ledger.orgs import resolve_org
    from mediation_cli.render.output import Col, emit_object
    from mediation_cli.reports.staffing import staffing_report

    opts = output_options(fmt, output, encoding)
    ledger = ctx_of(ctx).ledger()
    on = parse_day(as_of, "as_of") or today()
    root = resolve_org(ledger, org)["id"] if org else None
    report = staffing_report(ledger, on, root_id=root, multi_ethnic=bool(Config(ledger)["multi_ethnic"]))
    fields = [
        Col("as_of", "as of", "统计日期"),
        Col("total_mediators", "mediators", "调解员总数", "int"),
        Col("full_time", "full-time", "专职调解员", "int"),
        Col("full_time_share", "full-time share", "专职占比", "share"),
        Col("target_share", "year-end target", "年末目标", "share"),
        Col("meets_target", "meets the target", "是否达标", "bool"),
        Col("convert_needed", "part-timers to convert", "需转为专职（人）", "int"),
        Col("hire_needed", "or full-timers to hire", "或需新聘专职（人）", "int"),
        Col("orgs_meeting_minimum", "orgs meeting their minimum", "专职配备达标的组织", "int"),
        Col("orgs_with_minimum", "orgs with a minimum", "有专职配备要求的组织", "int"),
        Col("minimum_shortfall", "full-timers the minimums lack", "各组织应配专职缺口（人）", "int"),
        Col(
            "outside_mediators",
            "staff of judicial offices and administrative bodies (not in the share)",
            "司法所、行政调解组织人员（不计入占比）",
            "int",
        ),
    ]
    cols = [
        Col("code", "code", "编号"),
        Col("name", "name", "名称"),
        Col("kind", "kind", "类型", "enum", ORG_KIND),
        Col("mediators", "mediators", "调解员", "int"),
        Col("full_time", "full-time", "专职", "int"),
        Col("required_full_time", "required", "应配专职", "int"),
        Col("shortfall", "shortfall", "缺口", "int"),
        Col("meets", "meets", "达标", "bool"),
        Col("members", "委员 (art. 8)", "委员人数", "int"),
        Col("problems", "composition (人民调解法 art. 8)", "组成问题（人民调解法第八条）"),
    ]
    rows = [{**o, "problems": _problems(o["composition_problems"])} for o in report["orgs"]]
    short = [r for r in rows if not r["meets"] or r["problems"]]
    if opts.format == "csv":
        sections = [(tr("Orgs", "各组织"), cols[:-1] + [Col("composition_problems", "", "")], report["orgs"])]
    elif opts.format == "table":
        sections = [
            (
                tr(
                    "Orgs short of their minimum or with composition problems",
                    "专职配备未达标或组成不合规的组织",
                ),
                cols,
                short,
            )
        ]
    else:
        sections = [(tr("Orgs", "各组织"), cols, rows)]
    notes = []
    if opts.format == "table" and len(short) < len(rows):
        notes.append(
            tr(
                f"{len(rows) - len(short)} other orgs: no shortfall and no composition problem (all rows: --format csv|json|markdown)",
                f"另有 {len(rows) - len(short)} 个组织无缺额、组成无问题（查看全部：--format csv|json|markdown）",
            )
        )
    emit_object(
        opts,
        report,
        fields,
        title=tr(f"Staffing on {on}", f"调解员配备情况（{on}）"),
        sections=sections,
        notes=notes,
    )
