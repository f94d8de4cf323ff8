"""`screen compliance`: periods owed, met and missed per org with a cadence — the contract's JSON, field by field."""

from __future__ import annotations

import sqlite3

import pytest


def rec(run, org, on, *extra):
    r = run("screen", "record", "--org", org, "--on", on, *extra)
    assert r.exit_code == 0, r


def add_org(run, code, kind, *extra):
    r = run(
        "org",
        "add",
        "--code",
        code,
        "--name",
        f"{code}嘎查人民调解委员会",
        "--kind",
        kind,
        "--parent",
        "T1",
        *extra,
    )
    assert r.exit_code == 0, r


def compliance(run, *args):
    r = run("screen", "compliance", *args, "-f", "json")
    assert r.exit_code == 0, r
    return r.json()


@pytest.fixture
def ledger(banner):
    """The banner, February–March 2024: edges of weeks and months, orgs founded and dissolved mid-range."""
    run = banner
    add_org(run, "V2", "village", "--established-on", "2024-03-06")  # a Wednesday: its first week is not owed
    add_org(
        run, "V3", "village", "--established-on", "2020-01-01", "--dissolved-on", "2024-03-20"
    )  # a Wednesday
    add_org(run, "V4", "village", "--dissolved-on", "2024-01-15")  # gone before the range
    add_org(run, "V5", "village", "--established-on", "2024-03-31")  # founded on the last day: owes nothing
    rec(run, "V1", "2024-03-04")  # Monday of W10
    rec(run, "V1", "2024-03-17")  # Sunday of W11
    rec(run, "V1", "2024-03-19")  # two in W12 count once
    rec(run, "V1", "2024-03-20", "--kind", "key")
    rec(run, "V1", "2024-04-01")  # after the range
    rec(run, "T1", "2024-02-29")  # the last day of February (leap year)
    rec(run, "T1", "2024-03-01")  # the 1st of March
    rec(run, "S1", "2024-03-31")  # the last day of March
    rec(run, "V2", "2024-03-06")  # in its (unowed) first week
    rec(run, "V2", "2024-03-12")
    rec(run, "V3", "2024-02-05")
    rec(run, "V3", "2024-03-18")  # the week it was dissolved in is not owed
    return run


def test_contract_fields_one_by_one(ledger):
    rows = compliance(ledger, "--from", "2024-02-01", "--to", "2024-03-31")
    assert rows == [
        {
            "code": "V3",
            "name": "V3嘎查人民调解委员会",
            "kind": "village",
            "cadence": "weekly",
            "required": 6,
            "done": 1,
            "missed": 5,
            "missed_periods": ["2024-W07", "2024-W08", "2024-W09", "2024-W10", "2024-W11"],
            "rate": 1 / 6,
        },
        {
            "code": "V2",
            "name": "V2嘎查人民调解委员会",
            "kind": "village",
            "cadence": "weekly",
            "required": 3,
            "done": 1,
            "missed": 2,
            "missed_periods": ["2024-W12", "2024-W13"],
            "rate": 1 / 3,
        },
        {
            "code": "V1",
            "name": "巴音敖包嘎查人民调解委员会",
            "kind": "village",
            "cadence": "weekly",
            "required": 8,
            "done": 3,
            "missed": 5,
            "missed_periods": ["2024-W06", "2024-W07", "2024-W08", "2024-W09", "2024-W13"],
            "rate": 0.375,
        },
        {
            "code": "S1",
            "name": "嘎鲁图司法所",
            "kind": "judicial_office",
            "cadence": "monthly",
            "required": 2,
            "done": 1,
            "missed": 1,
            "missed_periods": ["2024-02"],
            "rate": 0.5,
        },
        {
            "code": "T1",
            "name": "嘎鲁图镇人民调解委员会",
            "kind": "township",
            "cadence": "monthly",
            "required": 2,
            "done": 2,
            "missed": 0,
            "missed_periods": [],
            "rate": 1.0,
        },
        {
            "code": "V5",
            "name": "V5嘎查人民调解委员会",
            "kind": "village",
            "cadence": "weekly",
            "required": 0,
            "done": 0,
            "missed": 0,
            "missed_periods": [],
            "rate": None,
        },
    ]


def test_only_whole_periods_inside_the_range(ledger):
    # from a Tuesday to a Saturday: W10 and W13 are cut, so only W11 and W12 are owed; no whole month
    rows = {r["code"]: r for r in compliance(ledger, "--from", "2024-03-05", "--to", "2024-03-30")}
    assert (rows["V1"]["required"], rows["V1"]["done"], rows["V1"]["rate"]) == (2, 2, 1.0)
    assert (rows["T1"]["required"], rows["T1"]["rate"]) == (0, None)
    # from the Monday to the Sunday: the week is owed, and both edge days count
    rows = {r["code"]: r for r in compliance(ledger, "--from", "2024-03-11", "--to", "2024-03-17")}
    assert (rows["V1"]["required"], rows["V1"]["done"]) == (1, 1)
    # the 1st to the last of a month: the month is owed; the 1st and the last day count
    rows = {r["code"]: r for r in compliance(ledger, "--from", "2024-03-01", "--to", "2024-03-31")}
    assert (rows["T1"]["required"], rows["T1"]["done"]) == (1, 1)
    assert (rows["S1"]["required"], rows["S1"]["done"]) == (1, 1)
    rows = {r["code"]: r for r in compliance(ledger, "--from", "2024-02-01", "--to", "2024-02-29")}
    assert (rows["T1"]["required"], rows["T1"]["done"], rows["S1"]["done"]) == (1, 1, 0)


