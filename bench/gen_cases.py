"""A region-sized dispute ledger for the benchmark: ~1,000 orgs and N cases (default 1,000,000) received in 2024.

A year of a region's cases in one file is the hard case for `report cases` (a quarter is ~250,000 rows). Rows go in
with executemany in one transaction, the dispute indexes dropped during the load and rebuilt after (as a restore
would), the full-text index filled with one INSERT … SELECT. Also writes the 100,000-row CSV for the import bench
and a ledger template with just the orgs and mediators.

Run: .venv/bin/python bench/gen_cases.py [N]
"""

from __future__ import annotations

import csv
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, case_rows, mediator_of, org_rows  # noqa: E402

from mediation_cli.domain.keyperiods import key_period_on  # noqa: E402
from mediation_cli.forms.cases import CONTRACT_COLUMNS  # noqa: E402
from mediation_cli.ledger.cases import CASE_COLS  # noqa: E402
from mediation_cli.ledger.db import now_iso, open_ledger  # noqa: E402

BIG = OUT / "cases_1m.db"
TEMPLATE = OUT / "cases_template.db"  # orgs and mediators only: a fresh ledger for the import bench
IMPORT_CSV = OUT / "cases_100k.csv"


def _fresh(path: Path):
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return open_ledger(path, "bench")


def _orgs_and_mediators(ledger) -> dict[str, int]:
    now = now_iso()
    ids: dict[str, int] = {}
    with ledger.write() as conn:
        for i, o in enumerate(org_rows(), start=1):
            ids[o["code"]] = i
            conn.execute(
                "INSERT INTO org(id, code, name, kind, parent_id, established_on, updated_at) VALUES (?,?,?,?,?,?,?)",
                (i, o["code"], o["name"], o["kind"], ids.get(o["parent_code"]), "2000-01-01", now),
            )
        for code, org_id in ids.items():
            conn.execute(
                "INSERT INTO mediator(id, staff_no, name, gender, org_id, joined_on, updated_at) VALUES (?,?,?,?,?,?,?)",
                (org_id, mediator_of(code), f"调解员{code}", "male", org_id, "2010-01-01", now),
            )
            conn.execute(
                "INSERT INTO employment(mediator_id, effective_from, employment) VALUES (?,?,?)",
                (org_id, "2010-01-01", "part_time"),
            )
    return ids


def _dispute_indexes(conn) -> list[tuple[str, str]]:
    """The dispute table's indexes as the ledger has them now (after every migration)."""
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dispute' AND sql IS NOT NULL"
    ).fetchall()


def generate_big(n: int) -> None:
    ledger = _fresh(BIG)
    ids = _orgs_and_mediators(ledger)
    ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(BIG, TEMPLATE)  # before any case: a fresh ledger with orgs and mediators
    load_cases(ledger, n, ids.__getitem__, lambda org_id: org_id)
    ledger.close()


def load_cases(ledger, n: int, org_id_of, mediator_of_org, seed: int = 1) -> None:
    """n generated cases into ``ledger`` (no cases yet): ``org_id_of(code)`` maps the generator's org codes to the
    ledger's org ids, ``mediator_of_org(org_id)`` gives the mediator linked to each case. Indexes dropped during the
    load and built after (as a restore would), the search index filled with one INSERT … SELECT, then ANALYZE."""
    now = now_iso()
    kp_cache: dict[str, str | None] = {}

    def key_period(d: str) -> str | None:
        if d not in kp_cache:
            from datetime import date

            kp = key_period_on(date.fromisoformat(d))
            kp_cache[d] = kp.code if kp else None
        return kp_cache[d]

    cols = ["id", *CASE_COLS, "updated_at", "change_seq", "created_seq"]
    pos = {c: i for i, c in enumerate(cols)}
    links = []

    def rows():
        for i, (
            org,
            rec,
            src,
            cat,
            kg,
            parties,
            amount,
            summary,
            status,
            outcome_on,
            agreement,
            closed_on,
            _m,
            entered,
        ) in enumerate(case_rows(n, seed=seed), start=1):
            seq = i
            row = [None] * len(cols)
            row[pos["id"]] = i
            row[pos["case_no"]] = f"(2024)乌人调字第{seq}号"
            row[pos["year"]] = 2024
            row[pos["seq"]] = seq
            row[pos["org_id"]] = org_id = org_id_of(org)
            links.append((i, mediator_of_org(org_id)))
            row[pos["received_on"]] = rec
            row[pos["source"]] = src
            row[pos["category"]] = cat
            row[pos["key_groups"]] = kg or None
            row[pos["parties"]] = parties
            row[pos["amount_fen"]] = round(float(amount) * 100) if amount else None
            row[pos["summary"]] = summary
            row[pos["risk_level"]] = "normal"
            row[pos["major"]] = 0
            if status in ("succeeded", "failed", "withdrawn"):
                row[pos["outcome"]] = status
                row[pos["outcome_on"]] = outcome_on
                row[pos["status"]] = "closed" if closed_on else status
                row[pos["closed_on"]] = closed_on or None
                row[pos["agreement"]] = agreement or None
            else:
                row[pos["status"]] = status
            for c in CASE_COLS:
                if c.startswith("prevented_"):
                    row[pos[c]] = 0
            row[pos["key_period"]] = key_period(rec)
            row[pos["entered_at"]] = entered
            row[pos["updated_at"]] = now
            row[pos["change_seq"]] = row[pos["created_seq"]] = i
            yield row

    conn = ledger.conn
    indexes = _dispute_indexes(conn)
    with ledger.write():
        for name, _ in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.executemany(
            f"INSERT INTO dispute({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows()
        )
        conn.executemany("INSERT INTO case_mediator(case_id, mediator_id) VALUES (?, ?)", links)
        for _, sql in indexes:
            conn.execute(sql)
        conn.execute("INSERT INTO dispute_fts(rowid, summary) SELECT id, summary FROM dispute")
    conn.execute("ANALYZE")


def write_import_csv(n: int = 100_000, path: Path = IMPORT_CSV) -> Path:
    """Unnumbered rows (case_no empty: the import numbers them); summaries made unique, as real ones are."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CONTRACT_COLUMNS)
        for i, row in enumerate(case_rows(n, seed=2), start=1):
            (
                org,
                rec,
                src,
                cat,
                kg,
                parties,
                amount,
                summary,
                status,
                outcome_on,
                agreement,
                closed_on,
                med,
                entered,
            ) = row
            summary = f"{summary}（登记{i}）"
            w.writerow(
                ["", org, rec, src, cat, kg, parties, amount, summary, "normal", "", "0", status, outcome_on]
                + [agreement, closed_on, med, "", "", entered]
            )
    return path


def main(argv: list[str] | tuple = ()) -> int:
    """The benches call it with no arguments (1,000,000 cases): their own command line is not its."""
    n = int(argv[0]) if argv else 1_000_000
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    generate_big(n)
    t1 = time.perf_counter()
    write_import_csv()
    t2 = time.perf_counter()
    print(f"{BIG}: {n:,} cases in {t1 - t0:.1f} s; {IMPORT_CSV}: 100,000 rows in {t2 - t1:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
