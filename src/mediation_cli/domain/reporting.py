"""The committees' reports to the bureau and their deadline (乌司发〔2024〕17号 四（一）): "各苏木镇人民调解委员会、
行业性专业性人民调解委员会每季度向旗司法局人民参与和促进法治股报送本季度矛盾纠纷工作开展情况报告。（报送时间：每月28日…）".

The sentence says 每季度 (each quarter, this quarter's report) and, in brackets, 每月28日 (the 28th of each month). Two
readings, a setting (``report_cycle``):

- ``quarterly`` (default): one report a quarter, due on the 28th of the quarter's last month — the obligation the
  sentence states is quarterly, and the bracket gives the day of the month it is due;
- ``monthly``: a report every month, due on its 28th — the bracket read literally, as some bureaus collect them.

The day (``report_due_day``, 28) and whether a deadline on a weekend or holiday moves to the next working day
(``deadlines_on_working_days``, 1) are settings too.
"""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.periods import Period, parse_period, parse_quarter, period_containing
from mediation_cli.domain.workdays import next_working_day

REPORT_CYCLES = {"quarterly": "quarter", "monthly": "month"}
DEFAULT_REPORT_CYCLE = "quarterly"


def report_period_kind(cycle: str) -> str:
    """'quarter' or 'month', the period one report covers."""
    try:
        return REPORT_CYCLES[cycle]
    except KeyError:
        raise Invalid(
            "report_cycle", cycle, "quarterly or monthly", "quarterly（按季度）或 monthly（按月）"
        ) from None


def report_period_containing(cycle: str, d: date) -> Period:
    return period_containing(report_period_kind(cycle), d)


def parse_report_period(text: str, cycle: str) -> Period:
    """A quarter ('2024Q2') under the quarterly reading, a month ('2024-05') under the monthly one."""
    if report_period_kind(cycle) == "quarter":
        return parse_quarter(text)
    try:
        p = parse_period(text)
    except Invalid:
        p = None
    if p is None or p.kind != "month":
        raise Invalid(
            "quarter",
            text,
            "a month like 2024-05 (report_cycle is monthly)",
            "月份，如 2024-05（报送周期设置为按月）",
        )
    return p


def report_due_on(period: Period, due_day: int, on_working_days: bool) -> date:
    """The given day of the period's last month (the quarter's third month, or the month itself), at most its last
    day; on a weekend or holiday the next working day (调休 make-up days included) unless ``on_working_days`` is off."""
    last_month = period.end.replace(day=1)
    due = last_month.replace(day=max(1, min(due_day, period.end.day)))
    return next_working_day(due) if on_working_days else due
