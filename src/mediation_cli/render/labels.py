"""The labels the renderer shows for the codes that reports and lists carry (English, 中文). JSON and CSV keep the
codes; tables and documents show these. The enumerations a clerk types (kinds, statuses, sources …) live in
domain/taxonomy.py with their own labels; these are the codes only the program's output has."""

from __future__ import annotations

from collections.abc import Callable

from mediation_cli.i18n import tr

Labels = dict[str, tuple[str, str]]

# `remind`: what is due, and how urgent
REMINDER_KINDS: Labels = {
    "screening_due": ("screening due", "待排查"),
    "screening_overdue": ("screening overdue", "排查逾期"),
    "case_stalled": ("case stalled", "超期未结"),
    "risk_unreported": ("risk unreported", "风险未报告"),
    "major_no_plan": ("major case without a plan", "无调解方案"),
    "major_no_consultation": ("major case not consulted", "未定期会商"),
    "screening_no_case": ("disputes found, no case opened", "排查发现未建账"),
    "report_due": ("quarterly report due", "季度报告将到期"),
    "report_late": ("quarterly report late", "季度报告逾期"),
    "rating_stale": ("star rating stale", "星级待复评"),
    "key_period": ("key period", "重要时间节点"),
    "confirmation_window": ("司法确认 window open", "司法确认申请期内"),
    "confirmation_overdue": ("司法确认 window passed", "司法确认逾期未申请"),
}
SEVERITY: Labels = {"high": ("high", "紧急"), "medium": ("medium", "一般"), "low": ("low", "提示")}

# `case show`: the events of a case's timeline
CASE_EVENTS: Labels = {
    "received": ("received", "受理"),
    "mediating": ("mediating", "调解中"),
    "succeeded": ("succeeded", "调解成功"),
    "failed": ("failed", "调解不成"),
    "withdrawn": ("withdrawn", "撤回"),
    "closed": ("closed", "销号"),
    "extended": ("extended", "延期"),
    "visit": ("follow-up visit", "回访"),
    "risk_reported": ("risk reported", "风险上报"),
    "plan": ("plan", "调解方案"),
    "consultation": ("consultation", "会商"),
    "assigned": ("mediators assigned", "指派调解员"),
    "party_added": ("parties recorded", "登记当事人"),
    "party_edited": ("party changed", "修改当事人"),
    "party_removed": ("party removed", "删除当事人"),
    "follow_up": ("follow-up of a failed case", "调解不成跟踪"),
    "confirmation_requested": ("司法确认 requested", "拟申请司法确认"),
    "confirmation_applied": ("司法确认 applied for", "申请司法确认"),
    "confirmation_decided": ("司法确认 decided", "司法确认裁定"),
}

# `case show`: where a written agreement's 司法确认 stands
CONFIRMATION_STATES: Labels = {
    "window_open": ("requested, window open", "拟申请，申请期内"),
    "window_passed": ("requested, window passed unapplied", "申请期届满未申请"),
    "applied": ("applied, awaiting the court", "已申请，待裁定"),
    "confirmed": ("confirmed by the court", "法院裁定确认有效"),
    "rejected": ("application dismissed", "法院裁定驳回"),
}

# `db info`: what the ledger holds
RECORDS: Labels = {
    "orgs": ("orgs", "调解组织"),
    "mediators": ("mediators", "调解员"),
    "cases": ("cases", "矛盾纠纷"),
    "screenings": ("screenings", "排查记录"),
}

# `report staffing`: 人民调解法 art. 8
COMPOSITION_PROBLEMS: Labels = {
    "too_few_members": ("fewer than 3 members", "委员少于3人"),
    "too_many_members": ("more than 9 members", "委员多于9人"),
    "no_woman": ("no woman member", "无妇女成员"),
    "no_minority": ("no minority-nationality member", "无少数民族成员"),
}

# `report cases --by KEY`: the heading of the key column
CASE_REPORT_KEYS: Labels = {
    "category": ("category", "纠纷类型"),
    "org": ("org", "组织"),
    "source": ("source", "来源"),
    "status": ("status", "状态"),
    "key_group": ("key group", "重点群体"),
    "risk_level": ("risk level", "风险等级"),
    "month": ("month", "月份"),
}

