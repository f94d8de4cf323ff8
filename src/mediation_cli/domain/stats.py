"""Small statistics helpers for reports."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(values: Sequence[int | float]) -> float | int | None:
    """The median (mean of the middle two for an even count); None for no values."""
    if not values:
        return None
    return statistics.median(values)
