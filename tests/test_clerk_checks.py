"""Issue 14 item 7: the checks a clerk relies on — a case at an org that did not exist, screenings owed from when an
org was entered, who screened, one staffing figure, and entered_at from the real clock."""

from __future__ import annotations

from datetime import date, datetime

from tests.conftest import snapshot

CASE = ("--source", "application", "--category", "neighbour")


def test_a_case_before_the_org_was_founded_or_after_it_was_dissolved_is_refused(banner, db_path, tmp_path):
    assert banner("org", "add", "--code", "V7", "--name", "新嘎查人民调解委员会", "--kind", "village",
                  "--parent", "T1", "--established-on", "2024-03-01",
                  "--dissolved-on", "2024-06-01").exit_code == 0  # fmt: skip
    before = snapshot(db_path)
    r = banner("--lang", "zh", "case", "add", "--org", "V7", "--received-on", "2024-02-20", *CASE)
    assert r.exit_code == 1 and "不早于该组织成立日期（2024-03-01）" in r.stderr
    r = banner("case", "add", "--org", "V7", "--received-on", "2024-06-01", *CASE)
    assert r.exit_code == 1 and "before the org was dissolved (2024-06-01)" in r.stderr
    f = tmp_path / "cases.csv"
    f.write_text(
        "org_code,received_on,source,category\nV7,2024-02-20,application,neighbour\nV7,2024-07-01,court,neighbour\n",
        encoding="utf-8",
    )
    r = banner("case", "import", f)
    assert r.exit_code == 1 and "2 bad row(s)" in r.stderr
    assert snapshot(db_path) == before
    assert banner("case", "add", "--org", "V7", "--received-on", "2024-05-31", *CASE).exit_code == 0
    no = banner("case", "list", "-f", "json").json()[0]["case_no"]
    r = banner("case", "edit", no, "--received-on", "2024-06-02")
    assert r.exit_code == 1 and "dissolved" in r.stderr


def test_an_org_without_a_founding_date_owes_screenings_from_when_it_was_entered(banner):
    # entered on 2024-06-30 (the test clock), no established_on: nothing is owed before that week
    assert banner("org", "add", "--code", "V8", "--name", "后录嘎查人民调解委员会", "--kind", "village",
                  "--parent", "T1").exit_code == 0  # fmt: skip
    rows = banner("screen", "compliance", "--from", "2024-01-01", "--to", "2024-06-30", "-f", "json").json()
    v8 = next((r for r in rows if r["code"] == "V8"), None)
    assert v8 is None or v8["required"] == 0
    due = banner("screen", "due", "--as-of", "2024-06-30", "-f", "json").json()
    assert next(d for d in due if d["code"] == "V8")["state"] == "due"  # not overdue: W25 was never owed
    later = banner("screen", "due", "--as-of", "2024-07-10", "-f", "json").json()
    assert next(d for d in later if d["code"] == "V8")["state"] == "overdue"  # W27 owed and missed


def test_screened_by_is_a_name_or_a_mediator_of_that_org(banner, db_path):
    t1 = banner("mediator", "add", "--name", "乌力吉", "--org", "T1", "--employment", "part_time",
                "--joined-on", "2024-01-01").stdout.strip()  # fmt: skip
    before = snapshot(db_path)
    r = banner(
        "--lang", "zh", "screen", "record", "--org", "V1", "--on", "2024-06-03", "--by", t1, "--found", "0"
    )
    assert r.exit_code == 1 and "排查人（screened_by）" in r.stderr and "V1 当日在任的调解员编号" in r.stderr
    r = banner("screen", "record", "--org", "T1", "--on", "2023-06-03", "--by", t1, "--found", "0")
    assert r.exit_code == 1  # not yet serving then
    assert snapshot(db_path) == before
    assert (
        banner(
            "screen", "record", "--org", "T1", "--on", "2024-06-03", "--by", t1.lower(), "--found", "0"
        ).exit_code
        == 0
    )
    assert (
        banner(
            "screen", "record", "--org", "V1", "--on", "2024-06-04", "--by", "村两委 张三", "--found", "1"
        ).exit_code
        == 0
    )
    rows = {r["org_code"]: r["screened_by"] for r in banner("screen", "list", "-f", "json").json()}
    assert rows == {
        "T1": t1,
        "V1": "村两委 张三",
    }  # a staff number stored as the staff number; a name as typed


def test_staffing_and_campaign_give_one_figure_for_orgs_meeting_the_minimum(run):
    assert run("init", "--sample").exit_code == 0
    for day in ("2024-06-30", "2024-11-28", "2024-12-31"):
        staffing = run("report", "staffing", "--as-of", day, "-f", "json").json()
        campaign = run("report", "campaign", "--year", "2024", "--as-of", day, "-f", "json").json()
        (target,) = [t for t in campaign["targets"] if t["key"] == "staffing_minimum"]
        assert target["detail"] == f"{staffing['orgs_meeting_minimum']}/{staffing['orgs_with_minimum']}"
        assert staffing["orgs_meeting_minimum"] <= staffing["orgs_with_minimum"]


def test_entered_at_is_the_real_clock_even_when_the_working_date_is_set(banner, monkeypatch):
    monkeypatch.delenv("MEDIATION_NOW")
    before = datetime.now().date()
    r = banner("case", "add", "--org", "V1", "--received-on", "2024-06-28", *CASE)
    assert r.exit_code == 0, r
    after = datetime.now().date()
    (case,) = banner("case", "list", "-f", "json").json()
    assert date.fromisoformat(case["entered_at"][:10]) in (before, after)
    assert case["entered_at"][:10] != "2024-06-30"  # not the working date MEDIATION_TODAY
