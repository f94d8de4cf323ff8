"""`report cases`: cases received in a date range, grouped, counted by their status now (CONTRACT.md).

Every row: ``key, received, succeeded, failed, withdrawn, pending, success_rate, amount``. A closed case counts under
the outcome it kept; ``pending`` = received + mediating; ``success_rate`` = succeeded ÷ (succeeded + failed) (成功 ÷ 办结), null when
both are 0; ``success_rate_of_received`` = succeeded ÷ received (成功 ÷ 受理, the published statistics' formula); ``amount`` is the sum in dispute, in 元 (summed exactly in 分). Aggregation is SQL's GROUP BY.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mediation_cli.domain import lifecycle
from mediation_cli.domain.taxonomy import CASE_SOURCE, KEY_GROUP, PREVENTED_COLUMNS, RISK_LEVEL, STATUS
from mediation_cli.domain.values import fen_to_yuan
from mediation_cli.ledger import predicates
from mediation_cli.ledger.db import Ledger

BY = ("category", "org", "source", "status", "key_group", "risk_level", "month")
FIELDS = [
    "key",
    "received",
    "succeeded",
    "failed",
    "withdrawn",
    "pending",
    "success_rate",
    "success_rate_of_received",
    "amount",
    "confirmation_applied",
    "confirmed",
]
PREVENTED_FIELDS = PREVENTED_COLUMNS

# The status a report counts: a closed case under its outcome.
_EFF = "(CASE WHEN d.status = 'closed' THEN d.outcome ELSE d.status END)"


def _counts(eff: str) -> str:
    return f"""count(*) AS received,
    sum({eff} = 'succeeded') AS succeeded,
    sum({eff} = 'failed') AS failed,
    sum({eff} = 'withdrawn') AS withdrawn,
    sum({eff} IN ('received', 'mediating', 'pending')) AS pending,
    sum(d.amount_fen) AS amount_fen"""


_COUNTS = _counts(_EFF)
# 司法确认 (人民调解法 art. 33) is rare: counted from its own table joined to the cases, not per case of the range (which
# cost the year's report a quarter more time on 300,000 cases when checked case by case).
_CONFIRMED = (
    """sum(c.applied_on IS NOT NULL) AS confirmation_applied, sum(c.decision = 'confirmed') AS confirmed"""
)
_PREVENTED = ", ".join(f"sum(d.{c}) AS {c}" for c in PREVENTED_FIELDS)

_KEY_SQL = {
    "category": "d.category",
    "org": "o.code",
    "source": "d.source",
    "status": "d.status",
    "risk_level": "d.risk_level",
    "month": "substr(d.received_on, 1, 7)",
    "key_group": "g.k",
}


@dataclass
class CaseReportParams:
    start: date
    end: date
    by: str = "category"
    org_ids: list[int] | None = None
    prevented: bool = False
    # count each case by its status as it stood on this date (predicates.status_on) instead of its status now
    as_of: date | None = None


def _from(by: str) -> str:
    sql = "FROM dispute d"
    if by == "org":
        sql += " JOIN org o ON o.id = d.org_id"
    if by == "key_group":
        # A case counts once per group it involves; 'none' holds the cases with no group.
        groups = " UNION ALL ".join(f"SELECT '{code}' AS k" for code in [*KEY_GROUP.codes, "none"])
        sql += (
            f" JOIN ({groups}) g ON (g.k = 'none' AND coalesce(d.key_groups, '') = '') "
            "OR instr(';' || coalesce(d.key_groups, '') || ';', ';' || g.k || ';') > 0"
        )
    return sql


def _where(p: CaseReportParams) -> tuple[str, dict]:
    where = "WHERE d.received_on >= :start AND d.received_on <= :end"
    if p.org_ids is not None:
        where += f" AND d.org_id IN ({','.join(str(int(i)) for i in p.org_ids) or 'NULL'})"
    params = {"start": p.start.isoformat(), "end": p.end.isoformat()}
    if p.as_of is not None:
        where += " AND d.received_on <= :as_of"
        params["as_of"] = p.as_of.isoformat()
    return where, params


def _counts_of(p: CaseReportParams) -> str:
    return _COUNTS if p.as_of is None else _counts(predicates.status_on("d", ":as_of"))


def _row(r, key, prevented: bool) -> dict:
    out = {
        "key": key,
        "received": r["received"],
        "succeeded": r["succeeded"] or 0,
        "failed": r["failed"] or 0,
        "withdrawn": r["withdrawn"] or 0,
        "pending": r["pending"] or 0,
        "success_rate": lifecycle.success_rate(r["succeeded"] or 0, r["failed"] or 0),
        "success_rate_of_received": lifecycle.success_rate_of_received(
            r["succeeded"] or 0, r["received"] or 0
        ),
        "amount": fen_to_yuan(r["amount_fen"] or 0),
        # 司法确认: cases whose agreement the parties applied to confirm, and those confirmed (filled by _confirmations)
        "confirmation_applied": 0,
        "confirmed": 0,
    }
    if prevented:
        for c in PREVENTED_FIELDS:
            out[c] = r[c] or 0
    return out


def _order(ledger: Ledger, by: str):
    """Rows in the order a clerk knows: code-table order for enumerations, else by key."""
    if by == "category":
        codes = [r[0] for r in ledger.all("SELECT code FROM category ORDER BY rowid")]
    elif by == "source":
        codes = CASE_SOURCE.codes
    elif by == "status":
        codes = STATUS.codes
    elif by == "risk_level":
        codes = RISK_LEVEL.codes
    elif by == "key_group":
        codes = [*KEY_GROUP.codes, "none"]
    else:
        return lambda row: (0, str(row["key"]))
    rank = {c: i for i, c in enumerate(codes)}
    return lambda row: (rank.get(row["key"], len(rank)), str(row["key"]))


def case_report(ledger: Ledger, p: CaseReportParams) -> list[dict]:
    """One row per key with at least one case received in [start, end] (both ends inclusive)."""
    if p.by not in BY:
        from mediation_cli.domain.errors import Invalid

        raise Invalid("--by", p.by, "one of " + ", ".join(BY), "以下之一：" + "、".join(BY))
    where, params = _where(p)
    key = _KEY_SQL[p.by]
    extra = (", " + _PREVENTED) if p.prevented else ""
    sql = f"SELECT {key} AS key, {_counts_of(p)}{extra} {_from(p.by)} {where} GROUP BY {key}"
    rows = [_row(r, r["key"], p.prevented) for r in ledger.all(sql, params)]
    by_key = {row["key"]: row for row in rows}
    sql = f"SELECT {key} AS key, {_CONFIRMED} {_confirmation_from(p.by)} {where} GROUP BY {key}"
    for r in ledger.all(sql, params):
        if r["key"] in by_key:
            by_key[r["key"]].update(
                confirmation_applied=r["confirmation_applied"] or 0, confirmed=r["confirmed"] or 0
            )
    rows.sort(key=_order(ledger, p.by))
    return rows


def _confirmation_from(by: str) -> str:
    """The FROM of _from, starting at the 司法确认 rows."""
    return "FROM confirmation c CROSS JOIN dispute d ON d.id = c.case_id" + _from(by)[len("FROM dispute d") :]


def case_totals(ledger: Ledger, p: CaseReportParams) -> dict:
    """The totals over the range: each case once (also under --by key_group, where rows may overlap)."""
    where, params = _where(p)
    extra = (", " + _PREVENTED) if p.prevented else ""
    r = ledger.one(f"SELECT {_counts_of(p)}{extra} FROM dispute d {where}", params)
    out = _row(r, None, p.prevented)
    c = ledger.one(
        f"SELECT {_CONFIRMED} FROM confirmation c CROSS JOIN dispute d ON d.id = c.case_id {where}", params
    )
    out.update(confirmation_applied=c["confirmation_applied"] or 0, confirmed=c["confirmed"] or 0)
    return out
