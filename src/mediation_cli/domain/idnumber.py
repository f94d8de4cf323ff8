"""Citizen ID numbers (GB 11643 公民身份号码) and phone numbers: validation and masking.

DOMAIN: "Personal data never appears in an error message or a traceback" — every Invalid raised
here carries the masked value only.
"""

from __future__ import annotations

import re
from datetime import date

from .errors import Invalid

# ISO 7064 MOD 11-2: weight of position i (0-based, left to right) is 2**(17 - i) mod 11.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)

_ID_RE = re.compile(r"\d{17}[\dX]", re.ASCII)
_ID_ALLOWED = "an 18-character ID number (GB 11643) with a valid birth date and check character"
_ID_ALLOWED_ZH = "18 位公民身份号码（GB 11643），出生日期与校验码须正确"
_EARLIEST_BIRTH_YEAR = 1900

_MOBILE_RE = re.compile(r"1\d{10}", re.ASCII)
_LANDLINE_DASH_RE = re.compile(r"(0\d{2,3})-(\d{7,8})", re.ASCII)
_LANDLINE_DIGITS_RE = re.compile(r"0\d{9,11}", re.ASCII)
_PHONE_ALLOWED = "an 11-digit mobile number or a landline like 0477-7512345"
_PHONE_ALLOWED_ZH = "11 位手机号或固定电话，如 0477-7512345"


def check_character(first17: str) -> str:
    """The GB 11643 check character ('0'-'9' or 'X') for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("check_character needs exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def make_id_number(area: str, birth: date, seq: int) -> str:
    """Build a valid ID number: 6-digit area, birth date, 3-digit sequence (odd = male), check."""
    if len(area) != 6 or not area.isascii() or not area.isdigit():
        raise ValueError("area must be 6 digits")
    if not 0 <= seq <= 999:
        raise ValueError("seq must be 0-999")
    first17 = f"{area}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
    return first17 + check_character(first17)


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def validate_id_number(text: str, *, field: str = "id_number", today: date | None = None) -> str:
    """Return the normalised number (no spaces, upper-case X), or raise Invalid with it masked."""
    s = _compact(text) if isinstance(text, str) else ""

    def refuse() -> Invalid:
        masked = mask_id(s) if isinstance(text, str) else None
        return Invalid(field, masked, _ID_ALLOWED, _ID_ALLOWED_ZH)

    if not _ID_RE.fullmatch(s):
        raise refuse()
    try:
        birth = id_birth_date(s)
    except ValueError:
        raise refuse() from None  # `from None`: the traceback must not chain the raw number
    if birth.year < _EARLIEST_BIRTH_YEAR or (today is not None and birth > today):
        raise refuse()
    if check_character(s[:17]) != s[17]:
        raise refuse()
    return s


def id_gender(number: str) -> str:
    """'male' when the 17th digit (sequence) is odd, else 'female'."""
    return "male" if int(number[16]) % 2 == 1 else "female"


def id_birth_date(number: str) -> date:
    """The birth date encoded in characters 7–14."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def mask_id(text: str | None) -> str | None:
    """`150626********1234` for 18 characters; else first 2 and last 2 when at least 8 long, else all '*'."""
    if text is None:
        return None
    n = len(text)
    if n == 18:
        return text[:6] + "*" * 8 + text[-4:]
    if n >= 8:
        return text[:2] + "*" * (n - 4) + text[-2:]
    return "*" * n


def validate_phone(text: str, *, field: str = "phone") -> str:
    """Accept a mobile (11 digits from 1) or a landline (0-area code of 3–4 digits, 7–8 digit number).

    Returns the mobile as 11 digits or the landline as `0477-7512345`.
    """

    def refuse() -> Invalid:
        masked = mask_phone(text) if isinstance(text, str) else None
        return Invalid(field, masked, _PHONE_ALLOWED, _PHONE_ALLOWED_ZH)

    if not isinstance(text, str):
        raise refuse()
    s = "".join(text.split()).replace("－", "-")
    if s.startswith("+86"):
        s = s[3:].lstrip("-")
    if m := _LANDLINE_DASH_RE.fullmatch(s):
        return f"{m.group(1)}-{m.group(2)}"
    digits = s.replace("-", "")
    if _MOBILE_RE.fullmatch(digits):
        return digits
    if _LANDLINE_DIGITS_RE.fullmatch(digits):
        # Without a dash the split is ambiguous; in China only 010 and 02X are 3-digit area
        # codes, every other area code (0477 Ordos…) has 4 digits.
        cut = 3 if digits[1] in "12" else 4
        if 7 <= len(digits) - cut <= 8:
            return f"{digits[:cut]}-{digits[cut:]}"
    raise refuse()


def mask_phone(text: str | None) -> str | None:
    """Mobile `139****0001` (first 3, last 4); other: first 3 and last 2; under 7 characters: all '*'."""
    if text is None:
        return None
    s = text.strip()
    compact = "".join(s.split()).replace("-", "")
    if _MOBILE_RE.fullmatch(compact):
        return compact[:3] + "****" + compact[-4:]
    if len(s) < 7:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 5) + s[-2:]
