"""The dispute lifecycle (建账销号) as pure rules."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain import lifecycle as lc
from mediation_cli.domain.errors import Invalid

LEGAL = {
    ("received", "mediating"),
    ("received", "succeeded"),
    ("received", "failed"),
    ("received", "withdrawn"),
    ("mediating", "succeeded"),
    ("mediating", "failed"),
    ("mediating", "withdrawn"),
    ("succeeded", "closed"),
    ("failed", "closed"),
    ("withdrawn", "closed"),
}
PAIRS = [(a, b) for a in lc.STATUSES for b in lc.STATUSES]


@pytest.mark.parametrize("current,target", PAIRS)
def test_every_pair_is_legal_exactly_when_the_diagram_has_it(current, target):
    assert lc.can_move(current, target) == ((current, target) in LEGAL)
    if (current, target) in LEGAL:
        lc.check_transition(current, target)
    else:
        with pytest.raises(Invalid) as e:
            lc.check_transition(current, target)
        assert e.value.field == "status"
        for move in lc.allowed_moves(current):
            assert move in e.value.allowed
        assert e.value.allowed_zh


def test_closed_is_final():
    assert lc.allowed_moves("closed") == ()
    with pytest.raises(Invalid, match="final"):
        lc.check_transition("closed", "succeeded")


def test_unknown_target():
    with pytest.raises(Invalid):
        lc.check_transition("received", "archived")


def test_effective_status_keeps_the_outcome():
    assert lc.effective_status("closed", "withdrawn") == "withdrawn"
    assert lc.effective_status("mediating", None) == "mediating"


def test_success_rate_empty_and_exact():
    assert lc.success_rate(0, 0) is None
    assert lc.success_rate_exact(1, 2) == Fraction(1, 3)
    assert lc.success_rate(1, 2) == 1 / 3
    assert lc.success_rate(5, 0) == 1.0


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_success_rate_is_the_fraction(s, f):
    rate = lc.success_rate(s, f)
    if s + f == 0:
        assert rate is None
    else:
        assert 0 <= rate <= 1
        assert rate == s / (s + f)
        assert Fraction(rate) == Fraction(s, s + f) or abs(rate - s / (s + f)) == 0


def test_stalled_rule_boundary():
    as_of = date(2024, 6, 30)
    exactly_30 = as_of - timedelta(days=30)
    assert not lc.is_stalled("received", exactly_30, as_of)
    assert lc.is_stalled("received", exactly_30 - timedelta(days=1), as_of)
    assert lc.is_stalled("mediating", date(2024, 1, 1), as_of)
    assert not lc.is_stalled("succeeded", date(2024, 1, 1), as_of)
    assert not lc.is_stalled("mediating", date(2024, 1, 1), as_of, extended_until=as_of)
    assert lc.is_stalled("mediating", date(2024, 1, 1), as_of, extended_until=as_of - timedelta(days=1))
    assert not lc.is_stalled("received", date(2024, 5, 1), as_of, stalled_days=60)


@given(st.dates(date(2000, 1, 1), date(2030, 1, 1)), st.integers(0, 400), st.integers(0, 90))
def test_stalled_means_more_than_n_days(received, age, n):
    as_of = received + timedelta(days=age)
    assert lc.is_stalled("received", received, as_of, None, n) == (age > n)


def test_needs_report():
    assert lc.needs_report("major", [])
    assert lc.needs_report("normal", ["civil_to_criminal"])
    assert lc.needs_report("elevated", ["public_opinion", "mass_incident"])
    assert not lc.needs_report("elevated", ["public_opinion"])


def test_dates_in_order():
    lc.check_dates("2024-01-01", "2024-01-01", "2024-01-01")
    with pytest.raises(Invalid) as e:
        lc.check_dates("2024-02-01", "2024-01-31", None)
    assert e.value.field == "outcome_on"
    with pytest.raises(Invalid) as e:
        lc.check_dates("2024-01-01", "2024-02-01", "2024-01-31")
    assert e.value.field == "closed_on"
