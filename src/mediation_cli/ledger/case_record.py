"""One case's record as `case show` reads it: the case with its org and mediators, its plans, consultations and
visits, and its timeline (ledger/case_queries.py lists and filters many)."""

from __future__ import annotations

import json
import sqlite3

from mediation_cli.ledger.case_queries import SELECT_SQL
from mediation_cli.ledger.db import Ledger


def case_row(ledger: Ledger, case_id: int) -> sqlite3.Row:
    """A case with its org's code and name and its mediators (SELECT_SQL's columns)."""
    return ledger.one(SELECT_SQL + " WHERE d.id = ?", (case_id,))


def plans_of(ledger: Ledger, case_id: int) -> list[dict]:
    rows = ledger.all(
        "SELECT version, written_on, text FROM case_plan WHERE case_id = ? ORDER BY version", (case_id,)
    )
    return [dict(r) for r in rows]


def consultations_of(ledger: Ledger, case_id: int) -> list[dict]:
    rows = ledger.all(
        "SELECT held_on, participants, conclusion FROM consultation WHERE case_id = ? ORDER BY held_on, id",
        (case_id,),
    )
    return [dict(r) for r in rows]


def visits_of(ledger: Ledger, case_id: int) -> list[dict]:
    rows = ledger.all(
        "SELECT visited_on, visited_by, performed, satisfaction, new_risk, parties FROM visit WHERE case_id = ? "
        "ORDER BY visited_on, id",
        (case_id,),
    )
    return [{**dict(r), "performed": None if r["performed"] is None else bool(r["performed"])} for r in rows]


def timeline(ledger: Ledger, row) -> list[dict]:
    """Everything that happened to a case, in date order: received, the recorded events, and — for historical
    imports that carry only dates — the outcome and closing they imply."""
    events = [
        {
            "on": e["on_date"],
            "kind": e["kind"],
            "detail": json.loads(e["detail"]) if e["detail"] else None,
            "at": e["at"],
        }
        for e in ledger.all("SELECT * FROM case_event WHERE case_id = ? ORDER BY on_date, id", (row["id"],))
    ]
    kinds = {e["kind"] for e in events}
    out = [{"on": row["received_on"], "kind": "received", "detail": None, "at": row["entered_at"]}]
    if row["outcome"] and row["outcome"] not in kinds and row["outcome_on"]:
        out.append({"on": row["outcome_on"], "kind": row["outcome"], "detail": None, "at": None})
    if row["closed_on"] and "closed" not in kinds:
        out.append({"on": row["closed_on"], "kind": "closed", "detail": None, "at": None})
    out.extend(events)
    out.sort(key=lambda e: (e["on"], 0 if e["kind"] == "received" else 1))
    return out
