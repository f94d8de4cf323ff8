"""`report staffing`: the contract's JSON on a hand-made ledger, as of dates around an employment change."""

from __future__ import annotations

import pytest


def add_mediators(
    run,
    org: str,
    n: int,
    employment: str,
    *,
    prefix: str,
    joined: str = "2020-01-01",
    gender: str = "male",
    ethnicity: str = "汉族",
) -> None:
    for i in range(n):
        r = run(
            "mediator",
            "add",
            "--staff-no",
            f"{prefix}{i:02d}",
            "--name",
            f"调解员{prefix}{i}",
            "--org",
            org,
            "--employment",
            employment,
            "--joined-on",
            joined,
            "--gender",
            gender,
            "--ethnicity",
            ethnicity,
        )
        assert r.exit_code == 0, r


@pytest.fixture
def staffed(banner):
    run = banner
    # T1: 2 full-time (meets 2), V1: 0 (has conditions: needs 1), I1: 2 (needs 3)
    add_mediators(run, "T1", 2, "full_time", prefix="TF", gender="female", ethnicity="蒙古族")
    add_mediators(run, "T1", 3, "part_time", prefix="TP")
    add_mediators(run, "V1", 4, "part_time", prefix="VP", gender="female")
    add_mediators(run, "I1", 2, "full_time", prefix="IF")
    add_mediators(run, "I1", 9, "part_time", prefix="IP", ethnicity="蒙古族")
    # an org dissolved before the report date: neither it nor its people count
    run(
        "org",
        "add",
        "--code",
        "V2",
        "--name",
        "旧嘎查",
        "--kind",
        "village",
        "--parent",
        "T1",
        "--established-on",
        "2010-01-01",
        "--dissolved-on",
        "2024-03-31",
    )
    add_mediators(run, "V2", 3, "full_time", prefix="OLD")
    return run


def test_staffing_json_field_by_field(staffed):
    rep = staffed("report", "staffing", "--as-of", "2024-06-30", "-f", "json").json()
    assert rep["as_of"] == "2024-06-30"
    assert rep["total_mediators"] == 20
    assert rep["full_time"] == 4
    assert rep["full_time_share"] == pytest.approx(0.2)
    assert rep["target_share"] == 0.1
    assert rep["meets_target"] is True
    assert rep["convert_needed"] == 0 and rep["hire_needed"] == 0
    orgs = {o["code"]: o for o in rep["orgs"]}
    assert "V2" not in orgs
    assert orgs["T1"] == {
        **orgs["T1"],
        "code": "T1",
        "name": "嘎鲁图镇人民调解委员会",
        "kind": "township",
        "mediators": 5,
        "full_time": 2,
        "required_full_time": 2,
        "shortfall": 0,
        "meets": True,
    }
    assert (orgs["V1"]["required_full_time"], orgs["V1"]["shortfall"], orgs["V1"]["meets"]) == (1, 1, False)
    assert (orgs["I1"]["required_full_time"], orgs["I1"]["shortfall"], orgs["I1"]["meets"]) == (3, 1, False)
    assert orgs["S1"]["required_full_time"] == 0 and orgs["B"]["required_full_time"] == 0
    # 人民调解法 art. 8: I1 has 11 members and no woman; V1 has no minority member
    assert set(orgs["I1"]["composition_problems"]) == {"too_many_members", "no_woman"}
    assert orgs["V1"]["composition_problems"] == ["no_minority"]
    # before the dissolution its 3 full-timers counted
    early = staffed("report", "staffing", "--as-of", "2024-03-30", "-f", "json").json()
    assert (early["total_mediators"], early["full_time"]) == (23, 7)


