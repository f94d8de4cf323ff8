"""Mediator grades (人民调解员等级评定) and committee star ratings (人民调解委员会星级评定): the criteria each grade or
star level asks for, and what a set of figures meets.

The plan (三（一）) asks for "逐级开展人民调解委员会星级、人民调解员等级评定工作" without setting criteria. The defaults
below are this program's own settings for a bureau to change (`mediation config set grade_criteria …`,
`star_criteria …`), not a published scheme: the README says so. Thresholds are inclusive (a figure equal to the
threshold meets it) and rates are compared exactly (as fractions), so 17 of 20 meets 0.85.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from mediation_cli.domain.errors import Invalid

# criterion → (kind, en, zh). "min": the figure must be ≥ the threshold; "rate": a share from 0 to 1, ≥;
# "max": the figure must be ≤ the threshold.
GRADE_CRITERIA: dict[str, tuple[str, str, str]] = {
    "years_of_service": ("min", "years of service", "从事调解工作年限"),
    "cases": ("min", "cases handled", "承办纠纷数"),
    "success_rate": ("rate", "success rate (succeeded ÷ (succeeded + failed))", "调解成功率（成功÷办结）"),
    "written_share": ("rate", "share of written agreements", "书面协议占比"),
    "training_hours": ("min", "training hours in the last 12 months", "近12个月培训学时"),
    "criminal_cases": ("max", "cases turned criminal (民转刑)", "民转刑案件数"),
}

STAR_CRITERIA: dict[str, tuple[str, str, str]] = {
    "mediators": ("min", "mediators in office", "在任调解员"),
    "full_time": ("min", "full-time mediators", "专职调解员"),
    "screening_rate": ("rate", "screening compliance in the last 12 months", "近12个月排查完成率"),
    "success_rate": ("rate", "success rate in the last 12 months", "近12个月调解成功率"),
    "reports_on_time": (
        "rate",
        "quarterly reports on time in the last 12 months",
        "近12个月季度报告按时报送率",
    ),
    "files_complete": ("rate", "closed cases with a complete file (卷宗)", "销号案件卷宗齐全率"),
}

# The orgs a star rating is for: the committees (人民调解委员会) and the workrooms they station.
STAR_KINDS = ("township", "village", "industry", "enterprise", "workroom")

# Lowest first. The program's own defaults (no published national criteria were found to quote).
DEFAULT_GRADE_CRITERIA: dict[str, dict[str, Any]] = {
    "四级": {
        "years_of_service": 1,
        "cases": 5,
        "success_rate": 0.8,
        "training_hours": 8,
        "criminal_cases": 0,
    },
    "三级": {
        "years_of_service": 3,
        "cases": 20,
        "success_rate": 0.85,
        "written_share": 0.3,
        "training_hours": 16,
        "criminal_cases": 0,
    },
    "二级": {
        "years_of_service": 5,
        "cases": 50,
        "success_rate": 0.9,
        "written_share": 0.5,
        "training_hours": 24,
        "criminal_cases": 0,
    },
    "一级": {
        "years_of_service": 8,
        "cases": 100,
        "success_rate": 0.95,
        "written_share": 0.6,
        "training_hours": 32,
        "criminal_cases": 0,
    },
}

DEFAULT_STAR_CRITERIA: dict[str, dict[str, Any]] = {
    "1": {"mediators": 3, "screening_rate": 0.8, "success_rate": 0.8},
    "2": {
        "mediators": 3,
        "full_time": 1,
        "screening_rate": 0.9,
        "success_rate": 0.85,
        "reports_on_time": 0.75,
        "files_complete": 0.8,
    },
    "3": {
        "mediators": 5,
        "full_time": 2,
        "screening_rate": 1,
        "success_rate": 0.9,
        "reports_on_time": 1,
        "files_complete": 0.95,
    },
}


def check_criteria(key: str, value: Any, known: dict[str, tuple[str, str, str]]) -> dict[str, dict]:
    """A criteria setting: an object {level: {criterion: threshold}}, lowest level first."""
    if not isinstance(value, dict) or not value:
        raise Invalid(
            key, value, "a JSON object {level: {criterion: number}}", "JSON 对象 {等级: {条件: 数值}}"
        )
    for level, crit in value.items():
        if not isinstance(crit, dict):
            raise Invalid(key, level, "an object of criteria per level", "每个等级对应一个条件对象")
        for name, threshold in crit.items():
            if name not in known:
                raise Invalid(key, name, "one of " + ", ".join(known), "以下之一：" + "、".join(known))
            if isinstance(threshold, bool) or not isinstance(threshold, int | float) or threshold < 0:
                raise Invalid(f"{key}.{level}.{name}", threshold, "a number ≥ 0", "不小于 0 的数")
            if known[name][0] == "rate" and threshold > 1:
                raise Invalid(f"{key}.{level}.{name}", threshold, "a share from 0 to 1", "0 至 1 之间的比例")
    return value


def _exact(x: Any) -> Fraction:
    return Fraction(str(x)) if isinstance(x, float) else Fraction(x)


def meets(kind: str, figure: Any, threshold: Any, *, none_meets: bool = False) -> bool:
    """Whether a figure meets a threshold. A rate with nothing to divide (None) meets only a threshold of 0 — or any
    threshold with ``none_meets`` (a committee's rating: a rule that does not apply to it, such as quarterly reports
    for a village committee, is not held against it)."""
    if figure is None:
        return none_meets or _exact(threshold) == 0
    f, t = _exact(figure), _exact(threshold)
    return f <= t if kind == "max" else f >= t


def shortfalls(
    figures: dict[str, Any], criteria: dict[str, Any], known: dict, *, none_meets: bool = False
) -> list[dict]:
    """The criteria of one level the figures miss: criterion, needed, has."""
    out = []
    for name, threshold in criteria.items():
        if not meets(known[name][0], figures.get(name), threshold, none_meets=none_meets):
            out.append({"criterion": name, "needed": threshold, "has": figures.get(name)})
    return out


def assess(
    figures: dict[str, Any], levels: dict[str, dict], known: dict, *, none_meets: bool = False
) -> dict:
    """The highest level met (every level below it met too, as grades are climbed one by one), and what is missing for
    the level above it (None at the top)."""
    met = None
    names = list(levels)
    for name in names:
        if shortfalls(figures, levels[name], known, none_meets=none_meets):
            break
        met = name
    nxt_index = 0 if met is None else names.index(met) + 1
    nxt = names[nxt_index] if nxt_index < len(names) else None
    return {
        "meets": met,
        "next": nxt,
        "missing_for_next": shortfalls(figures, levels[nxt], known, none_meets=none_meets) if nxt else [],
    }


def rate_exact(num: int, den: int) -> Fraction | None:
    return None if den == 0 else Fraction(num, den)


# What the year-end ranking (report summary) may weigh, per committee and per mediator.
SUMMARY_WEIGHT_KEYS = (
    "cases",
    "success_rate",
    "written_share",
    "training_hours",
    "publicity",
    "typical",
    "screening_rate",
)


def check_weights(key: str, value: Any) -> dict:
    if not isinstance(value, dict) or not value:
        raise Invalid(key, value, "a JSON object {figure: weight}", "JSON 对象 {指标: 权重}")
    for name, w in value.items():
        if name not in SUMMARY_WEIGHT_KEYS:
            raise Invalid(
                key,
                name,
                "one of " + ", ".join(SUMMARY_WEIGHT_KEYS),
                "以下之一：" + "、".join(SUMMARY_WEIGHT_KEYS),
            )
        if isinstance(w, bool) or not isinstance(w, int | float) or w < 0:
            raise Invalid(f"{key}.{name}", w, "a number ≥ 0", "不小于 0 的数")
    return value
