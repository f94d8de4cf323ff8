"""The city rollup's reader: SQLite's own (what `mediation rollup` uses) against DuckDB's SQLite reader
(``sqlite_scanner``), on the same banner ledgers, for the rollup's heaviest reads: the year's statistics table
grouped by (org, category) with the form's counts, and the data-entry lags grouped by (org, lag).

- SQLite: each ledger opened read-only and immutable, as the rollup opens it (ledger/db.py ``open_read_only``); the
  program's own queries (reports/statistics.py PACKED_SQL from the covering index, reports/timeliness.py LAGS_SQL),
  one ledger after another, in one process.
- DuckDB: one connection, two threads (this machine's cores), every ledger ATTACHed ``(TYPE sqlite, READ_ONLY)``; the
  same counts written for DuckDB (it sees the tables, not SQLite's indexes or generated columns: the conditions and
  the lag are computed from the stored columns).

Both give the same rows (checked on every ledger); the ledgers are byte for byte unchanged afterwards.

DuckDB is not a dependency of the program. For this bench only:
  .venv/bin/pip install duckdb==1.5.5 duckdb-extension-sqlite-scanner==1.5.5 duckdb-extensions==1.5.5
(the extension comes from PyPI; DuckDB itself would download it from extensions.duckdb.org at first use).

Run: .venv/bin/python bench/bench_duckdb.py [N]   (default 10: bench_rollup.py's banner ledgers of 1,000,000 cases)
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_rollup import banners, digest  # noqa: E402

from mediation_cli.ledger.schema_scale import FIELD_BITS, sources_of  # noqa: E402
from mediation_cli.reports.statistics import PACKED_SQL, unpack  # noqa: E402
from mediation_cli.reports.timeliness import LAGS_SQL  # noqa: E402

RUNS = 3
SPAN = {"start": "2024-01-01", "end": "2024-12-31"}


DUCK_STATS = f"""
SELECT org_id, category, count(*) AS received,
       count(*) FILTER (WHERE status = 'succeeded' OR (status = 'closed' AND outcome = 'succeeded')),
       count(*) FILTER (WHERE source IN {sources_of("proactive")}),
       count(*) FILTER (WHERE source IN {sources_of("entrusted")}),
       count(*) FILTER (WHERE agreement = 'written'),
       count(*) FILTER (WHERE agreement = 'oral'),
       coalesce(sum(coalesce(agreement_fen, amount_fen)) FILTER (
           WHERE agreement IS NOT NULL AND (status = 'succeeded' OR outcome = 'succeeded')), 0)
FROM {{db}}.dispute WHERE received_on BETWEEN '2024-01-01' AND '2024-12-31'
GROUP BY org_id, category
"""
DUCK_LAGS = """
SELECT org_id, date_diff('day', CAST(received_on AS DATE), CAST(substr(entered_at, 1, 10) AS DATE)) AS lag,
       count(*) AS n
FROM {db}.dispute WHERE received_on BETWEEN '2024-01-01' AND '2024-12-31'
GROUP BY ALL
"""


def sqlite_read(path: Path) -> tuple[list, list]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        stats = [
            (o, c, *unpack(FIELD_BITS, received, facts, agreements, fen))
            for o, c, received, facts, agreements, fen in conn.execute(PACKED_SQL, SPAN)
        ]
        lags = conn.execute(LAGS_SQL, SPAN).fetchall()
    finally:
        conn.close()
    return stats, lags


def duck_connect(paths: list[Path]):
    import duckdb
    from duckdb_extensions import import_extension

    con = duckdb.connect()
    import_extension("sqlite_scanner", con=con)
    con.execute("LOAD sqlite_scanner")
    con.execute("SET threads = 2")
    for i, p in enumerate(paths):
        con.execute(f"ATTACH '{p}' AS b{i} (TYPE sqlite, READ_ONLY)")
    return con


def duck_read(con, i: int) -> tuple[list, list]:
    stats = con.execute(DUCK_STATS.format(db=f"b{i}")).fetchall()
    lags = con.execute(DUCK_LAGS.format(db=f"b{i}")).fetchall()
    return stats, lags


def _median(f) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    try:
        import duckdb  # noqa: F401
        import duckdb_extension_sqlite_scanner  # noqa: F401
    except ImportError:
        print("duckdb and its sqlite_scanner are not installed (see this script's docstring): skipped")
        return 0
    n = int(argv[0]) if argv else 10
    files = banners(n)
    before = [digest(p) for p in files]
    con = duck_connect(files)
    same = True
    for i, p in enumerate(files):  # the same rows, and the file cache warm for both readers
        s_stats, s_lags = sqlite_read(p)
        d_stats, d_lags = duck_read(con, i)
        same &= sorted(s_stats) == sorted(map(tuple, d_stats)) and sorted(s_lags) == sorted(
            map(tuple, d_lags)
        )
    sqlite_one = _median(lambda: sqlite_read(files[0]))
    duck_one = _median(lambda: duck_read(con, 0))
    sqlite_all = _median(lambda: [sqlite_read(p) for p in files])
    duck_all = _median(lambda: [duck_read(con, i) for i in range(n)])
    t0 = time.perf_counter()
    con.close()
    con = duck_connect(files)
    attach = time.perf_counter() - t0
    con.close()
    untouched = [digest(p) for p in files] == before
    print(
        f"statistics + lags of 1 ledger of 1,000,000 cases:   SQLite {sqlite_one:6.2f} s   DuckDB {duck_one:6.2f} s"
    )
    print(
        f"statistics + lags of {n} ledgers:                    SQLite {sqlite_all:6.2f} s   DuckDB {duck_all:6.2f} s"
        f"   (DuckDB / SQLite {duck_all / sqlite_all:.1f}×; DuckDB's ATTACH of {n} files {attach:.2f} s)"
    )
    print(
        f"same rows from both readers: {'yes' if same else 'NO'}; ledgers unchanged: {'yes' if untouched else 'NO'}"
    )
    return 0 if same and untouched else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
