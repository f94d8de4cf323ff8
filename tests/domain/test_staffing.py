"""Tests for domain.staffing."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.staffing import (
    COMMITTEE_KINDS,
    TARGET_SHARE,
    composition_problems,
    convert_needed,
    full_time_share,
    hire_needed,
    meets_share,
    required_full_time,
)


@pytest.mark.parametrize(
    ("kind", "conditions", "required"),
    [
        ("industry", False, 3),
        ("township", False, 2),
        ("workroom", True, 2),
        ("village", True, 1),
        ("village", False, 0),
        ("enterprise", True, 1),
        ("enterprise", False, 0),
        ("judicial_office", True, 0),
        ("administrative", True, 0),
        ("commerce", False, 0),
    ],
)
def test_required_full_time(kind: str, conditions: bool, required: int) -> None:
    assert required_full_time(kind, conditions) == required


def test_unknown_kind_refused() -> None:
    with pytest.raises(Invalid):
        required_full_time("bureau", True)


def test_share_examples() -> None:
    assert full_time_share(1, 10) == TARGET_SHARE
    assert full_time_share(7, 70) == Fraction(1, 10)
    assert full_time_share(0, 0) is None
    assert meets_share(7, 70)
    assert not meets_share(6, 70)
    assert not meets_share(0, 0)
    assert meets_share(1, 10)
    assert meets_share(3, 30, 0.1)  # a float target is read as the decimal 0.1, exactly
    assert convert_needed(6, 70) == 1
    assert convert_needed(7, 70) == 0
    assert convert_needed(0, 0) == 0
    assert convert_needed(0, 71) == 8
    # 7/71 ≈ 9.86% still falls short; 8/72 ≈ 11.1% meets it.
    assert hire_needed(6, 70) == 2
    assert hire_needed(7, 70) == 0
    assert hire_needed(0, 9) == 1
    assert hire_needed(0, 10) == 2
    assert hire_needed(0, 0) == 0  # nothing to hire for 0 of 0: the share is not a figure
    assert hire_needed(0, 0, 0) == 0


def test_bad_counts() -> None:
    with pytest.raises(ValueError):
        meets_share(5, 4)
    with pytest.raises(ValueError):
        hire_needed(1, 10, Fraction(1))


def brute_hire(full_time: int, total: int, target: Fraction) -> int:
    if total == 0:
        return 0  # no mediators: no share to reach
    h = 0
    while Fraction(full_time + h, total + h) < target:
        h += 1
    return h


targets = st.fractions(min_value=0, max_value=Fraction(99, 100), max_denominator=100)
counts = st.integers(min_value=0, max_value=400).flatmap(
    lambda total: st.tuples(st.integers(min_value=0, max_value=total), st.just(total))
)


@given(counts, targets)
def test_hire_needed_matches_brute_force(ft_total: tuple[int, int], target: Fraction) -> None:
    full_time, total = ft_total
    h = hire_needed(full_time, total, target)
    assert h == brute_hire(full_time, total, target)
    assert total == 0 or meets_share(full_time + h, total + h, target)


@given(counts, targets)
def test_convert_needed_is_least(ft_total: tuple[int, int], target: Fraction) -> None:
    full_time, total = ft_total
    c = convert_needed(full_time, total, target)
    if total and full_time + c <= total:
        assert meets_share(full_time + c, total, target)
        if c > 0:
            assert not meets_share(full_time + c - 1, total, target)
    assert (c == 0) == (total == 0 or meets_share(full_time, total, target))


@given(counts)
def test_default_target_agrees_with_integer_rule(ft_total: tuple[int, int]) -> None:
    full_time, total = ft_total
    assert meets_share(full_time, total) == (total > 0 and 10 * full_time >= total)


def test_composition() -> None:
    assert sorted(COMMITTEE_KINDS) == ["enterprise", "industry", "township", "village", "workroom"]
    assert composition_problems(5, 1, 1) == []
    assert composition_problems(3, 1, 1) == []
    assert composition_problems(9, 1, 1) == []
    assert composition_problems(2, 1, 1) == ["too_few_members"]
    assert composition_problems(10, 1, 1) == ["too_many_members"]
    assert composition_problems(5, 0, 0) == ["no_woman", "no_minority"]
    assert composition_problems(5, 1, 0, multi_ethnic=False) == []
    assert composition_problems(0, 0, 0) == ["too_few_members", "no_woman", "no_minority"]
