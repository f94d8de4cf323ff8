"""A figure shown in two places comes from one rule: staffing, `org show` and `org list --tree` count alike."""

import pytest


@pytest.fixture
def promoted(run, tmp_path):
    """Org T with one mediator who joined 2024-01-01 and is full-time from 2024-03-01 (a sheet row says so)."""
    run("org", "add", "--code", "T", "--name", "嘎鲁图镇人民调解委员会", "--kind", "township")
    sheet = tmp_path / "mediators.csv"
    sheet.write_text(
        "staff_no,name,gender,org_code,employment,employment_from,joined_on\n"
        "M1,乌力吉,male,T,full_time,2024-03-01,2024-01-01\n",
        encoding="utf-8",
    )
    assert run("mediator", "import", sheet).exit_code == 0
    return run


def _tree_line(run, on: str) -> str:
    out = run("org", "list", "--tree", env={"MEDIATION_TODAY": on}).stdout
    return next(li for li in out.splitlines() if "嘎鲁图镇" in li)


@pytest.mark.parametrize(("on", "full_time"), [("2024-02-01", 0), ("2024-02-29", 0), ("2024-03-01", 1)])
def test_staffing_org_show_and_tree_agree(promoted, on, full_time):
    run = promoted
    staffing = run("report", "staffing", "--as-of", on, "-f", "json").json()
    (t,) = staffing["orgs"]
    shown = run("org", "show", "T", "-f", "json", env={"MEDIATION_TODAY": on}).json()
    assert (t["mediators"], t["full_time"]) == (1, full_time)
    assert (shown["mediators"], shown["full_time"]) == (1, full_time)
    assert staffing["full_time"] == full_time
    assert f"1 mediators, {full_time} full-time" in _tree_line(run, on)


def test_before_joining_nobody_is_counted(promoted):
    staffing = promoted("report", "staffing", "--as-of", "2023-12-31", "-f", "json").json()
    shown = promoted("org", "show", "T", "-f", "json", env={"MEDIATION_TODAY": "2023-12-31"}).json()
    assert staffing["total_mediators"] == shown["mediators"] == 0
