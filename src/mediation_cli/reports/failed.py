"""`report failed`: the failed cases still on the ledger as of a date (调解不成、未销号), with where each went and its
follow-ups — "化解一件、销号一件": a failed case is cancelled only once resolved in its channel."""

from __future__ import annotations

from datetime import date

from mediation_cli.ledger.db import Ledger

FIELDS = [
    "case_no",
    "org_code",
    "org_name",
    "received_on",
    "failed_on",
    "guided_to",
    "days_open",
    "follow_ups",
    "last_follow_up",
]

# Failed on or before :d and not closed on or before :d; the follow-ups dated on or before :d.
SQL = """
SELECT d.case_no, o.code AS org_code, o.name AS org_name, d.received_on, d.outcome_on AS failed_on, d.guided_to,
       (SELECT count(*) FROM case_event e WHERE e.case_id = d.id AND e.kind = 'follow_up' AND e.on_date <= :d)
           AS follow_ups,
       (SELECT max(e.on_date) FROM case_event e WHERE e.case_id = d.id AND e.kind = 'follow_up' AND e.on_date <= :d)
           AS last_follow_up
FROM dispute d JOIN org o ON o.id = d.org_id
WHERE d.outcome = 'failed' AND d.outcome_on <= :d AND (d.closed_on IS NULL OR d.closed_on > :d) {scope}
ORDER BY d.outcome_on, d.case_no
"""


def failed_open(ledger: Ledger, as_of: date, *, org_ids: list[int] | None = None) -> list[dict]:
    scope = "" if org_ids is None else f"AND d.org_id IN ({','.join(str(int(i)) for i in org_ids) or 'NULL'})"
    rows = []
    for r in ledger.all(SQL.replace("{scope}", scope), {"d": as_of.isoformat()}):
        row = dict(r)
        row["days_open"] = (as_of - date.fromisoformat(row["failed_on"])).days
        rows.append({k: row[k] for k in FIELDS})
    return rows
