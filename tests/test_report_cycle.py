"""报送时间：每月28日 (issue 15 item 3): read as the 28th of the quarter's last month (report_cycle quarterly, the
default) or of every month (monthly); either way a 28th on a weekend or holiday moves to the next working day, and a
28th that is a 调休 make-up working day stays."""

from __future__ import annotations

from datetime import date

import pytest

from mediation_cli.domain.periods import parse_period
from mediation_cli.domain.reporting import report_due_on


@pytest.mark.parametrize(
    ("period", "due"),
    [
        ("2024-04", date(2024, 4, 28)),  # a Sunday, but a 调休 working day (五一 2024): it stays
        ("2024-07", date(2024, 7, 29)),  # a Sunday: Monday
        ("2024-09", date(2024, 9, 29)),  # a Saturday; the Sunday after is a 调休 working day (国庆 2024)
        ("2024-12", date(2024, 12, 30)),  # a Saturday: Monday
        ("2024-05", date(2024, 5, 28)),  # a Tuesday
        ("2024Q2", date(2024, 6, 28)),  # the quarter's: its last month's 28th, a Friday
        ("2024Q3", date(2024, 9, 29)),
    ],
)
def test_the_28th_of_a_month_or_of_a_quarters_last_month(period, due):
    assert report_due_on(parse_period(period), 28, True) == due


def test_without_working_days_the_28th_stays():
    assert report_due_on(parse_period("2024-07"), 28, False) == date(2024, 7, 28)
    assert report_due_on(parse_period("2024-02"), 31, False) == date(
        2024, 2, 29
    )  # at most the month's last day


def _submissions(run, period, on="2024-12-31"):
    r = run("report", "submissions", "--quarter", period, "--as-of", on, "-f", "json")
    assert r.exit_code == 0, r
    return r.json()


def test_quarterly_is_the_default_and_monthly_a_setting(banner):
    run = banner
    assert run("config", "get", "report_cycle").stdout.strip().endswith("quarterly")
    assert {r["due_on"] for r in _submissions(run, "2024Q2")} == {"2024-06-28"}
    month = run("report", "submissions", "--quarter", "2024-04")
    assert month.exit_code == 1 and "quarter" in month.stderr and "Traceback" not in month.stderr
    assert run("config", "set", "report_cycle", "monthly").exit_code == 0
    assert {r["due_on"] for r in _submissions(run, "2024-04")} == {"2024-04-28"}
    assert {r["due_on"] for r in _submissions(run, "2024-07")} == {"2024-07-29"}
    q = run("--lang", "zh", "report", "submissions", "--quarter", "2024Q2")
    assert q.exit_code == 1 and "月份" in q.stderr and "2024Q2" in q.stderr
    bad = run("config", "set", "report_cycle", "weekly")
    assert bad.exit_code == 1 and "report_cycle" in bad.stderr and "monthly" in bad.stderr


def test_monthly_reminders_submissions_and_campaign(banner):
    run = banner
    assert run("config", "set", "report_cycle", "monthly").exit_code == 0
    r = run("report", "submitted", "--org", "T1", "--quarter", "2024-06", "--on", "2024-06-28")
    assert r.exit_code == 0, r
    rows = {(x["kind"], x["ref"]): x for x in run("remind", "--as-of", "2024-07-25", "-f", "json").json()}
    # July's report is due 07-29 (the 28th is a Sunday): within the 7 days' warning; June's: T1 sent it, I1 did not
    assert rows[("report_due", "T1/2024-07")]["due_on"] == "2024-07-29"
    assert rows[("report_late", "I1/2024-06")]["due_on"] == "2024-06-28"
    assert ("report_late", "T1/2024-06") not in rows
    zh = run("--lang", "zh", "remind", "--as-of", "2024-07-25", "-f", "json").json()
    assert any("月度报告" in x["what"] for x in zh)
    # the campaign from 03-01: March to June are due by 06-30, two committees each; T1's June one on time
    rep = run("report", "campaign", "--as-of", "2024-06-30", "-f", "json").json()
    assert {t["key"]: t for t in rep["targets"]}["reports_submitted"]["detail"] == "1/8"
    assert run("config", "set", "report_cycle", "quarterly").exit_code == 0
    rows = {(x["kind"], x["ref"]) for x in run("remind", "--as-of", "2024-07-25", "-f", "json").json()}
    assert ("report_late", "T1/2024Q2") in rows and ("report_late", "I1/2024Q2") in rows
