"""Who is active on a date, and in what employment: the rules every count of orgs and mediators starts from.

Each rule here has an SQL twin in ``ledger/predicates.py``, tested against it (tests/test_predicates.py): a figure shown
in two places comes from one rule.
"""

from __future__ import annotations

from collections.abc import Iterable

# DOMAIN: "A mediator is active on a date when joined ≤ date and (no left date or left > date)."
# "Quotas count only orgs active on the date: established on or before it, and not dissolved on or before it."
# Dates are ISO strings (YYYY-MM-DD): they compare as dates.

# Before the first recorded employment a mediator counts as part-time: full-time (专职) is an appointment with a start
# date, and the 10% share must not count anyone full-time before it ("joined 2024-01-01, full-time from 2024-03-01" is
# part-time in February).
BEFORE_FIRST_RECORD = "part_time"


def mediator_active(joined_on: str, left_on: str | None, on: str) -> bool:
    return joined_on <= on and (left_on is None or left_on > on)


def org_active(established_on: str | None, dissolved_on: str | None, on: str) -> bool:
    return (established_on is None or established_on <= on) and (dissolved_on is None or dissolved_on > on)


def check_org_active(field: str, on: str, established_on: str | None, dissolved_on: str | None) -> None:
    """Refuse a date the org was not active on (``org_active``): a screening, a case received, before the org was
    established or on or after it was dissolved."""
    from mediation_cli.domain.errors import Invalid

    if established_on and on < established_on:
        raise Invalid(
            field,
            on,
            f"a date on or after the org was established ({established_on})",
            f"不早于该组织成立日期（{established_on}）的日期",
        )
    if dissolved_on and on >= dissolved_on:
        raise Invalid(
            field,
            on,
            f"a date before the org was dissolved ({dissolved_on})",
            f"早于该组织撤销日期（{dissolved_on}）的日期",
        )


def org_active_during(established_on: str | None, dissolved_on: str | None, start: str, end: str) -> bool:
    """Active on some day of [start, end]: established by its end, not dissolved by its start."""
    return (established_on is None or established_on <= end) and (
        dissolved_on is None or dissolved_on > start
    )


def employment_on(history: Iterable[tuple[str, str]], on: str) -> str:
    """The employment true on ``on``: the latest change (effective_from, employment) effective on or before it."""
    best: tuple[str, str] | None = None
    for effective_from, employment in history:
        if effective_from <= on and (best is None or effective_from > best[0]):
            best = (effective_from, employment)
    return best[1] if best is not None else BEFORE_FIRST_RECORD
