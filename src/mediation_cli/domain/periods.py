"""Calendar periods: ISO weeks, months, quarters, years.

The plan's screening cadence is per week and per month ("嘎查村（社区）调委会每周1次、苏木镇调委会、
司法所每月1次普遍排查"); quarters carry the quarterly report ("每季度报送本季度矛盾纠纷工作开展情况报告").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import Invalid

PERIOD_KINDS = ("week", "month", "quarter", "year")
CADENCE_KINDS = ("weekly", "monthly", "quarterly")
_CADENCE_TO_KIND = {"weekly": "week", "monthly": "month", "quarterly": "quarter"}

_DAY = timedelta(days=1)

_PERIOD_ALLOWED = "a quarter 2024Q2, a month 2024-03, an ISO week 2024-W12 or a year 2024"
_PERIOD_ALLOWED_ZH = "季度 2024Q2、月份 2024-03、周 2024-W12 或年份 2024"
_QUARTER_ALLOWED = "a quarter like 2024Q2 or 2024年第二季度"
_QUARTER_ALLOWED_ZH = "季度，如 2024Q2 或 2024年第二季度"

_QUARTER_RE = re.compile(r"(\d{4})-?Q([1-4])", re.ASCII)
_MONTH_RE = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_WEEK_RE = re.compile(r"(\d{4})-?W(\d{1,2})", re.ASCII)
_YEAR_RE = re.compile(r"\d{4}", re.ASCII)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period; `end` is inclusive."""

    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """'2024-W05', '2024-03', '2024Q2' or '2024'."""
        if self.kind == "week":
            iso = self.start.isocalendar()  # the ISO year, not the calendar year
            return f"{iso.year}-W{iso.week:02d}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    def contains(self, d: date) -> bool:
        """True when `d` falls in this period (both ends inclusive)."""
        return self.start <= d <= self.end

    def next(self) -> Period:
        """The period of the same kind that follows this one."""
        return period_containing(self.kind, self.end + _DAY)

    def prev(self) -> Period:
        """The period of the same kind that precedes this one."""
        return period_containing(self.kind, self.start - _DAY)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - _DAY


def _check_kind(kind: str) -> None:
    if kind not in PERIOD_KINDS:
        raise Invalid("period_kind", kind, "week, month, quarter or year", "周、月、季度或年")


@functools.lru_cache(maxsize=4096)  # a region's remind asks for the same few periods ~30,000 times
def period_containing(kind: str, d: date) -> Period:
    """The week (ISO, Monday–Sunday), month, quarter or year that contains `d`."""
    _check_kind(kind)
    if kind == "week":
        start = d - timedelta(days=d.weekday())
        return Period("week", start, start + timedelta(days=6))
    if kind == "month":
        return Period("month", d.replace(day=1), _month_end(d.year, d.month))
    if kind == "quarter":
        first = 3 * ((d.month - 1) // 3) + 1
        return Period("quarter", date(d.year, first, 1), _month_end(d.year, first + 2))
    return Period("year", date(d.year, 1, 1), date(d.year, 12, 31))


def periods_within(kind: str, start: date, end: date) -> list[Period]:
    """The periods of `kind` lying wholly inside [start, end] (both inclusive), in order.

    Steps period by period, so a long range costs one step per period, not per day.
    """
    _check_kind(kind)
    out: list[Period] = []
    if end < start:
        return out
    try:
        p = period_containing(kind, start)
        if p.start < start:  # only partly inside: not owed for this range
            p = p.next()
        while p.end <= end:
            out.append(p)
            p = p.next()
    except OverflowError:  # stepping past 9999-12-31
        pass
    return out


def _week(year: int, week: int) -> Period:
    # fromisocalendar refuses week 53 in a year that has only 52 weeks.
    start = date.fromisocalendar(year, week, 1)
    return Period("week", start, start + timedelta(days=6))


def parse_period(text: str) -> Period:
    """Parse '2024Q2' / '2024-Q2', '2024-03', '2024-W12' / '2024W12' or '2024'."""
    s = _quarter_zh(text.strip().upper()) if isinstance(text, str) else ""
    try:
        if m := _QUARTER_RE.fullmatch(s):
            return parse_quarter(s)
        if m := _WEEK_RE.fullmatch(s):
            return _week(int(m.group(1)), int(m.group(2)))
        if m := _MONTH_RE.fullmatch(s):
            return period_containing("month", date(int(m.group(1)), int(m.group(2)), 1))
        if _YEAR_RE.fullmatch(s):
            return period_containing("year", date(int(s), 1, 1))
    except (ValueError, OverflowError):
        pass  # e.g. month 13, week 53 of a 52-week year, year 0000
    raise Invalid("period", text, _PERIOD_ALLOWED, _PERIOD_ALLOWED_ZH)


# 2024年第三季度, 2024年三季度, 2024年第3季度, 2024年Q3 — as the bureau's bulletins write a quarter
_QUARTER_ZH_RE = re.compile(
    r"(\d{4})\s*年\s*(?:第\s*)?([1-4一二三四])\s*季度?|(\d{4})\s*年\s*Q([1-4])", re.ASCII
)
_ZH_DIGIT = {"一": "1", "二": "2", "三": "3", "四": "4"}


def _quarter_zh(s: str) -> str:
    """A Chinese quarter rewritten as 2024Q3 (anything else as it was)."""
    m = _QUARTER_ZH_RE.fullmatch(s)
    if m is None:
        return s
    year = m.group(1) or m.group(3)
    q = m.group(2) or m.group(4)
    return f"{year}Q{_ZH_DIGIT.get(q, q)}"


def parse_quarter(text: str) -> Period:
    """Parse a quarter only: '2024Q2', '2024q2', '2024-Q2' or '2024年第二季度' (also 2024年二季度, 2024年第2季度)."""
    s = _quarter_zh(text.strip().upper()) if isinstance(text, str) else ""
    m = _QUARTER_RE.fullmatch(s)
    if m and int(m.group(1)) >= 1:
        return period_containing("quarter", date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1))
    raise Invalid("quarter", text, _QUARTER_ALLOWED, _QUARTER_ALLOWED_ZH)


def cadence_period_kind(cadence: str) -> str:
    """Map a screening cadence ('weekly', 'monthly', 'quarterly') to its period kind."""
    try:
        return _CADENCE_TO_KIND[cadence]
    except KeyError:
        raise Invalid("cadence", cadence, "weekly, monthly or quarterly", "每周、每月或每季度") from None
