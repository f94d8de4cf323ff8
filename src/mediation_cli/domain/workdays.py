"""Working days (工作日) as the State Council's holiday notices set them, 调休 make-up days included: a deadline that
falls on a weekend or a public holiday moves to the next working day (chinese-calendar knows the notices; for a year it
does not know yet, Saturday and Sunday are the days off)."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def is_working_day(d: date) -> bool:
    try:
        return chinese_calendar.is_workday(d)
    except NotImplementedError:  # a year the installed calendar has no notice for
        return d.weekday() < 5


def next_working_day(d: date) -> date:
    """``d`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d
