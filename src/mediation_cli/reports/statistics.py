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
from mediation_cli.domain.taxonomy import ORG_KIND, STAT_CATEGORY, STAT_PREVENTED, STAT_SOURCES
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import reporting_units
from mediation_cli.ledger.schema import PREVENTED_ANY
from mediation_cli.ledger.schema_scale import FIELD_BITS, sources_of

LIMIT = 1 << FIELD_BITS  # a group of this many cases or more would carry from one bit field into the next
MASK = LIMIT - 1

STAT_CODES = list(STAT_CATEGORY.members)
SOURCE_KEYS = STAT_SOURCES
PREVENTED_KEYS = STAT_PREVENTED


def _sources_in(stat: str) -> str:
    return "d.source IN " + sources_of(stat)


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
# The same counts from the columns SQLite computed when each case was written (migration 012, ledger/schema_scale.py):
# one sum per packed column instead of a condition per fact and row. A ledger of an older schema (the rollup reads
# those as they are) has no such columns and is read with GROUPED_SQL.
PACKED_SQL = """
SELECT d.org_id, d.category, count(*) AS received, sum(d.stat_facts) AS facts, sum(d.stat_agreements) AS agreements,
       coalesce(sum(d.stat_agreement_fen), 0) AS agreement_fen
FROM dispute d INDEXED BY dispute_stats
WHERE d.received_on BETWEEN :start AND :end
GROUP BY d.org_id, d.category
"""
# The rare cases that prevented anything, from their partial index: named, because after migration 012 rebuilt
# dispute_stats SQLite's statistics led it to skip-scan dispute_org_received instead (3.0 s at 1M cases, not 0.01 s).
PREVENTED_SQL = f"""
SELECT d.org_id, d.category, d.source,
       {
    ", ".join(
        f"sum(d.{p}_{x}) AS {p}_{x}"
        for p in ("prevented_criminal", "prevented_petition", "prevented_suicide", "prevented_fight")
        for x in ("cases", "persons")
    )
}
FROM dispute d INDEXED BY dispute_prevented WHERE d.received_on BETWEEN :start AND :end AND {PREVENTED_ANY}
GROUP BY d.org_id, d.category, d.source
"""

PREVENTED_SUM_KEYS = [f"{p}_{x}" for p in PREVENTED_KEYS for x in ("cases", "persons")]


def _packed(ledger: Ledger, span: dict, *, conditions: bool = False) -> tuple[int, list[tuple]]:
    """(bits, rows): per (org, category) of the cases received in the span, (org id, category, received, facts,
    agreements, agreement 分), where ``facts`` packs succeeded, proactive and entrusted and ``agreements`` written and
    oral, each fact a field of ``bits`` bits (sums of rows stay packed: unpack with ``unpack``). From the stat columns
    (FIELD_BITS), or, for a ledger without them or when asked, counted by condition and packed in 64-bit fields."""
    conn = ledger.conn
    if not conditions and any(r[1] == "stat_facts" for r in conn.execute("PRAGMA table_xinfo(dispute)")):
        cursor = conn.execute(PACKED_SQL, span)
        cursor.row_factory = None
        return FIELD_BITS, cursor.fetchall()
    cursor = conn.execute(GROUPED_SQL, span)
    cursor.row_factory = None
    return 64, [
        (
            org_id,
            category,
            received,
            succeeded | proactive << 64 | entrusted << 128,
            written | oral << 64,
            fen,
        )
        for org_id, category, received, succeeded, proactive, entrusted, written, oral, fen in cursor
    ]


def unpack(bits: int, received: int, facts: int, agreements: int, fen: int) -> tuple[int, ...]:
    """(received, succeeded, proactive, entrusted, written, oral, agreement 分) of packed sums."""
    mask = (1 << bits) - 1
    return (
        received,
        facts & mask,
        facts >> bits & mask,
        facts >> 2 * bits,
        agreements & mask,
        agreements >> bits,
        fen,
    )


def _sums(ledger: Ledger, span: dict, unit_of: dict, stat_fix: dict) -> tuple[int, dict]:
    """(bits, {(unit, statistics category): [received, facts, agreements, 分]}): the packed rows added up per unit and
    category, still packed (a region's ~170,000 rows cost one addition each, not seven). When a unit's count reaches
    the bit fields' limit, a field would have carried into the next: added up again from the conditions."""
    bits, rows = _packed(ledger, span)
    sums = _add_up(rows, unit_of, stat_fix)
    if bits < 64 and any(acc[0] >= LIMIT for acc in sums.values()):
        bits, rows = _packed(ledger, span, conditions=True)
        sums = _add_up(rows, unit_of, stat_fix)
    return bits, sums


def _add_up(rows: list[tuple], unit_of: dict, stat_fix: dict) -> dict[tuple[str, str], list[int]]:
    sums: dict[tuple[str, str], list[int]] = {}
    get = sums.get
    for org_id, category, received, facts, agreements, fen in rows:
        unit = unit_of.get(org_id)
        if unit is None:  # in the other table
            continue
        key = (unit, stat_fix.get(category, "other"))
        acc = get(key)
        if acc is None:
            sums[key] = [received, facts, agreements, fen]
        else:
            acc[0] += received
            acc[1] += facts
            acc[2] += agreements
            acc[3] += fen
    return sums


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

    stat_fix = {c: (st if st in STAT_CATEGORY.members else "other") for c, st in stat_of.items()}
    unit_of = {org_id: code for org_id, (code, _) in units.items()}
    bits, sums = _sums(ledger, span, unit_of, stat_fix)
    names = dict(units.values())
    for (code, stat), packed in sums.items():
        received, succeeded, proactive, entrusted, written, oral, fen = unpack(bits, *packed)
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
