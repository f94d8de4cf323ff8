"""The settings a bureau may change (``mediation config``), with the plan's values as defaults.

Stored in the ledger (table ``config``) so that the clerk and the cron run see the same rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mediation_cli.domain import casefiles, grades
from mediation_cli.domain.errors import Invalid


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    en: str
    zh: str
    kind: str = "int"  # int | str | cadence-map | windows | date

    def parse(self, text: str) -> Any:
        if self.kind == "int":
            try:
                value = int(str(text).strip())
            except ValueError:
                raise Invalid(self.key, text, "a whole number", "整数") from None
            if value < 0:
                raise Invalid(self.key, text, "a whole number ≥ 0", "不小于 0 的整数")
            return value
        if self.kind == "str":
            if not str(text).strip():
                raise Invalid(self.key, text, "a non-empty text", "非空文字")
            return str(text)
        if self.kind in ("json", "cadence-map", "windows"):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise Invalid(self.key, text, "a JSON object", "JSON 对象") from None
            if not isinstance(value, dict):
                raise Invalid(self.key, text, "a JSON object", "JSON 对象")
            return value
        return text


# 嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次普遍排查
DEFAULT_CADENCE = {
    "village": "weekly",
    "township": "monthly",
    "judicial_office": "monthly",
    "industry": "none",
    "workroom": "none",
    "enterprise": "none",
    "administrative": "none",
    "commerce": "none",
}

SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting(
            "cadence.village",
            "weekly",
            "screening cadence of village committees",
            "嘎查村调委会排查频次",
            "str",
        ),
        Setting(
            "cadence.township",
            "monthly",
            "screening cadence of township committees",
            "苏木镇调委会排查频次",
            "str",
        ),
        Setting(
            "cadence.judicial_office",
            "monthly",
            "screening cadence of judicial offices",
            "司法所排查频次",
            "str",
        ),
        Setting(
            "cadence.industry",
            "none",
            "screening cadence of industry committees",
            "行业性专业性调委会排查频次",
            "str",
        ),
        Setting("cadence.workroom", "none", "screening cadence of workrooms", "派驻工作室排查频次", "str"),
        Setting(
            "cadence.enterprise",
            "none",
            "screening cadence of enterprise committees",
            "企事业单位调委会排查频次",
            "str",
        ),
        Setting(
            "cadence.administrative",
            "none",
            "screening cadence of administrative bodies",
            "行政调解组织排查频次",
            "str",
        ),
        Setting(
            "cadence.commerce",
            "none",
            "screening cadence of chambers of commerce",
            "商会调解组织排查频次",
            "str",
        ),
        Setting(
            "cadence.key_period",
            "none",
            "cadence for everyone during a key period (none = unchanged)",
            "重要时间节点期间所有组织的排查频次（none 为不变）",
            "str",
        ),
        Setting(
            "stalled_days",
            30,
            "days pending before a case is stalled (一般在一个月内调结)",
            "案件超过多少天未调结视为滞留",
        ),
        Setting(
            "consultation_days",
            30,
            "days without a consultation before a major case is reminded",
            "重大疑难案件会商间隔天数",
        ),
        Setting(
            "report_due_day",
            28,
            "day of the quarter's last month when the quarterly report is due (每月28日)",
            "季度报告报送日（季度末月的几号）",
        ),
        Setting(
            "report_cycle",
            "quarterly",
            "报送时间：每月28日 read as quarterly (the 28th of the quarter's last month) or monthly (every 28th)",
            "“每月28日”的理解：quarterly 按季度（季度末月28日）或 monthly 按月（每月28日）",
            "str",
        ),
        Setting(
            "deadlines_on_working_days",
            1,
            "1: a deadline on a weekend or holiday moves to the next working day (调休 included); 0: it stays",
            "1：期限遇周末或节假日顺延至下一个工作日（含调休上班日）；0：不顺延",
        ),
        Setting(
            "report_warn_days", 7, "days before the due date a report is reminded", "提前几天提醒报送季度报告"
        ),
        Setting(
            "key_period_warn_days", 7, "days before a key period it is announced", "重要时间节点提前几天提醒"
        ),
        Setting("rating_years", 3, "years after which a star rating is stale", "星级评定有效年数"),
        Setting(
            "star_scale", 3, "highest star rating (Inner Mongolia: 3; other provinces: 5)", "星级评定最高星级"
        ),
        Setting(
            "entry_within_days",
            7,
            "days within which a case should be entered (录入及时)",
            "案件应在受理后几天内录入",
        ),
        Setting(
            "case_no_template",
            "({year})乌人调字第{seq}号",
            "ledger number template ({year}, {seq}, {org})",
            "案件编号模板（可用 {year}、{seq}、{org}）",
            "str",
        ),
        Setting(
            "key_period_windows",
            {},
            'key-period windows, e.g. {"two_sessions": ["03-03", "03-15"], "two_sessions_local": ["01-20", "01-27"]}',
            "重要时间节点日期窗口（全国两会、地方两会 two_sessions_local，及法定假日的备用窗口）",
            "windows",
        ),
        Setting(
            "spring_festival_window",
            "eve..holiday_end",
            "春节 as a stability window: START..END of new_year, eve, lunar_new_year, holiday_end, lantern",
            "春节维稳时段：起..止，可用 元旦、除夕、春节、假期结束、元宵（如 元旦..元宵）",
            "str",
        ),
        Setting(
            "campaign",
            {
                "year": 2024,
                "start": "2024-03-01",
                "mobilisation_end": "2024-03-10",
                "implementation_end": "2024-10-31",
                "end": "2024-11-30",
            },
            "campaign dates (动员部署/开展实施/工作总结)",
            "专项行动各阶段日期",
            "json",
        ),
        Setting(
            "success_rate_target",
            90,
            "the bureau's own success-rate target in percent (the plan sets none; 0 = no target)",
            "本局自定的调解成功率目标（百分比；方案未规定；0 为不设目标）",
        ),
        Setting(
            "multi_ethnic",
            1,
            "the banner is a multi-ethnic area (committees need a minority member)",
            "是否为多民族居住地区（调委会应有少数民族成员）",
        ),
        # issue 9: grades and star ratings (the program's own defaults: domain/grades.py, README "Grades and stars")
        Setting(
            "grade_criteria",
            grades.DEFAULT_GRADE_CRITERIA,
            "mediator grade criteria, lowest grade first (report grades)",
            "调解员等级评定条件（由低到高）",
            "json",
        ),
        Setting(
            "star_criteria",
            grades.DEFAULT_STAR_CRITERIA,
            "committee star criteria per star, lowest first (report stars)",
            "调委会星级评定条件（由低到高）",
            "json",
        ),
        Setting(
            "file_requirements",
            casefiles.DEFAULT_REQUIREMENTS,
            "documents a case file (卷宗) must hold, by outcome",
            "卷宗应有材料（按调解结果）",
            "json",
        ),
        Setting(
            "close_requires_complete_file",
            0,
            "1: closing (销号) is refused while the case file is incomplete; 0: a warning",
            "1：卷宗不齐全不得销号；0：仅提示",
        ),
        Setting(
            "publicity_outlets",
            {"my_story": "我的调解故事", "frontline": "我在司法行政第一线"},
            "publicity columns submissions go to (自治区司法厅 columns; add your own)",
            "投稿栏目（自治区司法厅专栏，可增加）",
            "json",
        ),
        Setting(
            "summary_weights",
            {
                "cases": 1,
                "success_rate": 20,
                "written_share": 5,
                "training_hours": 0.5,
                "publicity": 3,
                "typical": 5,
            },
            "weights of the year-end ranking of committees and mediators (report summary)",
            "年度总结评先排名的权重",
            "json",
        ),
    ]
}

CADENCES = ("weekly", "monthly", "quarterly", "none")


def validate(key: str, text: str) -> Any:
    setting = SETTINGS.get(key)
    if setting is None:
        raise Invalid("key", key, "one of " + ", ".join(SETTINGS), "以下之一：" + "、".join(SETTINGS))
    value = setting.parse(text)
    if key.startswith("cadence.") and value not in CADENCES:
        raise Invalid(key, text, "one of " + ", ".join(CADENCES), "以下之一：" + "、".join(CADENCES))
    if key == "case_no_template" and "{seq}" not in value:
        raise Invalid(key, text, "a template containing {seq}", "包含 {seq} 的模板")
    if key == "deadlines_on_working_days" and value not in (0, 1):
        raise Invalid(key, text, "1 (move to the next working day) or 0", "1（顺延）或 0（不顺延）")
    if key == "grade_criteria":
        grades.check_criteria(key, value, grades.GRADE_CRITERIA)
    if key == "star_criteria":
        grades.check_criteria(key, value, grades.STAR_CRITERIA)
    if key == "summary_weights":
        grades.check_weights(key, value)
    if key == "file_requirements":
        casefiles.check_requirements(key, value)
    if key == "close_requires_complete_file" and value not in (0, 1):
        raise Invalid(key, text, "1 (refuse) or 0 (warn)", "1（不得销号）或 0（提示）")
    if key == "spring_festival_window":
        from mediation_cli.domain.keyperiods import parse_spring_window

        a, b = parse_spring_window(value)
        value = f"{a}..{b}"
    if key == "report_cycle" and value not in ("quarterly", "monthly"):
        raise Invalid(key, text, "quarterly or monthly", "quarterly（按季度）或 monthly（按月）")
    if key == "success_rate_target" and value > 100:
        raise Invalid(key, text, "a percentage from 0 to 100", "0 到 100 之间的百分数")
    if key == "star_scale" and value not in (3, 5):
        raise Invalid(key, text, "3 or 5", "3 或 5")
    return value
