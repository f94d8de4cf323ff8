"""司法确认 on the ledger: table ``confirmation``, one row per case — when the parties asked to confirm their
agreement, when they applied and to which court, and the court's decision."""

from __future__ import annotations

import sqlite3

from mediation_cli.ledger.db import Ledger, now_iso

FIELDS = ("requested_on", "applied_on", "court", "decided_on", "decision")


def confirmation_of(ledger: Ledger, case_id: int) -> sqlite3.Row | None:
    return ledger.one("SELECT * FROM confirmation WHERE case_id = ?", (case_id,))


def save(ledger: Ledger, case_id: int, changes: dict) -> None:
    """Insert or update the case's row with ``changes`` (columns of FIELDS)."""
    now = now_iso()
    cols = list(changes)
    ledger.conn.execute(
        f"INSERT INTO confirmation(case_id, {', '.join(cols)}, at, updated_at) "
        f"VALUES (?, {', '.join('?' * len(cols))}, ?, ?) "
        f"ON CONFLICT(case_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in cols)}, "
        "updated_at = excluded.updated_at",
        (case_id, *changes.values(), now, now),
    )


def requested_unapplied(ledger: Ledger, as_of: str) -> list[sqlite3.Row]:
    """Written agreements the parties asked (by ``as_of``) to confirm, not applied by then, of cases not closed by
    then: the candidates of the window reminders."""
    return ledger.all(
        """SELECT d.case_no, d.outcome_on, o.name AS org_name, c.requested_on, c.applied_on
           -- CROSS JOIN: from the few 司法确认 rows to their cases, never a scan of the cases
           FROM confirmation c CROSS JOIN dispute d ON d.id = c.case_id JOIN org o ON o.id = d.org_id
           WHERE c.requested_on <= :d AND (c.applied_on IS NULL OR c.applied_on > :d)
             AND d.outcome = 'succeeded' AND d.agreement = 'written' AND d.outcome_on IS NOT NULL
             AND (d.closed_on IS NULL OR d.closed_on > :d)
           ORDER BY d.outcome_on, d.case_no""",
        {"d": as_of},
    )
