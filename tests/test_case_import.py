"""`case import` / `case export` and `init --sample`, per the contract's import columns."""

from __future__ import annotations

import csv
import json
import sqlite3

from conftest import SAMPLE, snapshot

HEADER = "case_no,org_code,received_on,source,category,key_groups,parties,amount,summary,risk_level,risk_types,major,status,outcome_on,agreement,closed_on,mediators,reported_on,screening_id,entered_at"


def write(tmp_path, rows, name="cases.csv", encoding="utf-8", header=HEADER):
    p = tmp_path / name
    p.write_text(header + "\n" + "\n".join(rows) + "\n", encoding=encoding)
    return p


GOOD = [
    ",V1,2024-01-04,screening,婚姻家庭,women_children,2,,那某与前妻因抚养费争执,normal,,0,succeeded,2024-01-10,written,,,,,2024-01-05T16:25:00",
    ",T1,2024/1/5,申请,劳动争议,,2,12500.5,周某受雇放牧被拖欠工资,normal,,0,failed,2024-01-08,,2024-01-09,,,,",
    "(2023)乌人调字第7号,V1,2023-12-30,application,neighbour,,2,100,旧案,normal,,0,mediating,,,,,,,",
]


def cases(run):
    return {c["case_no"]: c for c in run("case", "list", "-f", "json").json()}


def test_import_numbers_and_keeps_history(banner, tmp_path):
    run = banner
    r = run("case", "import", write(tmp_path, GOOD))
    assert r.exit_code == 0, r
    assert "3 added" in r.stdout
    got = cases(run)
    assert set(got) == {"(2024)乌人调字第1号", "(2024)乌人调字第2号", "(2023)乌人调字第7号"}
    a = got["(2024)乌人调字第1号"]
    assert a["status"] == "succeeded" and a["entered_at"] == "2024-01-05T16:25:00"
    b = got["(2024)乌人调字第2号"]
    assert b["status"] == "closed" and b["outcome"] == "failed" and b["closed_on"] == "2024-01-09"
    assert b["amount"] == 12500.5 and b["received_on"] == "2024-01-05" and b["category"] == "labour"
    assert b["entered_at"] == "2024-06-30T09:00:00"
    # numbering continues after a number given in the file
    r = run(
        "case", "add", "--org", "V1", "--received-on", "2023-12-31", "--category", "邻里", "--source", "申请"
    )
    assert r.stdout.strip() == "(2023)乌人调字第8号"


def test_reimport_changes_nothing(banner, tmp_path, db_path):
    run = banner
    p = write(tmp_path, GOOD)
    assert run("case", "import", p).exit_code == 0
    before = snapshot(db_path)
    r = run("case", "import", p)
    assert r.exit_code == 0 and "0 added, 0 updated, 3 unchanged" in r.stdout
    assert snapshot(db_path) == before


def test_reimport_updates_a_changed_row(banner, tmp_path):
    run = banner
    run("case", "import", write(tmp_path, GOOD))
    changed = GOOD[:2] + [
        GOOD[2].replace(",100,旧案,", ",250,旧案,").replace("mediating", "withdrawn,2024-01-02")[:-4] + ",,,"
    ]
    changed[2] = (
        "(2023)乌人调字第7号,V1,2023-12-30,application,neighbour,,2,250,旧案,normal,,0,withdrawn,2024-01-02,,,,,,"
    )
    r = run("case", "import", write(tmp_path, changed, "v2.csv"))
    assert r.exit_code == 0 and "1 updated" in r.stdout, r
    c = cases(run)["(2023)乌人调字第7号"]
    assert c["amount"] == 250 and c["status"] == "withdrawn" and c["outcome_on"] == "2024-01-02"
    hist = run("case", "history", "(2023)乌人调字第7号", "-f", "json").json()
    assert hist[-1]["action"] == "import" and hist[-1]["before"]["amount_fen"] == 10000


def test_bad_rows_refuse_the_file(banner, tmp_path, db_path):
    run = banner
    rows = GOOD + [
        ",NOPE,2024-02-01,application,neighbour,,2,,x,normal,,0,received,,,,,,,",
        ",V1,2024-02-01,application,neighbour,,-3,,y,normal,,0,received,,,,,,,",
        ",V1,2024-02-01,application,neighbour,,2,,z,normal,,0,succeeded,2024-01-01,written,,,,,",
        ",V1,2024-02-31,application,neighbour,,2,,w,normal,,0,received,,,,,,,",
        ",V1,2024-02-01,application,neighbour,,2,,v,normal,,0,received,,,M0404,,,",
    ]
    p = write(tmp_path, rows)
    before = snapshot(db_path)
    r = run("case", "import", p)
    assert r.exit_code == 1
    for text in (
        "line 5",
        "NOPE",
        "line 6",
        "parties",
        "-3",
        "line 7",
        "outcome_on",
        "line 8",
        "2024-02-31",
        "line 9",
        "M0404",
    ):
        assert text in r.stderr, (text, r.stderr)
    assert snapshot(db_path) == before
    # --dry-run with a good file writes nothing either
    r = run("case", "import", write(tmp_path, GOOD, "good.csv"), "--dry-run")
    assert r.exit_code == 0 and "3 added" in r.stdout
    assert snapshot(db_path) == before


