"""Screening compliance (普遍排查) over a date range: per org with a cadence, the periods it owed, met and missed.

"嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次普遍排查". An org owes the periods (ISO weeks, months or
quarters, by its kind's cadence) lying wholly inside the range and wholly inside its active span; a period is met when
at least one screening of any kind is dated in it (two in one week count once). The org's own cadence is used here;
the key-period cadence (``cadence.key_period``) only changes what is *due* on a date (reports/due.py).

One query pulls the distinct (org, period index) pairs of the range — the index computed in SQL, see domain/cadence —
and the rest is set arithmetic per org.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date

from mediation_cli.domain.cadence import met, owed_periods, period_at, rate
from mediation_cli.domain.periods import cadence_period_kind
from mediation_cli.ledger import predicates
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import added_on

# The period index of a screening date, as domain.cadence.period_index computes it in Python.
# julianday(d) + 0.5 is the Julian day number; minus 1721426 it is date.toordinal() - 1 (0 on 0001-01-01, a Monday).
PERIOD_INDEX_SQL = {
    "week": "(CAST(julianday(s.screened_on) + 0.5 AS INTEGER) - 1721426) / 7",
    "month": "CAST(substr(s.screened_on, 1, 4) AS INTEGER) * 12 + CAST(substr(s.screened_on, 6, 2) AS INTEGER) - 1",
    "quarter": "CAST(substr(s.screened_on, 1, 4) AS INTEGER) * 4 "
    "+ (CAST(substr(s.screened_on, 6, 2) AS INTEGER) - 1) / 3",
}

FIELDS = ["code", "name", "kind", "cadence", "required", "done", "missed", "missed_periods", "rate"]


def screening_compliance(
    ledger: Ledger,
    start: date,
    end: date,
    config: Config,
    *,
    org_ids: Collection[int] | None = None,
    kinds: Collection[str] | None = None,
) -> list[dict]:
    """One row per org with a cadence whose active span overlaps [start, end] (optionally only ``org_ids`` and org
    ``kinds``), worst first (lowest rate, then code; orgs that owed nothing last).

    Each row carries the contract's fields ``code, name, kind, cadence, required, done, missed, missed_periods,
    rate`` (rate unrounded, None when nothing was required), plus ``first_period``/``last_period`` (labels of the
    first and last period owed, None when none) for the matrix view.
    """
    cadences = {k: c for k, c in config.cadences().items() if c != "none" and (kinds is None or k in kinds)}
    if not cadences or end < start:
        return []
    where = [
        f"o.kind IN ({','.join('?' * len(cadences))})",
        predicates.org_active_during("o", start="?", end="?"),
    ]
    params: list = [*cadences, end.isoformat(), start.isoformat()]  # the twin's placeholders: end, then start
    if org_ids is not None:
        where.append("o.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(org_ids)))
    orgs = ledger.all(
        "SELECT o.id, o.code, o.name, o.kind, o.established_on, o.dissolved_on FROM org o WHERE "
        + " AND ".join(where),
        params,
    )
    if not orgs:
        return []

    # The screenings that can meet a period owed: those inside the widest owed range of any cadence in use.
    ranges = {}
    for cadence in set(cadences.values()):
        kind = cadence_period_kind(cadence)
        ranges[kind] = owed_periods(kind, start, end)
    spans = [(period_at(k, r[0]).start, period_at(k, r[-1]).end) for k, r in ranges.items() if r]
    done_by_org: dict[int, set[int]] = {}
    if spans:
        lo = min(s for s, _ in spans).isoformat()
        hi = max(e for _, e in spans).isoformat()
        case = " ".join(
            f"WHEN '{k}' THEN {PERIOD_INDEX_SQL[cadence_period_kind(c)]}" for k, c in cadences.items()
        )
        sql = f"""SELECT s.org_id, group_concat(DISTINCT CASE o.kind {case} END)
                  FROM screening s JOIN org o ON o.id = s.org_id
                  WHERE s.screened_on BETWEEN ? AND ? AND {where[0]}
                  GROUP BY s.org_id"""
        for org_id, indices in ledger.conn.execute(sql, [lo, hi, *cadences]):
            if indices:
                done_by_org[org_id] = set(map(int, indices.split(",")))

    labels: dict[tuple[str, int], str] = {}

    def label(kind: str, index: int) -> str:
        key = (kind, index)
        if key not in labels:
            labels[key] = period_at(kind, index).label
        return labels[key]

    rows = []
    empty: set[int] = set()
    added = added_on(ledger, [o["code"] for o in orgs if o["established_on"] is None])
    for o in orgs:
        cadence = cadences[o["kind"]]
        kind = cadence_period_kind(cadence)
        # no founding date: owed from the day it was entered in the ledger, not from the beginning of time
        est, dis = o["established_on"] or added.get(o["code"]), o["dissolved_on"]
        if est is None and dis is None:
            owed = ranges[kind]
        else:
            owed = owed_periods(
                kind,
                start,
                end,
                date.fromisoformat(est) if est else None,
                date.fromisoformat(dis) if dis else None,
            )
        done, missed = met(owed, done_by_org.get(o["id"], empty))
        rows.append(
            {
                "code": o["code"],
                "name": o["name"],
                "kind": o["kind"],
                "cadence": cadence,
                "required": len(owed),
                "done": done,
                "missed": len(missed),
                "missed_periods": [label(kind, i) for i in missed],
                "rate": rate(done, len(owed)),
                "first_period": label(kind, owed[0]) if owed else None,
                "last_period": label(kind, owed[-1]) if owed else None,
            }
        )
    rows.sort(key=lambda r: (r["rate"] is None, r["rate"] or 0.0, r["code"]))
    return rows
