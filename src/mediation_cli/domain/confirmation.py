"""司法确认 (judicial confirmation of a mediation agreement), as pure rules.

人民调解法 art. 33: "经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请
司法确认". 民事诉讼法 (2023) arts. 205–206: the court rules the agreement valid (裁定调解协议有效) or dismisses the application
(裁定驳回申请). The ledger takes the agreement to take effect on the day of the outcome (outcome_on: signed by the
parties, art. 29), so the last day to apply is outcome_on + 30 days.
"""

from __future__ import annotations

from datetime import date, timedelta

from mediation_cli.domain.taxonomy import CodeTable

WINDOW_DAYS = 30  # 自调解协议生效之日起三十日内

DECISION = CodeTable(
    "decision",
    {"confirmed": ("确认有效", "agreement confirmed"), "rejected": ("驳回申请", "application dismissed")},
    {"有效": "confirmed", "确认": "confirmed", "驳回": "rejected", "裁定驳回": "rejected"},
)


def last_day(outcome_on: str | date) -> date:
    """The last day of the joint application window (inclusive)."""
    start = date.fromisoformat(outcome_on) if isinstance(outcome_on, str) else outcome_on
    return start + timedelta(days=WINDOW_DAYS)


def window_state(
    outcome_on: str, requested_on: str | None, applied_on: str | None, as_of: date
) -> str | None:
    """As of a date, for a written agreement: ``open`` while the parties asked to confirm, have not applied and the
    window runs; ``overdue`` once it has passed unapplied; None otherwise (not asked yet, or applied)."""
    day = as_of.isoformat()
    if requested_on is None or requested_on > day:
        return None
    if applied_on is not None and applied_on <= day:
        return None
    return "open" if as_of <= last_day(outcome_on) else "overdue"


def applied_in_time(outcome_on: str, applied_on: str) -> bool:
    return date.fromisoformat(applied_on) <= last_day(outcome_on)
