"""The ledger file: created 0600 in WAL mode, refused untouched when foreign or newer, info/check/backup."""

from __future__ import annotations

import os
import sqlite3
import stat

from conftest import SAMPLE, snapshot

from mediation_cli.ledger.schema import SCHEMA_VERSION


def test_new_ledger_mode_wal_and_info(run, db_path):
    assert run("init").exit_code == 0
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    info = run("db", "info", "-f", "json").json()
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["counts"] == {"orgs": 0, "mediators": 0, "cases": 0, "screenings": 0}
    assert info["path"] == str(db_path.resolve())


def test_zero_byte_file_is_a_new_ledger(run, db_path):
    db_path.write_bytes(b"")
    assert run("init").exit_code == 0
    assert run("db", "info", "-f", "json").json()["schema_version"] == SCHEMA_VERSION


def test_not_a_ledger_is_refused_untouched(run, db_path):
    db_path.write_bytes(b"name,age\nx,1\n")
    r = run("org", "list")
    assert r.exit_code == 1 and "not a mediation ledger" in r.stderr
    assert db_path.read_bytes() == b"name,age\nx,1\n"
    other = db_path.parent / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    r = run("--db", other, "org", "list")
    assert r.exit_code == 1 and "not a mediation ledger" in r.stderr
    assert other.read_bytes() == before


def test_newer_schema_is_refused_untouched(run, db_path):
    run("init")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db_path.read_bytes()
    r = run("org", "add", "--code", "X", "--name", "x", "--kind", "village")
    assert r.exit_code == 1 and "newer" in r.stderr
    assert db_path.read_bytes() == before


def test_read_command_on_missing_ledger(run, db_path):
    r = run("db", "check")
    assert r.exit_code == 1 and "mediation init" in r.stderr
    assert not db_path.exists()


def test_check_and_backup(run, db_path, tmp_path):
    run("org", "import", SAMPLE / "orgs.csv")
    r = run("db", "check")
    assert r.exit_code == 0 and "OK" in r.stdout
    target = tmp_path / "backup" / "copy.db"
    assert run("db", "backup", target).exit_code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert run("--db", target, "db", "info", "-f", "json").json()["counts"]["orgs"] == 53
    assert run("db", "backup", target).exit_code == 1  # never overwrites
    conn = sqlite3.connect(db_path)
    conn.execute(
        "UPDATE org SET dissolved_on = '2000-01-01', established_on = '2010-01-01' WHERE code = 'V01'"
    )
    conn.commit()
    conn.close()
    r = run("db", "check", "-f", "json")
    assert r.exit_code == 1 and r.json()[0]["check"] == "org_dates"


def test_audit_log_records_before_and_after(run, db_path):
    run("--operator", "王文书", "org", "add", "--code", "T1", "--name", "某镇", "--kind", "township")
    run("org", "edit", "T1", "--name", "某某镇")
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT operator, entity, ref, action, before, after FROM audit ORDER BY id"
    ).fetchall()
    assert rows[0][:4] == ("王文书", "org", "T1", "add")
    assert rows[1][:4] == ("tester", "org", "T1", "edit")
    assert '"某镇"' in rows[1][4] and '"某某镇"' in rows[1][5]


def test_config_set_is_audited_and_validated(run, db_path):
    assert run("config", "set", "cadence.industry", "monthly").exit_code == 0
    assert run("config", "get", "cadence.industry").stdout.strip() == "monthly"
    r = run("config", "set", "cadence.industry", "daily")
    assert r.exit_code == 1 and "daily" in r.stderr
    r = run("config", "set", "no.such", "1")
    assert r.exit_code == 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM audit WHERE entity = 'config'").fetchone()[0] == 1


def test_sample_loads_into_an_empty_ledger_only(run, db_path):
    assert run("init", "--sample").exit_code == 0
    counts = run("db", "info", "-f", "json").json()["counts"]
    assert counts == {"orgs": 53, "mediators": 246, "cases": 401, "screenings": 1711}
    before = snapshot(db_path)
    r = run("init", "--sample")
    assert r.exit_code == 1 and "empty" in r.stderr
    assert snapshot(db_path) == before
    assert run("init").exit_code == 0  # init on an existing ledger is harmless
