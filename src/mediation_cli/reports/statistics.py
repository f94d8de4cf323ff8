"""The statistics table an office sends upward (人民调解统计): per township (its villages and judicial office rolled in),
each industry committee and workroom, and a 合计 row — disputes received and settled by statistics category, by the
form's three sources, written and oral agreements, the agreement amount in 万元, and what mediation prevented.

Counted by status now for the cases received in the range. The plan's categories map onto the statistics categories
through the ledger's ``category`` table (a clerk may change the mapping: `mediation config category-map`).
"""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.taxonomy import SOURCE_STAT, STAT_CATEGORY
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.schema import PREVENTED_ANY

STAT_CODES = list(STAT_CATEGORY.members)
SOURCE_KEYS = ["proactive", "application", "entrusted"]
PREVENTED_KEYS = ["prevented_criminal", "prevented_petition", "prevented_suicide", "prevented_fight"]

# The covering index dispute_stats is read in (org, category, source) order: no table access, no sort.
GROUPED_SQL = """
SELECT d.org_id, d.category, d.source,
       count(*) AS received,
       sum(d.status = 'succeeded' OR (d.status = 'closed' AND d.outcome = 'succeeded')) AS succeeded,
       sum(d.agreement = 'written') AS written,
       sum(d.agreement = 'oral') AS oral,
       coalesce(sum(CASE WHEN d.agreement IS NOT NULL AND (d.status = 'succeeded' OR d.outcome = 'succeeded')
                         THEN coalesce(d.agreement_fen, d.amount_fen) END), 0) AS agreement_fen
FROM dispute d INDEXED BY dispute_stats
WHERE d.received_on BETWEEN :start AND :end
GROUP BY d.org_id, d.category, d.source
"""
PREVENTED_SQL = f"""
SELECT d.org_id, d.category, d.source,
       {
    ", ".join(
        f"sum(d.{p}_{x}) AS {p}_{x}"
        for p in ("prevented_criminal", "prevented_petition", "prevented_suicide", "prevented_fight")
        for x in ("cases", "persons")
    )
}
FROM dispute d WHERE d.received_on BETWEEN :start AND :end AND {PREVENTED_ANY}
GROUP BY d.org_id, d.category, d.source
"""

PREVENTED_SUM_KEYS = [f"{p}_{x}" for p in PREVENTED_KEYS for x in ("cases", "persons")]


def fields() -> list[str]:
    """The row's keys, in column order (also the CSV header)."""
    keys = ["unit", "name", "received", "succeeded"]
    for code in STAT_CODES:
        keys += [f"{code}_received", f"{code}_succeeded"]
    keys += [f"source_{s}" for s in SOURCE_KEYS]
    keys += ["agreements_written", "agreements_oral", "agreement_amount_wan"]
    keys += [f"{p}_{x}" for p in PREVENTED_KEYS for x in ("cases", "persons")]
    return keys


def reporting_units(ledger: Ledger, by: str) -> dict[int, tuple[str, str]]:
    """org id → (unit code, unit name): with ``township`` an org rolls up to its nearest township ancestor (itself
    included); orgs under no township stand alone. With ``org`` every org is its own unit."""
    orgs = {r["id"]: r for r in ledger.all("SELECT id, code, name, kind, parent_id FROM org")}
    units: dict[int, tuple[str, str]] = {}
    for org_id, r in orgs.items():
        unit = r
        if by == "township":
            walk, seen = r, set()
            while walk is not None and walk["id"] not in seen:
                seen.add(walk["id"])
                if walk["kind"] == "township":
                    unit = walk
                    break
                walk = orgs.get(walk["parent_id"])
        units[org_id] = (unit["code"], unit["name"])
    return units


def _empty(unit: str, name: str) -> dict:
    row = {k: 0 for k in fields()}
    row["unit"], row["name"] = unit, name
    row.update(written=0, oral=0, agreement_fen=0)
    return row


def statistics_report(ledger: Ledger, start: date, end: date, *, by: str = "township") -> list[dict]:
    units = reporting_units(ledger, by)
    stat_of = {r["code"]: r["stat_category"] for r in ledger.all("SELECT code, stat_category FROM category")}
    rows: dict[str, dict] = {}
    total = _empty("total", "合计")
    span = {"start": start.isoformat(), "end": end.isoformat()}

    def targets(g) -> tuple[dict, str]:
        code, name = units[g["org_id"]]
        stat = stat_of.get(g["category"], "other")
        row = rows.get(code)
        if row is None:
            row = rows[code] = _empty(code, name)
        return row, stat if stat in STAT_CATEGORY.members else "other"

    for g in ledger.conn.execute(GROUPED_SQL, span):
        row, stat = targets(g)
        for target in (row, total):
            target["received"] += g["received"]
            target["succeeded"] += g["succeeded"]
            target[f"{stat}_received"] += g["received"]
            target[f"{stat}_succeeded"] += g["succeeded"]
            target[f"source_{SOURCE_STAT.get(g['source'], 'application')}"] += g["received"]
            for k in ("written", "oral", "agreement_fen"):
                target[k] += g[k] or 0
    for g in ledger.conn.execute(PREVENTED_SQL, span):
        row, _ = targets(g)
        for target in (row, total):
            for k in PREVENTED_SUM_KEYS:
                target[k] += g[k] or 0
    out = sorted(rows.values(), key=lambda r: r["unit"]) + [total]
    for r in out:
        r["agreements_written"] = r.pop("written")
        r["agreements_oral"] = r.pop("oral")
        # 协议涉及金额（万元）: summed exactly in 分, kept to the 分 (6 decimals)
        r["agreement_amount_wan"] = round(r.pop("agreement_fen") / 1_000_000, 6)
    return out
