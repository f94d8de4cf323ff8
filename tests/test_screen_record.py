"""`screen record|list|show|import`: the screening ledger, through the CLI."""

from __future__ import annotations

import json
import sqlite3

from conftest import SAMPLE, snapshot


def rec(run, org, on, *extra):
    r = run("screen", "record", "--org", org, "--on", on, *extra)
    assert r.exit_code == 0, r
    return int(r.stdout.strip())


def listed(run, *args):
    r = run("screen", "list", "-f", "json", *args)
    assert r.exit_code == 0, r
    return r.json()


def test_record_prints_the_id_and_defaults_to_a_routine_zero_report(banner, db_path):
    run = banner
    sid = rec(run, "V1", "2024-05-08")
    [row] = listed(run)
    assert row == {
        "id": sid,
        "org_code": "V1",
        "org_name": "巴音敖包嘎查人民调解委员会",
        "screened_on": "2024-05-08",
        "kind": "routine",
        "found": 0,
        "screened_by": None,
        "note": None,
        "cases_opened": 0,
    }
    conn = sqlite3.connect(db_path)
    audit = conn.execute("SELECT entity, ref, action, after FROM audit WHERE entity = 'screening'").fetchall()
    assert audit[0][:3] == ("screening", str(sid), "add")
    assert json.loads(audit[0][3])["org_code"] == "V1"


def test_record_accepts_chinese_labels_dates_and_org_names(banner):
    run = banner
    rec(
        run,
        "巴音敖包嘎查人民调解委员会",
        "2024年5月9日",
        "--kind",
        "重点",
        "--found",
        "2",
        "--by",
        "张三",
        "--note",
        "节前",
    )
    [row] = listed(run)
    assert (row["screened_on"], row["kind"], row["found"], row["screened_by"], row["note"]) == (
        "2024-05-09",
        "key",
        2,
        "张三",
        "节前",
    )


def test_record_refusals_write_nothing(banner, db_path):
    run = banner
    rec(run, "V1", "2024-05-08")
    before = snapshot(db_path)
    for args, words in [
        (["--org", "V1", "--on", "2024-05-08"], "already exists"),  # same org, date and kind
        (["--org", "V1", "--on", "2024-07-01"], "not after today"),  # today is 2024-06-30
        (["--org", "V1", "--on", "2016-02-29"], "established"),  # V1 was established 2016-03-01
        (["--org", "V1", "--on", "2024-05-10", "--found", "-1"], "found"),
        (["--org", "V1", "--on", "2024-05-10", "--kind", "weekly"], "kind"),
        (["--org", "NOPE", "--on", "2024-05-10"], "NOPE"),
        (["--org", "V1", "--on", "2024-13-01"], "screened_on"),
    ]:
        r = run("screen", "record", *args)
        assert r.exit_code == 1, (args, r)
        assert words in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
    assert snapshot(db_path) == before
    # another kind on the same day is another screening
    rec(run, "V1", "2024-05-08", "--kind", "concentrated")


def test_record_refused_after_the_org_was_dissolved(banner):
    run = banner
    assert run("org", "edit", "V1", "--dissolved-on", "2024-04-01").exit_code == 0
    r = run("screen", "record", "--org", "V1", "--on", "2024-04-01")
    assert r.exit_code == 1 and "dissolved" in r.stderr
    rec(run, "V1", "2024-03-31")


def test_list_filters(banner):
    run = banner
    rec(run, "V1", "2024-03-04")
    rec(run, "V1", "2024-03-05", "--kind", "key", "--found", "1")
    rec(run, "T1", "2024-03-06", "--found", "3")
    rec(run, "S1", "2024-04-01")
    assert [r["screened_on"] for r in listed(run)] == ["2024-03-04", "2024-03-05", "2024-03-06", "2024-04-01"]
    assert [r["org_code"] for r in listed(run, "--org", "T1")] == ["T1"]
    assert [r["org_code"] for r in listed(run, "--org", "T1", "--include-children")] == [
        "V1",
        "V1",
        "T1",
        "S1",
    ]
    assert [r["screened_on"] for r in listed(run, "--from", "2024-03-05", "--to", "2024/3/6")] == [
        "2024-03-05",
        "2024-03-06",
    ]
    assert [r["kind"] for r in listed(run, "--kind", "重点")] == ["key"]
    assert [r["org_code"] for r in listed(run, "--zero")] == ["V1", "S1"]
    r = run("screen", "list", "-f", "csv", "--zero")
    assert (
        r.stdout.splitlines()[0]
        == "id,org_code,org_name,screened_on,kind,found,screened_by,note,cases_opened"
    )
    r = run("screen", "list")
    assert r.exit_code == 0 and "2024-03-05" in r.stdout


