"""应录必录 (issue 15 item 9): the timeliness bulletin lists the committees and 司法所 that entered nothing; a screening
that found disputes and opened no case is a reminder (once the days allowed for entry have passed) and a `db check`
notice (the check still exits 0: the ledger is sound, the work it records is not)."""

from __future__ import annotations


def test_the_bulletin_lists_who_entered_nothing(banner):
    r = banner(
        "case", "add", "--org", "V1", "--received-on", "2024-05-02", "--source", "application",
        "--category", "neighbour",
    )  # fmt: skip
    assert r.exit_code == 0, r
    rows = banner("report", "timeliness", "--from", "2024-04-01", "--to", "2024-06-30", "-f", "json").json()
    # V1 entered its case; T1, S1 (司法所) and I1 nothing — listed first; B (the bureau, 行政) is not a committee
    assert [r["code"] for r in rows] == ["I1", "S1", "T1", "V1"]
    assert rows[0] == {
        "code": "I1",
        "name": "医疗纠纷人民调解委员会",
        "cases": 0,
        "median_lag_days": None,
        "within_share": None,
        "late": 0,
        "backfilled": 0,
    }
    year = banner("report", "timeliness", "--year", "2024", "-f", "json").json()
    assert year[0]["year_end_rush"] == 0 and year[0]["cases"] == 0
    # V1 was established 2016-03-01 and I1 2018-01-01: not owed for a range that ends before them
    old = banner("report", "timeliness", "--from", "2016-01-01", "--to", "2016-02-28", "-f", "json").json()
    assert [r["code"] for r in old] == ["S1", "T1"]
    zh = banner("--lang", "zh", "report", "timeliness", "--from", "2024-04-01", "--to", "2024-06-30").stdout
    assert "医疗纠纷人民调解委员会" in zh


def test_a_screening_that_found_disputes_and_opened_no_case(banner):
    assert banner("screen", "record", "--org", "V1", "--on", "2024-06-03", "--found", "2").exit_code == 0
    assert banner("screen", "record", "--org", "T1", "--on", "2024-06-03", "--found", "0").exit_code == 0

    def reminded(on):
        rows = banner("remind", "--as-of", on, "-f", "json").json()
        return [r for r in rows if r["kind"] == "screening_no_case"]

    # entry_within_days = 7: due 06-10; reminded from 06-11, not on 06-10
    assert reminded("2024-06-10") == []
    (row,) = reminded("2024-06-11")
    assert (
        row["ref"].startswith("V1/2024-06-03#")
        and row["due_on"] == "2024-06-10"
        and row["severity"] == "high"
    )
    check = banner("db", "check", "-f", "json")
    assert check.exit_code == 0
    notices = [p for p in check.json() if p["check"] == "screening_no_case"]
    assert len(notices) == 1 and notices[0]["severity"] == "notice" and "V1 2024-06-03" in notices[0]["ref"]
    table = banner("--lang", "zh", "db", "check")
    assert table.exit_code == 0 and "台账检查通过" in table.stdout and "1 条工作提示" in table.stdout
    assert "排查发现纠纷 2 件，未据此建账" in table.stdout
    # a case opened from it (received 06-12) clears both, from the day it was received
    sid = row["ref"].split("#")[1]
    r = banner(
        "case", "add", "--org", "V1", "--received-on", "2024-06-12", "--source", "screening",
        "--category", "neighbour", "--screening-id", sid,
    )  # fmt: skip
    assert r.exit_code == 0, r
    assert len(reminded("2024-06-11")) == 1  # as of 06-11 the case was not there yet
    assert reminded("2024-06-12") == []
    assert [p for p in banner("db", "check", "-f", "json").json() if p["check"] == "screening_no_case"] == []


def test_a_back_filled_import_is_flagged_from_the_real_write_time(banner, tmp_path):
    f = tmp_path / "late.csv"
    f.write_text(
        "case_no,org_code,received_on,source,category,entered_at\n"
        "H1,V1,2024-03-01,application,neighbour,2024-03-02T09:00:00\n"  # claimed on time
        "H2,V1,2024-03-05,application,neighbour,\n"  # no claim: entered now
        "H3,V1,2024-12-20,application,neighbour,2024-12-20T10:00:00\n",  # claimed, written that very day
        encoding="utf-8",
    )
    # written on 2024-12-20: H1 claims 03-02, a back-fill dressed as on time; H3 claims the very day of writing
    env = {"MEDIATION_NOW": "2024-12-20T16:00:00", "MEDIATION_TODAY": "2024-12-20"}
    assert banner("case", "import", f, env=env).exit_code == 0
    rows = {
        r["code"]: r for r in banner("report", "timeliness", "--year", "2024", "-f", "json", env=env).json()
    }
    v1 = rows["V1"]
    assert (v1["cases"], v1["within_share"], v1["late"]) == (3, 2 / 3, 1)  # H1 lag 1, H3 lag 0, H2 lag 290
    assert (v1["backfilled"], v1["year_end_rush"], v1["year_end_rush_backfilled"]) == (1, 1, 1)
    # re-importing the same file changes nothing; the sample is loaded as entered when it says
    assert banner("case", "import", f, env=env).exit_code == 0
    again = {
        r["code"]: r for r in banner("report", "timeliness", "--year", "2024", "-f", "json", env=env).json()
    }
    assert again["V1"]["backfilled"] == 1
    zh = banner("--lang", "zh", "report", "timeliness", "--year", "2024", env=env).stdout
    assert "补录" in zh
