"""Run every benchmark of bench/ in turn and print their figures (make bench)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_help.py",
    "bench_cases.py",
    "bench_import_floor.py",
    "bench_screenings.py",
    "bench_reports.py",
    "bench_growth.py",  # case import against its sqlite3 floor at 100k, 300k, 1M rows; remind, statistics
    "bench_daily.py",  # the daily commands at region scale against their raw SQL
    "bench_rollup.py",  # the city rollup over 10 banner ledgers of 1M cases
    "bench_duckdb.py",  # the rollup's reads through SQLite and through DuckDB's SQLite reader (skipped without duckdb)
]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        path = HERE / name
        if not path.exists():
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(path)]).returncode != 0:
            failed.append(name)
    if failed:
        print("missed a target: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
