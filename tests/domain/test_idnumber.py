"""Tests for domain.idnumber: GB 11643 ID numbers and phones, and their masking."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.idnumber import (
    check_character,
    id_birth_date,
    id_gender,
    make_id_number,
    mask_id,
    mask_phone,
    validate_id_number,
    validate_phone,
)

# The GB 11643 standard's own worked example: 11010519491231002X.
STANDARD_EXAMPLE = "11010519491231002X"

areas = st.integers(min_value=110000, max_value=659999).map(str)
births = st.dates(min_value=date(1900, 1, 1), max_value=date(2024, 12, 31))
seqs = st.integers(min_value=0, max_value=999)


def test_standard_example() -> None:
    assert check_character(STANDARD_EXAMPLE[:17]) == "X"
    assert validate_id_number(STANDARD_EXAMPLE) == STANDARD_EXAMPLE
    assert validate_id_number(STANDARD_EXAMPLE.lower()) == STANDARD_EXAMPLE
    assert id_birth_date(STANDARD_EXAMPLE) == date(1949, 12, 31)
    assert id_gender(STANDARD_EXAMPLE) == "female"


def test_make_id_number() -> None:
    n = make_id_number("150626", date(1985, 7, 1), 11)
    assert n.startswith("15062619850701011")
    assert id_gender(n) == "male"
    assert id_gender(make_id_number("150626", date(1985, 7, 1), 12)) == "female"
    with pytest.raises(ValueError):
        make_id_number("15062", date(1985, 7, 1), 1)
    with pytest.raises(ValueError):
        make_id_number("150626", date(1985, 7, 1), 1000)


def test_spaces_stripped() -> None:
    n = make_id_number("150626", date(1985, 7, 1), 11)
    spaced = f"{n[:6]} {n[6:14]} {n[14:]}"
    assert validate_id_number(spaced) == n


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1234",
        "15062619850701011",  # 17 characters
        "1506261985070101123",  # 19
        "15062619851301011X",  # month 13
        "15062618991231011X",  # before 1900
        "15062619850701O11X",  # letter O
        "X50626198507010111",
    ],
)
def test_refused(text: str) -> None:
    with pytest.raises(Invalid) as err:
        validate_id_number(text, field="mediator.id_number")
    assert err.value.field == "mediator.id_number"
    assert "GB 11643" in err.value.allowed
    if len(text) >= 8:
        assert text not in str(err.value)
        assert text[6:14] not in str(err.value)


def test_future_birth_refused_only_with_today() -> None:
    n = make_id_number("150626", date(2030, 1, 1), 1)
    assert validate_id_number(n) == n
    with pytest.raises(Invalid):
        validate_id_number(n, today=date(2024, 6, 1))
    m = make_id_number("150626", date(2024, 6, 1), 1)
    assert validate_id_number(m, today=date(2024, 6, 1)) == m


def test_masks() -> None:
    assert mask_id("150626198507010114") == "150626********0114"
    assert mask_id(None) is None
    assert mask_id("12345678") == "12****78"
    assert mask_id("1234567") == "*******"
    assert mask_id("") == ""
    assert mask_phone("13900000001") == "139****0001"
    assert mask_phone("139 0000 0001") == "139****0001"
    assert mask_phone("0477-7512345") == "047*******45"
    assert mask_phone("123456") == "******"
    assert mask_phone(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13900000001", "13900000001"),
        ("139 0000 0001", "13900000001"),
        ("139-0000-0001", "13900000001"),
        ("+86 139 0000 0001", "13900000001"),
        ("0477-7512345", "0477-7512345"),
        ("04777512345", "0477-7512345"),
        ("0477 7512345", "0477-7512345"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("0477-75123456", "0477-75123456"),
    ],
)
def test_valid_phones(text: str, expected: str) -> None:
    assert validate_phone(text) == expected


@pytest.mark.parametrize(
    "text", ["", "12345", "2390000000", "239000000011", "1390000000", "139000000012", "0477-123", "abc"]
)
def test_invalid_phones(text: str) -> None:
    with pytest.raises(Invalid) as err:
        validate_phone(text, field="phone")
    assert err.value.field == "phone"
    if len(text) >= 7:
        assert text not in str(err.value)


@given(areas, births, seqs)
def test_round_trip(area: str, birth: date, seq: int) -> None:
    n = make_id_number(area, birth, seq)
    assert len(n) == 18
    assert validate_id_number(n, today=date(2025, 1, 1)) == n
    assert validate_id_number(n.lower()) == n
    assert id_birth_date(n) == birth
    assert id_gender(n) == ("male" if seq % 2 else "female")


@given(areas, births, seqs, st.integers(min_value=0, max_value=17), st.integers(1, 9))
def test_changed_character_fails(area: str, birth: date, seq: int, pos: int, delta: int) -> None:
    # MOD 11-2 detects every single-character substitution.
    n = make_id_number(area, birth, seq)
    if pos == 17:
        chars = "0123456789X"
        new = chars[(chars.index(n[17]) + delta) % 11]
    else:
        new = str((int(n[pos]) + delta) % 10)
    changed = n[:pos] + new + n[pos + 1 :]
    assume(changed != n)
    with pytest.raises(Invalid) as err:
        validate_id_number(changed)
    # The error never carries the number itself, nor its birth date.
    message = str(err.value)
    assert changed not in message
    assert changed[6:14] not in message
    assert err.value.value == mask_id(changed)


@given(st.text(min_size=0, max_size=30))
def test_mask_id_never_reveals_middle(text: str) -> None:
    masked = mask_id(text)
    assert masked is not None and len(masked) == len(text)
    if len(text) == 18:
        assert masked[6:14] == "*" * 8
    elif len(text) >= 8:
        assert masked[2:-2] == "*" * (len(text) - 4)
    else:
        assert set(masked) <= {"*"}


@given(st.integers(min_value=10**10, max_value=2 * 10**10 - 1).map(str))
def test_mobile_round_trip_and_mask(mobile: str) -> None:
    assert validate_phone(mobile) == mobile
    assert mask_phone(mobile) == mobile[:3] + "****" + mobile[-4:]


@given(st.text(max_size=40))
def test_phone_error_never_shows_number(text: str) -> None:
    try:
        validate_phone(text)
    except Invalid as err:
        assert err.value == mask_phone(text)
