"""`mediation remind`: the contract's rows, field by field, on a hand-made ledger; --check exit codes; read-only."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import snapshot

CASES = """case_no,org_code,received_on,source,category,status,risk_level,risk_types,major,reported_on,outcome_on
C1,V1,2024-05-01,application,neighbour,received,normal,,0,,
C2,V1,2024-06-20,application,neighbour,mediating,normal,,0,,
C3,T1,2024-06-25,screening,forest_land,received,major,,0,,
C4,T1,2024-06-01,referred,land_acquisition,mediating,elevated,mass_incident,1,2024-06-02,
C5,T1,2024-05-02,application,marriage_family,succeeded,normal,,0,,2024-05-03
"""


@pytest.fixture
def ledger(banner, tmp_path):
    f = tmp_path / "cases.csv"
    f.write_text(CASES, encoding="utf-8")
    r = banner("case", "import", f)
    assert r.exit_code == 0, r
    banner("org", "edit", "T1", "--star-rating", "2", "--rated-on", "2021-06-01")
    # V1 (weekly) screened in W25 but not W26; T1 and S1 (monthly) screened in June
    assert banner("screen", "record", "--org", "V1", "--on", "2024-06-18", "--found", "0").exit_code == 0
    assert banner("screen", "record", "--org", "T1", "--on", "2024-06-03", "--found", "1").exit_code == 0
    assert banner("screen", "record", "--org", "S1", "--on", "2024-06-03", "--found", "0").exit_code == 0
    return banner


def by_kind(rows):
    out = {}
    for r in rows:
        out.setdefault(r["kind"], []).append(r)
    return out


def test_remind_rows_field_by_field(ledger):
    rows = ledger("remind", "--as-of", "2024-06-26", "-f", "json").json()
    kinds = by_kind(rows)
    assert set(rows[0]) == {"kind", "ref", "what", "due_on", "severity"}
    assert kinds["screening_due"] == [
        {
            "kind": "screening_due",
            "ref": "V1",
            "what": kinds["screening_due"][0]["what"],
            "due_on": "2024-06-30",
            "severity": "medium",
        }
    ]
    assert "2024-W26" in kinds["screening_due"][0]["what"]
    assert [r["ref"] for r in kinds["case_stalled"]] == ["C1"]  # C5 settled, C2/C3/C4 younger than 30 days
    assert kinds["case_stalled"][0]["due_on"] == "2024-05-31"
    assert [(r["ref"], r["severity"], r["due_on"]) for r in kinds["risk_unreported"]] == [
        ("C3", "high", "2024-06-25")
    ]
    assert [(r["ref"], r["due_on"]) for r in kinds["major_no_plan"]] == [("C4", "2024-06-01")]
    assert "major_no_consultation" not in kinds  # 25 days since it was received
    assert [(r["ref"], r["due_on"]) for r in kinds["rating_stale"]] == [("T1", "2024-06-01")]
    # the township and the industry committee owe a Q2 report due 2024-06-28: within 7 days
    assert [(r["ref"], r["due_on"], r["severity"]) for r in kinds["report_due"]] == [
        ("I1/2024Q2", "2024-06-28", "medium"),
        ("T1/2024Q2", "2024-06-28", "medium"),
    ]
    assert rows[0]["severity"] == "high"  # sorted by severity first


def test_overdue_consultation_late_report_and_key_period(ledger):
    rows = ledger("remind", "--as-of", "2024-07-08", "-f", "json").json()
    kinds = by_kind(rows)
    assert [(r["ref"], r["due_on"]) for r in kinds["major_no_consultation"]] == [("C4", "2024-07-01")]
    assert {r["ref"] for r in kinds["report_late"]} == {"T1/2024Q2", "I1/2024Q2"}
    assert [r["ref"] for r in kinds["screening_overdue"]] == ["V1"]
    autumn = ledger("remind", "--as-of", "2024-09-26", "--kind", "key_period", "-f", "json").json()
    assert [(r["ref"], r["due_on"]) for r in autumn] == [("2024-national_day", "2024-10-01")]


def test_consultation_and_plan_and_report_clear_reminders(ledger):
    assert ledger("case", "plan", "C4", "--text", "一案一策：分户协商，逐户化解").exit_code == 0
    assert (
        ledger(
            "case",
            "consult",
            "C4",
            "--on",
            "2024-06-20",
            "--participants",
            "司法所;派出所",
            "--conclusion",
            "分户协商",
        ).exit_code
        == 0
    )
    assert ledger("case", "report-risk", "C3", "--on", "2024-06-26", "--to", "旗委政法委").exit_code == 0
    kinds = by_kind(ledger("remind", "--as-of", "2024-07-08", "-f", "json").json())
    assert "major_no_plan" not in kinds and "major_no_consultation" not in kinds
    assert "risk_unreported" not in kinds


def test_check_exit_codes_and_text(ledger, run):
    r = ledger("remind", "--as-of", "2024-06-26", "--check", "-f", "text")
    assert r.exit_code == 3
    assert r.stdout.splitlines()[-1].startswith("")
    assert "risk_unreported" in r.stdout and "C3" in r.stdout
    r = ledger("remind", "--as-of", "2024-06-26", "--check", "--kind", "key_period")
    assert r.exit_code == 0 and "nothing due" in r.stdout


def test_remind_writes_nothing_and_runs_beside_a_writer(ledger, db_path):
    before = snapshot(db_path)
    assert ledger("remind", "--as-of", "2024-06-26", "-f", "json").exit_code == 0
    assert snapshot(db_path) == before
    clerk = sqlite3.connect(db_path, isolation_level=None)
    clerk.execute("BEGIN IMMEDIATE")
    clerk.execute("UPDATE org SET name = name || '' WHERE code = 'T1'")
    try:
        assert ledger("remind", "--as-of", "2024-06-26", "-f", "json").exit_code == 0
    finally:
        clerk.execute("ROLLBACK")
        clerk.close()


def test_remind_zh_and_bad_date(ledger):
    r = ledger("--lang", "zh", "remind", "--as-of", "2024-06-26")
    assert "待办提醒" in r.stdout and "尚未向党委、政府报告" in r.stdout
    r = ledger("remind", "--as-of", "2024-06-31")
    assert r.exit_code == 1 and "as_of" in r.stderr and "2024-06-31" in r.stderr
