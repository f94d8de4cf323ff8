"""The statistics table an office sends upward (人民调解统计): per township (its villages and judicial office rolled in),
each industry committee and workroom, and a 合计 row — disputes received and settled by statistics category, by the
form's three sources, written and oral agreements, the agreement amount in 万元, and what mediation prevented.

Counted by status now for the cases received in the range. Only 人民调解: the cases of 司法所 and 行政调解 bodies are
in a table of their own (``table="other"``; domain.staffing.OUTSIDE_PEOPLES_MEDIATION). The plan's categories map onto the statistics categories
through the ledger's ``category`` table (a clerk may change the mapping: `mediation config category-map`).
"""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.staffing import is_peoples_mediation
from mediation_cli.domain.taxonomy import ORG_KIND, SOURCE_STAT, STAT_CATEGORY, STAT_PREVENTED, STAT_SOURCES
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import reporting_units
from mediation_cli.ledger.schema import PREVENTED_ANY

STAT_CODES = list(STAT_CATEGORY.members)
SOURCE_KEYS = STAT_SOURCES
PREVENTED_KEYS = STAT_PREVENTED


def _sources_in(stat: str) -> str:
    codes = sorted(code for code, key in SOURCE_STAT.items() if key == stat)
    return "d.source IN (" + ", ".join(f"'{c}'" for c in codes) + ")"


# The covering index dispute_stats is read in (org, category) order: no table access, no sort. One row per org and
# plan category (a region's 15,000 orgs make ~170,000, where grouping by source as well made ~700,000 for Python to
# add up); the form's three sources are counted in SQL (any source SOURCE_STAT does not name is "application").
GROUPED_SQL = f"""
SELECT d.org_id, d.category,
       count(*) AS received,
       count(*) FILTER (WHERE d.status = 'succeeded' OR (d.status = 'closed' AND d.outcome = 'succeeded')) AS succeeded,
       count(*) FILTER (WHERE {_sources_in("proactive")}) AS proactive,
       count(*) FILTER (WHERE {_sources_in("entrusted")}) AS entrusted,
       count(*) FILTER (WHERE d.agreement = 'written') AS written,
       count(*) FILTER (WHERE d.agreement = 'oral') AS oral,
       coalesce(sum(coalesce(d.agreement_fen, d.amount_fen)) FILTER (
           WHERE d.agreement IS NOT NULL AND (d.status = 'succeeded' OR d.outcome = 'succeeded')), 0) AS agreement_fen
FROM dispute d INDEXED BY dispute_stats
WHERE d.received_on BETWEEN :start AND :end
GROUP BY d.org_id, d.category
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


def _empty(unit: str, name: str) -> dict:
    row = {k: 0 for k in fields()}
    row["unit"], row["name"] = unit, name
    row.update(written=0, oral=0, agreement_fen=0)
    return row


def unit_order(ledger: Ledger):
    """The banner's order of the table's units: townships first (苏木镇, by code: T01 嘎鲁图镇, the seat, …), then
    industry committees, workrooms and the other kinds in the order of the org kinds (domain/taxonomy ORG_KIND)."""
    rank = {code: i for i, code in enumerate(ORG_KIND.members)}
    kind_of = {r["code"]: r["kind"] for r in ledger.all("SELECT code, kind FROM org")}
    return lambda r: (rank.get(kind_of.get(r["unit"]), len(rank)), r["unit"])


TABLES = ("peoples", "other")


def statistics_report(
    ledger: Ledger, start: date, end: date, *, by: str = "township", table: str = "peoples"
) -> list[dict]:
    """``table`` ``peoples``: the 人民调解 table — committees, workrooms, chambers of commerce (a 司法所 under a township
    is not rolled into it); ``other``: 行政调解 bodies and 司法所, each its own row, with their own 合计."""
    kind_of = dict(ledger.all("SELECT id, kind FROM org"))
    if table == "other":
        units = {
            i: u for i, u in reporting_units(ledger, "org").items() if not is_peoples_mediation(kind_of[i])
        }
    else:
        units = {i: u for i, u in reporting_units(ledger, by).items() if is_peoples_mediation(kind_of[i])}
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

    # Add up per (unit, statistics category) first, in tuples: a region's ~170,000 grouped rows stay cheap.
    sums: dict[tuple[str, str], list[int]] = {}
    stat_fix = {c: (st if st in STAT_CATEGORY.members else "other") for c, st in stat_of.items()}
    unit_of = {org_id: code for org_id, (code, _) in units.items()}
    conn = ledger.conn
    cursor = conn.execute(GROUPED_SQL, span)
    cursor.row_factory = None
    for org_id, category, received, succeeded, proactive, entrusted, written, oral, fen in cursor:
        unit = unit_of.get(org_id)
        if unit is None:  # in the other table
            continue
        key = (unit, stat_fix.get(category, "other"))
        acc = sums.get(key)
        if acc is None:
            sums[key] = [received, succeeded, proactive, entrusted, written, oral, fen]
        else:
            acc[0] += received
            acc[1] += succeeded
            acc[2] += proactive
            acc[3] += entrusted
            acc[4] += written
            acc[5] += oral
            acc[6] += fen
    names = dict(units.values())
    for (code, stat), (received, succeeded, proactive, entrusted, written, oral, fen) in sums.items():
        row = rows.get(code)
        if row is None:
            row = rows[code] = _empty(code, names[code])
        for target in (row, total):
            target["received"] += received
            target["succeeded"] += succeeded
            target[f"{stat}_received"] += received
            target[f"{stat}_succeeded"] += succeeded
            target["source_proactive"] += proactive
            target["source_entrusted"] += entrusted
            target["source_application"] += received - proactive - entrusted
            target["written"] += written
            target["oral"] += oral
            target["agreement_fen"] += fen
    for g in ledger.conn.execute(PREVENTED_SQL, span):
        if g["org_id"] not in units:
            continue
        row, _ = targets(g)
        for target in (row, total):
            for k in PREVENTED_SUM_KEYS:
                target[k] += g[k] or 0
    out = sorted(rows.values(), key=unit_order(ledger)) + [total]
    for r in out:
        r["agreements_written"] = r.pop("written")
        r["agreements_oral"] = r.pop("oral")
        # 协议涉及金额（万元）: summed exactly in 分, kept to the 分 (6 decimals)
        r["agreement_amount_wan"] = round(r.pop("agreement_fen") / 1_000_000, 6)
    return out
