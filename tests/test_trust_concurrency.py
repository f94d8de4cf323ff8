"""Items 2 and 7 of issue 12, against the installed `mediation` in real processes:
- 4 processes add 50 cases each while a fifth runs `remind` and `report cases` in a loop: all 200 stored, no
  "database is locked", every read a whole answer, case counts never going back; a read sees one snapshot;
- `db backup` taken while writers are active is a consistent ledger (`db check` clean);
- `db restore` checks the file first, keeps the replaced ledger beside it, and a stale -wal cannot corrupt it."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from trust_helpers import BIN, CASE_ADD, content, mediation

# Real processes, SIGKILL and 100,000 rows: `make test-slow` (CI runs it after `make test`).
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not BIN.exists(), reason="console script not installed")]
WRITERS, EACH = 4, 50


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("conc") / "sample.db"
    assert mediation(db, "init", "--sample").returncode == 0
    return db


def _writer(db: Path, n: int, each: int = EACH) -> subprocess.Popen:
    script = (
        f'for i in $(seq 1 {each}); do "{BIN}" --db "{db}" case add --org T01 --received-on 2024-06-01 '
        f'--category 邻里关系 --source application --summary "并发写入{n}-$i" || exit 1; done'
    )
    return subprocess.Popen(["bash", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM dispute").fetchone()[0]
    finally:
        conn.close()


def test_four_writers_and_a_reader(sample, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(sample, db)
    start = _count(db)
    writers = [_writer(db, n) for n in range(WRITERS)]
    reads, errors, received = [], [], []

    def reader():
        while any(w.poll() is None for w in writers):
            for args in (
                ("remind", "--as-of", "2024-06-30", "-f", "json"),
                (
                    "report",
                    "cases",
                    "--from",
                    "2024-01-01",
                    "--to",
                    "2024-12-31",
                    "--by",
                    "status",
                    "-f",
                    "json",
                ),
            ):
                r = mediation(db, *args)
                reads.append(r)
                if r.returncode != 0:
                    errors.append(r.stderr)
                    continue
                data = json.loads(r.stdout)  # a whole document, never a torn one
                if args[0] == "report":
                    received.append(sum(row["received"] for row in data))

    t = threading.Thread(target=reader)
    t.start()
    outs = [w.communicate(timeout=600) for w in writers]
    t.join(timeout=600)
    for w, (_out, err) in zip(writers, outs, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in err
    assert not errors, errors[:3]
    assert len(reads) >= 4
    assert received == sorted(received)  # each report a snapshot: counts only ever grow
    assert _count(db) == start + WRITERS * EACH
    conn = sqlite3.connect(db)
    for n in range(WRITERS):
        got = conn.execute(
            "SELECT count(*) FROM dispute WHERE summary LIKE ?", (f"并发写入{n}-%",)
        ).fetchone()[0]
        assert got == EACH
    assert conn.execute("SELECT count(DISTINCT case_no) FROM dispute").fetchone()[0] == _count(db)
    conn.close()
    assert mediation(db, "db", "check").returncode == 0


def test_a_read_command_reads_one_snapshot(sample, tmp_path):
    """Everything a read command asks sees the ledger as it was at its first query, whatever is committed after."""
    from mediation_cli.ledger.db import open_ledger

    db = tmp_path / "l.db"
    shutil.copy(sample, db)
    reader = open_ledger(db, "reader", create=False)
    reader.begin_snapshot()
    before = reader.scalar("SELECT count(*) FROM dispute")
    assert (
        mediation(
            db,
            *CASE_ADD,
        ).returncode
        == 0
    )
    assert reader.scalar("SELECT count(*) FROM dispute") == before
    reader.end_snapshot()
    assert reader.scalar("SELECT count(*) FROM dispute") == before + 1
    reader.close()


def test_a_backup_while_writers_write_is_consistent(sample, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(sample, db)
    writers = [_writer(db, n, each=20) for n in range(2)]
    backups = []
    while any(w.poll() is None for w in writers) and len(backups) < 6:
        target = tmp_path / f"b{len(backups)}.db"
        r = mediation(db, "db", "backup", target)
        assert r.returncode == 0, r.stderr
        backups.append(target)
    for w in writers:
        w.communicate(timeout=600)
        assert w.returncode == 0
    assert backups
    for b in backups:
        r = mediation(b, "db", "check")
        assert r.returncode == 0, (
            r.stdout + r.stderr
        )  # chain, seals and counts agree: one moment of the ledger


def test_restore_checks_first_and_keeps_the_replaced_ledger(sample, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(sample, db)
    backup = tmp_path / "b.db"
    assert mediation(db, "db", "backup", backup).returncode == 0
    assert (
        mediation(
            db,
            *CASE_ADD,
            "--summary",
            "备份之后",
        ).returncode
        == 0
    )
    current = content(db)
    # refused: not a ledger, damaged, newer — the ledger untouched each time
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a ledger at all")
    damaged = tmp_path / "damaged.db"
    data = bytearray(backup.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2048] = b"\xff" * 2048
    damaged.write_bytes(bytes(data))
    newer = tmp_path / "newer.db"
    shutil.copy(backup, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    for bad in (junk, damaged, newer, tmp_path / "missing.db"):
        r = mediation(db, "db", "restore", bad)
        assert r.returncode == 1 and "not changed" in r.stderr, (bad.name, r.stderr)
        assert content(db) == current
    assert not list(tmp_path.glob("l.db.replaced-*"))
    # accepted: the backup replaces it, the replaced ledger is kept and still whole
    r = mediation(db, "db", "restore", backup)
    assert r.returncode == 0, r.stderr
    kept = list(tmp_path.glob("l.db.replaced-*"))
    kept = [k for k in kept if not k.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and content(kept[0]) == current
    assert content(db) == content(backup)
    assert mediation(db, "db", "check").returncode == 0


def test_a_stale_wal_cannot_corrupt_the_restored_ledger(sample, tmp_path):
    db = tmp_path / "l.db"
    shutil.copy(sample, db)
    backup = tmp_path / "b.db"
    assert mediation(db, "db", "backup", backup).returncode == 0
    # a -wal from another life of the ledger: what `cp backup.db ledger.db` leaves beside it
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE dispute SET summary = summary || '（改）'")
    conn.commit()
    stale = Path(str(db) + "-wal").read_bytes()
    conn.close()
    Path(str(db) + "-wal").write_bytes(stale)
    r = mediation(db, "db", "restore", backup)
    assert r.returncode == 0, r.stderr
    assert content(db) == content(backup)
    assert mediation(db, "db", "check").returncode == 0
