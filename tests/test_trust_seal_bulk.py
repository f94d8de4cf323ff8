"""The seals `case import` writes itself (ledger/seal.py: ``Sealer``, ``sealed_insert``): a bulk import computes each
new row's seal while it builds the row, with the insert trigger off, instead of resealing the rows at commit. Every
row's seal must still equal a recomputation from what SQLite stored, ``seal_head`` must count the rows, and `db check`
must stay clean — after inserts, updates, a dry run and --skip-bad. A value SQLite would store converted (a float, a
bool, a number in a TEXT column) is not sealed in Python: that row is sealed from the stored row at commit."""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

import pytest
from trust_helpers import content

from mediation_cli.forms.cases import REQUIRED
from mediation_cli.ledger import case_bulk, seal
from mediation_cli.ledger.db import open_ledger

BENCH = Path(__file__).resolve().parents[1] / "bench"
ROWS = 3_000


def seals_of(db: Path) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(rows whose seal is not a recomputation, rows, seal_head's counts) per sealed table, read with plain sqlite3."""
    conn = sqlite3.connect(db)
    conn.create_function("row_seal", -1, seal.row_seal, deterministic=True)
    try:
        stale = {
            t: conn.execute(
                f"SELECT count(*) FROM {t} WHERE seal IS NULL OR seal != {seal.seal_expr(conn, t)}"
            ).fetchone()[0]
            for t in seal.SEALED
        }
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in seal.SEALED}
        head = dict(zip(seal.SEALED, seal.head(conn)[2:], strict=True))
    finally:
        conn.close()
    return stale, counts, head