def test_skip_bad_writes_rejects(banner, tmp_path):
    run = banner
    rows = GOOD + [",NOPE,2024-02-01,application,neighbour,,2,,x,normal,,0,received,,,,,,,"]
    rej = tmp_path / "rejects.csv"
    r = run("case", "import", write(tmp_path, rows), "--skip-bad", "--rejects", rej)
    assert r.exit_code == 0, r
    assert "3 added" in r.stdout and "1 rejected" in r.stdout
    assert "warning" in r.stderr
    bad = list(csv.DictReader(rej.open(encoding="utf-8-sig")))
    assert len(bad) == 1 and bad[0]["org_code"] == "NOPE" and "NOPE" in bad[0]["reason"]


def test_unknown_column_and_duplicate_key(banner, tmp_path):
    run = banner
    r = run("case", "import", write(tmp_path, ["x"], header="org_code,received_on,source,category,colour"))
    assert r.exit_code == 1 and "colour" in r.stderr
    dup = GOOD[2]
    r = run("case", "import", write(tmp_path, [dup, dup.replace("旧案", "旧案2")], "dup.csv"))
    assert r.exit_code == 1 and "line 3" in r.stderr


def test_bom_gbk_and_xlsx(banner, tmp_path):
    run = banner
    r = run("case", "import", write(tmp_path, GOOD[:1], "bom.csv", encoding="utf-8-sig"))
    assert r.exit_code == 0 and "1 added" in r.stdout, r
    r = run("case", "import", write(tmp_path, GOOD[1:2], "gbk.csv", encoding="gbk"))
    assert r.exit_code == 0 and "1 added" in r.stdout, r
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(next(csv.reader([GOOD[2]])))
    wb.save(tmp_path / "c.xlsx")
    r = run("case", "import", tmp_path / "c.xlsx")
    assert r.exit_code == 0 and "1 added" in r.stdout, r
    assert len(cases(run)) == 3


def test_stray_cells_and_odd_digits_are_refused_not_crashed_on(banner, tmp_path, db_path):
    run = banner
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["org_code", "received_on", "source", "category", "summary"])
    ws.append(["V1", "2024-03-01", "申请", "邻里", "甲乙因排水纠纷"])
    ws.append(["", "", "", "", "", "stray note"])  # beyond the header: refused, as in a CSV, not skipped
    wb.save(tmp_path / "stray.xlsx")
    before = snapshot(db_path)
    r = run("case", "import", tmp_path / "stray.xlsx")
    assert r.exit_code == 1 and "line 3" in r.stderr and "6 cells but 5 columns" in r.stderr
    assert snapshot(db_path) == before
    # '²' is a digit to Python but no number: refused; full-width digits are numbers (a Chinese keyboard's)
    header = "org_code,received_on,source,category,summary,parties"
    r = run("case", "import", write(tmp_path, ["V1,2024-03-01,申请,邻里,甲,²"], "sq.csv", header=header))
    assert r.exit_code == 1 and "parties = '²'" in r.stderr and "Traceback" not in r.stderr
    r = run("case", "import", write(tmp_path, ["V1,2024-03-01,申请,邻里,乙,３"], "fw.csv", header=header))
    assert r.exit_code == 0 and "1 added" in r.stdout
    assert [c["parties"] for c in cases(run).values()] == [3]
    for args in (("case", "show", "²"), ("screen", "show", "²")):
        r = run(*args)
        assert r.exit_code == 1 and "²" in r.stderr


def test_a_wrong_header_is_said_before_a_broken_row(banner, tmp_path):
    """The header is checked before the rows are read: a file with an unknown column and bad bytes past the first
    megabyte (what the encoding is guessed from) names the column."""
    run = banner
    p = tmp_path / "broken.csv"
    rows = "V1,2024-03-01,申请,邻里,红\n" * 40_000
    p.write_bytes(("org_code,received_on,source,category,colour\n" + rows).encode() + b"\xff\xfe\n")
    r = run("case", "import", p)
    assert r.exit_code == 1 and "colour" in r.stderr


