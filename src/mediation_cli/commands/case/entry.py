"""`case add` and `case edit`: entering a case (建账) and changing its fields."""

from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import (
    PCC,
    PCP,
    PFC,
    PFP,
    PPC,
    PPP,
    PSC,
    PSP,
    AddCategoryOpt,
    AddOrgOpt,
    AddReceivedOpt,
    AddSourceOpt,
    AmountOpt,
    CaseArg,
    CategoryOpt,
    KeyGroupsOpt,
    MajorOpt,
    MajorSinceOpt,
    MediatorsOpt,
    OrgOpt,
    PartiesOpt,
    ReceivedOpt,
    ReportedOnOpt,
    ReportedToOpt,
    RiskLevelOpt,
    RiskTypesOpt,
    ScreeningOpt,
    SourceOpt,
    SummaryOpt,
    case_fields,
    field_opt,
)
from mediation_cli.commands.common import (
    ClearOpt,
)
from mediation_cli.context import (
    ctx_of,
    today,
)
from mediation_cli.domain.taxonomy import (
    AGREEMENT,
    GUIDED_TO,
    STATUS,
)
from mediation_cli.i18n import h, tr


@app.command(
    "add",
    help=h("enter a case in the ledger (prints its ledger number)", "建账：登记一件纠纷（输出案件编号）"),
)
def add(
    ctx: typer.Context,
    org: AddOrgOpt = None,
    received_on: AddReceivedOpt = None,
    source: AddSourceOpt = None,
    category: AddCategoryOpt = None,
    key_groups: KeyGroupsOpt = None,
    parties: PartiesOpt = None,
    amount: AmountOpt = None,
    summary: SummaryOpt = None,
    risk_level: RiskLevelOpt = None,
    risk_types: RiskTypesOpt = None,
    major: MajorOpt = None,
    major_since: MajorSinceOpt = None,
    mediators: MediatorsOpt = None,
    reported_on: ReportedOnOpt = None,
    reported_to: ReportedToOpt = None,
    screening_id: ScreeningOpt = None,
    case_no: field_opt(
        "--case-no", "ledger number (default: from the template)", "案件编号（默认按模板生成）"
    ) = None,
    status: field_opt(
        "--status",
        "historical entry: received | mediating | succeeded | failed | withdrawn",
        "补录历史案件时的状态",
        STATUS,
    ) = None,
    outcome_on: field_opt("--outcome-on", "historical entry: date of the outcome", "补录：结案日期") = None,
    agreement: field_opt(
        "--agreement", "historical entry: written | oral", "补录：协议形式", AGREEMENT
    ) = None,
    agreement_amount: field_opt(
        "--agreement-amount", "historical entry: agreement amount, 元", "补录：协议金额（元）"
    ) = None,
    performed: field_opt(
        "--performed", "historical entry: agreement performed? yes/no", "补录：是否履行"
    ) = None,
    guided_to: field_opt("--guided-to", "historical entry: guided to", "补录：引导途径", GUIDED_TO) = None,
    closed_on: field_opt("--closed-on", "historical entry: date closed (销号)", "补录：销号日期") = None,
    prevented_criminal_cases: PCC = None,
    prevented_criminal_persons: PCP = None,
    prevented_petition_cases: PPC = None,
    prevented_petition_persons: PPP = None,
    prevented_suicide_cases: PSC = None,
    prevented_suicide_persons: PSP = None,
    prevented_fight_cases: PFC = None,
    prevented_fight_persons: PFP = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            help=h(
                "a party (repeatable): 'name=张三;gender=男;ethnicity=汉族;age=45;occupation=牧民;phone=…;"
                "id_number=…;address=…' (keys also 姓名 性别 民族 年龄 职业 电话 身份证号 住址); the count follows",
                "当事人（可重复）：'姓名=张三;性别=男;民族=汉族;年龄=45;职业=牧民;电话=…;身份证号=…;住址=…'；"
                "当事人数按所列人数计",
            ),
        ),
    ] = None,
) -> None:
    fields = case_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.cases import add_case

    def warn(w: tuple[str, str]) -> None:
        typer.echo(tr(*w), err=True)

    typer.echo(add_case(ctx_of(ctx).ledger(), fields, today=today(), parties=party, warn=warn))


@app.command(
    "edit",
    help=h(
        "change a case's fields (status: `case transition`)", "修改案件信息（状态请用 `case transition`）"
    ),
)
def edit(
    ctx: typer.Context,
    case: CaseArg,
    org: OrgOpt = None,
    received_on: ReceivedOpt = None,
    source: SourceOpt = None,
    category: CategoryOpt = None,
    key_groups: KeyGroupsOpt = None,
    parties: PartiesOpt = None,
    amount: AmountOpt = None,
    summary: SummaryOpt = None,
    risk_level: RiskLevelOpt = None,
    risk_types: RiskTypesOpt = None,
    major: MajorOpt = None,
    major_since: MajorSinceOpt = None,
    reported_on: ReportedOnOpt = None,
    reported_to: ReportedToOpt = None,
    screening_id: ScreeningOpt = None,
    agreement: field_opt(
        "--agreement", "written | oral (succeeded cases)", "协议形式（调解成功）", AGREEMENT
    ) = None,
    agreement_amount: field_opt("--agreement-amount", "agreement amount, 元", "协议金额（元）") = None,
    performed: field_opt("--performed", "agreement performed? yes/no", "协议是否履行") = None,
    guided_to: field_opt("--guided-to", "guided to (failed cases)", "引导途径（调解不成）", GUIDED_TO) = None,
    prevented_criminal_cases: PCC = None,
    prevented_criminal_persons: PCP = None,
    prevented_petition_cases: PPC = None,
    prevented_petition_persons: PPP = None,
    prevented_suicide_cases: PSC = None,
    prevented_suicide_persons: PSP = None,
    prevented_fight_cases: PFC = None,
    prevented_fight_persons: PFP = None,
    clear: ClearOpt = None,
) -> None:
    fields = case_fields(locals())  # first: only the parameters are local yet
    from mediation_cli.services.cases import edit_case

    case_no, changes = edit_case(ctx_of(ctx).ledger(), case, fields, clear, today=today())
    typer.echo(
        tr(f"updated {case_no}", f"已更新 {case_no}")
        if changes
        else tr(f"{case_no}: nothing changed", f"{case_no}：没有变化")
    )
