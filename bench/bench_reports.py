"""Issue 5 benchmarks on the 1,000,000-case ledger of bench/gen_cases.py, through the installed command:

- `report statistics` for a year (target < 2 s)
- `report timeliness` for a year (target < 2 s)
- `case export` of every row: ≥ 100,000 rows/s, peak RSS < 150 MB (memory must not grow with the row count), both for
  the import columns (plain CSV) and for the `moj` upstream profile (CSV)

Run: .venv/bin/python bench/bench_reports.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MEDIATION  # noqa: E402
from gen_cases import BIG  # noqa: E402
from gen_cases import main as generate  # noqa: E402

RUNS = 3


def run_once(args: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run in a fresh child process."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(MEDIATION), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def timed(args: list[str], env: dict) -> tuple[float, float]:
    runs = [run_once(args, env) for _ in range(RUNS)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def main() -> int:
    if not BIG.exists():
        generate()
    env = {**os.environ, "MEDIATION_DB": str(BIG), "MEDIATION_TODAY": "2025-06-30", "MEDIATION_LANG": "en"}
    rows = int(
        subprocess.run(
            [str(MEDIATION), "db", "info", "-f", "json"], env=env, capture_output=True, text=True, check=True
        )
        .stdout.split('"cases": ')[1]
        .split(",")[0]
        .split("}")[0]
    )
    ok = True
    for label, args, target in (
        (
            "report statistics --year 2024",
            ["report", "statistics", "--year", "2024", "-f", "json"],
            2.0,
        ),
        (
            "report timeliness --year 2024",
            ["report", "timeliness", "--year", "2024", "-f", "json"],
            2.0,
        ),
    ):
        t, mem = timed(args, env)
        ok &= t < target
        print(
            f"{label:<44} {t:6.2f} s  peak {mem:5.0f} MB  (target < {target:g} s) {'OK' if t < target else 'SLOW'}"
        )
    out = Path(__file__).resolve().parent / "out" / "export.csv"
    for label, extra in (
        ("case export (import columns, CSV)", []),
        ("case export --profile moj (CSV)", ["--profile", "moj", "-f", "csv"]),
    ):
        t, mem = timed(["case", "export", *extra, "-o", str(out)], env)
        rate = rows / t
        good = rate >= 100_000 and mem < 150
        ok &= good
        print(
            f"{label:<44} {t:6.2f} s  {rate:9,.0f} rows/s  peak {mem:5.0f} MB  "
            f"(target ≥ 100,000 rows/s, < 150 MB) {'OK' if good else 'MISSED'}"
        )
    out.unlink(missing_ok=True)
    print(f"({rows:,} cases in the ledger; median of {RUNS} runs, process start-up included)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
