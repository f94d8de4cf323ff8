"""`screen due`: orgs with nothing yet in the period containing --as-of — the contract's JSON, field by field."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "mediation"


def rec(run, org, on, *extra):
    r = run("screen", "record", "--org", org, "--on", on, *extra)
    assert r.exit_code == 0, r


def due(run, as_of, *args):
    r = run("screen", "due", "--as-of", as_of, "-f", "json", *args)
    assert r.exit_code == 0, r
    return r.json()


def test_contract_fields_one_by_one(banner):
    run = banner
    rec(run, "V1", "2024-03-04")  # W10
    rec(run, "T1", "2024-02-10")  # February, nothing in March
    rec(run, "V1", "2024-03-14")  # after the as-of date: not seen
    rec(run, "S1", "2024-03-14")
    assert due(run, "2024-03-13") == [
        {
            "code": "S1",
            "name": "嘎鲁图司法所",
            "kind": "judicial_office",
            "cadence": "monthly",
            "period": "2024-03",
            "last_screened_on": None,
            "state": "overdue",
        },
        {
            "code": "T1",
            "name": "嘎鲁图镇人民调解委员会",
            "kind": "township",
            "cadence": "monthly",
            "period": "2024-03",
            "last_screened_on": "2024-02-10",
            "state": "due",
        },
        {
            "code": "V1",
            "name": "巴音敖包嘎查人民调解委员会",
            "kind": "village",
            "cadence": "weekly",
            "period": "2024-W11",
            "last_screened_on": "2024-03-04",
            "state": "due",
        },
    ]
    # a day later the screenings of the 14th are seen
    assert [r["code"] for r in due(run, "2024-03-14")] == ["T1"]


def test_overdue_when_the_previous_period_was_missed_too(banner):
    run = banner
    rec(run, "V1", "2024-02-28")  # W09
    rec(run, "T1", "2024-01-31")
    rows = {r["code"]: r for r in due(run, "2024-03-13")}  # W11: W10 missed
    assert (rows["V1"]["state"], rows["V1"]["last_screened_on"]) == ("overdue", "2024-02-28")
    assert (rows["T1"]["state"], rows["T1"]["period"]) == ("overdue", "2024-03")
    assert due(run, "2024-03-13")[0]["state"] == "overdue"  # overdue first


def test_monday_and_sunday_edges(banner):
    run = banner
    rec(run, "V1", "2024-03-10")  # Sunday of W10
    assert [(r["period"], r["state"]) for r in due(run, "2024-03-11", "--org", "V1")] == [("2024-W11", "due")]
    assert due(run, "2024-03-10", "--org", "V1") == []  # the Sunday itself
    rec(run, "V1", "2024-03-11")  # Monday of W11
    assert due(run, "2024-03-17", "--org", "V1") == []  # seen through the Sunday
    rows = due(run, "2024-03-18", "--org", "V1")
    assert [(r["period"], r["state"], r["last_screened_on"]) for r in rows] == [
        ("2024-W12", "due", "2024-03-11")
    ]


def test_month_edges(banner):
    run = banner
    rec(run, "T1", "2024-02-29")
    assert due(run, "2024-02-29", "--org", "T1") == []
    assert [(r["period"], r["state"]) for r in due(run, "2024-03-01", "--org", "T1")] == [("2024-03", "due")]
    rec(run, "T1", "2024-03-01")
    assert due(run, "2024-03-31", "--org", "T1") == []


def test_orgs_founded_or_dissolved(banner):
    run = banner
    for code, extra in [
        ("V2", ["--established-on", "2024-03-06"]),  # Wednesday of W10: W10 was not owed
        ("V3", ["--established-on", "2024-03-14"]),  # during W11 itself
        ("V4", ["--dissolved-on", "2024-03-13"]),  # dissolved on the as-of date: not active
        ("V5", ["--established-on", "2024-03-14"]),  # founded after the as-of date
    ]:
        assert run("org", "add", "--code", code, "--name", code, "--kind", "village", *extra).exit_code == 0
    rows = {r["code"]: r for r in due(run, "2024-03-13", "--kind", "village")}
    assert set(rows) == {"V1", "V2"}
    assert rows["V2"]["state"] == "due" and rows["V1"]["state"] == "overdue"
    rows = {r["code"]: r for r in due(run, "2024-03-15", "--kind", "village")}
    assert (rows["V3"]["state"], rows["V3"]["last_screened_on"]) == ("due", None)
    assert rows["V2"]["state"] == "due"  # its first whole week is W11: W10 was not owed


def test_check_exit_codes(banner):
    run = banner
    r = run("screen", "due", "--as-of", "2024-03-13", "--check")
    assert r.exit_code == 3 and "S1" in r.stdout, r
    for org in ("V1", "T1", "S1"):
        rec(run, org, "2024-03-11")
    r = run("screen", "due", "--as-of", "2024-03-13", "--check")
    assert r.exit_code == 0 and "nothing due" in r.stdout, r
    r = run("screen", "due", "--as-of", "2024-03-13", "--check", "-f", "json")
    assert r.exit_code == 0 and r.json() == []


def test_cadence_none_and_settings(banner):
    run = banner
    assert "I1" not in [r["code"] for r in due(run, "2024-03-13")]
    assert "B" not in [r["code"] for r in due(run, "2024-03-13")]
    assert run("config", "set", "cadence.industry", "quarterly").exit_code == 0
    [i1] = [r for r in due(run, "2024-03-13") if r["code"] == "I1"]
    assert (i1["cadence"], i1["period"], i1["state"]) == ("quarterly", "2024Q1", "overdue")
    assert run("config", "set", "cadence.village", "none").exit_code == 0
    assert "V1" not in [r["code"] for r in due(run, "2024-03-13")]


def test_key_period_cadence(banner):
    run = banner
    rec(run, "T1", "2024-03-01")  # March is met at the township's own, monthly, cadence
    rec(run, "S1", "2024-03-04")  # W10 (inside 两会, 03-03 … 03-15)
    assert "T1" not in [r["code"] for r in due(run, "2024-03-13")]
    assert run("config", "set", "cadence.key_period", "weekly").exit_code == 0
    rows = {r["code"]: r for r in due(run, "2024-03-13")}
    # during 两会 every org with a cadence owes a screening each week; W10 overlapped it too, so T1 is overdue
    assert (rows["T1"]["cadence"], rows["T1"]["period"], rows["T1"]["state"]) == (
        "weekly",
        "2024-W11",
        "overdue",
    )
    assert (rows["S1"]["cadence"], rows["S1"]["period"], rows["S1"]["state"]) == ("weekly", "2024-W11", "due")
    assert "I1" not in rows  # no cadence of its own: unchanged
    # the first week overlapping the key period: the week before it was owed monthly only, so `due`
    rows = {r["code"]: r for r in due(run, "2024-02-28")}  # W09 (02-26 … 03-03) overlaps 两会 from 03-03
    assert (rows["T1"]["cadence"], rows["T1"]["state"]) == ("weekly", "due")
    # after the key period the own cadence is back
    assert "T1" not in [r["code"] for r in due(run, "2024-03-27")]
    # compliance keeps each org's own cadence
    r = run("screen", "compliance", "--from", "2024-03-01", "--to", "2024-03-31", "--org", "T1", "-f", "json")
    assert [(x["cadence"], x["rate"]) for x in r.json()] == [("monthly", 1.0)]


def test_table_view(banner):
    run = banner
    r = run("screen", "due", "--as-of", "2024-03-13")
    assert r.exit_code == 0 and "overdue" in r.stdout and "2024-W11" in r.stdout
    r = run("--lang", "zh", "screen", "due", "--as-of", "2024-03-13")
    assert r.exit_code == 0 and "逾期" in r.stdout


@pytest.mark.skipif(not BIN.exists(), reason="console script not installed")
def test_check_through_the_console_script(tmp_path):
    db = tmp_path / "l.db"
    env = {**os.environ, "MEDIATION_TODAY": "2024-06-30"}

    def sh(*args):
        return subprocess.run(
            [str(BIN), "--db", str(db), *args], capture_output=True, text=True, env=env, timeout=60
        )

    assert sh("org", "add", "--code", "V1", "--name", "村", "--kind", "village").returncode == 0
    r = sh("screen", "due", "--as-of", "2024-06-26", "--check")
    assert r.returncode == 3 and "V1" in r.stdout and r.stderr == ""
    assert sh("screen", "record", "--org", "V1", "--on", "2024-06-24").returncode == 0
    r = sh("screen", "due", "--as-of", "2024-06-26", "--check")
    assert r.returncode == 0, r
