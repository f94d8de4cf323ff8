"""Options shared by the `case` commands: one declaration per case field, for `add`, `edit` and the filters."""

from typing import Annotated

import typer

from mediation_cli.commands.common import (
    complete_org,
    completer_for,
    raw_from,
)
from mediation_cli.domain.taxonomy import (
    CASE_SOURCE,
    KEY_GROUP,
    RISK_LEVEL,
    RISK_TYPE,
)
from mediation_cli.i18n import h

CaseArg = Annotated[
    str,
    typer.Argument(
        help=h(
            "case number, or year-number (2024-17), or the number within this year (17)",
            "案件编号，或“年份-序号”（2024-17），或本年序号（17）",
        )
    ),
]
OnOpt = Annotated[str, typer.Option("--on", help=h("the date (default today)", "日期（默认今天）"))]


def field_opt(name: str, en: str, zh: str, table=None):
    extra = {"autocompletion": completer_for(table)} if table is not None else {}
    return Annotated[str | None, typer.Option(name, help=h(en, zh), **extra)]


OrgOpt = Annotated[
    str | None,
    typer.Option(
        "--org", "--org-code", help=h("org code, name or initials", "承办组织"), autocompletion=complete_org
    ),
]
ReceivedOpt = field_opt("--received-on", "date received", "受理日期")
# `case add` needs these four (checked by the use case, so that a missing one is named like a bad one); its help says so
REQUIRED = ("  [required]", "  [必填]")
AddOrgOpt = Annotated[
    str | None,
    typer.Option(
        "--org",
        "--org-code",
        help=h(
            "org code, name or initials" + REQUIRED[0], "承办组织：编号、名称、简称或拼音首字母" + REQUIRED[1]
        ),
        autocompletion=complete_org,
    ),
]
AddReceivedOpt = field_opt("--received-on", "date received" + REQUIRED[0], "受理日期" + REQUIRED[1])
AddSourceOpt = field_opt(
    "--source", "source (来源): code or 中文" + REQUIRED[0], "纠纷来源" + REQUIRED[1], CASE_SOURCE
)
AddCategoryOpt = field_opt(
    "--category", "category (纠纷类型): code or 中文" + REQUIRED[0], "纠纷类型" + REQUIRED[1]
)
SourceOpt = field_opt("--source", "source (来源): code or 中文", "纠纷来源", CASE_SOURCE)
CategoryOpt = field_opt("--category", "category (纠纷类型): code or 中文", "纠纷类型")
KeyGroupsOpt = field_opt("--key-groups", "key groups, ';'-separated", "涉及的重点群体，以 ; 分隔", KEY_GROUP)
PartiesOpt = field_opt("--parties", "number of parties", "当事人数")
AmountOpt = field_opt("--amount", "amount in dispute, 元", "涉及金额（元）")
SummaryOpt = field_opt("--summary", "summary (简要案情)", "简要案情")
RiskLevelOpt = field_opt(
    "--risk-level", "risk level: normal | elevated | major", "风险等级：一般/较大/重大", RISK_LEVEL
)
RiskTypesOpt = field_opt("--risk-types", "risk types, ';'-separated", "风险类型，以 ; 分隔", RISK_TYPE)
MajorOpt = field_opt("--major", "major difficult case (重大疑难): yes/no", "是否重大疑难纠纷")
MajorSinceOpt = field_opt("--major-since", "marked major since", "列为重大疑难的日期")
MediatorsOpt = field_opt("--mediators", "staff numbers, ';'-separated", "调解员编号，以 ; 分隔")
ReportedOnOpt = field_opt("--reported-on", "date the risk was reported", "风险上报日期")
ReportedToOpt = field_opt("--reported-to", "reported to whom", "上报对象")
ScreeningOpt = Annotated[
    str | None,
    typer.Option(
        "--screening",
        "--screening-id",
        help=h("the screening that found it (its number)", "发现该纠纷的排查记录编号"),
    ),
]


def prevented_opt(name: str, zh: str):
    return field_opt(name, f"{name[2:].replace('-', ' ')} (prevention count)", zh)


PCC = prevented_opt("--prevented-criminal-cases", "防止民转刑（件）")
PCP = prevented_opt("--prevented-criminal-persons", "防止民转刑（人）")
PPC = prevented_opt("--prevented-petition-cases", "防止群体性上访（件）")
PPP = prevented_opt("--prevented-petition-persons", "防止群体性上访（人）")
PSC = prevented_opt("--prevented-suicide-cases", "防止自杀（件）")
PSP = prevented_opt("--prevented-suicide-persons", "防止自杀（人）")
PFC = prevented_opt("--prevented-fight-cases", "制止群体性械斗（件）")
PFP = prevented_opt("--prevented-fight-persons", "制止群体性械斗（人）")


def case_fields(options: dict) -> dict[str, str]:
    """The case fields a command was given (its parameters named as the import columns; --org is org_code), as an
    import-style raw row: `case add` and `case edit` take the same field options and hand them on alike."""
    skip = {"ctx", "case", "clear", "party"}
    return raw_from(**{("org_code" if k == "org" else k): v for k, v in options.items() if k not in skip})