def assert_sealed(run, db: Path, *, only_seals: bool = False) -> None:
    """Every seal a recomputation, seal_head's counts right, and `db check` clean (``only_seals``: of the seal and
    chain problems — rows written past the program's rules fail its other checks)."""
    stale, counts, head = seals_of(db)
    assert stale == dict.fromkeys(seal.SEALED, 0)
    assert head == counts
    r = run("--db", db, "db", "check", "-f", "json")
    if only_seals:
        assert not [p for p in r.json() if p["check"] in ("row_seal", "row_count", "audit_chain")], r
    else:
        assert r.exit_code == 0, r


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A ledger with the bench's orgs and mediators, and a 3,000-row file of the bench's cases."""
    sys.path.insert(0, str(BENCH))
    import gen_cases

    folder = tmp_path_factory.mktemp("sealbulk")
    base = folder / "base.db"
    ledger = open_ledger(base, "seal-test")
    gen_cases._orgs_and_mediators(ledger)
    ledger.close()
    return base, gen_cases.write_import_csv(ROWS, folder / "cases.csv")


@pytest.fixture
def bulk(monkeypatch):
    """The bulk path (indexes dropped and rebuilt, foreign keys checked once) for a file of this size."""
    monkeypatch.setattr(case_bulk, "BULK_ROWS", 1_000)


def _copy(base: Path, tmp_path: Path) -> Path:
    db = tmp_path / "l.db"
    db.write_bytes(base.read_bytes())
    return db


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *rows])
    return path


def test_a_bulk_import_seals_every_row_and_counts_them(run, setup, bulk, tmp_path):
    base, path = setup
    db = _copy(base, tmp_path)
    r = run("--db", db, "case", "import", path)
    assert r.exit_code == 0, r
    stale, counts, head = seals_of(db)
    assert counts["dispute"] == ROWS and head == counts and stale["dispute"] == 0
    assert_sealed(run, db)


def test_then_updates_new_rows_a_dry_run_and_skipped_rows(run, setup, bulk, tmp_path):
    base, path = setup
    db = _copy(base, tmp_path)
    assert run("--db", db, "case", "import", path).exit_code == 0
    header, rows = _rows(path)
    at = {c: i for i, c in enumerate(header)}
    changed = [list(r) for r in rows[:200]]
    for r in changed[:100]:  # updates: matched on (org, received_on, summary)
        r[at["parties"]] = "7"
    for r in changed[100:]:  # new cases into a ledger that has some
        r[at["summary"]] += "（补录）"
    again = _write(tmp_path / "again.csv", header, changed)

    before = content(db)
    r = run("--db", db, "case", "import", again, "--dry-run")
    assert r.exit_code == 0, r
    assert content(db) == before
    r = run("--db", db, "case", "import", again)
    assert r.exit_code == 0, r
    assert seals_of(db)[1]["dispute"] == ROWS + 100
    assert_sealed(run, db)

    bad = [list(r) for r in rows[:20]]
    for r in bad:
        r[at["summary"]] += "（再补）"
    bad[3][at["org_code"]] = "NO-SUCH-ORG"
    r = run("--db", db, "case", "import", _write(tmp_path / "bad.csv", header, bad), "--skip-bad")
    assert r.exit_code in (0, 2), r
    assert seals_of(db)[1]["dispute"] == ROWS + 100 + 19
    assert_sealed(run, db)


def test_a_file_of_the_required_columns_only_seals_the_defaults(run, setup, bulk, tmp_path):
    """Most columns left to the table's DEFAULT: the seal covers the values SQLite filled in. (The summary is kept:
    it tells apart unnumbered rows of one org and day.)"""
    base, path = setup
    db = _copy(base, tmp_path)
    header, rows = _rows(path)
    lean_header = [*REQUIRED, "summary"]
    keep = [header.index(c) for c in lean_header]
    lean = _write(tmp_path / "lean.csv", lean_header, [[r[i] for i in keep] for r in rows])
    r = run("--db", db, "case", "import", lean)
    assert r.exit_code == 0, r
    assert seals_of(db)[1]["dispute"] == ROWS
    assert_sealed(run, db)


INSERT = ["id", "case_no", "org_id", "received_on", "source", "category", "summary", "amount_fen", "major"]
INSERT += ["entered_at", "updated_at"]
# summary (TEXT), amount_fen and major (INTEGER): what SQLite stores unchanged, and what it converts
VALUES = {
    "plain": ("甲乙争执", 1200, 0, True),
    "nulls": (None, None, 0, True),
    "percent and braces": ("100% %s %d {} {0} %%", 5, 1, True),
    "nul and emoji": ("a\x00b 😀 \u00e9", 0, 0, True),
    "empty": ("", 0, 0, True),
    "int in a TEXT column": (5, 1, 0, False),
    "float in an INTEGER column": ("x", 5.0, 0, False),
    "fraction in an INTEGER column": ("x", 5.5, 0, False),
    "numeric text in an INTEGER column": ("x", "7", 0, False),
    "text in an INTEGER column": ("x", "seven", 0, False),
    "bool in an INTEGER column": ("x", 1, True, False),
    "float in a TEXT column": (1.5, 1, 0, False),
}


def test_python_seals_match_row_seal_of_the_stored_row(run, db_path):
    """Each value as SQLite would store it unchanged is sealed in Python to exactly row_seal(stored row); any
    other is left to be sealed from the stored row — either way the ledger checks clean."""
    assert run("org", "add", "--code", "V1", "--name", "一村", "--kind", "village").exit_code == 0
    ledger = open_ledger(db_path, "tester")
    org_id = ledger.scalar("SELECT id FROM org")
    sealer = seal.Sealer(ledger.conn, "dispute", INSERT)
    rows, unsealed = [], []
    for i, (name, (summary, amount, major, python)) in enumerate(VALUES.items(), start=1):
        row = (i, f"N{i}", org_id, "2024-01-02", "application", "neighbour", summary, amount, major)
        row += ("2024-01-02T09:00:00", "2024-01-02T09:00:00")
        digest = sealer(row)
        assert (digest is not None) == python, name
        if digest is None:
            unsealed.append(i)
        rows.append((*row, digest))
    with ledger.write() as conn, seal.sealed_insert(conn, "dispute", len(rows), unsealed):
        conn.executemany(
            f"INSERT INTO dispute({', '.join(INSERT)}, seal) VALUES ({', '.join('?' * (len(INSERT) + 1))})",
            rows,
        )
    stored = dict(ledger.all(f"SELECT id, {seal.seal_expr(ledger.conn, 'dispute')} FROM dispute"))
    for i, row in enumerate(rows, start=1):
        if row[-1] is not None:
            assert row[-1] == stored[i], list(VALUES)[i - 1]
    ledger.close()
    assert_sealed(run, db_path, only_seals=True)


def test_a_failed_sealed_insert_puts_the_trigger_back(run, db_path):
    """An insert that fails inside ``sealed_insert`` leaves the trigger in place: a write after it in the same
    transaction, or in the next one, is noted and counted again."""
    assert run("org", "add", "--code", "V1", "--name", "一村", "--kind", "village").exit_code == 0
    ledger = open_ledger(db_path, "tester")
    org_id = ledger.scalar("SELECT id FROM org")
    sql = (
        "INSERT INTO dispute(id, case_no, org_id, received_on, source, category, entered_at, updated_at) "
        "VALUES (?, ?, ?, '2024-01-02', 'application', 'neighbour', '2024-01-02T09', '2024-01-02T09')"
    )
    with ledger.write() as conn:
        with pytest.raises(sqlite3.IntegrityError), seal.sealed_insert(conn, "dispute", 2, []):
            conn.executemany(sql, [(1, "N1", org_id), (1, "N2", org_id)])
        conn.execute(sql, (1, "N1", org_id))
    with (
        pytest.raises(sqlite3.IntegrityError),
        ledger.write() as conn,
        seal.sealed_insert(conn, "dispute", 1, []),
    ):
        conn.execute(sql, (1, "N1", org_id))
    with ledger.write() as conn:
        conn.execute(sql, (2, "N2", org_id))
    ledger.close()
    assert seals_of(db_path)[1]["dispute"] == 2
    assert_sealed(run, db_path, only_seals=True)
