"""Key periods (重要时间节点): "两会""五一""国庆""春节".

Official holiday dates come from chinese-calendar (1.11 covers 2004–2026 and raises
NotImplementedError for other years); for other years, and always for 两会 (not a public holiday),
configurable month-day windows are used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from .errors import Invalid

KEY_PERIOD_CODES = ("two_sessions", "may_day", "national_day", "spring_festival", "two_sessions_local")
KEY_PERIOD_LABELS = {
    "two_sessions": "两会",
    "may_day": "五一",
    "national_day": "国庆",
    "spring_festival": "春节",
    "two_sessions_local": "地方两会",
}
KEY_PERIOD_LABELS_EN = {
    "two_sessions": "Two Sessions",
    "may_day": "May Day",
    "national_day": "National Day",
    "spring_festival": "Spring Festival",
    "two_sessions_local": "local Two Sessions",
}

# Fallback "MM-DD" windows (both ends inclusive). 两会 (NPC and CPPCC sessions, early March) is not
# a public holiday, so it is always taken from here.
DEFAULT_WINDOWS: dict[str, tuple[str, str]] = {
    "two_sessions": ("03-03", "03-15"),
    "may_day": ("05-01", "05-05"),
    "national_day": ("10-01", "10-07"),
}

# Lunar new year's day (正月初一) for years beyond chinese-calendar 1.11.
SPRING_FESTIVAL_DATES: dict[int, str] = {
    2027: "2027-02-06",
    2028: "2028-01-26",
    2029: "2029-02-13",
    2030: "2030-02-03",
    2031: "2031-01-23",
    2032: "2032-02-11",
    2033: "2033-01-31",
    2034: "2034-02-19",
    2035: "2035-02-08",
    2036: "2036-01-28",
    2037: "2037-02-15",
    2038: "2038-02-04",
    2039: "2039-01-24",
    2040: "2040-02-12",
}
# 正月初一 of the years chinese-calendar 1.11 knows (each the first day of its 春节 holiday there).
LUNAR_NEW_YEAR: dict[int, str] = {
    2004: "2004-01-22",
    2005: "2005-02-09",
    2006: "2006-01-29",
    2007: "2007-02-18",
    2008: "2008-02-07",
    2009: "2009-01-26",
    2010: "2010-02-14",
    2011: "2011-02-03",
    2012: "2012-01-23",
    2013: "2013-02-10",
    2014: "2014-01-31",
    2015: "2015-02-19",
    2016: "2016-02-08",
    2017: "2017-01-28",
    2018: "2018-02-16",
    2019: "2019-02-05",
    2020: "2020-01-25",
    2021: "2021-02-12",
    2022: "2022-02-01",
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    **SPRING_FESTIVAL_DATES,
}

# 春节 as a stability window (防风险、保安全、护稳定), not only the statutory holiday: from one anchor to another, the setting
# ``spring_festival_window`` ("eve..holiday_end" by default: from 除夕, which the statutory holiday does not always
# include — 2024's ran 02-10 to 02-17, 除夕 was 02-09 — to the holiday's last day; "new_year..lantern" is 元旦 to 元宵).
SPRING_ANCHORS = {
    "new_year": ("元旦", "1 January"),
    "eve": ("除夕", "the eve (除夕)"),
    "lunar_new_year": ("春节", "正月初一"),
    "holiday_end": ("假期结束", "the statutory holiday's last day"),
    "lantern": ("元宵", "the Lantern Festival (正月十五)"),
}
DEFAULT_SPRING_WINDOW = "eve..holiday_end"

# Fallback 春节 window: from the eve (除夕) to the 6th day after new year's day, 8 days.
_SPRING_BEFORE = timedelta(days=1)
_SPRING_AFTER = timedelta(days=6)

# The names chinese_calendar.get_holiday_detail gives these holidays.
_LIBRARY_NAMES = {
    "may_day": chinese_calendar.Holiday.labour_day.value,
    "national_day": chinese_calendar.Holiday.national_day.value,
    "spring_festival": chinese_calendar.Holiday.spring_festival.value,
}

_MMDD = re.compile(r"(\d{2})-(\d{2})", re.ASCII)
_DAY = timedelta(days=1)

Windows = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class KeyPeriod:
    """One key period in one year; source is 'official' (chinese_calendar) or 'configured'."""

    code: str
    start: date
    end: date
    source: str

    def contains(self, d: date) -> bool:
        """True when `d` falls in this key period (both ends inclusive)."""
        return self.start <= d <= self.end


def _rest_day(d: date) -> bool:
    """True for a day off in the official calendar (holiday or ordinary weekend)."""
    return chinese_calendar.get_holiday_detail(d)[0]


def _official_window(year: int, name: str) -> tuple[date, date] | None:
    """The official holiday run for `name` in `year`, or None when the library lacks the year.

    Starts from the days the library labels with `name`, joins runs separated only by days off,
    and extends over adjacent days off. Why: the library labels a combined holiday day by one
    name only (2025-10-06 is 'Mid-autumn Festival' inside 国庆节、中秋节 10月1日至8日), and leaves
    an ordinary weekend next to a one-day holiday unlabelled (2015 五一: "5月1日放假，与周末连休").
    """
    try:
        d = date(year, 1, 1)
        named: list[date] = []
        while d.year == year:
            on_holiday, holiday_name = chinese_calendar.get_holiday_detail(d)
            if on_holiday and holiday_name == name:
                named.append(d)
            d += _DAY
    except (NotImplementedError, ValueError, KeyError):
        return None
    if not named:
        return None
    # Group the named days into runs, joining gaps made only of days off.
    runs: list[list[date]] = [[named[0], named[0]]]
    for day in named[1:]:
        gap = runs[-1][1] + _DAY
        while gap < day and _rest_day(gap):
            gap += _DAY
        if gap == day:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    start, end = max(runs, key=lambda r: (r[1] - r[0], -r[0].toordinal()))
    start, end = _extend(start, end, year)
    return start, end


def _extend(start: date, end: date, year: int) -> tuple[date, date]:
    """Widen [start, end] over adjacent days off, staying within `year` and the library's range."""
    try:
        while (start - _DAY).year == year and _rest_day(start - _DAY):
            start -= _DAY
    except NotImplementedError:
        pass
    try:
        while (end + _DAY).year == year and _rest_day(end + _DAY):
            end += _DAY
    except NotImplementedError:
        pass
    return start, end


