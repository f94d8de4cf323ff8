"""A region-sized screening ledger for the benchmark: 15,000 orgs and a year (2024) of weekly screenings.

About 14,000 villages (weekly), 1,000 townships and judicial offices (monthly) and a few industry committees (no
cadence); some orgs founded or dissolved during the year; weeks skipped at random (gaps), some weeks with a second
(concentrated or key) screening — about 780,000 rows, loaded with executemany in one transaction.

Run: .venv/bin/python bench/gen_screenings.py [PATH]   (default bench/out/screenings.db)
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from mediation_cli.ledger.db import now_iso, open_ledger

OUT = Path(__file__).resolve().parent / "out" / "screenings.db"
YEAR_START = date(2024, 1, 1)  # a Monday
YEAR_END = date(2024, 12, 31)
ORGS = 15_000
TOWNSHIPS = 500
JUDICIAL_OFFICES = 500
INDUSTRY = 100


def generate(path: Path = OUT, seed: int = 20240101) -> dict[str, int]:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    ledger = open_ledger(path, "bench")
    now = now_iso()
    orgs = []
    for n in range(1, ORGS + 1):
        if n <= TOWNSHIPS:
            code, kind, parent = f"T{n:05d}", "township", None
        elif n <= TOWNSHIPS + JUDICIAL_OFFICES:
            code, kind, parent = f"S{n:05d}", "judicial_office", n - TOWNSHIPS
        elif n <= TOWNSHIPS + JUDICIAL_OFFICES + INDUSTRY:
            code, kind, parent = f"I{n:05d}", "industry", None
        else:
            code, kind, parent = f"V{n:05d}", "village", rng.randint(1, TOWNSHIPS)
        established = dissolved = None
        roll = rng.random()
        if roll < 0.02:  # founded during the year
            established = (YEAR_START + timedelta(days=rng.randint(1, 300))).isoformat()
        elif roll < 0.03:  # dissolved during the year
            dissolved = (YEAR_START + timedelta(days=rng.randint(60, 330))).isoformat()
        orgs.append(
            (n, code, f"{code} 人民调解委员会", kind, parent, established, dissolved, code.lower(), now)
        )

    rows = []
    for n, _, _, kind, _, established, dissolved, _, _ in orgs:
        first = date.fromisoformat(established) if established else YEAR_START
        stop = date.fromisoformat(dissolved) if dissolved else YEAR_END + timedelta(days=1)
        lazy = rng.random() < 0.05  # a few orgs miss many periods

        def add(day: date, kind_: str = "routine", n=n, first=first, stop=stop) -> None:
            if first <= day < stop:
                rows.append((n, day.isoformat(), kind_, rng.choice((0, 0, 0, 1, 2)), "M0001", None, now))

        if kind == "village":
            monday = YEAR_START
            while monday <= YEAR_END:
                if rng.random() >= (0.30 if lazy else 0.05):
                    add(monday + timedelta(days=rng.randint(0, 6)))
                    if rng.random() < 0.14:
                        add(monday + timedelta(days=rng.randint(0, 6)), rng.choice(("concentrated", "key")))
                monday += timedelta(days=7)
        elif kind in ("township", "judicial_office"):
            for month in range(1, 13):
                if rng.random() >= (0.30 if lazy else 0.05):
                    add(date(2024, month, rng.randint(1, 28)))
                    if rng.random() < 0.30:
                        add(date(2024, month, rng.randint(1, 28)), "concentrated")
    # Same (org, date, kind) drawn twice: keep one.
    rows = list({(r[0], r[1], r[2]): r for r in rows}.values())
    with ledger.write():
        ledger.conn.executemany(
            "INSERT INTO org(id, code, name, kind, parent_id, established_on, dissolved_on, initials, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            orgs,
        )
        ledger.conn.executemany(
            "INSERT INTO screening(org_id, screened_on, kind, found, screened_by, note, entered_at) "
            "VALUES (?,?,?,?,?,?,?)",
            rows,
        )
    ledger.conn.execute("ANALYZE")
    ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    return {"orgs": len(orgs), "screenings": len(rows)}


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    start = time.perf_counter()
    counts = generate(path)
    print(
        f"{path}: {counts['orgs']:,} orgs, {counts['screenings']:,} screenings "
        f"in {time.perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
