"""Amounts in 元 → 分: the plain-digits fast path and the Decimal path agree on every text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.values import _money_decimal, parse_money


def both(text: str):
    out = []
    for parse in (parse_money, _money_decimal):
        try:
            out.append(parse(text, "amount"))
        except Invalid as e:
            out.append(("refused", e.field))
    return out


@given(st.text(alphabet="0123456789.,- 元e", max_size=18))
def test_fast_path_agrees_with_decimal(text):
    fast, exact = both(text)
    assert fast == exact


@pytest.mark.parametrize(
    "text, fen",
    [("0", 0), ("0.1", 10), ("0.10", 10), ("12500.5", 1250050), ("9999999999999.99", 999999999999999)],
)
def test_plain_amounts(text, fen):
    assert parse_money(text, "amount") == fen


@pytest.mark.parametrize("text", ["1.234", "-5", "10000000000001", "1e3.5", "", "."])
def test_refused(text):
    with pytest.raises(Invalid):
        parse_money(text, "amount")
