"""`mediation rollup` over a city of banner ledgers: N ledgers of 1,000,000 cases each (default 10), read-only.

The banners are copies of bench/gen_cases.py's banner ledger (~1,000 orgs, 1,000,000 cases of 2024) with their root
org renamed, at the program's schema; each copy is read as a received file (never written: its hash is checked
after). Measured: one ledger alone, and all N with --jobs 1 and --jobs 2 (median of 3 each, start-up included).

Run: .venv/bin/python bench/bench_rollup.py [N]
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MEDIATION, OUT, SCRATCH  # noqa: E402
from gen_cases import BIG  # noqa: E402
from gen_cases import main as generate  # noqa: E402

RUNS = 3
CITY = OUT / "city"
ENV = {**os.environ, "MEDIATION_TODAY": "2025-06-30", "MEDIATION_LANG": "en"}


def banners(n: int) -> list[Path]:
    if not BIG.exists():
        generate()
    subprocess.run(
        [MEDIATION, "--db", str(BIG), "db", "info"], env=ENV, check=True, capture_output=True
    )  # migrate
    CITY.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(1, n + 1):
        path = CITY / f"banner_{i:02d}.db"
        if not path.exists():
            shutil.copyfile(BIG, path)
            conn = sqlite3.connect(path)
            conn.execute("UPDATE org SET name = ? WHERE parent_id IS NULL", (f"第{i}旗司法局",))
            conn.commit()
            conn.execute("PRAGMA journal_mode = DELETE")  # a file at rest, as a banner sends it
            conn.close()
        out.append(path)
    return out


def digest(p: Path) -> str:
    h = hashlib.blake2b()
    with open(p, "rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def seconds(args: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(
            [MEDIATION, "rollup", *args, "--year", "2024", "-f", "json", "-o", SCRATCH, "--force"],
            env=ENV,
            check=True,
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10
    files = banners(n)
    before = [digest(p) for p in files]
    seconds([str(files[0])])  # warm the cache of the first; the others are warmed by their first run
    one = seconds([str(files[0])])
    many = {jobs: seconds([str(CITY), "--jobs", str(jobs)]) for jobs in (1, 2)}
    untouched = [digest(p) for p in files] == before and not any(
        Path(f"{p}{s}").exists() for p in files for s in ("-wal", "-shm")
    )
    print(f"rollup of 1 ledger of 1,000,000 cases:             {one:6.2f} s")
    for jobs, t in many.items():
        print(
            f"rollup of {n} ledgers × 1,000,000 cases, --jobs {jobs}:  {t:6.2f} s  "
            f"({t / n:.2f} s a ledger; {n * 1_000_000 / t:,.0f} cases/s)"
        )
    print(f"source ledgers byte for byte unchanged, no -wal/-shm: {'yes' if untouched else 'NO'}")
    return 0 if untouched else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
