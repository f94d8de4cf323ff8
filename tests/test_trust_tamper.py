"""Item 5 of issue 12 — tamper evidence: 14 edits made with sqlite3 behind the program's back, each caught by
`db check` (exit 1) under the check that should catch it. Five were caught before the hash chain and the row seals;
nine were not (summary, amount, status, source/risk codes, phone, audit rows, emptied audit, search index)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from trust_helpers import BIN, CASE_ADD


@pytest.fixture(scope="module")
def sample_ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tamper") / "base.db"
    r = subprocess.run([BIN, "--db", path, "init", "--sample"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return path


def _edit(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(
        db, isolation_level=None
    )  # a plain sqlite3 session: none of the program's triggers
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def _check(run, db: Path) -> tuple[int, list[dict]]:
    """The exit code and the errors (notices — 应录必录, such as the sample's unlinked screenings — are not tampering)."""
    r = run("--db", db, "db", "check", "-f", "json")
    rows = json.loads(r.stdout) if r.stdout.strip() else []
    return r.exit_code, [p for p in rows if p["severity"] == "error"]


CASE = "(SELECT min(id) FROM dispute WHERE summary IS NOT NULL)"
EDITS = {
    # newly caught
    "summary rewritten": ([f"UPDATE dispute SET summary = '改过的摘要' WHERE id = {CASE}"], "row_seal"),
    "amount rewritten": ([f"UPDATE dispute SET amount_fen = 99999999 WHERE id = {CASE}"], "row_seal"),
    "status bogus": ([f"UPDATE dispute SET status = 'bogus' WHERE id = {CASE}"], "code"),
    "source nonsense": ([f"UPDATE dispute SET source = 'nonsense' WHERE id = {CASE}"], "code"),
    "risk nonsense": ([f"UPDATE dispute SET risk_level = 'nonsense' WHERE id = {CASE}"], "code"),
    "phone changed": (
        ["UPDATE mediator SET phone = '13900000000' WHERE id = (SELECT min(id) FROM mediator)"],
        "row_seal",
    ),
    "audit row deleted": (["DELETE FROM audit WHERE id = (SELECT min(id) + 1 FROM audit)"], "audit_chain"),
    "audit row rewritten": (
        ["UPDATE audit SET operator = 'someone else' WHERE id = (SELECT min(id) FROM audit)"],
        "audit_chain",
    ),
    "audit emptied": (["DELETE FROM audit"], "audit_chain"),
    "search index out of step": (
        ["INSERT INTO dispute_fts(rowid, summary) VALUES (987654, '不存在的摘要')"],
        "search_index",
    ),
    # caught before too
    "unknown category": ([f"UPDATE dispute SET category = 'nope' WHERE id = {CASE}"], "case_category"),
    "outcome before received": (
        [
            "UPDATE dispute SET outcome_on = '1999-01-01' WHERE id = (SELECT min(id) FROM dispute WHERE outcome_on IS NOT NULL)"
        ],
        "case_dates",
    ),
    "broken ID number": (
        ["UPDATE mediator SET id_number = '150626197504121230' WHERE id = (SELECT min(id) FROM mediator)"],
        "mediator_id_number",
    ),
    "dangling org": ([f"UPDATE dispute SET org_id = 999999 WHERE id = {CASE}"], "foreign_key"),
}


def test_the_untouched_ledger_is_clean(run, sample_ledger):
    assert _check(run, sample_ledger) == (0, [])


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_behind_the_programs_back_is_caught(run, sample_ledger, tmp_path, name):
    db = tmp_path / "l.db"
    shutil.copy(sample_ledger, db)
    statements, check = EDITS[name]
    _edit(db, *statements)
    code, problems = _check(run, db)
    assert code == 1, name
    assert check in {p["check"] for p in problems}, (name, problems)


def test_the_first_broken_entry_is_named(run, sample_ledger, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(sample_ledger, db)
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM audit ORDER BY id")]
    conn.close()
    _edit(
        db,
        f"UPDATE audit SET ref = 'X' WHERE id = {ids[1]}",
        f"UPDATE audit SET ref = 'Y' WHERE id = {ids[3]}",
    )
    _code, problems = _check(run, db)
    chain = [p for p in problems if p["check"] == "audit_chain"]
    assert chain and chain[0]["ref"] == f"audit #{ids[1]}"


def test_deleting_the_last_entries_then_writing_still_shows(run, sample_ledger, tmp_path):
    """The next entry is chained from the ledger's head, not from whatever row is last now."""
    db = tmp_path / "l.db"
    shutil.copy(sample_ledger, db)
    _edit(db, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    assert run("--db", db, "config", "set", "stalled_days", "45").exit_code == 0
    code, problems = _check(run, db)
    assert code == 1 and "audit_chain" in {p["check"] for p in problems}


def test_the_programs_own_writes_keep_the_ledger_clean(run, sample_ledger, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(sample_ledger, db)
    case_no = run(
        "--db",
        db,
        *CASE_ADD,
        "--summary",
        "排水纠纷",
    ).stdout.strip()
    assert case_no
    assert run("--db", db, "case", "edit", case_no, "--summary", "排水沟纠纷").exit_code == 0
    assert run("--db", db, "case", "transition", case_no, "mediating", "--on", "2024-06-02").exit_code == 0
    assert _check(run, db) == (0, [])
