"""Committee star ratings (星级评定, issue 9 item 3, issue 15 item 14): figures against configurable criteria, the
rating's dated history, and its validity (stale on the day it ends, in `remind` and in the report)."""

from __future__ import annotations

import json

import pytest

CRITERIA = {
    "1": {"mediators": 2},
    "2": {"mediators": 2, "success_rate": 0.75, "reports_on_time": 0.5},
    "3": {"mediators": 3, "full_time": 1, "success_rate": 0.75, "reports_on_time": 1},
}


@pytest.fixture
def rated(banner, tmp_path):
    run = banner
    for staff in ("M1", "M2"):
        assert (
            run(
                "mediator",
                "add",
                "--staff-no",
                staff,
                "--name",
                f"调解员{staff}",
                "--org",
                "T1",
                "--employment",
                "part_time",
                "--joined-on",
                "2020-01-01",
            ).exit_code
            == 0
        )
    assert run("config", "set", "star_criteria", json.dumps(CRITERIA)).exit_code == 0
    rows = "".join(
        f"T1,2024-0{i}-01,application,neighbour,纠纷{i},{s},2024-0{i}-05,{a},M1\n"
        for i, s, a in (
            (1, "succeeded", "written"),
            (2, "succeeded", "oral"),
            (3, "succeeded", "written"),
            (4, "failed", ""),
        )
    )
    path = tmp_path / "cases.csv"
    path.write_text(
        "org_code,received_on,source,category,summary,status,outcome_on,agreement,mediators\n" + rows,
        encoding="utf-8",
    )
    assert run("case", "import", path).exit_code == 0
    # Q3 2023 and Q4 2023 fall before the window; Q1 2024 due 2024-03-28 in time, Q2 2024 (due 2024-06-28) late
    assert (
        run("report", "submitted", "--org", "T1", "--quarter", "2024Q1", "--on", "2024-03-28").exit_code == 0
    )
    assert (
        run("report", "submitted", "--org", "T1", "--quarter", "2024Q2", "--on", "2024-06-30").exit_code == 0
    )
    return run


def star_row(run, as_of, code="T1"):
    rep = run("report", "stars", "--as-of", as_of, "-f", "json").json()
    return {o["code"]: o for o in rep["orgs"]}[code]


def test_figures_and_the_rating_met_at_the_thresholds(rated):
    t1 = star_row(rated, "2024-06-30")
    assert t1["mediators"] == 2 and t1["full_time"] == 0
    assert t1["success_rate"] == 0.75  # 3 of 4: exactly the threshold
    # due in the 12 months to 2024-06-30: 2023Q3 (2023-09-28), 2023Q4 (2023-12-28), 2024Q1, 2024Q2 — one on time
    assert t1["reports_on_time"] == 0.25
    assert t1["rating_met"] == 1 and t1["next_rating"] == 2
    assert t1["missing_for_next"] == [{"criterion": "reports_on_time", "needed": 0.5, "has": 0.25}]
    # a village committee does not report quarterly: the figure is empty and not held against it
    assert star_row(rated, "2024-06-30", "V1")["reports_on_time"] is None


def test_one_more_report_on_time_reaches_the_next_rating(rated):
    rated("report", "submitted", "--org", "T1", "--quarter", "2023Q4", "--on", "2023-12-27")
    t1 = star_row(rated, "2024-06-30")
    assert t1["reports_on_time"] == 0.5 and t1["rating_met"] == 2
    assert {m["criterion"] for m in t1["missing_for_next"]} == {"mediators", "full_time", "reports_on_time"}


def test_the_rating_keeps_its_history_and_is_stale_on_the_day_its_validity_ends(rated):
    run = rated
    assert run("org", "edit", "T1", "--star-rating", "一星", "--rated-on", "2021-06-30").exit_code == 0
    later_day = {"MEDIATION_TODAY": "2024-12-31"}
    assert (
        run("org", "edit", "T1", "--star-rating", "二星", "--rated-on", "2024-07-15", env=later_day).exit_code
        == 0
    )
    shown = run("org", "show", "T1", "-f", "json").json()
    assert shown["star_rating"] == 2 and shown["rated_on"] == "2024-07-15"
    assert star_row(run, "2024-06-29")["rating_held"] == 1
    assert star_row(run, "2024-06-29")["valid_until"] == "2024-06-30"
    assert star_row(run, "2024-06-29")["stale"] is False
    assert star_row(run, "2024-06-30")["stale"] is True
    later = star_row(run, "2024-07-15")
    assert later["rating_held"] == 2 and later["rated_on"] == "2024-07-15" and later["stale"] is False
    assert star_row(run, "2021-06-29")["rating_held"] is None

    def stale(as_of):
        rows = run("remind", "--as-of", as_of, "-f", "json").json()
        return [r for r in rows if r["kind"] == "rating_stale" and r["ref"] == "T1"]

    assert stale("2024-06-29") == []
    assert [r["due_on"] for r in stale("2024-06-30")] == ["2024-06-30"]
    # the newer rating of 2024-07-15 ends the reminder from that day on
    assert stale("2024-07-15") == []


def test_the_validity_is_a_setting(rated):
    rated("org", "edit", "T1", "--star-rating", "3", "--rated-on", "2023-06-30")
    assert star_row(rated, "2024-06-29")["stale"] is False
    assert rated("config", "set", "rating_years", "1").exit_code == 0
    assert (
        star_row(rated, "2024-06-30")["stale"] is True
        and star_row(rated, "2024-06-30")["valid_until"] == "2024-06-30"
    )


def test_zh_table_and_bad_criteria(rated, db_path):
    zh = rated("--lang", "zh", "report", "stars", "--as-of", "2024-06-30")
    assert zh.exit_code == 0 and "距下一星级所缺" in zh.stdout and "按时报送" in zh.stdout
    bad = rated("config", "set", "star_criteria", '{"1": {"reports_on_time": 2}}')
    assert bad.exit_code == 1 and "star_criteria" in bad.stderr


def test_org_show_lists_the_rating_history(rated):
    rated("org", "edit", "T1", "--star-rating", "1", "--rated-on", "2021-06-30")
    rated("org", "edit", "T1", "--star-rating", "2", "--rated-on", "2024-06-01")
    shown = rated("org", "show", "T1", "-f", "json").json()
    assert shown["rating_history"] == [
        {"rated_on": "2021-06-30", "star_rating": 1},
        {"rated_on": "2024-06-01", "star_rating": 2},
    ]
    table = rated("org", "show", "T1")
    assert table.exit_code == 0 and "Star ratings" in table.stdout and "2024-06-01" in table.stdout
