"""Deadlines on working days (setting deadlines_on_working_days, default 1): the quarterly report's 28th moves to the next
working day when it is a weekend or a holiday, as chinese-calendar's notices have them, 调休 make-up days included."""

from datetime import date

import pytest

from mediation_cli.domain.workdays import is_working_day, next_working_day


@pytest.mark.parametrize(
    ("nominal", "due"),
    [
        (date(2024, 9, 28), date(2024, 9, 29)),  # a Saturday; Sunday 09-29 is a 调休 working day before 国庆
        (date(2024, 12, 28), date(2024, 12, 30)),  # a Saturday: the Monday after
        (date(2024, 6, 28), date(2024, 6, 28)),  # a Friday stays
        (date(2024, 10, 1), date(2024, 10, 8)),  # 国庆 2024: 10-01 … 10-07 off
        (date(2027, 3, 27), date(2027, 3, 29)),  # a year the calendar may not know: Saturday → Monday
    ],
)
def test_next_working_day(nominal, due):
    assert next_working_day(nominal) == due
    assert is_working_day(due)


def _due_on(run, quarter: str) -> set[str]:
    rows = run("report", "submissions", "--quarter", quarter, "--as-of", "2024-12-31", "-f", "json").json()
    return {r["due_on"] for r in rows}


def test_the_quarterly_report_is_due_on_a_working_day(banner):
    run = banner
    assert _due_on(run, "2024Q3") == {"2024-09-29"}
    assert _due_on(run, "2024Q4") == {"2024-12-30"}
    assert _due_on(run, "2024Q2") == {"2024-06-28"}
    assert run("config", "set", "deadlines_on_working_days", "0").exit_code == 0
    assert _due_on(run, "2024Q3") == {"2024-09-28"}
    bad = run("config", "set", "deadlines_on_working_days", "2")
    assert bad.exit_code == 1 and "deadlines_on_working_days" in bad.stderr


def test_a_report_received_on_the_moved_day_is_on_time(banner):
    run = banner
    assert run("report", "submitted", "--org", "T1", "--quarter", "2024Q3", "--on", "2024-09-29",
               env={"MEDIATION_TODAY": "2024-10-10"}).exit_code == 0  # fmt: skip
    rows = run("report", "submissions", "--quarter", "2024Q3", "--as-of", "2024-10-10", "-f", "json").json()
    t1 = next(r for r in rows if r["code"] == "T1")
    assert (t1["due_on"], t1["state"]) == ("2024-09-29", "on_time")
