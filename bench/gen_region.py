"""A region-scale ledger in one file: 15,000 orgs and a year of screenings (~780,000, bench/gen_screenings.py), three
mediators an org (about 8% of them full-time) and N cases (default 1,000,000) spread over its villages and townships
(bench/gen_cases.py's generator), with their mediator links, indexes and search index.

Run: .venv/bin/python bench/gen_region.py [N [PATH]]   (default 1000000 bench/out/region_1000000.db)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, org_rows  # noqa: E402
from gen_cases import load_cases  # noqa: E402
from gen_screenings import generate as generate_screenings  # noqa: E402

from mediation_cli.ledger.db import now_iso, open_ledger  # noqa: E402

MEDIATORS_PER_ORG = 3


def region_path(n: int) -> Path:
    return OUT / f"region_{n}.db"


def generate(n: int = 1_000_000, path: Path | None = None, seed: int = 7) -> dict:
    path = path or region_path(n)
    t0 = time.perf_counter()
    counts = generate_screenings(path)
    ledger = open_ledger(path, "bench")
    conn = ledger.conn
    rnd = random.Random(seed)
    now = now_iso()
    orgs = conn.execute("SELECT id, code, kind, established_on FROM org ORDER BY id").fetchall()
    first_mediator: dict[int, int] = {}
    mediators, employment = [], []
    mid = 0
    for org_id, code, _kind, established in orgs:
        for i in range(MEDIATORS_PER_ORG):
            mid += 1
            first_mediator.setdefault(org_id, mid)
            joined = established or "2015-01-01"
            gender = "female" if rnd.random() < 0.3 else "male"
            mediators.append((mid, f"M{code}-{i}", f"调解员{code}{i}", gender, org_id, joined, now))
            employment.append((mid, joined, "full_time" if rnd.random() < 0.08 else "part_time"))
    with ledger.write():
        conn.executemany(
            "INSERT INTO mediator(id, staff_no, name, gender, org_id, joined_on, updated_at) VALUES (?,?,?,?,?,?,?)",
            mediators,
        )
        conn.executemany(
            "INSERT INTO employment(mediator_id, effective_from, employment) VALUES (?,?,?)", employment
        )
    # The case generator's ~1,000 org codes map onto the region's villages and townships, spread evenly.
    targets = [r[0] for r in orgs if r[2] in ("village", "township")]
    rnd.shuffle(targets)
    gen_codes = [r["code"] for r in org_rows() if r["kind"] in ("village", "township")]
    slot = {c: i for i, c in enumerate(gen_codes)}
    spread = rnd.random

    def org_id_of(code: str) -> int:
        # each generator org stands for len(targets)/len(gen_codes) region orgs: pick one of its share at random
        share = len(targets) // len(gen_codes)
        return targets[slot[code] * share + int(spread() * share)]

    load_cases(ledger, n, org_id_of, first_mediator.__getitem__)
    link_screenings(ledger)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    counts.update(cases=n, mediators=len(mediators), seconds=time.perf_counter() - t0)
    return counts


def link_screenings(ledger) -> None:
    """A screening that found disputes opens their cases (应录必录): each case whose source is a screening is linked to
    its org's latest screening of the 14 days up to its receipt, and a screening's ``found`` becomes the number of
    cases it opened — except one screening in 50, which keeps the generator's count: those are the few a real ledger
    has whose disputes were not entered (remind's ``screening_no_case``). Without this the generated region found
    ~470,000 disputes in screenings and entered none of them."""
    conn = ledger.conn
    with ledger.write():
        conn.execute(
            """UPDATE dispute SET screening_id = (
                   SELECT s.id FROM screening s WHERE s.org_id = dispute.org_id
                   AND s.screened_on BETWEEN date(dispute.received_on, '-14 days') AND dispute.received_on
                   ORDER BY s.screened_on DESC LIMIT 1)
               WHERE source = 'screening'"""
        )
        # UPDATE … FROM joins the counts once (a correlated subquery over the CTE re-read it for every screening)
        conn.execute(
            """UPDATE screening SET found = coalesce(opened.n, 0)
               FROM screening AS s LEFT JOIN (SELECT screening_id AS id, count(*) AS n FROM dispute
                                              WHERE screening_id IS NOT NULL GROUP BY screening_id) AS opened
                    ON opened.id = s.id
               WHERE s.id = screening.id AND screening.id % 50 != 0 AND screening.found != coalesce(opened.n, 0)"""
        )
    conn.execute("ANALYZE")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else region_path(n)
    c = generate(n, path)
    print(
        f"{path}: {c['orgs']:,} orgs, {c['mediators']:,} mediators, {c['screenings']:,} screenings, "
        f"{c['cases']:,} cases in {c['seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