def _month_day(year: int, mmdd: str, code: str) -> date:
    m = _MMDD.fullmatch(mmdd)
    try:
        if not m:
            raise ValueError(mmdd)
        return date(year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise Invalid(f"windows.{code}", mmdd, "a month-day like 03-05", "月-日，如 03-05") from None


def _configured(code: str, year: int, window: tuple[str, str]) -> KeyPeriod:
    start = _month_day(year, window[0], code)
    end = _month_day(year, window[1], code)
    if end < start:
        raise Invalid(f"windows.{code}", window, "a start no later than the end", "开始日期不晚于结束日期")
    return KeyPeriod(code, start, end, "configured")


def parse_spring_window(text: str) -> tuple[str, str]:
    """'START..END' of SPRING_ANCHORS, by code or Chinese label (除夕..假期结束, 元旦..元宵)."""
    by_label = {zh: code for code, (zh, _) in SPRING_ANCHORS.items()}
    parts = [p.strip() for p in str(text).split("..")] if ".." in str(text) else []
    codes = [by_label.get(p, p) for p in parts]
    allowed = ", ".join(SPRING_ANCHORS)
    if len(codes) != 2 or not all(c in SPRING_ANCHORS for c in codes):
        raise Invalid(
            "spring_festival_window",
            text,
            f"START..END of {allowed} (e.g. eve..holiday_end, new_year..lantern)",
            "起..止，可用 "
            + "、".join(zh for zh, _ in SPRING_ANCHORS.values())
            + "（如 除夕..假期结束、元旦..元宵）",
        )
    order = list(SPRING_ANCHORS)  # in the order they come in every year
    if order.index(codes[0]) > order.index(codes[1]):
        raise Invalid(
            "spring_festival_window",
            text,
            "a start that comes before the end (new_year, eve, lunar_new_year, holiday_end, lantern)",
            "开始早于结束（顺序：元旦、除夕、春节、假期结束、元宵）",
        )
    return codes[0], codes[1]


def _spring_anchor(year: int, anchor: str) -> date | None:
    if anchor == "new_year":
        return date(year, 1, 1)
    if year not in LUNAR_NEW_YEAR:
        return None
    first = date.fromisoformat(LUNAR_NEW_YEAR[year])
    if anchor == "eve":
        return first - _DAY
    if anchor == "lunar_new_year":
        return first
    if anchor == "lantern":
        return first + timedelta(days=14)  # 正月十五
    official = _official_window(year, _LIBRARY_NAMES["spring_festival"])
    return official[1] if official else first + _SPRING_AFTER


def spring_stability_window(year: int, spring: str) -> KeyPeriod | None:
    """春节 of ``year`` from anchor to anchor (``spring`` = 'START..END'); None when the lunar date is unknown."""
    a, b = parse_spring_window(spring)
    start, end = _spring_anchor(year, a), _spring_anchor(year, b)
    if start is None or end is None:
        return None
    if end < start:
        raise Invalid("spring_festival_window", spring, "a start no later than the end", "开始不晚于结束")
    return KeyPeriod("spring_festival", start, end, "configured")


@functools.lru_cache(maxsize=256)
def _key_periods_cached(
    year: int, windows: tuple[tuple[str, tuple[str, str]], ...], spring: str | None = None
) -> tuple[KeyPeriod, ...]:
    configured = dict(DEFAULT_WINDOWS)
    configured.update(dict(windows))
    out: list[KeyPeriod] = [_configured("two_sessions", year, configured["two_sessions"])]
    if "two_sessions_local" in configured:  # the region's, the city's, the banner's 两会: only where set
        out.append(_configured("two_sessions_local", year, configured["two_sessions_local"]))
    for code in ("may_day", "national_day", "spring_festival"):
        stability = spring_stability_window(year, spring) if code == "spring_festival" and spring else None
        if stability is not None:
            out.append(stability)
            continue
        official = _official_window(year, _LIBRARY_NAMES[code])
        if official is not None:
            out.append(KeyPeriod(code, official[0], official[1], "official"))
        elif code in configured:
            out.append(_configured(code, year, configured[code]))
        elif year in SPRING_FESTIVAL_DATES:
            new_year = date.fromisoformat(SPRING_FESTIVAL_DATES[year])
            out.append(KeyPeriod(code, new_year - _SPRING_BEFORE, new_year + _SPRING_AFTER, "configured"))
        # else: 春节 of a year neither the library nor the table knows is skipped.
    return tuple(sorted(out, key=lambda k: (k.start, k.code)))


def _freeze(windows: Windows | None) -> tuple[tuple[str, tuple[str, str]], ...]:
    if not windows:
        return ()
    for code in windows:
        if code not in KEY_PERIOD_CODES:
            raise Invalid(
                "windows", code, "one of " + ", ".join(KEY_PERIOD_CODES), "两会、五一、国庆、春节或地方两会"
            )
        window = windows[code]
        # JSON settings give lists, so any 2-item sequence of "MM-DD" strings is accepted.
        if isinstance(window, str) or len(window) != 2 or not all(isinstance(x, str) for x in window):
            raise Invalid(
                f"windows.{code}", window, 'a pair like ["03-03", "03-15"]', '日期对，如 ["03-03", "03-15"]'
            )
    return tuple(sorted((code, (w[0], w[1])) for code, w in windows.items()))


def key_periods(year: int, *, windows: Windows | None = None, spring: str | None = None) -> list[KeyPeriod]:
    """The key periods of `year`, sorted by start. `windows` overrides DEFAULT_WINDOWS per code; `spring`
    ('START..END' of SPRING_ANCHORS) makes 春节 a stability window instead of the statutory holiday."""
    return list(_key_periods_cached(year, _freeze(windows), spring))


def key_period_on(d: date, *, windows: Windows | None = None, spring: str | None = None) -> KeyPeriod | None:
    """The key period containing `d`, if any (the earliest-starting where two overlap)."""
    for kp in _key_periods_cached(d.year, _freeze(windows), spring):
        if kp.contains(d):
            return kp
    return None


def key_periods_between(
    start: date, end: date, *, windows: Windows | None = None, spring: str | None = None
) -> list[KeyPeriod]:
    """Key periods overlapping [start, end] (both inclusive), sorted by start."""
    frozen = _freeze(windows)
    out: list[KeyPeriod] = []
    for year in range(start.year, end.year + 1):
        out.extend(
            kp for kp in _key_periods_cached(year, frozen, spring) if kp.start <= end and kp.end >= start
        )
    return out
