"""The daily commands at region scale, each against its own raw SQL, in the same run.

The ledger is bench/gen_region.py's (15,000 orgs, ~780,000 screenings, 45,000 mediators, 1,000,000 cases). For each
command: the median wall time of the installed command (start-up included, JSON to /dev/null), and the median wall
time of its raw SQL — every SELECT the command ran, with its values (SQLite's trace), replayed by the sqlite3 shell
with the output thrown away. Targets: under 1 s, and under 2× the raw SQL.

Run: .venv/bin/python bench/bench_daily.py [CASES]   (default 1000000; generates the ledger when missing)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MEDIATION  # noqa: E402
from gen_region import generate, region_path  # noqa: E402
from plans import trace  # noqa: E402

RUNS = 3
Q = ["--from", "2024-04-01", "--to", "2024-06-30"]
DAILY: list[list[str]] = [
    ["remind", "--as-of", "2024-06-12"],
    ["screen", "due", "--as-of", "2024-06-12"],
    ["report", "staffing", "--as-of", "2024-12-31"],
    ["report", "statistics", "--year", "2024"],
    ["report", "timeliness", "--year", "2024"],
    ["case", "list", "--org", "V01500"],
    ["case", "list", "--org", "V01500", *Q],
    ["case", "list", "--org", "T00001", "--include-children", *Q],
    ["case", "list", "--status", "pending", *Q],
    ["case", "list", "--category", "neighbour", *Q],
    ["case", "list", "--source", "court", *Q],
    ["case", "list", "--key-group", "elderly", *Q],
    ["case", "list", "--risk", "major"],
    ["case", "list", "--major"],
    ["case", "list", "--stalled", "--as-of", "2024-04-30", "--limit", "1000"],
    ["case", "list", "--unreported"],
    ["case", "list", "--key-period", "spring_festival", "--limit", "1000"],
    ["case", "list", "--search", "草场边界", "--limit", "50"],
    ["case", "list", *Q, "--limit", "1000"],
]
# What a clerk types: the table, which on the screen stops at the first 100 rows and counts the rest
# (render/output.py SCREEN_LIMIT) — the quarter-wide case lists, and every daily list of a region's orgs, mediators,
# reminders and screenings (before that limit, remind's 30,000-row table took 11 s and the compliance matrix 12 s).
TABLE: list[list[str]] = [
    ["case", "list", "--status", "pending", *Q],
    ["case", "list", "--category", "neighbour", *Q],
    ["case", "list", "--source", "court", *Q],
    ["case", "list", "--key-group", "elderly", *Q],
    ["remind", "--as-of", "2024-06-12"],
    ["screen", "due", "--as-of", "2024-06-12"],
    ["screen", "list", "--from", "2024-06-01"],
    ["screen", "compliance", "--from", "2024-01-01", "--to", "2024-06-30"],
    ["report", "staffing", "--as-of", "2024-12-31"],
    ["report", "statistics", "--year", "2024"],
    ["report", "timeliness", "--year", "2024"],
    ["org", "list"],
    ["mediator", "list"],
]
ENV = {**os.environ, "MEDIATION_TODAY": "2024-12-31", "MEDIATION_LANG": "en"}


def _median(f, runs: int = RUNS) -> float:
    return statistics.median(f() for _ in range(runs))


def command_seconds(db: Path, args: list[str], fmt: str = "json") -> float:
    def once() -> float:
        t0 = time.perf_counter()
        # JSON to a discarded stdout: `-o /dev/null` is refused now that --output never replaces a file unasked
        p = subprocess.run(
            [MEDIATION, "--db", str(db), *args, "-f", fmt],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if p.returncode not in (0, 3):
            raise SystemExit(f"failed: {' '.join(args)}: {p.stderr.decode()}")
        return time.perf_counter() - t0

    return _median(once)


def _startup(db: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [MEDIATION, "--db", str(db), "config", "get", "stalled_days"],
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def raw_sql_seconds(db: Path, statements: list[str]) -> float:
    script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)

    def once() -> float:
        t0 = time.perf_counter()
        subprocess.run(
            ["sqlite3", "-bail", "-readonly", str(db)],
            input=".output /dev/null\n" + script,
            text=True,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - t0

    return _median(once)


def measure(db: Path, commands: list[list[str]], fmt: str = "json") -> list[dict]:
    os.environ.setdefault("MEDIATION_TODAY", "2024-12-31")
    traced = trace(db, [[*c, "-f", fmt] for c in commands] if fmt != "json" else commands, distinct=False)
    out = []
    for cmd in commands:
        statements = traced[" ".join([*cmd, "-f", fmt] if fmt != "json" else cmd)]
        raw = raw_sql_seconds(db, statements)
        secs = command_seconds(db, cmd, fmt)
        out.append(
            {
                "command": " ".join(cmd) + ("" if fmt == "json" else f" (-f {fmt})"),
                "seconds": secs,
                "raw": raw,
                "ratio": secs / raw,
                "queries": len(statements),
            }
        )
    return out


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1_000_000
    db = region_path(n)
    if not db.exists():
        generate(n, db)
    subprocess.run(
        [MEDIATION, "--db", str(db), "db", "info"], env=ENV, capture_output=True, check=True
    )  # migrate
    command_seconds(db, DAILY[0])  # warm the file cache
    startup = _median(lambda: _startup(db))
    ok = True
    width = max(len(" ".join(c)) for c in DAILY) + 12
    print(f"start-up of a command that reads one setting (`config get`): {startup:.2f} s")
    print(
        f"{'mediation …'.ljust(width)}  {'command':>8}  {'raw SQL':>8}  {'ratio':>6}  {'net':>6}  "
        "target: < 1 s and ≤ 2× raw SQL (net: the command less the start-up)"
    )
    for r in [*measure(db, DAILY), *measure(db, TABLE, "table")]:
        good = r["seconds"] < 1 and r["ratio"] <= 2
        ok &= good
        net = max(r["seconds"] - startup, 0) / r["raw"]
        print(
            f"{r['command'].ljust(width)}  {r['seconds']:7.2f}s  {r['raw']:7.2f}s  {r['ratio']:5.1f}×  {net:5.1f}×  "
            f"{'OK' if good else ('SLOW' if r['seconds'] >= 1 else 'over 2×')}  ({r['queries']} queries)",
            flush=True,
        )
    print(f"({n:,} cases, region ledger {db.name}; median of {RUNS}; the command's start-up included)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
