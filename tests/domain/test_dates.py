"""Tests for domain.dates and domain.errors."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.dates import format_date, parse_date
from mediation_cli.domain.errors import Invalid

TODAY = date(2024, 6, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-25",
        "2024/3/25",
        "2024/03/25",
        "2024.3.25",
        "2024年3月25日",
        "2024 年 3 月 25 日",
        "２０２４年３月２５日",
        "２０２４／３／２５",
        "  2024-03-25  ",
        "20240325",  # as typed into a spreadsheet (issue 14)
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text, today=TODAY) == date(2024, 3, 25)


def test_parse_date_single_digit_iso() -> None:
    assert parse_date("2024-3-5", today=TODAY) == date(2024, 3, 5)


@pytest.mark.parametrize("text", ["today", "TODAY", "Today", "今天", " today "])
def test_parse_date_today(text: str) -> None:
    assert parse_date(text, today=TODAY) == TODAY


@pytest.mark.parametrize("text,days", [("yesterday", 1), ("昨天", 1), ("昨日", 1), ("前天", 2)])
def test_parse_date_days_before_today(text: str, days: int) -> None:
    # issue 14: a clerk enters yesterday's visit as 昨天 (it was refused before)
    assert (TODAY - parse_date(text, today=TODAY)).days == days


def test_parse_date_passes_dates_through() -> None:
    assert parse_date(date(2020, 2, 29), today=TODAY) == date(2020, 2, 29)
    assert parse_date(datetime(2020, 2, 29, 13, 5), today=TODAY) == date(2020, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tomorrow",
        "20240230",
        "2024032",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024/3-25",  # mixed separators
        "24-03-25",
        "2024年3月",
        "2024-03-25T10:00",
        "25/03/2024",
        "2024年2月30日",
    ],
)
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(Invalid) as err:
        parse_date(text, today=TODAY, field="received_on")
    assert err.value.field == "received_on"
    assert err.value.value == text
    assert "2024-03-25" in err.value.allowed
    assert err.value.allowed_zh and "日期" in err.value.allowed_zh


def test_leap_day() -> None:
    assert parse_date("2024-02-29", today=TODAY) == date(2024, 2, 29)


def test_invalid_str() -> None:
    e = Invalid("received_on", "2024-02-30", "a date")
    assert str(e) == "received_on: '2024-02-30' — a date"
    assert isinstance(e, ValueError)
    assert e.allowed_zh is None


def test_format_date() -> None:
    assert format_date(date(2024, 3, 5)) == "2024-03-05"
    assert format_date(None) is None


@given(st.dates(min_value=date(1000, 1, 1)))
def test_round_trip_all_forms(d: date) -> None:
    assert parse_date(format_date(d) or "", today=TODAY) == d
    assert parse_date(f"{d.year}/{d.month}/{d.day}", today=TODAY) == d
    assert parse_date(f"{d.year}.{d.month}.{d.day}", today=TODAY) == d
    assert parse_date(f"{d.year}年{d.month}月{d.day}日", today=TODAY) == d
