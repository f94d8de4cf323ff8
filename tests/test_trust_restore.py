"""`db restore` refuses a backup whose structure reads but whose integrity check fails (an index out of step with
its table), not only files that cannot be read at all; the current ledger is left as it was."""

import sqlite3

from conftest import snapshot


def _stale_index(path) -> None:
    """Make dispute_received disagree with the dispute table while every page still reads: drop the index from the
    schema, change a row, put the index back (writable_schema, as a careless repair tool would)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    name, tbl, root, sql = conn.execute(
        "SELECT name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = 'dispute_received'"
    ).fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("DELETE FROM sqlite_master WHERE name = ?", (name,))
    conn.commit()
    conn.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE dispute SET received_on = '1999-01-01' WHERE id = (SELECT min(id) FROM dispute)")
    conn.commit()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) VALUES ('index', ?, ?, ?, ?)",
        (name, tbl, root, sql),
    )
    conn.commit()
    conn.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"  # damaged, yet it reads
    assert check.execute("PRAGMA user_version").fetchone()[0] > 0
    check.close()


def test_restore_refuses_a_backup_that_fails_its_integrity_check(run, db_path, tmp_path):
    assert run("init", "--sample").exit_code == 0
    backup = tmp_path / "backup.db"
    assert run("db", "backup", backup).exit_code == 0
    _stale_index(backup)
    before = snapshot(db_path)
    r = run("db", "restore", backup)
    assert r.exit_code == 1
    assert "integrity" in r.stderr.lower() or "完整性" in r.stderr
    assert snapshot(db_path) == before
    assert not list(tmp_path.glob("ledger.db.replaced-*"))
