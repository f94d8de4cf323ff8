"""The staffing report (二（三）): per active org the full-time mediators required and actual, and the banner's
full-time share against the year-end 10% target (年末实现专职人民调解员数量占比达到10%以上), with what closes the gap."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.staffing import (
    COMPOSITION_KINDS,
    TARGET_SHARE,
    composition_problems,
    convert_needed,
    full_time_share,
    hire_needed,
    is_peoples_mediation,
    meets_share,
    required_full_time,
)
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.mediators import NO_ONE, headcounts
from mediation_cli.ledger.orgs import ACTIVE_SQL as ORG_ACTIVE
from mediation_cli.ledger.orgs import SUBTREE_CTE

# The active orgs; their mediators are counted by ledger.mediators.headcounts, as `org show` and the tree count them.
ORGS_SQL = f"""
SELECT o.id, o.code, o.name, o.kind, o.has_conditions FROM org o
WHERE {ORG_ACTIVE} {{scope}}
ORDER BY o.code
"""


def minimum_met(orgs: list[dict]) -> tuple[int, int]:
    """(orgs meeting their full-time minimum, orgs with a minimum) among the rows of ``staffing_report``: an org the
    plan asks no full-timer of (required 0) is in neither, so that the first never exceeds the second."""
    owing = [o for o in orgs if o["required_full_time"] > 0]
    return sum(1 for o in owing if o["meets"]), len(owing)


def staffing_report(
    ledger: Ledger, as_of: date, *, root_id: int | None = None, multi_ethnic: bool = True
) -> dict:
    params: dict = {"d": as_of.isoformat()}
    sql = ORGS_SQL.replace("{scope}", "")
    if root_id is not None:
        params["root"] = root_id
        sql = SUBTREE_CTE + ORGS_SQL.replace("{scope}", "AND o.id IN (SELECT id FROM subtree)")
    orgs = []
    total = full_time = outside = outside_full_time = 0
    counts = headcounts(ledger, as_of)
    for o in ledger.all(sql, params):
        r = {**dict(o), **counts.get(o["id"], NO_ONE)}
        required = required_full_time(r["kind"], bool(r["has_conditions"]))
        problems = (
            composition_problems(
                r["members"], r["member_women"], r["member_minority"], multi_ethnic=multi_ethnic
            )
            if r["kind"] in COMPOSITION_KINDS
            else []
        )
        orgs.append(
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "mediators": r["mediators"],
                "full_time": r["full_time"],
                "required_full_time": required,
                "shortfall": max(0, required - r["full_time"]),
                "meets": r["full_time"] >= required,
                "women": r["women"],
                "minority": r["minority"],
                # 人民调解法 art. 8 counts the committee's 委员 only: hired mediators are not members
                "members": r["members"] if r["kind"] in COMPOSITION_KINDS else None,
                "member_women": r["member_women"] if r["kind"] in COMPOSITION_KINDS else None,
                "member_minority": r["member_minority"] if r["kind"] in COMPOSITION_KINDS else None,
                "composition_problems": problems,
            }
        )
        if is_peoples_mediation(r["kind"]):
            total += r["mediators"]
            full_time += r["full_time"]
        else:  # 司法所 staff and 行政调解 bodies are not 人民调解员: outside the 10% share
            outside += r["mediators"]
            outside_full_time += r["full_time"]
    share = full_time_share(full_time, total)
    return {
        "as_of": as_of.isoformat(),
        "total_mediators": total,
        "full_time": full_time,
        "outside_mediators": outside,
        "outside_full_time": outside_full_time,
        "full_time_share": None if share is None else float(share),
        "target_share": float(TARGET_SHARE),
        # No mediators at all: the share is not a figure (null), neither met nor missed.
        "meets_target": None if total == 0 else meets_share(full_time, total),
        "orgs_short_of_minimum": sum(1 for o in orgs if not o["meets"]),
        "minimum_shortfall": sum(o["shortfall"] for o in orgs),
        "convert_needed": convert_needed(full_time, total),
        "hire_needed": hire_needed(full_time, total),
        # one figure, here and in `report campaign`: of the orgs the plan asks full-timers of, those that have them
        "orgs_meeting_minimum": minimum_met(orgs)[0],
        "orgs_with_minimum": minimum_met(orgs)[1],
        "orgs": orgs,
    }
