"""Data-entry timeliness (二（五）全面做好调解数据录入工作): per org the lag from received to entered, the share entered
within N days, the late entries, and the year-end rush the plan forbids (杜绝年底突击录入). The quarterly bulletin (通报).

The lag of a case is the calendar date of ``entered_at`` (local time) minus ``received_on``, in days (the generated
column ``entry_lag``). SQL groups the
cases into (org, lag) counts, so a year of a million cases becomes a few thousand rows; medians come from those counts.
"""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.staffing import COMMITTEE_KINDS
from mediation_cli.ledger import predicates
from mediation_cli.ledger.db import Ledger

FIELDS = ["code", "name", "cases", "median_lag_days", "within_share", "late", "backfilled"]
ENTERING_KINDS = COMMITTEE_KINDS | {"judicial_office"}

# dispute_entry (org_id, entry_lag, received_on, entered_on) is read in GROUP BY order: no table access, no sort.
LAGS_SQL = """
SELECT d.org_id, d.entry_lag AS lag, count(*) AS n
FROM dispute d INDEXED BY dispute_entry
WHERE d.received_on BETWEEN :start AND :end
GROUP BY d.org_id, d.entry_lag
"""

# 年底突击录入: received January–October, entered November–December of the same year.
RUSH_SQL = """
SELECT d.org_id, count(*) AS n FROM dispute d INDEXED BY dispute_entry
WHERE d.received_on BETWEEN :y || '-01-01' AND :y || '-10-31'
  AND d.entered_on BETWEEN :y || '-11-01' AND :y || '-12-31'
GROUP BY d.org_id
"""


# A back-fill: the entered_at an import claimed (the case's entered_at) lies before the day the program really wrote
# the case (case_backfill: runs of case ids, few; each run read from the dispute table's primary key).
BACKFILLED_SQL = """
SELECT d.org_id, count(DISTINCT d.id) AS n FROM case_backfill b JOIN dispute d ON d.id BETWEEN b.first_id AND b.last_id
WHERE d.received_on BETWEEN :start AND :end AND substr(b.written_at, 1, 10) > substr(d.entered_at, 1, 10)
GROUP BY d.org_id
"""
# 年底突击录入 behind a claimed entered_at: received January–October, claimed entered before November, written
# November–December of the same year.
RUSH_BACKFILLED_SQL = """
SELECT d.org_id, count(DISTINCT d.id) AS n FROM case_backfill b JOIN dispute d ON d.id BETWEEN b.first_id AND b.last_id
WHERE d.received_on BETWEEN :y || '-01-01' AND :y || '-10-31'
  AND substr(d.entered_at, 1, 10) < :y || '-11-01'
  AND substr(b.written_at, 1, 10) BETWEEN :y || '-11-01' AND :y || '-12-31'
GROUP BY d.org_id
"""
# Both in one pass of dispute_entry, when the range holds the whole rush window (received 1 January–31 October of
# the year), as `report timeliness --year` does: the rush is then a count within the (org, lag) groups of the range.
LAGS_AND_RUSH_SQL = """
SELECT d.org_id, d.entry_lag AS lag, count(*) AS n,
       count(*) FILTER (WHERE d.received_on BETWEEN :y || '-01-01' AND :y || '-10-31'
                          AND d.entered_on BETWEEN :y || '-11-01' AND :y || '-12-31') AS rush
FROM dispute d INDEXED BY dispute_entry
WHERE d.received_on BETWEEN :start AND :end
GROUP BY d.org_id, d.entry_lag
"""


