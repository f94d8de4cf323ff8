"""`report timeliness --year` counts the lags and the year-end rush in one pass of dispute_entry: the same counts as
the two queries it replaces, on a ledger with a rush case (received October, entered November)."""

from __future__ import annotations

from datetime import date

from test_reports_bureau import CASES

from mediation_cli.ledger.db import open_ledger
from mediation_cli.reports.timeliness import lag_counts, lags_and_rush, rush_counts


def test_one_pass_counts_what_the_two_queries_count(banner, tmp_path, db_path):
    f = tmp_path / "cases.csv"
    f.write_text(
        CASES + "A10,V1,2024-01-15,application,neighbour,received,,,,,2024-12-02T08:00:00,normal,,0,\n",
        encoding="utf-8",
    )
    assert banner("case", "import", f).exit_code == 0
    ledger = open_ledger(db_path, "test")
    try:
        for start, end in ((date(2024, 1, 1), date(2024, 12, 31)), (date(2023, 6, 1), date(2024, 10, 31))):
            assert lags_and_rush(ledger, start, end, 2024) == (
                lag_counts(ledger, start, end),
                rush_counts(ledger, 2024),
            )
        assert rush_counts(ledger, 2024) == {ledger.scalar("SELECT id FROM org WHERE code = 'I1'"): 1} | {
            ledger.scalar("SELECT id FROM org WHERE code = 'V1'"): 1
        }
        # a range that does not hold the whole rush window: two queries, the same answer
        part = (date(2024, 4, 1), date(2024, 6, 30))
        assert lags_and_rush(ledger, *part, 2024) == (lag_counts(ledger, *part), rush_counts(ledger, 2024))
        assert lags_and_rush(ledger, *part, None) == (lag_counts(ledger, *part), {})
    finally:
        ledger.close()
