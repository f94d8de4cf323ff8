"""Mediator grades (等级评定, issue 9 item 2): figures against configurable criteria, thresholds inclusive, and the
dated history of a grade."""

from __future__ import annotations

import json

import pytest
from conftest import snapshot

CRITERIA = {
    "四级": {
        "years_of_service": 1,
        "cases": 5,
        "success_rate": 0.8,
        "training_hours": 8,
        "criminal_cases": 0,
    },
    "三级": {
        "years_of_service": 3,
        "cases": 5,
        "success_rate": 0.8,
        "written_share": 0.75,
        "training_hours": 8,
    },
}

HEADER = "org_code,received_on,source,category,summary,status,outcome_on,agreement,mediators,risk_types\n"


def cases_csv(tmp_path, rows: list[str], name="cases.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def graded(banner, tmp_path):
    run = banner
    assert (
        run(
            "mediator",
            "add",
            "--staff-no",
            "M1",
            "--name",
            "乌力吉",
            "--org",
            "T1",
            "--employment",
            "part_time",
            "--joined-on",
            "2021-06-30",
        ).exit_code
        == 0
    )
    assert run("config", "set", "grade_criteria", json.dumps(CRITERIA, ensure_ascii=False)).exit_code == 0
    # 5 cases: 4 succeeded (3 written) and 1 failed: success 4/5 = 0.8 exactly, written 3/4 = 0.75 exactly
    rows = [
        f"T1,2024-0{i}-01,application,neighbour,纠纷{i},succeeded,2024-0{i}-10,{a},M1,"
        for i, a in ((1, "written"), (2, "written"), (3, "written"), (4, "oral"))
    ]
    rows.append("T1,2024-05-01,application,neighbour,纠纷5,failed,2024-05-10,,M1,")
    assert run("case", "import", cases_csv(tmp_path, rows)).exit_code == 0
    # 8 hours on the first day of the 12 months that end on 2024-06-30
    assert (
        run("mediator", "train", "M1", "--on", "2023-07-01", "--topic", "调解技巧", "--hours", "8").exit_code
        == 0
    )
    return run


def grade_of(run, as_of):
    rep = run("report", "grades", "--as-of", as_of, "-f", "json").json()
    return {m["staff_no"]: m for m in rep["mediators"]}["M1"]


def test_a_mediator_exactly_at_every_threshold_meets_the_top_grade(graded):
    m = grade_of(graded, "2024-06-30")
    assert m["years_of_service"] == 3 and m["cases"] == 5 and m["training_hours"] == 8
    assert m["success_rate"] == 0.8 and m["written_share"] == 0.75 and m["criminal_cases"] == 0
    assert m["grade_met"] == "三级" and m["next_grade"] is None and m["missing_for_next"] == []


def test_a_day_short_of_three_years_meets_only_the_grade_below(graded):
    m = grade_of(graded, "2024-06-29")
    assert m["years_of_service"] == 2
    assert m["grade_met"] == "四级" and m["next_grade"] == "三级"
    assert m["missing_for_next"] == [{"criterion": "years_of_service", "needed": 3, "has": 2}]


def test_training_hours_count_the_twelve_months_up_to_the_date(graded):
    # on 2024-07-01 the session of 2023-07-01 is more than 12 months old
    m = grade_of(graded, "2024-07-01")
    assert m["training_hours"] == 0 and m["grade_met"] is None
    assert {"criterion": "training_hours", "needed": 8, "has": 0} in m["missing_for_next"]


def test_one_more_failure_drops_the_rate_below_the_threshold(graded, tmp_path):
    more = cases_csv(
        tmp_path, ["T1,2024-06-01,application,neighbour,纠纷6,failed,2024-06-10,,M1,"], "more.csv"
    )
    assert graded("case", "import", more).exit_code == 0
    m = grade_of(graded, "2024-06-30")
    assert m["cases"] == 6 and m["grade_met"] is None
    assert m["missing_for_next"] == [
        {"criterion": "success_rate", "needed": 0.8, "has": pytest.approx(4 / 6)}
    ]


def test_a_case_turned_criminal_under_their_hands_bars_the_grade(graded, tmp_path):
    more = cases_csv(
        tmp_path, ["T1,2024-06-01,application,neighbour,纠纷7,mediating,,,M1,civil_to_criminal"], "more.csv"
    )
    assert graded("case", "import", more).exit_code == 0
    m = grade_of(graded, "2024-06-30")
    assert m["criminal_cases"] == 1 and m["grade_met"] is None


def test_the_default_criteria_are_in_the_settings(banner):
    value = json.loads(banner("config", "get", "grade_criteria").stdout)
    assert list(value) == ["四级", "三级", "二级", "一级"]
    assert value["四级"] == {
        "years_of_service": 1,
        "cases": 5,
        "success_rate": 0.8,
        "training_hours": 8,
        "criminal_cases": 0,
    }


@pytest.mark.parametrize(
    "bad",
    ['{"四级": {"cases": -1}}', '{"四级": {"speed": 1}}', '{"四级": {"success_rate": 1.5}}', "[1]", "{}"],
)
def test_bad_criteria_are_refused(banner, db_path, bad):
    before = snapshot(db_path)
    r = banner("config", "set", "grade_criteria", bad)
    assert r.exit_code == 1 and "grade_criteria" in r.stderr
    assert snapshot(db_path) == before


def test_the_grade_keeps_its_history_with_the_date(graded):
    run = graded
    assert run("mediator", "edit", "M1", "--grade", "四级", "--grade-on", "2023-01-10").exit_code == 0
    assert run("mediator", "edit", "M1", "--grade", "三级", "--grade-on", "2024-06-15").exit_code == 0
    shown = run("mediator", "show", "M1", "-f", "json").json()
    assert shown["grade"] == "三级"
    assert shown["grade_history"] == [
        {"granted_on": "2023-01-10", "grade": "四级"},
        {"granted_on": "2024-06-15", "grade": "三级"},
    ]
    assert grade_of(run, "2024-06-14")["grade_held"] == "四级"
    assert grade_of(run, "2024-06-15")["grade_held"] == "三级"
    assert grade_of(run, "2022-12-31")["grade_held"] is None
    r = run("mediator", "edit", "M1", "--grade-on", "2024-01-01")
    assert r.exit_code == 1 and "--grade-on" in r.stderr
    zh = run("--lang", "zh", "report", "grades", "--as-of", "2024-06-29")
    assert zh.exit_code == 0 and "所缺条件" in zh.stdout and "年限 2" in zh.stdout


def test_a_grade_changed_by_import_is_dated_the_import_day(graded, tmp_path):
    run = graded
    sheet = tmp_path / "mediators.csv"
    sheet.write_text(
        "staff_no,name,org_code,employment,joined_on,grade\nM1,乌力吉,T1,part_time,2021-06-30,二级\n",
        encoding="utf-8",
    )
    assert run("mediator", "import", sheet).exit_code == 0
    assert run("mediator", "show", "M1", "-f", "json").json()["grade_history"] == [
        {"granted_on": "2024-06-30", "grade": "二级"}
    ]
    assert run("mediator", "import", sheet).exit_code == 0  # unchanged: no second entry
    assert len(run("mediator", "show", "M1", "-f", "json").json()["grade_history"]) == 1