def _add_case(db_path, case_no, screening_id, received_on="2024-05-10"):
    conn = sqlite3.connect(db_path)
    with conn:
        org_id = conn.execute("SELECT org_id FROM screening WHERE id = ?", (screening_id,)).fetchone()[0]
        conn.execute(
            "INSERT INTO dispute(case_no, org_id, received_on, source, category, screening_id, entered_at, updated_at)"
            " VALUES (?, ?, ?, 'screening', 'neighbour', ?, '2024-05-10T09:00:00', '2024-05-10T09:00:00')",
            (case_no, org_id, received_on, screening_id),
        )
    conn.close()


def test_show_lists_the_cases_it_opened(banner, db_path):
    run = banner
    sid = rec(run, "V1", "2024-05-08", "--found", "2")
    other = rec(run, "V1", "2024-05-09")
    _add_case(db_path, "(2024)乌人调字第2号", sid, "2024-05-11")
    _add_case(db_path, "(2024)乌人调字第1号", sid, "2024-05-10")
    r = run("screen", "show", str(sid), "-f", "json")
    assert r.exit_code == 0, r
    obj = r.json()
    assert obj["id"] == sid and obj["found"] == 2 and obj["cases_opened"] == 2
    assert obj["cases"] == [
        {
            "case_no": "(2024)乌人调字第1号",
            "received_on": "2024-05-10",
            "category": "neighbour",
            "status": "received",
        },
        {
            "case_no": "(2024)乌人调字第2号",
            "received_on": "2024-05-11",
            "category": "neighbour",
            "status": "received",
        },
    ]
    assert run("screen", "show", str(other), "-f", "json").json()["cases"] == []
    assert [r["cases_opened"] for r in listed(run)] == [2, 0]
    r = run("screen", "show", str(sid))
    assert r.exit_code == 0 and "(2024)乌人调字第1号" in r.stdout
    r = run("screen", "show", "999")
    assert r.exit_code == 1 and "999" in r.stderr


# -- import ----------------------------------------------------------------------------------------------------------
HEADER = "org_code,screened_on,kind,found,screened_by,note\n"
GOOD = HEADER + (
    "V1,2024-03-04,routine,0,M0001,零报告\n"
    "V1,2024/3/5,重点,2,张三,\n"
    "T1,2024-03-01,,1,,\n"
    "S1,2024年3月29日,concentrated,,,\n"
)


def write(tmp_path, text, name="s.csv", encoding="utf-8"):
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def test_import_then_reimport_changes_nothing(banner, db_path, tmp_path):
    run = banner
    f = write(tmp_path, GOOD)
    r = run("screen", "import", f)
    assert r.exit_code == 0, r
    assert "4 added" in r.stdout
    rows = listed(run)
    assert [(x["org_code"], x["screened_on"], x["kind"], x["found"]) for x in rows] == [
        ("T1", "2024-03-01", "routine", 1),
        ("V1", "2024-03-04", "routine", 0),
        ("V1", "2024-03-05", "key", 2),
        ("S1", "2024-03-29", "concentrated", 0),
    ]
    before = snapshot(db_path)
    r = run("screen", "import", f)
    assert r.exit_code == 0 and "0 added, 0 updated, 4 unchanged" in r.stdout, r
    assert snapshot(db_path) == before
    # a changed cell updates the row matched on its key; an empty cell keeps what is stored
    f2 = write(tmp_path, HEADER + "V1,2024-03-05,key,3,,\n", "s2.csv")
    r = run("screen", "import", f2)
    assert r.exit_code == 0 and "1 updated" in r.stdout, r
    row = [x for x in listed(run) if x["kind"] == "key"][0]
    assert (row["found"], row["screened_by"]) == (3, "张三")


