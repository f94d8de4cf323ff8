"""`case confirm request|apply|decide`: 司法确认 of a written agreement (人民调解法 art. 33)."""

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import CaseArg, OnOpt, field_opt
from mediation_cli.context import ctx_of, parse_day, today
from mediation_cli.domain.confirmation import DECISION
from mediation_cli.i18n import h, tr

confirm_app = typer.Typer(
    rich_markup_mode=None,
    help=h(
        "司法确认 of a written agreement: the parties' request, their joint application within 30 days, the court's decision",
        "司法确认：当事人申请意向、自协议生效之日起30日内共同申请、人民法院裁定",
    ),
    no_args_is_help=True,
)
app.add_typer(confirm_app, name="confirm")


@confirm_app.command(
    "request",
    help=h(
        "the parties ask to have their written agreement confirmed (starts the 30-day reminder)",
        "登记当事人拟申请司法确认（开始30日申请期提醒）",
    ),
)
def request(ctx: typer.Context, case: CaseArg, on: OnOpt = "today") -> None:
    from mediation_cli.services.confirmations import request as record

    day = parse_day(on, "on").isoformat()
    case_no, last = record(ctx_of(ctx).ledger(), case, day, today=today())
    typer.echo(
        tr(
            f"{case_no}: 司法确认 requested on {day}; apply by {last}",
            f"{case_no}：{day} 登记拟申请司法确认，须于 {last} 前申请",
        )
    )


@confirm_app.command("apply", help=h("the joint application to a court", "登记共同向人民法院申请司法确认"))
def apply(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    court: field_opt("--court", "the court applied to (e.g. 乌审旗人民法院)", "受理申请的人民法院") = None,
) -> None:
    from mediation_cli.services.confirmations import apply as record

    day = parse_day(on, "on").isoformat()
    case_no, in_time = record(ctx_of(ctx).ledger(), case, day, court, today=today())
    typer.echo(tr(f"{case_no}: applied on {day}", f"{case_no}：已于 {day} 申请司法确认"))
    if not in_time:
        typer.echo(
            tr(
                "warning: after the 30 days of 人民调解法 art. 33 — recorded as late",
                "提示：已超过人民调解法第三十三条规定的30日，按逾期申请登记",
            ),
            err=True,
        )


@confirm_app.command(
    "decide", help=h("the court's decision: confirmed | rejected", "登记法院裁定：确认有效 / 驳回申请")
)
def decide(
    ctx: typer.Context,
    case: CaseArg,
    on: OnOpt = "today",
    decision: field_opt(
        "--decision", "confirmed (确认有效) | rejected (驳回申请)", "裁定结果：确认有效 / 驳回申请", DECISION
    ) = None,
) -> None:
    from mediation_cli.services.confirmations import decide as record

    day = parse_day(on, "on").isoformat()
    case_no, code = record(ctx_of(ctx).ledger(), case, day, decision, today=today())
    typer.echo(
        tr(
            f"{case_no}: {DECISION.label(code, 'en')} on {day}",
            f"{case_no}：{day} 裁定{DECISION.label(code, 'zh')}",
        )
    )