def test_as_of_before_and_after_an_employment_change(staffed):
    for i in range(2):
        staffed("mediator", "edit", f"TF{i:02d}", "--employment", "part_time", "--from", "2024-07-01")
    before = staffed("report", "staffing", "--as-of", "2024-06-30", "-f", "json").json()
    after = staffed("report", "staffing", "--as-of", "2024-07-01", "-f", "json").json()
    assert before["full_time"] == 4 and after["full_time"] == 2
    t1 = next(o for o in after["orgs"] if o["code"] == "T1")
    assert (t1["full_time"], t1["shortfall"], t1["meets"]) == (0, 2, False)
    # 2 of 20 is exactly 10%: meets, with no floating-point off-by-one
    assert after["full_time_share"] == 0.1 and after["meets_target"] is True
    staffed("mediator", "edit", "IF00", "--employment", "part_time", "--from", "2024-07-01")
    worse = staffed("report", "staffing", "--as-of", "2024-07-01", "-f", "json").json()
    assert worse["meets_target"] is False
    assert worse["convert_needed"] == 1  # ceil(0.1 × 20) − 1
    assert worse["hire_needed"] == 2  # 2/21 < 10% ≤ 3/22


def test_seven_of_seventy_meets(run):
    run("org", "add", "--code", "T", "--name", "镇", "--kind", "township")
    add_mediators(run, "T", 7, "full_time", prefix="F")
    add_mediators(run, "T", 63, "part_time", prefix="P")
    rep = run("report", "staffing", "-f", "json").json()
    assert (rep["total_mediators"], rep["full_time"], rep["meets_target"]) == (70, 7, True)


def test_table_csv_markdown_and_org_scope(staffed, tmp_path):
    table = staffed("--lang", "zh", "report", "staffing", "--as-of", "2024-06-30").stdout
    assert "专职占比" in table and "20.0%" in table and "医疗纠纷人民调解委员会" in table
    csv_out = staffed("report", "staffing", "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("code,name,kind,mediators,full_time,required_full_time,shortfall,meets")
    md = staffed("report", "staffing", "--as-of", "2024-06-30", "-f", "markdown").stdout.splitlines()
    assert md[0] == "# Staffing on 2024-06-30"
    header = next(li for li in md if li.startswith("| code"))
    assert [c.strip() for c in header.strip("|").split("|")][:8] == [
        "code",
        "name",
        "kind",
        "mediators",
        "full-time",
        "required",
        "shortfall",
        "meets",
    ]
    rows = {li.split("|")[1].strip(): li for li in md if li.startswith("| ") and not li.startswith("| code")}
    assert {"T1", "V1", "S1", "I1"} <= rows.keys()
    scoped = staffed("report", "staffing", "--org", "T1", "-f", "json").json()
    assert {o["code"] for o in scoped["orgs"]} == {"T1", "V1", "S1"}
    assert scoped["total_mediators"] == 9


def test_an_empty_ledger_owes_nothing(run):
    """0 of 0: no share, nothing to convert or hire — not "hire 1 to reach 10% of nobody"."""
    run("org", "add", "--code", "B", "--name", "旗司法局", "--kind", "administrative")
    rep = run("report", "staffing", "-f", "json").json()
    assert (rep["total_mediators"], rep["full_time"], rep["full_time_share"]) == (0, 0, None)
    assert (rep["meets_target"], rep["convert_needed"], rep["hire_needed"]) == (None, 0, 0)
    assert (rep["minimum_shortfall"], rep["orgs_short_of_minimum"]) == (0, 0)
    table = run("--lang", "zh", "report", "staffing").stdout
    assert "需新聘专职" in table
    line = next(li for li in table.splitlines() if "或需新聘专职" in li)
    assert line.split()[-1] == "0"


def test_a_committee_without_mediators_keeps_its_own_minimum(run):
    run("org", "add", "--code", "T", "--name", "嘎鲁图镇人民调解委员会", "--kind", "township")
    rep = run("report", "staffing", "-f", "json").json()
    assert (rep["total_mediators"], rep["meets_target"], rep["hire_needed"], rep["convert_needed"]) == (
        0,
        None,
        0,
        0,
    )
    (t,) = rep["orgs"]
    assert (t["code"], t["mediators"], t["required_full_time"], t["shortfall"], t["meets"]) == (
        "T",
        0,
        2,
        2,
        False,
    )
    assert (rep["minimum_shortfall"], rep["orgs_short_of_minimum"], rep["orgs_meeting_minimum"]) == (2, 1, 0)
    table = run("--lang", "zh", "report", "staffing").stdout
    assert "嘎鲁图镇人民调解委员会" in table
    line = next(li for li in table.splitlines() if "各组织应配专职缺口" in li)
    assert line.split()[-1] == "2"