# `report submissions`: a committee's quarterly report
SUBMISSION_STATES: Labels = {
    "on_time": ("on time", "按时"),
    "late": ("late", "逾期"),
    "missing": ("missing", "未报送"),
    "not_yet_due": ("not yet due", "未到期"),
}

# `report campaign`: a target's red/amber/green
RAG: Labels = {
    "green": ("green", "绿（达标）"),
    "amber": ("amber", "黄（接近）"),
    "red": ("red", "红（落后）"),
    "none": ("no data", "无数据"),
}

# `db check`: what each check looks at
CHECKS: Labels = {
    "integrity": ("integrity", "文件完整性"),
    "foreign_key": ("foreign key", "引用关系"),
    "org_dates": ("org dates", "组织日期"),
    "org_tree": ("org tree", "组织层级"),
    "mediator_dates": ("mediator dates", "调解员日期"),
    "mediator_employment": ("employment", "专兼职记录"),
    "mediator_id_number": ("ID number", "身份证号"),
    "case_dates": ("case dates", "案件日期"),
    "case_status": ("case status", "案件状态"),
    "case_category": ("case category", "纠纷类型"),
    "case_no": ("case number", "案件编号"),
    "staff_no": ("staff number", "调解员编号"),
    "code": ("stored code", "代码取值"),
    "screening_span": ("screening date", "排查日期"),
    "screening_no_case": ("disputes found, no case opened", "排查发现未建账"),
    "search_index": ("search index", "检索索引"),
    "audit_chain": ("audit chain", "操作记录链"),
    "row_seal": ("row seal", "记录校验"),
    "row_count": ("row count", "记录数校验"),
    "seal_head": ("seal head", "校验头"),
    "attachment": ("case file document", "卷宗材料"),
}

# `report unexported`: why a case has not reached a platform in its current version
EXPORT_STATES: Labels = {
    "never": ("never exported", "从未报送"),
    "changed": ("changed since", "报送后有修改"),
}


def label(table: Labels, code: str) -> str:
    """The label of ``code`` in the current language (the code itself when the table lacks it)."""
    return tr(*table.get(code, (code, code)))


def labeller(table: Labels) -> Callable[[str], str]:
    """``label`` bound to one table, for a column's ``enum`` rendering."""
    return lambda code: label(table, code)


def case_state(status: str | None, outcome: str | None) -> str:
    """A case's status as a list shows it: a closed case with the outcome it kept (成功·销号, 不成·销号, 撤回·销号)."""
    from mediation_cli.domain.taxonomy import STATUS
    from mediation_cli.i18n import lang

    if status == "closed" and outcome:
        return tr(f"{outcome}, closed", f"{CLOSED_OUTCOME_ZH.get(outcome, STATUS.label(outcome, 'zh'))}·销号")
    return STATUS.label(status, lang())


CLOSED_OUTCOME_ZH = {"succeeded": "成功", "failed": "不成", "withdrawn": "撤回"}


EVENT_KEYS_ZH = {"to": "报告对象", "by": "回访人", "version": "版本", "new_risk": "新风险"}


def event_detail(detail: dict | None) -> str:
    """A timeline event's details as a person reads them: ``agreement=written; performed=1`` under zh is
    ``协议形式：书面；是否履行：是``."""
    from mediation_cli.domain import taxonomy
    from mediation_cli.i18n import field_name, lang

    if not detail:
        return ""
    tables = {
        "agreement": taxonomy.AGREEMENT,
        "guided_to": taxonomy.GUIDED_TO,
        "satisfaction": taxonomy.SATISFACTION,
        "status": taxonomy.STATUS,
    }
    parts = []
    for key, value in detail.items():
        if isinstance(value, bool) or (key == "performed" and value in (0, 1)):
            shown = tr("yes", "是") if value else tr("no", "否")
        elif key in tables and isinstance(value, str):
            shown = tables[key].label(value, lang())
        elif isinstance(value, list | tuple):
            shown = tr(", ", "、").join(str(v) for v in value)
        else:
            shown = str(value)
        if lang() == "zh":
            name = EVENT_KEYS_ZH.get(key) or field_name(key).split("（")[0]
            parts.append(f"{name}：{shown}")
        else:
            parts.append(f"{key}={shown}")
    return "；".join(parts) if lang() == "zh" else "; ".join(parts)
