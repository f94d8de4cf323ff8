"""Training (培训) of people's mediators: the hours of a session as a clerk writes them.

The plan (三（一）) asks the bureau to "不断提升调解员队伍整体素质和能力"; the ledger keeps each session (date, organiser,
topic, hours) and who attended, so that each mediator's hours in a year can be counted.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from mediation_cli.domain.errors import Invalid

# One session, however long (a week's course of 5 × 8 hours is one session): more is a typing error.
MAX_SESSION_HOURS = Decimal(100)


def parse_hours(text: object, fld: str = "hours") -> float:
    """Hours of a session: a number above 0 and at most 100, to a tenth of an hour (2, 1.5, 3.5小时)."""
    s = str(text).strip().removesuffix("小时").removesuffix("h").strip()
    try:
        value = Decimal(s) if len(s) <= 12 else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0 or value > MAX_SESSION_HOURS:
        raise Invalid(
            fld,
            text,
            f"a number of hours above 0 and at most {MAX_SESSION_HOURS}",
            f"大于 0、不超过 {MAX_SESSION_HOURS} 的小时数",
        )
    if value != value.quantize(Decimal("0.1")):
        raise Invalid(fld, text, "hours to a tenth at most (1.5)", "小时数最多保留一位小数（如 1.5）")
    return float(value)