def test_week_one_of_a_year_that_starts_in_december(banner, monkeypatch):
    monkeypatch.setenv("MEDIATION_TODAY", "2025-01-31")
    run = banner
    rec(run, "V1", "2024-12-30")  # Monday of 2025-W01
    rec(run, "V1", "2025-01-05")  # Sunday of 2025-W01: the same week, counted once
    [row] = compliance(run, "--from", "2024-12-23", "--to", "2025-01-12", "--org", "V1")
    assert (row["required"], row["done"], row["missed_periods"]) == (3, 1, ["2024-W52", "2025-W02"])
    r = run("screen", "due", "--as-of", "2025-01-02", "--org", "V1", "-f", "json")
    assert r.json() == []


def test_week_53(banner, monkeypatch):
    monkeypatch.setenv("MEDIATION_TODAY", "2021-01-31")
    run = banner
    rec(run, "V1", "2021-01-03")  # Sunday of 2020-W53
    rows = {r["code"]: r for r in compliance(run, "--from", "2020-12-21", "--to", "2021-01-10")}
    assert (rows["V1"]["required"], rows["V1"]["done"]) == (3, 1)
    assert rows["V1"]["missed_periods"] == ["2020-W52", "2021-W01"]
    assert (rows["T1"]["required"], rows["T1"]["rate"]) == (0, None)  # no whole month in the range
    r = run("screen", "due", "--as-of", "2020-12-28", "--org", "V1", "-f", "json")
    assert [(x["period"], x["state"]) for x in r.json()] == [("2020-W53", "overdue")]


def test_filters_org_children_and_kind(ledger):
    run = ledger
    args = ("--from", "2024-02-01", "--to", "2024-03-31")
    assert [r["code"] for r in compliance(run, *args, "--org", "T1")] == ["T1"]
    assert [r["code"] for r in compliance(run, *args, "--org", "T1", "--include-children")] == [
        "V3",
        "V2",
        "V1",
        "S1",
        "T1",
        "V5",
    ]
    assert [r["code"] for r in compliance(run, *args, "--kind", "苏木镇")] == ["T1"]
    assert [r["code"] for r in compliance(run, *args, "--org", "B")] == []  # administrative: no cadence


def test_cadence_is_a_setting(ledger, db_path):
    run = ledger
    args = ("--from", "2024-02-01", "--to", "2024-03-31")
    assert "I1" not in [r["code"] for r in compliance(run, *args)]
    assert run("config", "set", "cadence.industry", "monthly").exit_code == 0
    assert run("config", "set", "cadence.village", "monthly").exit_code == 0
    rows = {r["code"]: r for r in compliance(run, *args)}
    assert rows["I1"]["cadence"] == "monthly" and rows["I1"]["missed_periods"] == ["2024-02", "2024-03"]
    assert (rows["V1"]["cadence"], rows["V1"]["required"], rows["V1"]["missed_periods"]) == (
        "monthly",
        2,
        ["2024-02"],
    )
    assert compliance(run, *args)[0]["code"] == "I1"  # rate 0: worst first
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM audit WHERE entity = 'config'").fetchone()[0] == 2
    conn.close()


def test_csv_joins_missed_periods(ledger):
    r = ledger(
        "screen", "compliance", "--from", "2024-02-01", "--to", "2024-03-31", "-f", "csv", "--org", "S1"
    )
    assert r.exit_code == 0, r
    assert r.stdout.splitlines() == [
        "code,name,kind,cadence,required,done,missed,missed_periods,rate",
        "S1,嘎鲁图司法所,judicial_office,monthly,2,1,1,2024-02,0.5",
    ]
    r = ledger(
        "screen", "compliance", "--from", "2024-02-01", "--to", "2024-03-31", "-f", "csv", "--org", "V1"
    )
    assert r.stdout.splitlines()[1].split(",")[7] == "2024-W06;2024-W07;2024-W08;2024-W09;2024-W13"


def test_table_is_a_matrix_or_a_list_of_missed_periods(ledger):
    run = ledger
    r = run("screen", "compliance", "--from", "2024-02-01", "--to", "2024-03-31")
    assert r.exit_code == 0, r
    lines = r.stdout.splitlines()
    v3 = next(x for x in lines if "V3" in x)
    # W06 … W13: met, missed ×5, then not owed (dissolved) ×2
    assert [c for c in v3 if c in "✓✗·"] == list("✓✗✗✗✗✗··")
    assert "W06" in r.stdout and "02" in r.stdout
    assert r.stdout.index("V3") < r.stdout.index("V2") < r.stdout.index("V1")  # worst first
    r = run("screen", "compliance", "--from", "2024-01-01", "--to", "2024-06-30", "--org", "V1")
    assert r.exit_code == 0 and "✓" in r.stdout and "W26" in r.stdout  # 26 weeks still fit a terminal
    monkey_today = {"MEDIATION_TODAY": "2024-12-31"}
    r = run(
        "screen", "compliance", "--from", "2024-01-01", "--to", "2024-07-07", "--org", "V1", env=monkey_today
    )
    assert r.exit_code == 0, r
    assert "✓" not in r.stdout and "missed periods" in r.stdout  # 27 do not: the missed ones, as runs
    assert "2024-W01–W09, 2024-W13, 2024-W15–W27" in r.stdout
    r = run("screen", "compliance", "--from", "2024-02-01", "--to", "2024-03-31", "-f", "markdown")
    assert r.exit_code == 0 and "| V1 " in r.stdout and "✗" in r.stdout


def test_refusals(banner):
    r = banner("screen", "compliance", "--from", "2024-03-31", "--to", "2024-03-01")
    assert r.exit_code == 1 and "--from" in r.stderr
    r = banner("screen", "compliance", "--from", "someday")
    assert r.exit_code == 1 and "from" in r.stderr
    r = banner("screen", "compliance", "--kind", "planet")
    assert r.exit_code == 1 and "kind" in r.stderr
