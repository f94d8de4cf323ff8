"""What counts as 人民调解 (issue 15 item 4): 行政调解 bodies and 司法所 staff are kept out of the 人民调解 statistics
table, its 合计 and the 10% full-time share, and have a table of their own; the quarterly report's 辖区内N个调解组织
counts the 人民调解 organisations active in the quarter."""

from __future__ import annotations

MEDIATORS = (
    "staff_no,name,org_code,employment,joined_on\n"
    + "".join(f"V{i},村调解员{i},V1,part_time,2020-01-01\n" for i in range(10))
    + (
        "S1a,司法所甲,S1,full_time,2020-01-01\n"
        "S1b,司法所乙,S1,full_time,2020-01-01\n"
        "A1a,市场监管甲,A1,part_time,2020-01-01\n"
        "A1b,市场监管乙,A1,part_time,2020-01-01\n"
        "A1c,市场监管丙,A1,full_time,2020-01-01\n"
    )
)
CASES = """case_no,org_code,received_on,source,category,status,outcome_on,agreement
K1,V1,2024-05-01,application,neighbour,succeeded,2024-05-02,oral
K2,A1,2024-05-03,application,consumer,succeeded,2024-05-04,written
K3,A1,2024-05-05,application,consumer,failed,2024-05-06,
K4,S1,2024-05-07,application,neighbour,received,,
"""


def _setup(run, tmp_path):
    r = run(
        "org",
        "add",
        "--code",
        "A1",
        "--name",
        "乌审旗市场监督管理局",
        "--kind",
        "行政调解",
        "--parent",
        "B",
    )
    assert r.exit_code == 0, r
    for name, text in (("m.csv", MEDIATORS), ("c.csv", CASES)):
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        r = run("mediator" if name == "m.csv" else "case", "import", f)
        assert r.exit_code == 0, r


def test_the_share_counts_peoples_mediators_only(banner, tmp_path):
    _setup(banner, tmp_path)
    rep = banner("report", "staffing", "--as-of", "2024-06-30", "-f", "json").json()
    # 10 part-time village mediators; the 司法所's 2 full-time staff and the bureau's 3 would make it 3 of 15 = 20%
    assert (rep["total_mediators"], rep["full_time"]) == (10, 0)
    assert rep["full_time_share"] == 0 and rep["meets_target"] is False
    assert rep["convert_needed"] == 1 and rep["hire_needed"] == 2  # ceil(10% of 10) − 0; 1/11 < 10% ≤ 2/12
    assert (rep["outside_mediators"], rep["outside_full_time"]) == (5, 3)
    orgs = {o["code"]: o for o in rep["orgs"]}
    assert (orgs["A1"]["mediators"], orgs["A1"]["required_full_time"]) == (3, 0)  # still listed, no quota
    zh = banner("--lang", "zh", "report", "staffing", "--as-of", "2024-06-30").stdout
    assert "司法所、行政调解组织人员（不计入占比）" in zh


def test_the_statistics_table_and_its_total_leave_out_administrative_bodies_and_judicial_offices(
    banner, tmp_path
):
    _setup(banner, tmp_path)
    args = ("report", "statistics", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "json")
    rows = {r["unit"]: r for r in banner(*args).json()}
    assert list(rows) == ["T1", "total"]  # V1 rolls into T1; S1 under T1 does not
    assert (rows["total"]["received"], rows["total"]["succeeded"]) == (1, 1)
    other = banner(*args, "--table", "other").json()
    assert [r["unit"] for r in other] == ["S1", "A1", "total"]  # in the order of the org kinds (unit_order)
    a1 = other[1]
    assert (a1["received"], a1["succeeded"], a1["consumer_received"], a1["agreements_written"]) == (
        2,
        1,
        2,
        1,
    )
    assert (other[-1]["received"], other[-1]["succeeded"]) == (3, 1)
    bad = banner(*args, "--table", "行政")
    assert bad.exit_code == 1 and "--table" in bad.stderr and "peoples" in bad.stderr
    zh = banner("--lang", "zh", *args[:-2], "--table", "other")
    assert "其他调解统计表" in zh.stdout and "合计" in zh.stdout


def test_the_quarterly_report_counts_the_committees_active_in_the_quarter(banner):
    for code, extra in (
        ("V2", ("--established-on", "2024-07-01")),  # after the quarter
        (
            "V3",
            ("--established-on", "2020-01-01", "--dissolved-on", "2024-04-01"),
        ),  # dissolved on its first day
        ("V4", ("--established-on", "2024-06-30")),  # on its last day
    ):
        r = banner(
            "org",
            "add",
            "--code",
            code,
            "--name",
            f"{code}嘎查",
            "--kind",
            "village",
            "--parent",
            "T1",
            *extra,
        )
        assert r.exit_code == 0, r
    rep = banner("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "-f", "json").json()
    assert rep["orgs_covered"] == 3  # T1, V1, V4 — not S1 (司法所), V2 (later), V3 (gone)
    md = banner("report", "quarterly", "--org", "T1", "--quarter", "2024Q2").stdout
    assert "本季度辖区内3个调解组织" in md
