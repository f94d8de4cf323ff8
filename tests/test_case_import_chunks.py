"""`case import` reads, checks and writes a file a chunk at a time inside its one transaction (memory bounded by a
chunk, not the file): the ledger it leaves must be the one a whole-file import leaves, and every rule across rows —
duplicate keys, numbering after the highest number in the file, all or nothing — must hold across chunks."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import snapshot
from test_case_import import HEADER, write

from mediation_cli.services import case_import

ROWS = [
    ",V1,2024-01-04,application,neighbour,,2,,甲乙宅基地争执,normal,,0,mediating,,,,,,,",
    ",T1,2024-01-05,application,labour,,2,100,拖欠工资,normal,,0,succeeded,2024-01-08,written,,,,,",
    ",V1,2024-02-01,screening,neighbour,,2,,草场边界,normal,,0,received,,,,,,,",
    "(2023)乌人调字第7号,V1,2023-12-30,application,neighbour,,2,100,旧案,normal,,0,mediating,,,,,,,",
    ",V1,2023-12-31,application,neighbour,,2,,年末纠纷,normal,,0,mediating,,,,,,,",
    # a number given late in the file: the unnumbered rows of 2024 above continue after it, as a whole-file import does
    "(2024)乌人调字第50号,T1,2024-03-01,court,marriage_family,,2,,抚养费,normal,,0,mediating,,,,,,,",
    ",T1,2024-03-02,application,labour,,2,,工伤赔偿,normal,,0,failed,2024-03-05,,2024-03-06,,,,",
    # the same (org, received_on, summary) as a numbered row of an earlier chunk: a new case, not an update of it
    ",T1,2024-03-01,court,marriage_family,,2,,抚养费,normal,,0,mediating,,,,,,,",
]


def _dump(db) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("dispute", "case_mediator", "seal_head")
        } | {"fts": conn.execute("SELECT rowid, summary FROM dispute_fts ORDER BY rowid").fetchall()}
    finally:
        conn.close()


@pytest.fixture
def twin(banner, db_path, tmp_path):
    """The banner ledger and a copy of it: one imports a chunk of 2 rows at a time, the other the file whole."""
    snapshot(db_path)
    other = tmp_path / "whole.db"
    shutil.copyfile(db_path, other)
    return banner, db_path, other


def test_chunked_import_leaves_the_ledger_a_whole_file_import_leaves(twin, tmp_path, monkeypatch):
    run, chunked, whole = twin
    src = write(tmp_path, ROWS)
    r = run("--db", whole, "case", "import", src)
    assert r.exit_code == 0 and "8 added" in r.stdout, r
    monkeypatch.setattr(case_import, "CHUNK_ROWS", 2)
    r = run("case", "import", src)
    assert r.exit_code == 0 and "8 added" in r.stdout, r
    assert _dump(chunked) == _dump(whole)
    nos = [c["case_no"] for c in run("case", "list", "-f", "json").json()]
    assert "(2024)乌人调字第51号" in nos and "(2024)乌人调字第1号" not in nos
    assert len(set(nos)) == 8
    assert run("db", "check").exit_code == 0
    # a re-import, also in chunks, finds every row stored: nothing added, nothing written
    before = snapshot(chunked)
    r = run("case", "import", src)
    assert r.exit_code == 0 and "0 added, 0 updated, 8 unchanged" in r.stdout, r
    assert snapshot(chunked) == before


def test_updates_in_chunks_match_the_whole_file(twin, tmp_path, monkeypatch):
    run, chunked, whole = twin
    src = write(tmp_path, ROWS)
    for db in (chunked, whole):
        assert run("--db", db, "case", "import", src).exit_code == 0
    changed = [r.replace(",mediating,", ",withdrawn,2024-04-01,").replace(",,,,,,", ",,,,") for r in ROWS]
    changed = [row if "mediating" not in ROWS[i] else changed[i] for i, row in enumerate(ROWS)]
    src2 = write(
        tmp_path, changed + [",V1,2024-05-01,application,neighbour,,2,,新来的,normal,,0,received,,,,,,,"]
    )
    r = run("--db", whole, "case", "import", src2)
    assert r.exit_code == 0, r
    monkeypatch.setattr(case_import, "CHUNK_ROWS", 3)
    r2 = run("case", "import", src2)
    assert (
        r2.exit_code == 0 and r2.stdout == r.stdout and "1 added" in r.stdout and " 0 updated" not in r.stdout
    ), r2
    assert _dump(chunked) == _dump(whole)
    assert run("db", "check").exit_code == 0


def test_a_duplicate_in_a_later_chunk_refuses_the_file(banner, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(case_import, "CHUNK_ROWS", 2)
    before = snapshot(db_path)
    r = banner("case", "import", write(tmp_path, ROWS + [ROWS[3], ROWS[0]]))
    assert r.exit_code == 1
    assert "line 10" in r.stderr and "same key as line 5" in r.stderr, r
    assert "line 11" in r.stderr and "same key as line 2" in r.stderr, r
    assert snapshot(db_path) == before


def test_a_bad_row_in_the_last_chunk_undoes_the_chunks_written(banner, db_path, tmp_path, monkeypatch):
    """The first chunks are written before the bad row is read: the one transaction rolls them back."""
    monkeypatch.setattr(case_import, "CHUNK_ROWS", 2)
    before = snapshot(db_path)
    bad = [ROWS[0].replace("2024-01-04", "2024-13-04")]
    r = banner("case", "import", write(tmp_path, ROWS[1:] + ROWS[:1] + bad))
    assert r.exit_code == 1 and "line 10" in r.stderr and "received_on" in r.stderr, r
    assert "Traceback" not in r.stderr
    assert snapshot(db_path) == before
    assert banner("case", "list", "-f", "json").json() == []


def test_skip_bad_in_chunks_writes_the_good_rows(banner, tmp_path, monkeypatch):
    monkeypatch.setattr(case_import, "CHUNK_ROWS", 2)
    bad = ROWS[2].replace("screening", "by_pigeon")
    rejects = tmp_path / "rejects.csv"
    r = banner(
        "case", "import", write(tmp_path, ROWS[:2] + [bad] + ROWS[3:]), "--skip-bad", "--rejects", rejects
    )
    assert r.exit_code == 0 and "7 added" in r.stdout and "1 rejected" in r.stdout, r
    assert "by_pigeon" in rejects.read_text(encoding="utf-8-sig")
    assert len(banner("case", "list", "-f", "json").json()) == 7
    assert banner("db", "check").exit_code == 0


def test_header_lines_are_counted_without_reading_the_rows(tmp_path):
    from mediation_cli.io.readers import csv_lines

    p = write(tmp_path, ROWS)
    assert csv_lines(p) == (len(ROWS) + 1, False)
    q = write(tmp_path, [r for r in ROWS if r.startswith(",")], name="unnumbered.csv")
    assert csv_lines(q)[1] is True
    assert HEADER.startswith("case_no,")


def test_a_template_without_the_year_numbers_every_case_once(twin, tmp_path, monkeypatch):
    """Without {year}, seq starts again each year: the same number for two years is never given twice."""
    run, chunked, whole = twin
    for db in (chunked, whole):
        assert run("--db", db, "config", "set", "case_no_template", "调字第{seq}号").exit_code == 0
    src = write(tmp_path, ROWS)
    assert run("--db", whole, "case", "import", src).exit_code == 0
    monkeypatch.setattr(case_import, "CHUNK_ROWS", 2)
    assert run("case", "import", src).exit_code == 0
    assert _dump(chunked) == _dump(whole)
    nos = [c["case_no"] for c in run("case", "list", "-f", "json").json()]
    assert len(nos) == len(set(nos)) == 8
