"""`report training --year Y`: each mediator's training hours in the year, per org, and who had none."""

from __future__ import annotations

from datetime import date

from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.training import hours_between


def training_report(ledger: Ledger, year: int, *, org_ids: list[int] | None = None) -> dict:
    """Mediators in office at some time in ``year`` (those who joined or left in it too), with the sessions and
    hours of training they attended in it; per org the sums; ``untrained`` the staff numbers with no hours."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    people = hours_between(ledger, start, end, org_ids=org_ids)
    mediators = [
        {
            "staff_no": p["staff_no"],
            "name": p["name"],
            "org_code": p["org_code"],
            "sessions": p["sessions"],
            "hours": round(p["hours"], 1),
        }
        for p in people
    ]
    orgs: dict[str, dict] = {}
    for p in people:
        o = orgs.setdefault(
            p["org_code"],
            {
                "code": p["org_code"],
                "name": p["org_name"],
                "mediators": 0,
                "trained": 0,
                "untrained": 0,
                "hours": 0.0,
            },
        )
        o["mediators"] += 1
        o["trained" if p["hours"] > 0 else "untrained"] += 1
        o["hours"] += p["hours"]
    for o in orgs.values():
        o["hours"] = round(o["hours"], 1)
        o["hours_per_mediator"] = round(o["hours"] / o["mediators"], 2) if o["mediators"] else None
    return {
        "year": year,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "mediators_total": len(mediators),
        "trained": sum(1 for m in mediators if m["hours"] > 0),
        "hours": round(sum(m["hours"] for m in mediators), 1),
        "mediators": mediators,
        "orgs": list(orgs.values()),
        "untrained": [m["staff_no"] for m in mediators if m["hours"] == 0],
    }
