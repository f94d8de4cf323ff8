"""Items 3–4 of issue 12 (refusals): hostile values get exit 1 and a short message, never exit 70; a mistyped --db
is refused by read commands and nothing is created beside a refused file; personal data stays masked."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import snapshot
from trust_helpers import BIN, CASE_ADD, mediation

pytestmark = pytest.mark.skipif(not BIN.exists(), reason="console script not installed")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = tmp_path_factory.mktemp("err") / "l.db"
    assert mediation(db, "init", "--sample").returncode == 0
    return db


@pytest.fixture
def db(base, tmp_path):
    import shutil

    path = tmp_path / "l.db"
    shutil.copy(base, path)
    return path


def _bytes_run(db, *args: bytes):
    env = {**os.environ, "MEDIATION_LANG": "en"}
    return subprocess.run(
        [os.fsencode(BIN), b"--db", os.fsencode(db), *args], capture_output=True, env=env, timeout=60
    )


def _refused(r, limit=400):
    err = r.stderr if isinstance(r.stderr, str) else r.stderr.decode("utf-8", "replace")
    assert r.returncode == 1, err
    assert "Traceback" not in err and "internal error" not in err
    assert len(err) <= limit, len(err)


def test_invalid_utf8_arguments_are_refused(db):
    before = snapshot(db)
    for args in (
        [
            b"screen",
            b"record",
            b"--org",
            b"V01",
            b"--on",
            b"2024-06-08",
            b"--found",
            b"0",
            b"--note",
            b"caf\xe9",
        ],
        [b"org", b"show", b"\xff\xfe"],
        [b"case", b"list", b"--search", b"\xc3"],
    ):
        r = _bytes_run(db, *args)
        _refused(r)
        assert b"UTF-8" in r.stderr
    assert snapshot(db) == before


@pytest.mark.parametrize("field", ["--parties", "--prevented-criminal-cases"])
def test_huge_integers_are_refused_briefly(db, field):
    before = snapshot(db)
    r = mediation(
        db,
        *CASE_ADD,
        field,
        "9" * 5000,
    )
    _refused(r)
    assert snapshot(db) == before


def test_a_huge_org_is_refused_briefly(db):
    before = snapshot(db)
    r = mediation(
        db,
        "case",
        "add",
        "--org",
        "T" * 50_000,
        "--received-on",
        "2024-06-01",
        "--category",
        "邻里关系",
        "--source",
        "application",
    )
    _refused(r)
    assert snapshot(db) == before


def test_a_transition_on_a_bogus_stored_status_is_refused(db):
    conn = sqlite3.connect(db)
    case_no = conn.execute("SELECT case_no FROM dispute ORDER BY id LIMIT 1").fetchone()[0]
    conn.execute("UPDATE dispute SET status = 'bogus' WHERE case_no = ?", (case_no,))
    conn.commit()
    conn.close()
    r = mediation(db, "case", "transition", case_no, "mediating", "--on", "2024-06-01")
    _refused(r)
    assert "db check" in r.stderr


def test_a_write_to_a_read_only_ledger_is_refused(db, run, monkeypatch):
    """The tests run as root here, which ignores file modes: the ledger is opened read-only the way SQLite opens a
    file it may not write (mode=ro), which gives the same "attempt to write a readonly database"."""
    import mediation_cli.ledger.db as ledger_db

    real = sqlite3.connect

    def read_only(target, *a, **kw):
        if str(target) == str(db):
            return real(f"{Path(db).resolve().as_uri()}?mode=ro", *a, uri=True, **kw)
        return real(target, *a, **kw)

    before = snapshot(db)
    monkeypatch.setattr(ledger_db.sqlite3, "connect", read_only)
    r = run("--db", db, "config", "set", "stalled_days", "45")
    monkeypatch.undo()
    assert r.exit_code == 1 and "read-only" in r.stderr and "internal error" not in r.stderr, r
    assert snapshot(db) == before


def test_a_full_disk_during_import_shows_the_real_error(db, tmp_path):
    import resource
    import signal

    rows = "".join(
        f"T01,2024-05-{1 + i % 28:02d},application,邻里关系,{'长摘要' * 40}{i}\n" for i in range(3000)
    )
    f = tmp_path / "big.csv"
    f.write_text("org_code,received_on,source,category,summary\n" + rows, encoding="utf-8")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = db.stat().st_size
    before = snapshot(db)

    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 200_000, size + 200_000))

    r = mediation(db, "case", "import", f, preexec_fn=pre)
    _refused(r)
    # a file-size limit is how a test fills the disk: SQLite reports it as an I/O error (a real full disk: "full")
    assert ("full" in r.stderr or "I/O error" in r.stderr) and "cannot rollback" not in r.stderr
    assert snapshot(db) == before


READS = [
    ("remind", "--check"),
    ("case", "list"),
    ("mediator", "list"),
    ("report", "cases", "--from", "2024-01-01", "--to", "2024-12-31"),
    ("db", "info"),
    ("db", "check"),
    ("case", "export"),
]


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_a_mistyped_db_on_a_read_command_creates_nothing(tmp_path, args):
    path = tmp_path / "typo.db"
    r = mediation(path, *args)
    assert r.returncode == 1 and "typo.db" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_write_command_still_creates_the_ledger(tmp_path):
    path = tmp_path / "new.db"
    assert (
        mediation(
            path, "org", "add", "--code", "B", "--name", "旗司法局", "--kind", "administrative"
        ).returncode
        == 0
    )
    assert path.exists()


def _wal_file(path, app_id=0, version=0):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t(x)")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["foreign", "newer"])
def test_a_refused_file_gets_no_side_files(tmp_path, kind):
    from mediation_cli.ledger.schema import APPLICATION_ID, SCHEMA_VERSION

    path = tmp_path / "other.db"
    if kind == "foreign":
        _wal_file(path)
    else:
        _wal_file(path, APPLICATION_ID, SCHEMA_VERSION + 1)
    before = path.read_bytes()
    for args in (("case", "list"), ("org", "add", "--code", "B", "--name", "局", "--kind", "administrative")):
        r = mediation(path, *args)
        assert r.returncode == 1 and ("not a mediation ledger" in r.stderr or "newer" in r.stderr), r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
    assert path.read_bytes() == before


def test_no_locals_in_tracebacks():
    from mediation_cli.app import GROUPS, app, typer_of

    assert app.pretty_exceptions_show_locals is False
    for name in GROUPS:
        assert typer_of(name).pretty_exceptions_show_locals is False


def test_personal_data_masked_unless_revealed_and_each_reveal_audited(db, tmp_path):
    conn = sqlite3.connect(db)
    phone, idn = conn.execute(
        "SELECT phone, id_number FROM mediator WHERE id_number IS NOT NULL LIMIT 1"
    ).fetchone()
    reveals = conn.execute("SELECT count(*) FROM audit WHERE action = 'reveal'").fetchone()[0]
    conn.close()
    outputs = [
        mediation(db, "mediator", "list", "-f", fmt).stdout for fmt in ("table", "csv", "json", "markdown")
    ]
    out = tmp_path / "m.csv"
    assert mediation(db, "mediator", "export", "-o", out).returncode == 0
    outputs.append(out.read_text(encoding="utf-8"))
    for text in outputs:
        assert idn not in text and phone not in text
    r = mediation(db, "mediator", "export", "--reveal", "-o", tmp_path / "r.csv")
    assert r.returncode == 0 and idn in (tmp_path / "r.csv").read_text(encoding="utf-8")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM audit WHERE action = 'reveal'").fetchone()[0] == reveals + 1
    conn.close()
    # an error about a person's ID number does not echo it
    wrong = idn[:-1] + ("0" if idn[-1] != "0" else "1")
    r = mediation(
        db,
        "mediator",
        "add",
        "--staff-no",
        "MX1",
        "--name",
        "某人",
        "--org",
        "T01",
        "--employment",
        "part_time",
        "--id-number",
        wrong,
        "--joined-on",
        "2024-01-01",
    )
    assert r.returncode == 1 and wrong not in r.stderr
