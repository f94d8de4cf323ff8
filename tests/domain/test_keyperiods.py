"""Tests for domain.keyperiods and domain.stats."""

from datetime import date

import pytest

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.keyperiods import (
    DEFAULT_WINDOWS,
    KEY_PERIOD_CODES,
    KEY_PERIOD_LABELS,
    KEY_PERIOD_LABELS_EN,
    SPRING_FESTIVAL_DATES,
    KeyPeriod,
    key_period_on,
    key_periods,
    key_periods_between,
)
from mediation_cli.domain.stats import median


def by_code(year: int, **kw: object) -> dict[str, KeyPeriod]:
    return {kp.code: kp for kp in key_periods(year, **kw)}  # type: ignore[arg-type]


def test_2024_official() -> None:
    kps = by_code(2024)
    assert kps["national_day"] == KeyPeriod("national_day", date(2024, 10, 1), date(2024, 10, 7), "official")
    assert kps["spring_festival"] == KeyPeriod(
        "spring_festival", date(2024, 2, 10), date(2024, 2, 17), "official"
    )
    assert kps["may_day"] == KeyPeriod("may_day", date(2024, 5, 1), date(2024, 5, 5), "official")
    assert kps["two_sessions"] == KeyPeriod("two_sessions", date(2024, 3, 3), date(2024, 3, 15), "configured")


def test_sorted_by_start() -> None:
    for year in (2024, 2027, 2050):
        starts = [kp.start for kp in key_periods(year)]
        assert starts == sorted(starts)


def test_combined_holidays_are_whole() -> None:
    # 2025: 国庆节、中秋节 10月1日至8日 (the library names 10-06 'Mid-autumn Festival').
    assert (by_code(2025)["national_day"].start, by_code(2025)["national_day"].end) == (
        date(2025, 10, 1),
        date(2025, 10, 8),
    )
    # 2023: 9月29日至10月6日.
    nd = by_code(2023)["national_day"]
    assert (nd.start, nd.end) == (date(2023, 9, 29), date(2023, 10, 6))
    # 2015 五一: "5月1日放假，与周末连休".
    md = by_code(2015)["may_day"]
    assert (md.start, md.end) == (date(2015, 5, 1), date(2015, 5, 3))


def test_2027_falls_back() -> None:
    kps = by_code(2027)
    assert set(kps) == set(KEY_PERIOD_CODES) - {"two_sessions_local"}  # the local 两会 only where set
    assert all(kp.source == "configured" for kp in kps.values())
    assert (kps["spring_festival"].start, kps["spring_festival"].end) == (
        date(2027, 2, 5),
        date(2027, 2, 12),
    )
    assert (kps["may_day"].start, kps["may_day"].end) == (date(2027, 5, 1), date(2027, 5, 5))
    assert (kps["national_day"].start, kps["national_day"].end) == (
        date(2027, 10, 1),
        date(2027, 10, 7),
    )


def test_beyond_table_skips_spring_festival() -> None:
    assert max(SPRING_FESTIVAL_DATES) == 2040
    codes = [kp.code for kp in key_periods(2050)]
    assert "spring_festival" not in codes
    assert set(codes) == {"two_sessions", "may_day", "national_day"}
    assert "spring_festival" not in [kp.code for kp in key_periods(2003)]


def test_spring_festival_table_weekday_sanity() -> None:
    # Each lunar new year falls between 21 January and 20 February.
    for year, iso in SPRING_FESTIVAL_DATES.items():
        d = date.fromisoformat(iso)
        assert d.year == year and date(year, 1, 21) <= d <= date(year, 2, 20)


def test_two_sessions_always_configured() -> None:
    for year in (2010, 2024, 2027):
        ts = by_code(year)["two_sessions"]
        assert ts.source == "configured"
        assert (ts.start, ts.end) == (date(year, 3, 3), date(year, 3, 15))


def test_custom_windows() -> None:
    windows = {"two_sessions": ("03-04", "03-11"), "spring_festival": ("02-01", "02-10")}
    kps2024 = by_code(2024, windows=windows)
    assert (kps2024["two_sessions"].start, kps2024["two_sessions"].end) == (
        date(2024, 3, 4),
        date(2024, 3, 11),
    )
    # The library still rules where it knows the year.
    assert kps2024["spring_festival"].source == "official"
    kps2027 = by_code(2027, windows=windows)
    assert (kps2027["spring_festival"].start, kps2027["spring_festival"].end) == (
        date(2027, 2, 1),
        date(2027, 2, 10),
    )
    assert kps2027["may_day"].end == date(2027, 5, 5)
    # Defaults are untouched and the cache keeps the two apart.
    assert DEFAULT_WINDOWS["two_sessions"] == ("03-03", "03-15")
    assert by_code(2024)["two_sessions"].start == date(2024, 3, 3)
    assert by_code(2050, windows=windows)["spring_festival"].start == date(2050, 2, 1)
    # Lists, as JSON settings give them, work too.
    assert by_code(2027, windows={"may_day": ["04-30", "05-04"]})["may_day"].start == date(2027, 4, 30)


@pytest.mark.parametrize(
    "windows",
    [
        {"two_sessions": ("3-4", "03-11")},
        {"two_sessions": ("03-12", "03-11")},
        {"may_day": ("02-30", "03-01")},
        {"lantern": ("01-15", "01-15")},
        {"may_day": ("05-01",)},
        {"may_day": "05-01"},
    ],
)
def test_bad_windows(windows: dict[str, tuple[str, str]]) -> None:
    with pytest.raises(Invalid):
        key_periods(2027, windows=windows)


def test_key_period_on() -> None:
    assert key_period_on(date(2024, 10, 3)).code == "national_day"  # type: ignore[union-attr]
    assert key_period_on(date(2024, 10, 8)) is None
    assert key_period_on(date(2024, 3, 10)).code == "two_sessions"  # type: ignore[union-attr]
    assert key_period_on(date(2027, 2, 5)).code == "spring_festival"  # type: ignore[union-attr]
    assert key_period_on(date(2027, 2, 13)) is None


def test_key_periods_between() -> None:
    got = key_periods_between(date(2024, 10, 7), date(2025, 3, 3))
    assert [(kp.code, kp.start.year) for kp in got] == [
        ("national_day", 2024),
        ("spring_festival", 2025),
        ("two_sessions", 2025),
    ]
    assert key_periods_between(date(2024, 6, 1), date(2024, 9, 1)) == []
    assert key_periods_between(date(2024, 6, 1), date(2024, 5, 1)) == []


def test_labels() -> None:
    assert set(KEY_PERIOD_LABELS) == set(KEY_PERIOD_CODES) == set(KEY_PERIOD_LABELS_EN)
    assert KEY_PERIOD_LABELS["two_sessions"] == "两会"
    assert KEY_PERIOD_LABELS_EN["may_day"] == "May Day"


def test_median() -> None:
    assert median([]) is None
    assert median([3]) == 3
    assert median([5, 1, 3]) == 3
    assert median([1, 2, 3, 4]) == 2.5
    assert median([2.0, 4.0]) == 3.0
