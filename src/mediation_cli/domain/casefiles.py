"""The case file (卷宗) of a dispute: the documents it must hold by outcome.

人民调解法 art. 27: "人民调解员应当记录调解情况。人民调解委员会应当建立调解工作档案，将调解登记、调解工作记录、调解协议书等
材料立卷归档。" The list per outcome is a setting (``file_requirements``); the defaults below are the issue's list, read
against art. 27, and are this program's own settings where the law names no document.
"""

from __future__ import annotations

from typing import Any

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.taxonomy import CodeTable

DOCUMENT = CodeTable(
    "kind",
    {
        "application": ("申请书或口头申请记录", "application or record of an oral application"),
        "registration": ("受理登记", "registration"),
        "investigation": ("调查记录", "investigation record"),
        "transcript": ("调解笔录", "mediation transcript"),
        "agreement": ("调解协议书", "written agreement"),
        "visit_record": ("回访记录", "follow-up visit record"),
        "termination_notice": ("告知书", "notice of termination"),
        "withdrawal": ("撤回申请", "withdrawal"),
        "other": ("其他材料", "other"),
    },
    aliases={
        "申请书": "application",
        "口头申请记录": "application",
        "调解协议": "agreement",
        "终止调解告知书": "termination_notice",
        "调解终止告知书": "termination_notice",
    },
)

# The file a case must hold, by how it ended (a written or an oral agreement, failed, withdrawn); a pending case
# is held to what every case needs so far.
DEFAULT_REQUIREMENTS: dict[str, list[str]] = {
    "pending": ["application", "registration"],
    "succeeded_written": [
        "application",
        "registration",
        "investigation",
        "transcript",
        "agreement",
        "visit_record",
    ],
    "succeeded_oral": ["application", "registration", "investigation", "transcript", "visit_record"],
    "failed": ["application", "registration", "investigation", "transcript", "termination_notice"],
    "withdrawn": ["application", "registration"],
}


def check_requirements(key: str, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise Invalid(key, value, "a JSON object {outcome: [document kinds]}", "JSON 对象 {结果: [材料类型]}")
    for outcome, kinds in value.items():
        if outcome not in DEFAULT_REQUIREMENTS:
            raise Invalid(
                key,
                outcome,
                "one of " + ", ".join(DEFAULT_REQUIREMENTS),
                "以下之一：" + "、".join(DEFAULT_REQUIREMENTS),
            )
        if not isinstance(kinds, list):
            raise Invalid(f"{key}.{outcome}", kinds, "a list of document kinds", "材料类型列表")
        for k in kinds:
            if k not in DOCUMENT.members:
                raise Invalid(
                    f"{key}.{outcome}",
                    k,
                    "one of " + ", ".join(DOCUMENT.codes),
                    "以下之一：" + "、".join(DOCUMENT.codes),
                )
    return value


def requirement_key(outcome: str | None, agreement: str | None) -> str:
    if outcome == "succeeded":
        return "succeeded_oral" if agreement == "oral" else "succeeded_written"
    if outcome in ("failed", "withdrawn"):
        return outcome
    return "pending"


def required_documents(
    requirements: dict[str, list[str]], outcome: str | None, agreement: str | None, *, visited: bool = True
) -> list[str]:
    """The kinds a case's file must hold. A succeeded case closed without a visit (--no-visit, with its reason)
    needs no visit record."""
    key = requirement_key(outcome, agreement)
    kinds = list(requirements.get(key, DEFAULT_REQUIREMENTS[key]))
    if not visited and "visit_record" in kinds:
        kinds.remove("visit_record")
    return kinds


def missing_documents(required: list[str], present: set[str]) -> list[str]:
    return [k for k in required if k not in present]
