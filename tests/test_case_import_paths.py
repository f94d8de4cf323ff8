"""`case import` has two paths (services/case_import.py): the column path that accepts new cases a column at a time, and
the exact row-by-row path of `case add`/`case edit`. Whichever path a row takes, the ledger and the refusals must be
the same: random files of good and bad cells, imported both ways into copies of one ledger, must agree."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mediation_cli.app import app
from mediation_cli.forms.cases import COLUMNS
from mediation_cli.ledger.db import open_ledger
from mediation_cli.services import case_import

# Each column: cells its parser takes (blank most often) — a row of these may still break a rule across fields —
# and, in BAD, cells it refuses.
CELLS = {
    "case_no": ["", "", "", "(2024)乌人调字第900号", " (2024)乌人调字第901号 "],
    "org_code": ["V26", "V26", "T05", "V30", "T01", " V26 "],
    "received_on": ["2024-03-01", "2024-03-01", "2024/3/1", "2024-09-15", "2024-10-02"],
    "source": ["screening", "申请", "application"],
    "category": ["婚姻家庭", "neighbour", "labour"],
    "key_groups": ["", "", "women_children", "elderly;disabled"],
    "parties": ["", "2", "3"],
    "amount": ["", "100", "12500.5", "1,000", "0.10"],
    "summary": ["", "甲乙因宅基地纠纷", "排水沟堵塞", "  彩礼  "],
    "risk_level": ["", "normal", "major"],
    "risk_types": ["", "", "civil_to_criminal"],
    "major": ["", "", "0", "1", "是"],
    "status": ["", "received", "mediating", "succeeded", "failed", "withdrawn"],
    "outcome_on": ["", "", "2024-03-05", "2024-03-01", "2024-02-29", "2024-12-01"],
    "agreement": ["", "", "", "written", "oral"],
    "closed_on": ["", "", "", "2024-03-06", "2024-03-05", "2024-03-01", "2024-02-29", "2024-12-20"],
    # M0180/M0181: V26, left 2024-08-31; M0197: V30, left 2024-03-31; M0001: T01 (above V01…, not above V26)
    "mediators": ["", "", "M0180", "M0180;M0181", "M0180；M0180", "M0001", "M0197", "m0180"],
    "reported_on": ["", "", "", "2024-03-01", "2024-02-29"],
    "screening_id": ["", "", "", "111"],
    "entered_at": ["", "", "2024-03-02T09:00:00", "2024-02-29T23:00:00", "2024-03-01", "2024-03-01 10:00"],
    "agreement_amount": ["", "", "", "500"],
    "performed": ["", "", "", "1", "0"],
    "guided_to": ["", "", "", "litigation"],
    "reported_to": ["", "", "乡政府"],
    "extended_until": ["", "", "", "2024-04-15", "2024-03-01", "2024-03-02"],
    "major_since": ["", "", "", "2024-03-10", "2024-03-01", "2024-02-29"],
    "prevented_criminal_cases": ["", "", "", "1"],
}
BAD = {
    "case_no": ["x" * 70, "(2024)乌人调字第1号"],  # too long; the sample's first case (an update in `full`)
    "org_code": ["", "NOPE"],
    "received_on": ["2024-02-30", "", "2016-01-01"],
    "source": ["bogus", ""],
    "category": ["nope", ""],
    "key_groups": ["bad"],
    "parties": ["0", "-1", "x"],
    "amount": ["1.234", "-5"],
    "summary": ["x" * 2001],
    "risk_level": ["bad"],
    "risk_types": ["bad"],
    "major": ["maybe"],
    "status": ["closed", "bad"],
    "outcome_on": ["bad"],
    "agreement": ["bad"],
    "mediators": ["M9999"],
    "screening_id": ["999999", "abc"],
    "entered_at": ["bad"],
    "agreement_amount": ["x"],
    "guided_to": ["bad"],
    "prevented_criminal_cases": ["-1"],
}
assert set(CELLS) <= set(COLUMNS)


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory):
    """The sample banner as it is (401 cases), and without its cases (the column path's main road)."""
    root = tmp_path_factory.mktemp("paths")
    full = root / "full.db"
    r = CliRunner().invoke(
        app, ["init", "--sample"], env={"MEDIATION_DB": str(full), "MEDIATION_TODAY": "2024-12-31"}
    )
    assert r.exit_code == 0, r.output
    bare = root / "bare.db"
    shutil.copyfile(full, bare)
    conn = sqlite3.connect(bare)
    for table in ("case_mediator", "case_event", "case_plan", "consultation", "visit", "dispute"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("INSERT INTO dispute_fts(dispute_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    return {"full": full, "bare": bare}


OUTCOME_ONLY = {
    "succeeded": ("guided_to",),
    "failed": ("agreement", "agreement_amount", "performed"),
    "withdrawn": ("agreement", "agreement_amount", "performed", "guided_to"),
}


@st.composite
def good_row(draw):
    """Cells each column takes; half of the rows are also kept to what their status allows, so that many rows pass
    every rule and the rules' edges (a date equal to received_on, a mediator who left) are reached."""
    row = {c: draw(st.sampled_from(cells)) for c, cells in CELLS.items()}
    if draw(st.booleans()):
        status = row["status"] or "received"
        blank = OUTCOME_ONLY.get(status, ("outcome_on", "closed_on", *OUTCOME_ONLY["withdrawn"]))
        row |= dict.fromkeys(blank, "")
    return row


spoilt = st.dictionaries(st.sampled_from(sorted(BAD)), st.integers(0, 9), max_size=2).map(
    lambda picks: {c: BAD[c][k % len(BAD[c])] for c, k in picks.items()}
)


def numbered(rows: list[dict]) -> list[dict]:
    """Most rows are different cases (a summary of its own); some stay alike, to meet the duplicate-key rule."""
    return [r | {"summary": f"{r['summary']}（{i}）"} if i % 3 else r for i, r in enumerate(rows)]


rows_of = st.lists(st.builds(lambda row, bad: row | bad, good_row(), spoilt), min_size=1, max_size=8).map(
    numbered
)


def _exact_only(real):
    """The column path as it is, but accepting no row: every row goes down the exact path."""

    def column_path(header, rows, res, *caches):
        records, fields, given = real(header, rows, res, *caches)
        return [None] * len(records), fields, given

    return column_path


def import_both(tmp: Path, base: Path, header: list[str], rows: list[dict]) -> list:
    src = tmp / "cases.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows([[r[c] for c in header] for r in rows])
    seen = []
    for columns in (True, False):
        db = tmp / f"{columns}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, db)
        ledger = open_ledger(db, "test")
        rejects = tmp / f"{columns}.rejects.csv"
        with pytest.MonkeyPatch.context() as mp:
            if not columns:
                mp.setattr(case_import, "column_path", _exact_only(case_import.column_path))
            result = case_import.import_cases(
                ledger, src, today=date(2024, 12, 31), skip_bad=True, rejects=rejects, dry_run=False
            )
        conn = ledger.conn
        state = (
            result.as_dict(),
            [tuple(r) for r in conn.execute("SELECT * FROM dispute ORDER BY id")],
            [tuple(r) for r in conn.execute("SELECT * FROM case_mediator ORDER BY 1, 2")],
            [
                tuple(r)
                for r in conn.execute(
                    "SELECT rowid FROM dispute_fts WHERE summary LIKE '%宅基地%' ORDER BY 1"
                )
            ],
            rejects.read_text(encoding="utf-8-sig") if rejects.exists() else "",
        )
        ledger.close()
        rejects.unlink(missing_ok=True)
        seen.append(state)
    return seen


@pytest.mark.parametrize("which", ["bare", "full"])
@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=rows_of,
    drop=st.sets(st.sampled_from(sorted(set(CELLS) - {"org_code", "received_on", "source", "category"}))),
)
def test_column_path_and_exact_path_agree(ledgers, tmp_path, monkeypatch, which, rows, drop):
    monkeypatch.setenv("MEDIATION_NOW", "2024-12-31T10:00:00")
    header = [c for c in CELLS if c not in drop]
    by_columns, exact = import_both(tmp_path, ledgers[which], header, rows)
    assert by_columns == exact


def test_column_path_takes_the_good_rows(ledgers, tmp_path, monkeypatch):
    """The agreement above is not vacuous: good new rows are accepted, bad ones refused, in the same file."""
    monkeypatch.setenv("MEDIATION_NOW", "2024-12-31T10:00:00")
    good = {c: "" for c in CELLS} | {
        "org_code": "V26",
        "received_on": "2024-03-01",
        "source": "申请",
        "category": "婚姻家庭",
        "summary": "甲乙因宅基地纠纷",
        "status": "succeeded",
        "outcome_on": "2024-03-05",
        "agreement": "written",
        "mediators": "M0180",
    }
    bad = good | {"summary": "乙丙因排水沟纠纷", "outcome_on": "2024-02-01"}  # outcome before received
    (result, cases, links, found, rejects), _ = import_both(
        tmp_path, ledgers["bare"], list(CELLS), [good, bad]
    )
    assert result["inserted"] == 1 and result["rejected"] == 1
    assert len(cases) == 1 and len(links) == 1 and len(found) == 1
    assert "outcome_on" in rejects and "2024-02-01" in rejects


BASE = dict.fromkeys(CELLS, "") | {
    "org_code": "V26",
    "received_on": "2024-03-01",
    "source": "申请",
    "category": "婚姻家庭",
}
# One rule's edge per row: (cells over BASE, accepted?)
EDGES = [
    ({}, True),
    ({"status": "succeeded", "outcome_on": "2024-03-01", "closed_on": "2024-03-01"}, True),
    ({"status": "succeeded", "outcome_on": "2024-02-29"}, False),
    ({"status": "failed", "closed_on": "2024-02-29"}, False),
    ({"status": "failed", "closed_on": "2024-03-01", "guided_to": "litigation"}, True),
    ({"status": "succeeded", "outcome_on": "2024-03-05", "closed_on": "2024-03-04"}, False),
    ({"status": "mediating", "outcome_on": "2024-03-05"}, False),
    ({"status": "received", "closed_on": "2024-03-05"}, False),
    ({"status": "withdrawn", "agreement": "oral"}, False),
    ({"status": "succeeded", "guided_to": "litigation"}, False),
    ({"status": "succeeded", "performed": "0", "agreement_amount": "0"}, True),
    ({"extended_until": "2024-03-01"}, False),
    ({"extended_until": "2024-03-02"}, True),
    ({"reported_on": "2024-03-01"}, True),
    ({"reported_on": "2024-02-29"}, False),
    ({"major": "1"}, True),
    ({"major": "1", "major_since": "2024-02-29"}, False),
    ({"major": "0", "major_since": "2024-02-29"}, True),  # not major: major_since is dropped, not checked
    ({"entered_at": "2024-02-29T23:59:00"}, False),
    ({"entered_at": "2024-03-01"}, True),
    ({"mediators": "M0180;M0181"}, True),
    ({"mediators": "M0180", "received_on": "2024-08-31"}, False),  # left that day
    ({"mediators": "M0180", "received_on": "2024-08-30"}, True),
    ({"mediators": "M0001"}, False),  # a township's mediator, not above V26
    ({"mediators": "M0197", "org_code": "V30", "received_on": "2022-12-06"}, False),  # before joining
    ({"mediators": "M0197", "org_code": "V30", "received_on": "2022-12-07"}, True),
    ({"screening_id": "111"}, True),
    ({"screening_id": "999999"}, False),
]


def test_both_paths_agree_on_every_rule_edge(ledgers, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIATION_NOW", "2024-12-31T10:00:00")
    rows = [BASE | cells | {"summary": f"边界{i}"} for i, (cells, _) in enumerate(EDGES)]
    by_columns, exact = import_both(tmp_path, ledgers["bare"], list(CELLS), rows)
    assert by_columns == exact
    accepted = {s for s in by_columns[1] for s in s if isinstance(s, str) and s.startswith("边界")}
    assert accepted == {f"边界{i}" for i, (_, ok) in enumerate(EDGES) if ok}


def test_a_case_added_meanwhile_takes_neither_the_id_nor_the_number(ledgers, tmp_path, monkeypatch):
    """Between reading the file and writing it, another clerk's `case add` commits: the import's ids and ledger
    numbers are taken inside its own transaction, after that case."""
    from mediation_cli.ledger import db as ledger_db

    monkeypatch.setenv("MEDIATION_NOW", "2024-12-31T10:00:00")
    db = tmp_path / "race.db"
    shutil.copyfile(ledgers["full"], db)
    src = tmp_path / "one.csv"
    src.write_text(
        "org_code,received_on,source,category,summary\nV26,2024-03-01,申请,婚姻家庭,新案\n", encoding="utf-8"
    )
    begin = ledger_db.Ledger.write

    def write_after_another_clerk(self, **kw):
        monkeypatch.setattr(ledger_db.Ledger, "write", begin)
        r = CliRunner().invoke(
            app,
            [
                "case",
                "add",
                "--org",
                "V26",
                "--received-on",
                "2024-03-02",
                "--source",
                "申请",
                "--category",
                "邻里",
            ],
            env={"MEDIATION_DB": str(db), "MEDIATION_TODAY": "2024-12-31"},
        )
        assert r.exit_code == 0 and r.stdout.strip() == "(2024)乌人调字第402号", r.output
        return begin(self, **kw)

    monkeypatch.setattr(ledger_db.Ledger, "write", write_after_another_clerk)
    ledger = open_ledger(db, "test")
    result = case_import.import_cases(
        ledger, src, today=date(2024, 12, 31), skip_bad=False, rejects=None, dry_run=False
    )
    assert result.inserted == 1
    got = ledger.all("SELECT id, case_no FROM dispute WHERE id > 401 ORDER BY id")
    ledger.close()
    assert [tuple(r) for r in got] == [(402, "(2024)乌人调字第402号"), (403, "(2024)乌人调字第403号")]
