"""`case assign|transition|extend|visit|report-risk|plan|consult`: the work on a case after intake."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import (
    CaseArg,
    OnOpt,
    field_opt,
)
from mediation_cli.commands.common import (
    completer_for,
)
from mediation_cli.context import (
    ctx_of,
    parse_day,
    today,
)
from mediation_cli.domain.taxonomy import (
    AGREEMENT,
    GUIDED_TO,
    SATISFACTION,
    STATUS,
)
from mediation_cli.i18n import h, tr


@app.command(
    "assign",
    help=h(
        "assign mediators (active, of the case's org or above)", "指派调解员（须在任，属本组织或上级组织）"
    ),
)
def assign(
    ctx: typer.Context,
    case: CaseArg,
    mediators: Annotated[list[str], typer.Argument(help=h("staff numbers", "调解员编号"))],
    add_: Annotated[
        bool, typer.Option("--add", help=h("keep those already assigned", "保留已指派的调解员"))
    ] = False,
) -> None:
    from mediation_cli.services.casework import assign as assign_mediators

    case_no, after = assign_mediators(ctx_of(ctx).ledger(), case, mediators, keep=add_, today=today())
    typer.echo(f"{case_no}: " + ";".join(after))


@app.command(
    "transition",
    help=h(
        "move a case: mediating | succeeded | failed | withdrawn | closed (销号)",
        "变更状态：调解中 / 调解成功 / 调解不成 / 撤回 / 销号",
    ),
)
def transition_(
    ctx: typer.Context,
    case: CaseArg,
    status: Annotated[
        str, typer.Argument(help=h("the new status", "新状态"), autocompletion=completer_for(STATUS))
    ],
    on: OnOpt = "today",
    agreement: field_opt(
        "--agreement", "succeeded: written | oral (书面/口头)", "调解成功：协议形式", AGREEMENT
    ) = None,
    agreement_amount: field_opt(
        "--agreement-amount", "succeeded: amount agreed, 元", "调解成功：协议金额（元）"
    ) = None,
    performed: field_opt("--performed", "succeeded: performed? yes/no", "调解成功：是否已履行") = None,
    guided_to: field_opt(
        "--guided-to",
        "failed: litigation | arbitration | administrative",
        "调解不成：引导至诉讼/仲裁/行政途径",
        GUIDED_TO,
    ) = None,
    no_visit: Annotated[
        bool,
        typer.Option(
            "--no-visit", help=h("close a succeeded case without a follow-up visit", "未回访即销号")
        ),
    ] = False,
    reason: field_opt("--reason", "why no follow-up visit", "未回访的理由") = None,
) -> None:
    from mediation_cli.services.casework import Move, transition

    day = parse_day(on, "on").isoformat()
    move = Move(agreement, agreement_amount, performed, guided_to, no_visit=no_visit, reason=reason)
    row, target = transition(ctx_of(ctx).ledger(), case, status, day, move, today=today())
    typer.echo(
        tr(
            f"{row['case_no']}: {row['status']} → {target} on {day}",
            f"{row['case_no']}：{STATUS.label(row['status'], 'zh')} → {STATUS.label(target, 'zh')}（{day}）",
        )
    )
    if target == "closed":
        _warn_incomplete_file(ctx_of(ctx).ledger(), row["case_no"])


def _warn_incomplete_file(ledger, case_no: str) -> None:
    """销号 with an incomplete case file (卷宗) is allowed unless close_requires_complete_file = 1: say so."""
    from mediation_cli.commands.case.files import doc_names
    from mediation_cli.ledger import cases as store
    from mediation_cli.ledger.casefiles import file_status
    from mediation_cli.ledger.config import Config

    row = store.find_case(ledger, case_no, today=today())
    missing = file_status(ledger, row, Config(ledger)["file_requirements"])["missing"]
    if missing:
        typer.echo(
            tr(
                f"warning: the case file lacks {doc_names(missing)} (`case file {case_no}`)",
                f"提示：卷宗缺少{doc_names(missing)}（`case file {case_no}`）",
            ),
            err=True,
        )


@app.command("extend", help=h("record the parties' consent to go past 30 days", "登记双方当事人同意延期调解"))
def extend(
    ctx: typer.Context,
    case: CaseArg,
    until: Annotated[str, typer.Option("--until", help=h("extended until", "延期至"))],
    on: OnOpt = "today",
) -> None:
    from mediation_cli.services.casework import extend as extend_case

    day = parse_day(on, "on").isoformat()
    end = parse_day(until, "until").isoformat()
    case_no, end = extend_case(ctx_of(ctx).ledger(), case, end, day, today=today())
    typer.echo(tr(f"{case_no}: extended until {end}", f"{case_no}：延期至 {end}"))


@app.command("visit", help=h("record a follow-up visit (回访)", "登记回访"))
def visit(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    by: field_opt("--by", "who visited", "回访人") = None,
    performed: field_opt("--performed", "agreement performed? yes/no", "协议是否履行") = None,
    satisfaction: field_opt(
        "--satisfaction", "satisfied | basically | dissatisfied", "满意度", SATISFACTION
    ) = None,
    new_risk: field_opt("--new-risk", "any new risk found", "发现的新风险") = None,
) -> None:
    from mediation_cli.services.casework import visit as record_visit

    day = parse_day(on, "on").isoformat()
    case_no = record_visit(
        ctx_of(ctx).ledger(),
        case,
        day,
        by=by,
        performed=performed,
        satisfaction=satisfaction,
        new_risk=new_risk,
        today=today(),
    )
    typer.echo(tr(f"{case_no}: visit on {day} recorded", f"{case_no}：已登记 {day} 的回访"))


@app.command(
    "report-risk",
    help=h(
        "record that a risk was reported to the Party committee and government",
        "登记风险纠纷已向党委政府报告",
    ),
)
def report_risk(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    to: field_opt("--to", "reported to (e.g. 旗委政法委)", "报告对象（如 旗委政法委）") = None,
) -> None:
    from mediation_cli.services.casework import report_risk as record_report

    day = parse_day(on, "on").isoformat()
    case_no, whom = record_report(ctx_of(ctx).ledger(), case, day, to, today=today())
    typer.echo(tr(f"{case_no}: reported to {whom} on {day}", f"{case_no}：已于 {day} 报告{whom}"))


@app.command(
    "plan",
    help=h(
        "store the case's plan (一案一策), a new version each time", "登记一案一策调解方案（每次一个新版本）"
    ),
)
def plan(
    ctx: typer.Context,
    case: CaseArg,
    text: field_opt("--text", "the plan", "方案内容") = None,
    file: Annotated[
        Path | None, typer.Option("--file", help=h("read the plan from a text file", "从文本文件读取方案"))
    ] = None,
    on: OnOpt = "today",
) -> None:
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.errors import MediationError
    from mediation_cli.services.casework import add_plan

    if (text is None) == (file is None):
        raise Invalid("--text/--file", "", "one of --text or --file", "--text 或 --file 二选一")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise MediationError(
                f"--file: cannot read {str(file)!r} ({e})", f"--file：无法读取 {str(file)!r}（{e}）"
            ) from None
    day = parse_day(on, "on").isoformat()
    case_no, version = add_plan(ctx_of(ctx).ledger(), case, text, day, today=today())
    typer.echo(tr(f"{case_no}: plan version {version}", f"{case_no}：方案第 {version} 版"))


@app.command("consult", help=h("record a consultation (定期会商)", "登记会商"))
def consult(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    participants: field_opt(
        "--participants", "who took part (';'-separated)", "参加人员（以 ; 分隔）"
    ) = None,
    conclusion: field_opt("--conclusion", "what was concluded", "会商结论") = None,
) -> None:
    from mediation_cli.services.casework import consult as record_consultation

    day = parse_day(on, "on").isoformat()
    case_no = record_consultation(ctx_of(ctx).ledger(), case, day, participants, conclusion, today=today())
    typer.echo(tr(f"{case_no}: consultation on {day} recorded", f"{case_no}：已登记 {day} 的会商"))