def test_import_bad_row_refuses_the_whole_file(banner, db_path, tmp_path):
    run = banner
    f = write(
        tmp_path,
        GOOD
        + "NOPE,2024-03-04,,,,\n"  # line 6: unknown org
        + "V1,2024-07-01,,,,\n"  # line 7: after today
        + "V1,2016-02-01,,,,\n"  # line 8: before the org was established
        + "V1,2024-03-04,日常,,,\n"  # line 9: same key as line 2
        + "V1,2024-03-06,,-2,,\n",  # line 10: negative found
    )
    before = snapshot(db_path)
    r = run("screen", "import", f)
    assert r.exit_code == 1, r
    for line in (6, 7, 8, 9, 10):
        assert f"line {line}," in r.stderr, (line, r.stderr)
    assert "same key as line 2" in r.stderr
    assert snapshot(db_path) == before
    # --skip-bad --rejects: the good rows land, the bad ones go to the rejects file with a reason
    rejects = tmp_path / "rejects.csv"
    r = run("screen", "import", f, "--skip-bad", "--rejects", rejects)
    assert r.exit_code == 0, r
    assert "5 bad row(s) skipped" in r.stderr
    assert "4 added" in r.stdout and "5 rejected" in r.stdout
    text = rejects.read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == "line,org_code,screened_on,kind,found,screened_by,note,reason"
    assert [t.split(",")[0] for t in text[1:]] == ["6", "7", "8", "9", "10"]
    assert len(listed(run)) == 4


def test_import_dry_run_writes_nothing(banner, db_path, tmp_path):
    run = banner
    f = write(tmp_path, GOOD)
    before = snapshot(db_path)
    r = run("screen", "import", f, "--dry-run")
    assert r.exit_code == 0, r
    assert "dry run" in r.stdout and "4 added" in r.stdout
    assert snapshot(db_path) == before
    assert listed(run) == []


def test_import_unknown_or_missing_column_is_refused(banner, db_path, tmp_path):
    run = banner
    before = snapshot(db_path)
    r = run("screen", "import", write(tmp_path, "org_code,screened_on,weather\nV1,2024-03-04,sunny\n"))
    assert r.exit_code == 1 and "weather" in r.stderr
    r = run("screen", "import", write(tmp_path, "org_code,kind\nV1,routine\n", "m.csv"))
    assert r.exit_code == 1 and "screened_on" in r.stderr
    assert snapshot(db_path) == before


def test_import_gbk_and_bom(banner, tmp_path):
    run = banner
    r = run(
        "screen", "import", write(tmp_path, HEADER + "V1,2024-03-04,日常,0,张三,零报告\n", "g.csv", "gbk")
    )
    assert r.exit_code == 0 and "1 added" in r.stdout, r
    r = run("screen", "import", write(tmp_path, "\ufeff" + HEADER + "T1,2024-03-04,,,,\n", "b.csv"))
    assert r.exit_code == 0 and "1 added" in r.stdout, r
    assert [x["note"] for x in listed(run)] == [None, "零报告"]  # T1 before V1 on the same day


def test_sample_screenings_import(run, tmp_path):
    from datetime import date

    from mediation_cli.ledger.db import open_ledger
    from mediation_cli.services.orgs import import_orgs
    from mediation_cli.services.screenings import import_screenings

    ledger = open_ledger(tmp_path / "sample.db", "tester")
    kw = {"today": date(2024, 12, 31), "skip_bad": False, "rejects": None, "dry_run": False}
    import_orgs(ledger, SAMPLE / "orgs.csv", **kw)
    result = import_screenings(ledger, SAMPLE / "screenings.csv", **kw)
    n = sum(1 for _ in open(SAMPLE / "screenings.csv", encoding="utf-8")) - 1
    assert (result.inserted, result.rejected) == (n, 0)
    again = import_screenings(ledger, SAMPLE / "screenings.csv", **kw)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, n)
    ledger.close()


def test_case_names_the_screening_that_found_it(banner):
    run = banner
    sid = rec(run, "V1", "2024-05-08", "--found", "1")
    r = run(
        "case",
        "add",
        "--org",
        "V1",
        "--received-on",
        "2024-05-08",
        "--source",
        "排查发现",
        "--category",
        "邻里",
        "--screening",
        str(sid),
        "--summary",
        "排查发现邻里纠纷",
    )
    assert r.exit_code == 0, r
    case_no = r.stdout.strip()
    shown = run("screen", "show", str(sid), "-f", "json").json()
    assert [c["case_no"] for c in shown["cases"]] == [case_no]
    r = run(
        "case",
        "add",
        "--org",
        "V1",
        "--received-on",
        "2024-05-08",
        "--source",
        "screening",
        "--category",
        "neighbour",
        "--screening",
        "999",
    )
    assert r.exit_code == 1 and "999" in r.stderr
