"""Item 1 of issue 12 — crash safety, against the installed `mediation` in real processes killed with SIGKILL:
- `case import` of 100,000 rows killed at random moments (5 runs) leaves the ledger exactly as before: integrity
  check ok, row counts and a content hash unchanged (a run left to finish shows the hash does see an import);
- `db backup`, `case export -o` (CSV and xlsx) killed halfway never leave a half file under the real name: the target
  is either absent or whole."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from trust_helpers import BIN, content, mediation

# Real processes, SIGKILL and 100,000 rows: `make test-slow` (CI runs it after `make test`).
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not BIN.exists(), reason="console script not installed")]
BENCH = Path(__file__).resolve().parents[1] / "bench"
RUNS = 5


@pytest.fixture(scope="session")
def import_setup(tmp_path_factory):
    """A ledger with the bench's ~1,000 orgs and mediators, and the bench's 100,000-row import file (made once)."""
    sys.path.insert(0, str(BENCH))
    import gen_cases

    from mediation_cli.ledger.db import open_ledger

    folder = tmp_path_factory.mktemp("crash")
    base = folder / "base.db"
    ledger = open_ledger(base, "crash-test")
    gen_cases._orgs_and_mediators(ledger)
    ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    csv_path = folder / "cases_100k.csv"
    gen_cases.write_import_csv(100_000, csv_path)
    return base, csv_path


@pytest.fixture(scope="session")
def full_import(import_setup, tmp_path_factory):
    """One import left to finish: how long it takes, and the 100,000-case ledger it makes."""
    base, csv_path = import_setup
    done = tmp_path_factory.mktemp("full") / "full.db"
    shutil.copy(base, done)
    t0 = time.monotonic()
    r = mediation(done, "case", "import", csv_path, timeout=600)
    elapsed = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    return done, elapsed


def _kill_at(args: list, delay: float) -> bool:
    """Start `mediation ARGS`, SIGKILL it after ``delay`` s; True if it was still running when killed."""
    p = subprocess.Popen([str(BIN), *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    alive = p.poll() is None
    if alive:
        p.send_signal(signal.SIGKILL)
    p.wait()
    return alive


def test_a_finished_import_changes_the_hash(import_setup, full_import):
    base, _ = import_setup
    done, _ = full_import
    before, after = content(base), content(done)
    assert after[0] == "ok" and after[1]["dispute"] == 100_000 and after[2] != before[2]


def test_import_killed_at_random_moments_leaves_the_ledger_as_it_was(import_setup, full_import, tmp_path):
    base, csv_path = import_setup
    _, elapsed = full_import
    expected = content(base)
    rnd = random.Random(12)
    killed = 0
    for run in range(RUNS * 2):
        if killed == RUNS:
            break
        db = tmp_path / f"run{run}.db"
        shutil.copy(base, db)
        delay = rnd.uniform(0.05, elapsed * 0.95)
        if not _kill_at(["--db", db, "case", "import", csv_path], delay):
            continue  # it finished first: not a crash; try another moment
        killed += 1
        got = content(db)
        assert got == expected, f"killed after {delay:.2f} s of {elapsed:.2f} s"
        assert mediation(db, "db", "check").returncode == 0
    assert killed == RUNS


def _whole_ledger(path: Path, cases: int) -> None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM dispute").fetchone()[0] == cases
    finally:
        conn.close()


@pytest.mark.parametrize(
    "what",
    ["backup", "csv", "xlsx"],
)
def test_a_killed_file_writer_never_leaves_a_half_file(full_import, tmp_path, what):
    done, _ = full_import
    rnd = random.Random(7)
    target = {"backup": "b.db", "csv": "c.csv", "xlsx": "c.xlsx"}[what]
    args = {
        "backup": ["db", "backup"],
        "csv": ["case", "export", "-o"],
        "xlsx": ["case", "export", "-f", "xlsx", "-o"],
    }[what]
    t0 = time.monotonic()
    first = tmp_path / f"whole-{target}"
    assert mediation(done, *args, first, timeout=600).returncode == 0
    elapsed = time.monotonic() - t0
    for run in range(RUNS):
        out = tmp_path / f"{run}-{target}"
        _kill_at(["--db", done, *args, out], rnd.uniform(0.05, elapsed))
        if not out.exists():
            continue
        if what == "backup":
            _whole_ledger(out, 100_000)
        elif what == "csv":
            assert out.read_bytes() == first.read_bytes()
        else:
            assert zipfile.is_zipfile(out) and zipfile.ZipFile(out).testzip() is None
