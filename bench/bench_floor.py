"""The fair floor of `case import`, measured in the same run: the same CSV into the same ledger without Python.

The floor is sqlite3's own shell (`/usr/bin/sqlite3`) doing the import's work in SQL, on a fresh copy of the bench's
ledger template (the project's schema, its orgs and mediators):

- `.import --csv` of the file into a temporary table (every cell text, no checks);
- in one transaction: the dispute indexes dropped, the rows inserted with the import's derivations (org code → id,
  ledger numbers per year, amount in 分, the lifecycle of status/closed_on, the key period of the day), the mediator
  links, the summary search index filled, the same secondary indexes built again, one audit row, commit.

`case import` of the same file runs through the installed command (start-up, reading, every check included) into
another fresh copy; its peak memory is the child's maximum RSS. Both are checked to give the same counts.

Run: .venv/bin/python bench/bench_floor.py [ROWS ...]   (default 100000 1000000; the CSVs are generated in bench/out/)
Environment: FLOOR_RUNS (default 3; a size of 1,000,000 rows or more runs once unless FLOOR_RUNS is set).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MEDIATION, OUT  # noqa: E402
from gen_cases import IMPORT_CSV, TEMPLATE, write_import_csv  # noqa: E402
from gen_cases import main as generate  # noqa: E402

SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"
ENV = {
    **os.environ,
    "MEDIATION_TODAY": "2025-06-30",
    "MEDIATION_LANG": "en",
    "MEDIATION_NOW": "2025-06-30T10:00:00",
}


def csv_of(rows: int) -> Path:
    if rows == 100_000:
        if not IMPORT_CSV.exists():
            generate()
        return IMPORT_CSV
    path = OUT / f"cases_{rows}.csv"
    if not path.exists():
        write_import_csv(rows, path)
    return path


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(TEMPLATE, db)


def gone(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _key_periods() -> list[tuple[str, str]]:
    """(day, key period) for the days of the bench's files: the import derives the same from its calendar."""
    from mediation_cli.domain.keyperiods import key_period_on

    out = []
    d = date(2023, 12, 1)
    while d <= date(2025, 1, 31):
        kp = key_period_on(d)
        if kp:
            out.append((d.isoformat(), kp.code))
        d += timedelta(days=1)
    return out


def floor_script(csv: Path, template: Path) -> str:
    conn = sqlite3.connect(f"{template.resolve().as_uri()}?mode=ro", uri=True)
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('dispute', 'case_mediator') "
        "AND sql IS NOT NULL"
    ).fetchall()
    conn.close()
    kp = ",".join(f"('{d}','{c}')" for d, c in _key_periods())
    year = "substr(s.received_on, 1, 4)"
    seq = f"row_number() OVER (PARTITION BY {year} ORDER BY s.rowid)"
    closed = "s.status IN ('succeeded', 'failed', 'withdrawn')"
    lines = [
        ".bail on",
        "PRAGMA synchronous = NORMAL;",
        f".import --csv --schema temp '{csv}' staging",
        "BEGIN IMMEDIATE;",
        "CREATE TEMP TABLE kp(d TEXT PRIMARY KEY, code TEXT) WITHOUT ROWID;",
        f"INSERT INTO kp VALUES {kp};",
        *(f'DROP INDEX "{name}";' for name, _ in indexes),
        f"""INSERT INTO dispute(id, case_no, year, seq, org_id, received_on, source, category, key_groups, parties,
                amount_fen, summary, risk_level, risk_types, major, status, outcome, outcome_on, agreement, closed_on,
                reported_on, screening_id, key_period, entered_at, updated_at, change_seq, created_seq)
            SELECT s.rowid, '(' || {year} || ')乌人调字第' || {seq} || '号', CAST({year} AS INTEGER), {seq}, o.id,
                s.received_on, s.source, s.category, nullif(s.key_groups, ''), CAST(nullif(s.parties, '') AS INTEGER),
                CAST(round(nullif(s.amount, '') * 100) AS INTEGER), nullif(s.summary, ''), s.risk_level,
                nullif(s.risk_types, ''), CAST(s.major AS INTEGER),
                CASE WHEN {closed} AND s.closed_on != '' THEN 'closed' ELSE s.status END,
                CASE WHEN {closed} THEN s.status END, nullif(s.outcome_on, ''), nullif(s.agreement, ''),
                nullif(s.closed_on, ''), nullif(s.reported_on, ''), CAST(nullif(s.screening_id, '') AS INTEGER),
                kp.code, s.entered_at, '2025-06-30T10:00:00', s.rowid, s.rowid
            FROM temp.staging s JOIN org o ON o.code = s.org_code LEFT JOIN kp ON kp.d = s.received_on
            ORDER BY s.rowid;""",
        "INSERT INTO case_mediator(case_id, mediator_id) SELECT s.rowid, m.id FROM temp.staging s "
        "JOIN mediator m ON m.staff_no = s.mediators;",
        "INSERT INTO dispute_fts(rowid, summary) SELECT id, summary FROM dispute WHERE summary IS NOT NULL;",
        *(f"{sql};" for _, sql in indexes),
        "INSERT INTO audit(at, operator, entity, ref, action, before, after) "
        "VALUES ('2025-06-30T10:00:00', 'bench', 'case', NULL, 'import_batch', NULL, '{}');",
        "COMMIT;",
    ]
    return "\n".join(lines) + "\n"


