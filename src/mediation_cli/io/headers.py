"""The header row of an import file as a clerk's sheet has it: Chinese column names (受理日期, 承办组织 …) stand for the
contract's names (received_on, org_code …), and a header that is not in row 1 is found and said so.

Aliases are per entity (编号 is an org's code but a mediator's staff number). A cell of the header is compared after
removing spaces, a trailing `*` (the required mark of a template) and a unit in brackets (涉及金额（元）→ 涉及金额).
"""

from __future__ import annotations

import re
from pathlib import Path

ORG = {
    "编号": "code",
    "组织编号": "code",
    "名称": "name",
    "组织名称": "name",
    "调委会名称": "name",
    "类型": "kind",
    "组织类型": "kind",
    "上级组织": "parent_code",
    "上级编号": "parent_code",
    "上级组织编号": "parent_code",
    "是否有条件": "has_conditions",
    "有条件": "has_conditions",
    "星级": "star_rating",
    "评定日期": "rated_on",
    "星级评定日期": "rated_on",
    "服务领域": "field",
    "领域": "field",
    "成立日期": "established_on",
    "撤销日期": "dissolved_on",
}
MEDIATOR = {
    "编号": "staff_no",
    "调解员编号": "staff_no",
    "姓名": "name",
    "性别": "gender",
    "民族": "ethnicity",
    "组织": "org_code",
    "所在组织": "org_code",
    "组织编号": "org_code",
    "调解组织": "org_code",
    "专兼职": "employment",
    "专职/兼职": "employment",
    "专兼职起始日期": "employment_from",
    "专业背景": "background",
    "背景": "background",
    "产生方式": "appointment",
    "等级": "grade",
    "联系电话": "phone",
    "电话": "phone",
    "手机": "phone",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "加入日期": "joined_on",
    "任职日期": "joined_on",
    "离任日期": "left_on",
    "补贴": "subsidy",
    "每月补贴": "subsidy",
}
CASE = {
    "案件编号": "case_no",
    "编号": "case_no",
    "台账编号": "case_no",
    "承办组织": "org_code",
    "调解组织": "org_code",
    "组织编号": "org_code",
    "调委会名称": "org_code",
    "受理日期": "received_on",
    "受理时间": "received_on",
    "来源": "source",
    "纠纷来源": "source",
    "纠纷类型": "category",
    "纠纷类别": "category",
    "类型": "category",
    "重点群体": "key_groups",
    "当事人数": "parties",
    "当事人": "parties",
    "涉及金额": "amount",
    "金额": "amount",
    "简要案情": "summary",
    "纠纷简要情况": "summary",
    "风险等级": "risk_level",
    "风险类型": "risk_types",
    "重大疑难": "major",
    "状态": "status",
    "办理状态": "status",
    "结案日期": "outcome_on",
    "调解日期": "outcome_on",
    "协议形式": "agreement",
    "销号日期": "closed_on",
    "调解员": "mediators",
    "报告日期": "reported_on",
    "上报日期": "reported_on",
    "排查记录": "screening_id",
    "排查记录编号": "screening_id",
    "录入时间": "entered_at",
    "协议金额": "agreement_amount",
    "协议涉及金额": "agreement_amount",
    "是否履行": "performed",
    "引导途径": "guided_to",
    "报告对象": "reported_to",
    "上报对象": "reported_to",
    "延期至": "extended_until",
    "列为重大疑难日期": "major_since",
}
SCREENING = {
    "组织": "org_code",
    "调解组织": "org_code",
    "组织编号": "org_code",
    "排查日期": "screened_on",
    "日期": "screened_on",
    "排查类型": "kind",
    "类型": "kind",
    "发现纠纷": "found",
    "发现纠纷数": "found",
    "排查人": "screened_by",
    "备注": "note",
}
ALIASES = {"org": ORG, "mediator": MEDIATOR, "case": CASE, "screening": SCREENING}

_UNIT = re.compile(r"[（(][^）)]*[）)]$")


def normal(cell: str) -> str:
    """A header cell as it is compared: no spaces, no trailing required mark, no unit in brackets, lower-case."""
    text = re.sub(r"\s+", "", cell).rstrip("*＊")
    bare = _UNIT.sub("", text)
    return (bare or text).lower()


def canonical(entity: str, header: list[str]) -> list[str]:
    """The header with every known alias replaced by the contract's name (unknown names are kept, to be refused)."""
    aliases = ALIASES.get(entity, {})
    out = []
    for cell in header:
        key = normal(cell)
        out.append(aliases.get(key) or aliases.get(cell) or (key if key and key.isascii() else cell))
    return out


def known(entity: str, columns: list[str], cells: list[str]) -> int:
    """How many of ``cells`` name a column of the entity (by its name or an alias)."""
    aliases = ALIASES.get(entity, {})
    return sum(1 for c in cells if c and (normal(c) in columns or normal(c) in aliases))


def header_hint(
    path: Path, entity: str, columns: list[str], header: list[str], rows
) -> tuple[str, str] | None:
    """Where the header is, when row 1 is not it: a title row (one cell, or a merged cell over the columns) above,
    or a header over two rows; (English, 中文), or None when nothing better can be said."""
    row1 = [c for c in header if c]
    if known(entity, columns, header) >= 2:
        return None
    for n, (line, cells) in enumerate(rows, start=2):
        if n > 10:
            break
        if isinstance(cells, str):
            continue
        if known(entity, columns, cells) >= 2:
            merged = len(row1) < len(header) / 2
            what_en = "a title or a merged cell" if merged else "something else"
            what_zh = "标题或合并单元格" if merged else "其他内容"
            return (
                f"the column names are in row {line}, not row 1 (row 1 holds {what_en}): the header must be "
                f"the first row, one name per column, not merged — delete the rows above row {line}",
                f"列名在第 {line} 行而不在第 1 行（第 1 行是{what_zh}）：表头必须是第一行，每列一个列名，不得合并单元格"
                f"——请删除第 {line} 行以上的各行",
            )
    if len(row1) == 1 and len(header) > 1:
        return (
            f"row 1 holds one cell ({row1[0]!r}): the header must be the first row, one column name per cell",
            f"第 1 行只有一个单元格（{row1[0]!r}）：表头必须是第一行，每个单元格一个列名",
        )
    return None
