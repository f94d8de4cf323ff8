"""Parsing plain values typed by a clerk or read from a file: whole numbers, amounts in 元 (kept exactly, in 分), codes."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from mediation_cli.domain.errors import Invalid

SQLITE_INT_MAX = 2**63 - 1
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}$")


def parse_int(text: object, fld: str, *, minimum: int | None = 0, maximum: int | None = None) -> int:
    s = str(text).strip().replace(",", "")
    try:
        value = int(s) if len(s) <= 20 else None  # a 5,000-digit "number" is no count of anything
    except ValueError:
        value = None
    if (
        value is None
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
        or abs(value) > SQLITE_INT_MAX
    ):
        rng = (f" from {minimum}" if minimum is not None else "") + (
            f" to {maximum}" if maximum is not None else ""
        )
        rng_zh = (f"，不小于 {minimum}" if minimum is not None else "") + (
            f"，不大于 {maximum}" if maximum is not None else ""
        )
        raise Invalid(fld, text, f"a whole number{rng}", f"整数{rng_zh}")
    return value


_STAR_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}


def parse_stars(text: object, fld: str, *, scale: int) -> int:
    """A star rating as a clerk writes it: 3, 三星, 3星, 三星级, ★★★ (1 to ``scale``)."""
    s = str(text).strip().replace("☆", "").replace("级", "")
    if s and set(s) == {"★"}:
        s = str(len(s))
    elif s.endswith("星"):
        head = s[:-1].strip()
        s = str(_STAR_DIGITS.get(head, head))
    try:
        return parse_int(s, fld, minimum=1, maximum=scale)
    except Invalid:
        stars = "、".join(f"{'一二三四五'[i - 1]}星" for i in range(1, scale + 1))
        raise Invalid(
            fld, text, f"a star rating from 1 to {scale} (or {stars})", f"1 至 {scale} 的星级（或{stars}）"
        ) from None


# Most amounts in a file are plain digits with up to two decimals: read without Decimal (a third of the time).
_PLAIN_MONEY = re.compile(r"(\d{1,13})(?:\.(\d{1,2}))?", re.ASCII)


def parse_money(text: object, fld: str) -> int:
    """An amount in 元 with up to two decimals, returned in 分 (exact: no floating point)."""
    if isinstance(text, str):
        m = _PLAIN_MONEY.fullmatch(text)
        if m:
            whole, cents = m.groups()
            return int(whole) * 100 + (int(cents.ljust(2, "0")) if cents else 0)
    return _money_decimal(text, fld)


def _money_decimal(text: object, fld: str) -> int:
    s = str(text).strip().replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        value = Decimal(s)
    except InvalidOperation:
        value = None
    if (
        value is None
        or not value.is_finite()
        or value < 0
        or value > Decimal("1e13")  # before quantize, which refuses 1e30 with an exception
        or value != value.quantize(Decimal("0.01"))
    ):
        raise Invalid(
            fld,
            text,
            "an amount in 元 ≥ 0 with at most 2 decimals, e.g. 12800.50",
            "以元为单位、不小于 0、最多两位小数的金额，如 12800.50",
        )
    return int(value * 100)


def fen_to_yuan(fen: int | None) -> int | float | None:
    """分 → 元 as a JSON number: an int when whole, else a float that prints exactly (two decimals at most)."""
    if fen is None:
        return None
    if fen % 100 == 0:
        return fen // 100
    return float(Decimal(fen) / 100)


def parse_code(text: object, fld: str = "code") -> str:
    s = str(text).strip()
    if not CODE_RE.match(s):
        raise Invalid(
            fld,
            text,
            "1–32 letters, digits, '-', '_' or '.', starting with a letter or digit",
            "1–32 个字母、数字、'-'、'_' 或 '.'，以字母或数字开头",
        )
    return s


def parse_text(text: object, fld: str, *, max_len: int = 2000) -> str:
    s = str(text).strip()
    if not s:
        raise Invalid(fld, text, "a non-empty text", "非空文字")
    if len(s) > max_len:
        raise Invalid(fld, s[:20] + "…", f"at most {max_len} characters", f"不超过 {max_len} 个字")
    return s