def counts(db: Path) -> tuple:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM dispute), (SELECT count(*) FROM case_mediator), "
            "(SELECT sum(amount_fen) FROM dispute), (SELECT count(*) FROM dispute WHERE status = 'closed'), "
            "(SELECT count(*) FROM dispute_fts WHERE summary LIKE '%草场%'), "
            "(SELECT count(*) FROM sqlite_master WHERE type = 'index')"
        ).fetchone()
    finally:
        conn.close()


def run_floor(csv: Path, db: Path, script: str) -> float:
    fresh(db)
    t0 = time.perf_counter()
    subprocess.run([SQLITE3, str(db)], input=script, text=True, check=True, capture_output=True)
    return time.perf_counter() - t0


def run_import(csv: Path, db: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `mediation case import` in a fresh child process."""
    fresh(db)
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode); "
        "sys.stderr.write(p.stdout + p.stderr)"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, MEDIATION, "case", "import", str(csv)],
        env={**ENV, "MEDIATION_DB": str(db)},
        capture_output=True,
        text=True,
    )
    secs, rss, rc = p.stdout.split()
    if rc != "0":
        raise SystemExit(f"import failed: {p.stderr}")
    return float(secs), int(rss) / 1024


def measure(rows: int, runs: int) -> dict:
    csv = csv_of(rows)
    work = OUT / "floor"
    work.mkdir(parents=True, exist_ok=True)
    script = floor_script(csv, TEMPLATE)
    floor_db, import_db = work / "floor.db", work / "import.db"
    floors, imports, peaks = [], [], []
    for _ in range(runs):  # interleaved, so that a noisy neighbour hits both alike
        floors.append(run_floor(csv, floor_db, script))
        secs, rss = run_import(csv, import_db)
        imports.append(secs)
        peaks.append(rss)
    same = counts(floor_db) == counts(import_db)
    if not same:
        print(f"  counts differ: floor {counts(floor_db)} vs import {counts(import_db)}")
    gone(floor_db)
    gone(import_db)
    floor, imp = statistics.median(floors), statistics.median(imports)
    return {
        "rows": rows,
        "floor": floor,
        "import": imp,
        "ratio": imp / floor,
        "peak_mb": max(peaks),
        "same": same,
    }


def runs_for(rows: int) -> int:
    env = os.environ.get("FLOOR_RUNS")
    if env:
        return int(env)
    return 1 if rows >= 1_000_000 else 3


def migrated_template() -> None:
    """The template at the program's schema (the import would migrate its copy; the floor must start alike)."""
    from mediation_cli.ledger.db import open_ledger

    ledger = open_ledger(TEMPLATE, "bench", create=False)
    ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100_000, 1_000_000]
    if not TEMPLATE.exists():
        generate()
    migrated_template()
    ok = True
    print(
        f"{'rows':>10}  {'floor (sqlite3 .import)':>24}  {'case import':>12}  {'ratio':>6}  {'peak':>8}  target"
    )
    for rows in sizes:
        m = measure(rows, runs_for(rows))
        good = m["ratio"] <= 2 and m["peak_mb"] < 500 and m["same"]
        ok &= good
        print(
            f"{rows:>10,}  {m['floor']:>22.2f} s  {m['import']:>10.2f} s  {m['ratio']:>5.2f}×  {m['peak_mb']:>5.0f} MB  "
            f"≤ 2× floor, < 500 MB  {'OK' if good else 'MISSED'}  "
            f"({rows / m['import']:,.0f} rows/s; floor {rows / m['floor']:,.0f} rows/s; median of {runs_for(rows)})",
            flush=True,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