def test_export_round_trips_and_guards_formulas(banner, tmp_path, db_path):
    run = banner
    run(
        "mediator",
        "add",
        "--name",
        "张三",
        "--org",
        "V1",
        "--employment",
        "full_time",
        "--joined-on",
        "2020-01-01",
    )
    r = run(
        "case",
        "add",
        "--org",
        "V1",
        "--received-on",
        "2024-03-01",
        "--category",
        "邻里",
        "--source",
        "申请",
        "--summary",
        '=HYPERLINK("x")',
        "--amount",
        "1200.10",
        "--mediators",
        "M0001",
        "--key-groups",
        "老年人;残疾人",
    )
    no = r.stdout.strip()
    run(
        "case",
        "transition",
        no,
        "succeeded",
        "--on",
        "2024-03-02",
        "--agreement",
        "written",
        "--agreement-amount",
        "99.99",
    )
    out = tmp_path / "out.csv"
    r = run("case", "export", "--all-columns", "-o", out)
    assert r.exit_code == 0, r
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["summary"] == '\'=HYPERLINK("x")'
    assert rows[0]["amount"] == "1200.1" and rows[0]["agreement_amount"] == "99.99"
    assert rows[0]["mediators"] == "M0001" and rows[0]["key_groups"] == "elderly;disabled"
    assert rows[0]["status"] == "succeeded"
    j = json.loads(run("case", "export", "--all-columns", "-f", "json").stdout)
    assert j[0]["amount"] == 1200.1 and j[0]["case_no"] == no
    # export → import of the unguarded JSON values round-trips unchanged
    p = tmp_path / "rt.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(j[0]))
        w.writeheader()
        w.writerows([{k: ("" if v is None else v) for k, v in x.items()} for x in j])
    before = snapshot(db_path)
    r = run("case", "import", p)
    assert r.exit_code == 0 and "1 unchanged" in r.stdout, r
    assert snapshot(db_path) == before
    r = run("case", "export", "-f", "xlsx", "-o", tmp_path / "x.xlsx", "--reveal")
    assert r.exit_code == 0
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "x.xlsx").active
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    assert values[1][header.index("summary")] == '\'=HYPERLINK("x")'
    assert values[1][header.index("amount")] == 1200.1


def test_init_sample_loads_the_cases_and_reimport_does_not_duplicate(run, db_path):
    r = run("init", "--sample")
    assert r.exit_code == 0, r
    got = run("case", "list", "-f", "json").json()
    assert len(got) == 401
    assert got[0]["case_no"] == "(2024)乌人调字第1号"
    before = snapshot(db_path)
    r = run("case", "import", SAMPLE / "cases.csv", env={"MEDIATION_TODAY": "2024-12-31"})
    assert r.exit_code == 0 and "401 unchanged" in r.stdout, r
    assert snapshot(db_path) == before


def test_a_bad_value_repeated_is_named_on_every_row(banner, tmp_path, db_path):
    # Each distinct cell is parsed once per import: the remembered refusal still names every row that carries it,
    # and a row with two bad cells names both, in column order (issue 14).
    run = banner
    rows = GOOD + [
        f",V1,2024-02-30,application,neighbour,,2,,r{i},normal,,0,received,,,,,,," for i in range(3)
    ]
    rows.append(",NOPE,2024-02-30,application,neighbour,,2,,r9,normal,,0,received,,,,,,,")
    before = snapshot(db_path)
    r = run("case", "import", write(tmp_path, rows))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    for n in (5, 6, 7):
        assert any(f"line {n}" in x and "2024-02-30" in x for x in lines), (n, r.stderr)
    assert any("line 8" in x and "NOPE" in x for x in lines), r.stderr
    # issue 14: every refused cell of a row is named (it used to be the first only), in column order
    line8 = [x for x in lines if "line 8" in x]
    assert len(line8) == 2 and "NOPE" in line8[0] and "2024-02-30" in line8[1], r.stderr
    assert snapshot(db_path) == before


def stored(db_path) -> list[dict]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM dispute ORDER BY id")]
    finally:
        conn.close()


def test_import_of_only_the_required_columns_takes_the_defaults(banner, tmp_path, db_path):
    run = banner
    p = write(
        tmp_path, ["V1,2024-03-01,application,neighbour"], header="org_code,received_on,source,category"
    )
    r = run("case", "import", p)
    assert r.exit_code == 0, r
    (c,) = stored(db_path)
    assert c["status"] == "received" and c["risk_level"] == "normal" and c["major"] == 0
    assert c["prevented_fight_cases"] == 0 and c["closed_without_visit"] is None and c["key_groups"] is None
    assert c["case_no"] == "(2024)乌人调字第1号" and c["year"] == 2024 and c["seq"] == 1
    assert c["change_seq"] == c["created_seq"] > 0 and c["entered_at"] and c["updated_at"]
    assert run("case", "list", "--search", "any").exit_code == 0


def test_import_writes_the_detail_columns(banner, tmp_path, db_path):
    run = banner
    header = HEADER + ",agreement_amount,performed,prevented_fight_cases,reported_to,major_since"
    row = ",V1,2024-01-04,screening,婚姻家庭,,2,,甲乙争执,major,,1,succeeded,2024-01-10,written,,,2024-01-05,,,800,1,2,乡政府,2024-01-06"
    r = run("case", "import", write(tmp_path, [row], header=header))
    assert r.exit_code == 0, r
    (c,) = stored(db_path)
    assert c["agreement_fen"] == 80000 and c["performed"] == 1 and c["prevented_fight_cases"] == 2
    assert c["reported_to"] == "乡政府" and c["major_since"] == "2024-01-06" and c["major"] == 1
    assert c["prevented_fight_persons"] == 0 and c["guided_to"] is None
