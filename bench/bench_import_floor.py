"""How fast can `case import` be at all, in this schema on this machine? The floor under the import figure of issue 3.

Two costs no parser can remove:
- start-up: `mediation case import` of a file with a header and no rows (the interpreter, the CLI, opening the ledger);
- the writes: the import's own write step (services/case_import._write) given 100,000 rows that are already checked —
  the insert, the trigram summary index, the mediator links, the secondary indexes the reports need, the commit —
  timed step by step.

The best rate any import could reach is 100,000 / (start-up + writes): reading and checking the rows would have to cost
nothing. Median of 5 runs each, into a fresh copy of the bench's empty ledger.

Run: .venv/bin/python bench/bench_import_floor.py   (after bench_cases.py has generated bench/out/)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MEDIATION, OUT  # noqa: E402
from gen_cases import IMPORT_CSV, TEMPLATE  # noqa: E402
from gen_cases import main as generate  # noqa: E402

RUNS = 5


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(TEMPLATE, db)


def main() -> int:
    if not (TEMPLATE.exists() and IMPORT_CSV.exists()):
        generate()
    from mediation_cli.io.readers import read_grid
    from mediation_cli.ledger.case_bulk import bulk_write
    from mediation_cli.ledger.case_refs import Resolver
    from mediation_cli.ledger.cases import CASE_COLS
    from mediation_cli.ledger.db import open_ledger
    from mediation_cli.services.case_columns import column_path
    from mediation_cli.services.case_merge import defaulted

    env = {**os.environ, "MEDIATION_TODAY": "2025-06-30", "MEDIATION_LANG": "en"}
    work = Path(tempfile.mkdtemp(dir=OUT))
    db = work / "floor.db"

    # Start-up: a header-only file through the installed command.
    empty = work / "empty.csv"
    empty.write_text(IMPORT_CSV.open(encoding="utf-8").readline(), encoding="utf-8")
    startups = []
    for _ in range(RUNS):
        fresh(db)
        t0 = time.perf_counter()
        subprocess.run(
            [MEDIATION, "case", "import", str(empty)],
            env={**env, "MEDIATION_DB": str(db)},
            check=True,
            capture_output=True,
        )
        startups.append(time.perf_counter() - t0)

    # The checked rows: import once through the command, read the cases and links back.
    fresh(db)
    subprocess.run(
        [MEDIATION, "case", "import", str(IMPORT_CSV)],
        env={**env, "MEDIATION_DB": str(db)},
        check=True,
        capture_output=True,
    )
    ledger = open_ledger(db, "bench")
    links: dict[int, list[int]] = {}
    for case_id, mid in ledger.conn.execute("SELECT case_id, mediator_id FROM case_mediator"):
        links.setdefault(case_id, []).append(mid)
    rows = ledger.all(f"SELECT id, {', '.join(CASE_COLS)} FROM dispute ORDER BY id")
    ledger.close()
    n = len(rows)
    # The fields the file gives, as the import finds them (the write leaves the others to the table's defaults).
    header, _, grid, _ = read_grid(IMPORT_CSV)
    ledger = open_ledger(db, "bench")
    keep_default = defaulted(
        ledger, column_path(header, grid, Resolver(ledger, date(2025, 6, 30), allow_future=True))[2]
    )
    ledger.close()
    del grid

    writes, steps = [], []
    for _ in range(RUNS):
        fresh(db)
        ledger = open_ledger(db, "bench")
        for pragma in filter(None, os.environ.get("FLOOR_PRAGMAS", "").split(";")):
            ledger.conn.execute(f"PRAGMA {pragma}")
        res = Resolver(ledger, date(2025, 6, 30), allow_future=True)
        inserts = [(list(r)[1:], links.get(r[0])) for r in rows]
        laps: dict[str, float] = {}
        t0 = last = time.perf_counter()

        def lap(name: str, laps=laps) -> None:
            nonlocal last
            now = time.perf_counter()
            laps[name] = now - last
            last = now

        bulk_write(ledger, res, inserts, [], {"file": IMPORT_CSV.name, "rows": n}, keep_default, on_step=lap)
        writes.append(time.perf_counter() - t0)
        steps.append(laps)
        ledger.close()
    shutil.rmtree(work)

    startup, write = statistics.median(startups), statistics.median(writes)
    print(f"rows: {n:,} (already checked)")
    print(f"start-up of `mediation case import` (header only): {startup:.3f} s")
    print(f"write step, whole:                                {write:.3f} s")
    for name in steps[0]:
        print(f"  {name:<46} {statistics.median(s[name] for s in steps):.3f} s")
    best = n / (startup + write)
    print(f"best possible import, with free reading and checking: {best:,.0f} rows/s (target 50,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