def median_of_counts(counts: list[tuple[int, int]]) -> float | int | None:
    """The median of a multiset given as sorted (value, count) pairs; the mean of the middle two for an even total."""
    total = sum(n for _, n in counts)
    if total == 0:
        return None

    def nth(k: int) -> int:  # the k-th smallest value, 0-based
        seen = 0
        for value, n in counts:
            seen += n
            if k < seen:
                return value
        raise IndexError(k)

    if total % 2:
        return nth(total // 2)
    lo, hi = nth(total // 2 - 1), nth(total // 2)
    mid = (lo + hi) / 2
    return int(mid) if mid == int(mid) else mid


def lag_counts(ledger: Ledger, start: date, end: date) -> dict[int, list[tuple[int, int]]]:
    """org id → [(lag in days, cases)] of the cases received in [start, end], lags ascending."""
    by_org: dict[int, list[tuple[int, int]]] = {}
    for r in ledger.conn.execute(LAGS_SQL, {"start": start.isoformat(), "end": end.isoformat()}):
        by_org.setdefault(r["org_id"], []).append((r["lag"], r["n"]))
    for counts in by_org.values():
        counts.sort()
    return by_org


def rush_counts(ledger: Ledger, year: int) -> dict[int, int]:
    """org id → cases of the year-end rush of ``year`` (received January–October, entered November–December)."""
    return {r["org_id"]: r["n"] for r in ledger.conn.execute(RUSH_SQL, {"y": f"{year:04d}"})}


def lags_and_rush(
    ledger: Ledger, start: date, end: date, year: int | None
) -> tuple[dict[int, list[tuple[int, int]]], dict[int, int]]:
    """``lag_counts`` of [start, end] and ``rush_counts`` of ``year`` (empty without a year): one pass of the index
    when [start, end] holds the year's 1 January–31 October, two queries otherwise."""
    if year is None or not (start <= date(year, 1, 1) and end >= date(year, 10, 31)):
        return lag_counts(ledger, start, end), ({} if year is None else rush_counts(ledger, year))
    by_org: dict[int, list[tuple[int, int]]] = {}
    rush: dict[int, int] = {}
    params = {"start": start.isoformat(), "end": end.isoformat(), "y": f"{year:04d}"}
    for org_id, lag, n, late in ledger.conn.execute(LAGS_AND_RUSH_SQL, params).fetchall():
        by_org.setdefault(org_id, []).append((lag, n))
        if late:
            rush[org_id] = rush.get(org_id, 0) + late
    for counts in by_org.values():
        counts.sort()
    return by_org, rush


def timeliness_report(
    ledger: Ledger,
    start: date,
    end: date,
    *,
    within: int = 7,
    year: int | None = None,
    org_ids: set[int] | None = None,
) -> list[dict]:
    by_org, rush = lags_and_rush(ledger, start, end, year)
    if org_ids is not None:
        by_org = {k: v for k, v in by_org.items() if k in org_ids}
    span = {"start": start.isoformat(), "end": end.isoformat()}
    backfilled = {r["org_id"]: r["n"] for r in ledger.all(BACKFILLED_SQL, span)}
    rush_backfilled = (
        {}
        if year is None
        else {r["org_id"]: r["n"] for r in ledger.all(RUSH_BACKFILLED_SQL, {"y": f"{year:04d}"})}
    )
    names = {r["id"]: (r["code"], r["name"]) for r in ledger.all("SELECT id, code, name FROM org")}
    rows = []
    for org_id, counts in by_org.items():
        cases = sum(n for _, n in counts)
        on_time = sum(n for lag, n in counts if lag <= within)
        code, name = names[org_id]
        row = {
            "code": code,
            "name": name,
            "cases": cases,
            "median_lag_days": median_of_counts(counts),
            "within_share": on_time / cases,
            "late": cases - on_time,
            "backfilled": backfilled.get(org_id, 0),
        }
        if year is not None:
            row["year_end_rush"] = rush.get(org_id, 0)
            row["year_end_rush_backfilled"] = rush_backfilled.get(org_id, 0)
        rows.append(row)
    # 应录必录 ("各司法所、各类调解组织要全面准确、规范及时地录入调解数据"): a committee or 司法所 active in the range
    # that entered nothing is listed too (cases 0, no share), first.
    silent_sql = f"""SELECT o.id, o.code, o.name FROM org o
        WHERE o.kind IN ({", ".join(f"'{k}'" for k in sorted(ENTERING_KINDS))})
        AND {predicates.org_active_during("o", ":start", ":end")} ORDER BY o.code"""
    for o in ledger.all(silent_sql, {"start": start.isoformat(), "end": end.isoformat()}):
        if o["id"] in by_org or (org_ids is not None and o["id"] not in org_ids):
            continue
        row = {"code": o["code"], "name": o["name"], "cases": 0, "median_lag_days": None}
        row.update(within_share=None, late=0, backfilled=0)
        if year is not None:
            row["year_end_rush"] = 0
            row["year_end_rush_backfilled"] = 0
        rows.append(row)
    # Worst first: nothing entered, then the lowest share on time, then the most late entries.
    rows.sort(
        key=lambda r: (
            r["within_share"] is not None,
            r["within_share"] or 0,
            -r["late"],
            -(r.get("year_end_rush") or 0),
            r["code"],
        )
    )
    return rows
