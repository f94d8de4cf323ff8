"""The output language (zh or en) and the few helpers that pick a text by it.

The language is known before any command module is imported (help texts are fixed at import), so it is read from
``--lang`` on the command line, then ``$MEDIATION_LANG``, then ``$LANG``; the root callback sets it again for runtime.
"""

from __future__ import annotations

import os
import sys

LANGS = ("zh", "en")


def _from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def detect_lang(argv: list[str] | None = None, env: dict[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    chosen = _from_argv(sys.argv[1:] if argv is None else argv) or env.get("MEDIATION_LANG")
    if chosen in LANGS:
        return chosen
    return "zh" if env.get("LANG", "").lower().startswith("zh") else "en"


_lang = detect_lang()


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang


def lang() -> str:
    return _lang


def tr(en: str, zh: str) -> str:
    """The text in the current language."""
    return zh if _lang == "zh" else en


def h(en: str, zh: str) -> str:
    """A help text: chosen once, at import, in the language detected from argv and the environment."""
    return zh if _lang == "zh" else en


# The Chinese name of each field a clerk types or a file carries (an option `--received-on`, a column `received_on`):
# a message under zh names the field so (受理日期（--received-on）), keeping the option or column to retype.
FIELD_ZH = {
    # orgs
    "code": "编号",
    "name": "名称",
    "kind": "类型",
    "parent": "上级组织",
    "parent_code": "上级组织",
    "has_conditions": "是否有条件",
    "star_rating": "星级",
    "rated_on": "评定日期",
    "field": "服务领域",
    "established_on": "成立日期",
    "dissolved_on": "撤销日期",
    "org": "调解组织",
    "org_code": "调解组织",
    # mediators
    "staff_no": "调解员编号",
    "gender": "性别",
    "ethnicity": "民族",
    "employment": "专兼职",
    "employment_from": "专兼职起始日期",
    "from": "起始日期",
    "background": "专业背景",
    "appointment": "产生方式",
    "grade": "等级",
    "phone": "联系电话",
    "id_number": "身份证号",
    "joined_on": "加入日期",
    "left_on": "离任日期",
    "subsidy": "补贴",
    # cases
    "case": "案件",
    "case_no": "案件编号",
    "received_on": "受理日期",
    "source": "纠纷来源",
    "category": "纠纷类型",
    "key_groups": "重点群体",
    "key_group": "重点群体",
    "parties": "当事人数",
    "amount": "涉及金额",
    "summary": "简要案情",
    "risk_level": "风险等级",
    "risk_types": "风险类型",
    "risk": "风险",
    "major": "重大疑难",
    "major_since": "列为重大疑难日期",
    "status": "状态",
    "outcome_on": "结案日期",
    "agreement": "协议形式",
    "agreement_amount": "协议金额",
    "performed": "是否履行",
    "guided_to": "引导途径",
    "closed_on": "销号日期",
    "mediators": "调解员",
    "reported_on": "报告日期",
    "reported_to": "报告对象",
    "screening": "排查记录",
    "screening_id": "排查记录",
    "entered_at": "录入时间",
    "extended_until": "延期至",
    "until": "延期至",
    "satisfaction": "满意度",
    "participants": "参加人员",
    "conclusion": "会商结论",
    # screenings
    "screened_on": "排查日期",
    "found": "发现纠纷数",
    "screened_by": "排查人",
    "by": "经办人",
    "note": "备注",
    # periods and output
    "on": "日期",
    "as_of": "统计日期",
    "to": "截止日期",
    "quarter": "季度",
    "year": "年度",
    "period": "周期",
    "limit": "条数",
    "within": "天数",
    "cadence": "排查频次",
    "format": "输出格式",
    "encoding": "编码",
    "output": "输出文件",
}


def field_name(field: str) -> str:
    """The field as a message names it: under zh its Chinese name with the option or column (受理日期（--received-on）),
    else as given."""
    if _lang != "zh":
        return field
    key = field.lstrip("-").replace("-", "_")
    zh = FIELD_ZH.get(key)
    if zh is None and key.endswith("_id"):
        zh = FIELD_ZH.get(key[:-3])
    return f"{zh}（{field}）" if zh else field
