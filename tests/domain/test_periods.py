"""Tests for domain.periods."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.periods import (
    CADENCE_KINDS,
    Period,
    cadence_period_kind,
    parse_period,
    parse_quarter,
    period_containing,
    periods_within,
)

KINDS = ("week", "month", "quarter", "year")


def test_week_of_year_starting_in_december() -> None:
    p = period_containing("week", date(2024, 12, 30))
    assert p == Period("week", date(2024, 12, 30), date(2025, 1, 5))
    assert p.label == "2025-W01"


def test_week_53() -> None:
    p = period_containing("week", date(2020, 12, 31))
    assert (p.start, p.end, p.label) == (date(2020, 12, 28), date(2021, 1, 3), "2020-W53")
    assert period_containing("week", date(2021, 1, 3)).label == "2020-W53"
    assert parse_period("2020-W53") == p
    # 2026 starts on a Thursday, so it has 53 ISO weeks; 2025 has 52.
    assert parse_period("2026-W53").start == date(2026, 12, 28)
    with pytest.raises(Invalid):
        parse_period("2025-W53")
    with pytest.raises(Invalid):
        parse_period("2024-W00")


def test_week_label_zero_padded() -> None:
    assert period_containing("week", date(2024, 2, 1)).label == "2024-W05"


def test_month_ends() -> None:
    assert period_containing("month", date(2024, 2, 10)).end == date(2024, 2, 29)
    assert period_containing("month", date(2023, 2, 10)).end == date(2023, 2, 28)
    assert period_containing("month", date(1900, 2, 1)).end == date(1900, 2, 28)
    assert period_containing("month", date(2000, 2, 1)).end == date(2000, 2, 29)
    dec = period_containing("month", date(2024, 12, 31))
    assert (dec.start, dec.end, dec.label) == (date(2024, 12, 1), date(2024, 12, 31), "2024-12")


def test_quarter_and_year() -> None:
    q = period_containing("quarter", date(2024, 5, 17))
    assert (q.start, q.end, q.label) == (date(2024, 4, 1), date(2024, 6, 30), "2024Q2")
    y = period_containing("year", date(2024, 5, 17))
    assert (y.start, y.end, y.label) == (date(2024, 1, 1), date(2024, 12, 31), "2024")


def test_next_prev() -> None:
    q = parse_period("2024Q4")
    assert q.next().label == "2025Q1"
    assert q.next().prev() == q
    assert parse_period("2024-01").prev().label == "2023-12"
    assert parse_period("2025-W01").prev().label == "2024-W52"
    assert parse_period("2020-W53").next().label == "2021-W01"


def test_contains() -> None:
    m = parse_period("2024-03")
    assert m.contains(date(2024, 3, 1)) and m.contains(date(2024, 3, 31))
    assert not m.contains(date(2024, 4, 1)) and not m.contains(date(2024, 2, 29))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2024Q2", "2024Q2"),
        ("2024q2", "2024Q2"),
        ("2024-Q2", "2024Q2"),
        ("2024-03", "2024-03"),
        ("2024-3", "2024-03"),
        ("2024-W12", "2024-W12"),
        ("2024W12", "2024-W12"),
        ("2024-w12", "2024-W12"),
        ("2024", "2024"),
        (" 2024Q1 ", "2024Q1"),
    ],
)
def test_parse_period(text: str, label: str) -> None:
    assert parse_period(text).label == label


@pytest.mark.parametrize(
    "text", ["", "2024Q5", "2024Q0", "2024-13", "2024-00", "2024-W54", "24Q1", "Q2 2024", "0000"]
)
def test_parse_period_refuses(text: str) -> None:
    with pytest.raises(Invalid) as err:
        parse_period(text)
    assert err.value.field == "period"
    assert err.value.value == text


def test_parse_quarter() -> None:
    assert parse_quarter("2024-q3") == Period("quarter", date(2024, 7, 1), date(2024, 9, 30))
    for bad in ("2024-03", "2024", "2024-W12", "2024Q9"):
        with pytest.raises(Invalid) as err:
            parse_quarter(bad)
        assert err.value.field == "quarter"


def test_cadence() -> None:
    assert CADENCE_KINDS == ("weekly", "monthly", "quarterly")
    assert [cadence_period_kind(c) for c in CADENCE_KINDS] == ["week", "month", "quarter"]
    with pytest.raises(Invalid):
        cadence_period_kind("daily")


def test_unknown_kind() -> None:
    with pytest.raises(Invalid):
        period_containing("fortnight", date(2024, 1, 1))


def test_periods_within_examples() -> None:
    months = periods_within("month", date(2024, 1, 15), date(2024, 4, 30))
    assert [p.label for p in months] == ["2024-02", "2024-03", "2024-04"]
    assert periods_within("month", date(2024, 1, 2), date(2024, 1, 30)) == []
    assert periods_within("week", date(2024, 1, 3), date(2024, 1, 1)) == []
    assert [p.label for p in periods_within("week", date(2024, 12, 30), date(2025, 1, 5))] == ["2025-W01"]
    assert len(periods_within("week", date(2024, 1, 1), date(2024, 12, 29))) == 52


def test_periods_within_long_range_is_fast() -> None:
    # Stepping period by period: 1,000 years of weeks, and the whole calendar in years.
    weeks = periods_within("week", date(1000, 1, 1), date(1999, 12, 31))
    assert len(weeks) > 52_000
    # The ends of the calendar do not overflow.
    assert periods_within("week", date(1, 1, 1), date(1, 1, 7))[0].start == date(1, 1, 1)
    assert periods_within("month", date(9999, 11, 1), date(9999, 12, 31))[-1].label == "9999-12"
    assert periods_within("week", date(9999, 12, 1), date(9999, 12, 26))[-1].end == date(9999, 12, 26)
    assert periods_within("year", date(1, 1, 1), date(9999, 12, 31))[-1].label == "9999"


def brute_force(kind: str, start: date, end: date) -> list[Period]:
    found: list[Period] = []
    d = start
    while d <= end:
        p = period_containing(kind, d)
        if p.start >= start and p.end <= end and (not found or found[-1] != p):
            found.append(p)
        d += timedelta(days=1)
    return found


@given(
    st.sampled_from(KINDS),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_periods_within_matches_brute_force(kind: str, start: date, days: int) -> None:
    end = start + timedelta(days=days)
    got = periods_within(kind, start, end)
    assert got == brute_force(kind, start, end)
    for p in got:
        assert start <= p.start <= p.end <= end
    for a, b in zip(got, got[1:], strict=False):
        assert b.start == a.end + timedelta(days=1)
        assert a.next() == b and b.prev() == a


@given(st.sampled_from(KINDS), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)))
def test_period_containing_properties(kind: str, d: date) -> None:
    p = period_containing(kind, d)
    assert p.contains(d)
    assert p.kind == kind
    assert parse_period(p.label) == p
    assert p.next().start == p.end + timedelta(days=1)
    assert p.prev().end == p.start - timedelta(days=1)
    if kind == "week":
        assert p.start.weekday() == 0 and (p.end - p.start).days == 6
