"""Screening cadence (普遍排查): which periods an org owes, which it met, and what is due on a date.

"嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次普遍排查". Periods are ISO weeks (Monday–Sunday), calendar
months and quarters. Each period of a kind has an integer index, so that the ledger can compute it in SQL and a range
of periods is a ``range`` of indices:

- week: days since 0001-01-01 (a Monday) divided by 7 — ``(date.toordinal() - 1) // 7``;
- month: ``year * 12 + month - 1``; quarter: ``year * 4 + (month - 1) // 3``.

An org owes the periods lying wholly inside the date range and wholly inside its active span (on or after it was
established, before it was dissolved); a period is met when the org has at least one screening dated in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from .periods import Period, cadence_period_kind, period_containing

_DAY = timedelta(days=1)
# Finer first: during a key period a finer cadence for everyone replaces a coarser one of the org's own.
CADENCE_ORDER = ("weekly", "monthly", "quarterly")


def period_index(kind: str, d: date) -> int:
    """The index of the period of ``kind`` ('week', 'month', 'quarter') containing ``d``."""
    if kind == "week":
        return (d.toordinal() - 1) // 7
    if kind == "month":
        return d.year * 12 + d.month - 1
    if kind == "quarter":
        return d.year * 4 + (d.month - 1) // 3
    raise ValueError(kind)


def period_at(kind: str, index: int) -> Period:
    """The period of ``kind`` with this index (the inverse of ``period_index``)."""
    if kind == "week":
        return period_containing("week", date.fromordinal(index * 7 + 1))
    if kind == "month":
        return period_containing("month", date(index // 12, index % 12 + 1, 1))
    if kind == "quarter":
        return period_containing("quarter", date(index // 4, (index % 4) * 3 + 1, 1))
    raise ValueError(kind)


def first_starting_on_or_after(kind: str, d: date) -> int:
    """The index of the first period that starts on or after ``d``."""
    return period_index(kind, d - _DAY) + 1


def last_ending_on_or_before(kind: str, d: date) -> int:
    """The index of the last period that ends on or before ``d``."""
    return period_index(kind, d + _DAY) - 1


def owed_periods(
    kind: str, start: date, end: date, established_on: date | None = None, dissolved_on: date | None = None
) -> range:
    """The indices of the periods of ``kind`` wholly inside [start, end] and inside the active span
    [established_on, dissolved_on) — empty when there are none."""
    lo = first_starting_on_or_after(kind, start)
    hi = last_ending_on_or_before(kind, end)
    if established_on is not None:
        lo = max(lo, first_starting_on_or_after(kind, established_on))
    if dissolved_on is not None:
        # dissolved on that day: the period containing it is not wholly inside the span
        hi = min(hi, period_index(kind, dissolved_on) - 1)
    return range(lo, max(lo, hi + 1))


def met(owed: range, done: Iterable[int]) -> tuple[int, list[int]]:
    """(periods met, indices missed) of the owed ones, given the indices of the periods with a screening."""
    done_set = done if isinstance(done, set | frozenset) else set(done)
    missed = [i for i in owed if i not in done_set]
    return len(owed) - len(missed), missed


def rate(done: int, required: int) -> float | None:
    """done ÷ required, unrounded; None when nothing was required."""
    return done / required if required else None


def finer(a: str, b: str) -> bool:
    """True when cadence ``a`` asks for screenings more often than ``b`` ('none' is the coarsest)."""
    if a not in CADENCE_ORDER:
        return False
    return b not in CADENCE_ORDER or CADENCE_ORDER.index(a) < CADENCE_ORDER.index(b)


def overlaps(period: Period, spans: Iterable) -> bool:
    """True when the period overlaps one of the spans (anything with ``start`` and ``end``, both inclusive)."""
    return any(s.start <= period.end and s.end >= period.start for s in spans)


def due_state(
    cadence: str,
    as_of: date,
    last_screened_on: date | None,
    established_on: date | None = None,
    owes: Callable[[Period], bool] | None = None,
) -> tuple[Period, str | None]:
    """(the period containing ``as_of``, its state): None when a screening is dated in it, else ``overdue`` when
    the previous period was owed (wholly inside the active span, and ``owes`` it) and also had none, else ``due``.

    ``last_screened_on`` is the latest screening dated on or before ``as_of`` (later ones are not seen).
    """
    period = period_containing(cadence_period_kind(cadence), as_of)
    if last_screened_on is not None and period.start <= last_screened_on <= as_of:
        return period, None
    prev = period.prev()
    owed = (established_on is None or prev.start >= established_on) and (owes is None or owes(prev))
    missed_prev = last_screened_on is None or last_screened_on < prev.start
    return period, "overdue" if owed and missed_prev else "due"


def period_labels(cadence: str, start: date, end: date) -> list[str]:
    """The labels ('2024-W10', '2024-03', '2024Q2') of the periods of this cadence lying wholly inside [start, end]."""
    kind = cadence_period_kind(cadence)
    return [period_at(kind, i).label for i in owed_periods(kind, start, end)]
