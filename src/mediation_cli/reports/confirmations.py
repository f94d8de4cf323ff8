"""The 司法确认 reminders (人民调解法 art. 33), as of a date: a written agreement the parties asked to confirm and have
not applied for — ``confirmation_window`` while the 30 days run (due on the last day), ``confirmation_overdue`` once they
passed (until the case is closed)."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.confirmation import last_day, window_state
from mediation_cli.i18n import tr
from mediation_cli.ledger.confirmations import confirmation_of, requested_unapplied
from mediation_cli.ledger.db import Ledger

KINDS = ("confirmation_window", "confirmation_overdue")


def confirmation_reminders(ledger: Ledger, as_of: date, config=None) -> list[dict]:
    rows = []
    for r in requested_unapplied(ledger, as_of.isoformat()):
        state = window_state(r["outcome_on"], r["requested_on"], r["applied_on"], as_of)
        if state is None:
            continue
        due = last_day(r["outcome_on"])
        left = (due - as_of).days
        if state == "open":
            what = tr(
                f"{r['org_name']}: the parties asked for 司法确认 — apply jointly to the court by {due} ({left} days left)",
                f"{r['org_name']}：当事人拟申请司法确认，须于 {due} 前共同向人民法院申请（剩 {left} 天）",
            )
        else:
            what = tr(
                f"{r['org_name']}: 司法确认 window closed on {due} without an application",
                f"{r['org_name']}：司法确认申请期限已于 {due} 届满，未申请",
            )
        rows.append(
            {
                "kind": "confirmation_window" if state == "open" else "confirmation_overdue",
                "ref": r["case_no"],
                "what": what,
                "due_on": due.isoformat(),
                "severity": "medium" if state == "open" else "high",
            }
        )
    return rows


def confirmation_summary(ledger: Ledger, case, as_of: date) -> dict | None:
    """`case show`: the case's 司法确认 record and where it stands on ``as_of`` (None when nothing is recorded):
    ``state`` one of window_open, window_passed, applied, confirmed, rejected; ``last_day`` to apply."""
    c = confirmation_of(ledger, case["id"])
    if c is None:
        return None
    if c["decision"]:
        state = c["decision"]
    elif c["applied_on"]:
        state = "applied"
    else:
        state = (
            "window_open"
            if window_state(case["outcome_on"], c["requested_on"], None, as_of) == "open"
            else "window_passed"
        )
    return {
        "requested_on": c["requested_on"],
        "last_day": last_day(case["outcome_on"]).isoformat(),
        "applied_on": c["applied_on"],
        "court": c["court"],
        "decided_on": c["decided_on"],
        "decision": c["decision"],
        "state": state,
    }
