"""Item 6 of issue 12 — schema evolution: the committed ledger of schema version 1 (tests/fixtures/ledger_v1.db, made
by tests/fixtures/make_ledger_v1.py from MIGRATIONS[:1]) migrates to the current schema with every row intact and the
audit rows chained; a newer ledger is refused untouched; a failed migration rolls back completely."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from mediation_cli.errors import LedgerRefused
from mediation_cli.ledger import db as ledger_db
from mediation_cli.ledger.schema import MIGRATIONS, SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger_v1.db"
V1_TABLES = [
    "org",
    "mediator",
    "employment",
    "screening",
    "dispute",
    "case_mediator",
    "case_event",
    "config",
    "audit",
    "category",
]


def _rows(path: Path, table: str, columns: list[str]) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2").fetchall()
    finally:
        conn.close()


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


@pytest.fixture
def v1(tmp_path) -> Path:
    path = tmp_path / "v1.db"
    shutil.copy(FIXTURE, path)
    return path


def test_the_fixture_is_schema_1():
    conn = sqlite3.connect(f"{FIXTURE.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_version_1_migrates_with_every_row_intact(v1, run):
    before = {t: (_columns(v1, t), _rows(v1, t, _columns(v1, t))) for t in V1_TABLES}
    r = run("--db", v1, "db", "check")
    assert r.exit_code == 0, r  # chained and sealed as it migrated: a clean check
    conn = sqlite3.connect(v1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == [
        m[0] for m in MIGRATIONS
    ]
    assert conn.execute("SELECT count(*) FROM audit WHERE hash IS NULL").fetchone()[0] == 0
    conn.close()
    # Rows a later migration adds on purpose (the statistics form's categories, issue 15) — beside every old row.
    added = {"category": {"contract", "damages", "property_management"}}
    for t, (cols, rows) in before.items():
        after = [r for r in _rows(v1, t, cols) if r[0] not in added.get(t, ()) or r in rows]
        assert after == rows, t  # every column the first schema had, row for row
    # and the program reads them
    assert "排水纠纷" in run("--db", v1, "case", "list", "--search", "排水").stdout
    assert (
        run(
            "--db",
            v1,
            "case",
            "transition",
            "(2024)乌人调字第2号",
            "succeeded",
            "--on",
            "2024-03-02",
            "--agreement",
            "oral",
        ).exit_code
        == 0
    )
    assert run("--db", v1, "db", "check").exit_code == 0


def test_a_newer_ledger_is_refused_untouched(v1, run):
    conn = sqlite3.connect(v1)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = v1.read_bytes()
    for args in (("case", "list"), ("org", "add", "--code", "X", "--name", "某", "--kind", "village")):
        r = run("--db", v1, *args)
        assert r.exit_code == 1 and "newer" in r.stderr
    assert v1.read_bytes() == before
    assert sorted(p.name for p in v1.parent.iterdir()) == ["v1.db"]


def test_a_failed_migration_rolls_back_completely(v1, monkeypatch):
    before = v1.read_bytes()
    broken = [
        *MIGRATIONS,
        ("999_broken", ["CREATE TABLE half_done(x)", "INSERT INTO no_such_table VALUES (1)"]),
    ]
    monkeypatch.setattr(ledger_db, "MIGRATIONS", broken)
    monkeypatch.setattr(ledger_db, "SCHEMA_VERSION", len(broken))
    with pytest.raises(sqlite3.OperationalError):
        ledger_db.open_ledger(v1, "tester")
    monkeypatch.undo()
    conn = sqlite3.connect(v1)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # not 2 or 3: all or nothing
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in names and "seal_head" not in names
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    assert v1.read_bytes() == before


def test_refused_by_the_opener_directly(v1):
    conn = sqlite3.connect(v1)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LedgerRefused):
        ledger_db.open_ledger(v1, "tester")
