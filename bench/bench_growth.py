"""How `case import`, `remind` and `report statistics` grow with the ledger: 100,000, 300,000 and 1,000,000 cases.

- import: bench_floor.measure of a file of N rows (with its sqlite3 floor, same run);
- remind and statistics: region ledgers of N cases (bench/gen_region.py: 15,000 orgs, ~780,000 screenings).

For each step the growth exponent k = ln(t₂/t₁) / ln(n₂/n₁) (1 = linear; more would be worse than linear), and a
straight line t = a + b·n fitted to the three figures (least squares), extended to 15,000,000 cases (a national
ledger) on paper.

Run: .venv/bin/python bench/bench_growth.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_daily import command_seconds  # noqa: E402
from bench_floor import measure, migrated_template, runs_for  # noqa: E402
from gen_region import generate, region_path  # noqa: E402

SIZES = [100_000, 300_000, 1_000_000]
NATIONAL = 15_000_000
SLACK = 1.15  # run-to-run noise on this VM is ±10–20%: an exponent up to 1.15 is read as linear


def main() -> int:
    migrated_template()
    ok = True
    series: dict[str, list[float]] = {"import": [], "floor": [], "remind": [], "statistics": []}
    for n in SIZES:
        m = measure(n, runs_for(n))
        series["import"].append(m["import"])
        series["floor"].append(m["floor"])
        db = region_path(n)
        if not db.exists():
            generate(n, db)
        command_seconds(db, ["remind", "--as-of", "2024-06-12"])  # migrate, warm the file cache
        series["remind"].append(command_seconds(db, ["remind", "--as-of", "2024-06-12"]))
        series["statistics"].append(command_seconds(db, ["report", "statistics", "--year", "2024"]))
        print(
            f"{n:>9,} cases: import {m['import']:6.2f} s (floor {m['floor']:5.2f} s, {m['ratio']:.2f}×, "
            f"peak {m['peak_mb']:.0f} MB), remind {series['remind'][-1]:5.2f} s, "
            f"statistics {series['statistics'][-1]:5.2f} s; import ≤ 2× floor and < 500 MB: "
            f"{'OK' if m['ratio'] <= 2 and m['peak_mb'] < 500 else 'MISSED'}",
            flush=True,
        )
        ok &= m["ratio"] <= 2 and m["peak_mb"] < 500
    print(
        f"\n{'':12}"
        + "".join(f"{f'k {a // 1000}k→{b // 1000}k':>16}" for a, b in zip(SIZES, SIZES[1:], strict=False))
        + f"{'15M on paper':>16}"
    )
    for name, ts in series.items():
        ks = [
            math.log(t2 / t1) / math.log(n2 / n1)
            for (n1, t1), (n2, t2) in zip(
                zip(SIZES, ts, strict=True), list(zip(SIZES, ts, strict=True))[1:], strict=False
            )
        ]
        # least squares t = a + b·n over the three sizes; a noisy negative slope is read as flat
        mean_n, mean_t = sum(SIZES) / len(SIZES), sum(ts) / len(ts)
        b = sum((n - mean_n) * (t - mean_t) for n, t in zip(SIZES, ts, strict=True)) / sum(
            (n - mean_n) ** 2 for n in SIZES
        )
        b = max(b, 0.0)
        national = mean_t + b * (NATIONAL - mean_n)
        good = all(k <= SLACK for k in ks)
        ok &= good or name == "floor"
        print(
            f"{name:<12}"
            + "".join(f"{k:16.2f}" for k in ks)
            + f"{national:14.1f} s  "
            + (
                "linear or better"
                if good
                else "sqlite3 itself (index builds are n log n): information, not a target"
                if name == "floor"
                else "FASTER THAN LINEAR"
            )
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
