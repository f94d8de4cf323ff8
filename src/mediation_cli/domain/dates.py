"""Parsing and formatting of dates as clerks type them (CONTRACT: ISO, YYYY/M/D, YYYY.M.D, YYYY年M月D日, today)."""

from __future__ import annotations

import re
from datetime import date, datetime

from .errors import Invalid

_ALLOWED = "a date like 2024-03-25, 2024/3/25, 2024年3月25日, 20240325, today or yesterday"
_ALLOWED_ZH = "日期，如 2024-03-25、2024/3/25、2024年3月25日、20240325、今天 或 昨天"

# Chinese input methods often produce full-width digits and separators (２０２４／３／２５).
_FULL_WIDTH = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")

# re.ASCII: after normalisation only ASCII digits count, so exotic Unicode digits are refused.
_SEPARATED = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})", re.ASCII)
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]", re.ASCII)
_TODAY = {"today", "今天", "今日"}
# Days before today a clerk names by a word: 昨天 (yesterday), 前天 (the day before).
_DAYS_AGO = {"yesterday": 1, "昨天": 1, "昨日": 1, "前天": 2}
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)  # 20241128, as typed into a spreadsheet


def parse_date(text: str | date, *, today: date, field: str = "date") -> date:
    """Parse a date typed by a clerk; raise Invalid naming `field` when it is not one."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise Invalid(field, text, _ALLOWED, _ALLOWED_ZH)
    s = text.translate(_FULL_WIDTH).strip()
    if s.lower() in _TODAY:
        return today
    if s.lower() in _DAYS_AGO:
        return date.fromordinal(today.toordinal() - _DAYS_AGO[s.lower()])
    m = _SEPARATED.fullmatch(s) or _COMPACT.fullmatch(s)
    if m:
        parts = (m.group(1), m.group(3), m.group(4)) if m.re is _SEPARATED else m.groups()
    else:
        m = _CHINESE.fullmatch(s)
        if not m:
            raise Invalid(field, text, _ALLOWED, _ALLOWED_ZH)
        parts = (m.group(1), m.group(2), m.group(3))
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:  # e.g. 2024-02-30
        raise Invalid(field, text, _ALLOWED, _ALLOWED_ZH) from None


def format_date(d: date | None) -> str | None:
    """ISO `YYYY-MM-DD` (the only output form, per CONTRACT), None stays None."""
    return None if d is None else d.isoformat()


def check_not_before(field: str, value: str, bound: str | None, what_en: str, what_zh: str) -> None:
    """Refuse an ISO date earlier than ``bound`` (the date it must follow, named in both languages)."""
    if bound and value < bound:
        raise Invalid(
            field, value, f"a date on or after {what_en} ({bound})", f"不早于{what_zh}（{bound}）的日期"
        )


def check_not_after_today(field: str, value: str, today: date) -> None:
    """Refuse an ISO date after today: what a clerk records has happened."""
    if value > today.isoformat():
        raise Invalid(field, value, f"a date not after today ({today})", f"不晚于今天（{today}）的日期")
