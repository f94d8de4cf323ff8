"""domain.cadence without a database, and the SQL period index agreeing with the Python one."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.cadence import (
    due_state,
    finer,
    met,
    owed_periods,
    period_at,
    period_index,
    rate,
)
from mediation_cli.domain.periods import periods_within
from mediation_cli.reports.compliance import PERIOD_INDEX_SQL

KINDS = ("week", "month", "quarter")
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(st.sampled_from(KINDS), days)
def test_index_round_trip(kind, d):
    p = period_at(kind, period_index(kind, d))
    assert p.contains(d)
    assert period_index(kind, p.start) == period_index(kind, p.end) == period_index(kind, d)
    assert period_index(kind, p.end + timedelta(days=1)) == period_index(kind, d) + 1


@given(st.sampled_from(KINDS), days, st.integers(min_value=0, max_value=800))
def test_owed_periods_are_periods_within(kind, start, length):
    end = start + timedelta(days=length)
    assert [period_at(kind, i) for i in owed_periods(kind, start, end)] == periods_within(kind, start, end)


@given(st.sampled_from(KINDS), days, st.integers(0, 400), st.integers(0, 400), st.integers(1, 400))
def test_owed_periods_lie_in_the_active_span(kind, start, length, after, span):
    end = start + timedelta(days=length)
    est = start + timedelta(days=after - 200)
    dis = est + timedelta(days=span)
    owed = [period_at(kind, i) for i in owed_periods(kind, start, end, est, dis)]
    expected = [p for p in periods_within(kind, start, end) if p.start >= est and p.end < dis]
    assert owed == expected


@given(st.lists(days, min_size=1, max_size=50))
def test_sql_index_matches_python(ds):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE s(screened_on TEXT)")
    conn.executemany("INSERT INTO s VALUES (?)", [(d.isoformat(),) for d in ds])
    for kind, expr in PERIOD_INDEX_SQL.items():
        got = [r[0] for r in conn.execute(f"SELECT {expr} FROM s AS s ORDER BY rowid")]
        assert got == [period_index(kind, d) for d in ds], kind


def test_labels_at_year_edges():
    assert period_at("week", period_index("week", date(2024, 12, 30))).label == "2025-W01"
    assert period_at("week", period_index("week", date(2021, 1, 3))).label == "2020-W53"
    assert period_at("month", period_index("month", date(2024, 2, 29))).label == "2024-02"
    assert period_at("quarter", period_index("quarter", date(2024, 12, 31))).label == "2024Q4"


def test_met_and_rate():
    owed = range(10, 14)
    assert met(owed, [9, 10, 12, 12, 20]) == (2, [11, 13])
    assert rate(2, 4) == 0.5 and rate(0, 0) is None


def test_finer():
    assert finer("weekly", "monthly") and finer("monthly", "quarterly") and finer("weekly", "none")
    assert not finer("monthly", "weekly") and not finer("none", "weekly") and not finer("weekly", "weekly")


def test_due_state():
    wed = date(2024, 3, 13)  # W11
    assert due_state("weekly", wed, date(2024, 3, 11))[1] is None
    assert due_state("weekly", wed, date(2024, 3, 10))[1] == "due"  # Sunday of W10
    assert due_state("weekly", wed, date(2024, 3, 3))[1] == "overdue"
    assert due_state("weekly", wed, None)[1] == "overdue"
    assert due_state("weekly", wed, None, established_on=date(2024, 3, 5))[1] == "due"  # W10 not owed
    assert due_state("weekly", wed, None, established_on=date(2024, 3, 4))[1] == "overdue"
    assert due_state("weekly", wed, None, owes=lambda p: False)[1] == "due"
    period, state = due_state("monthly", wed, date(2024, 2, 29))
    assert (period.label, state) == ("2024-03", "due")
