"""Screening input: the import columns ``org_code*,screened_on*,kind,found,screened_by,note`` → screening values.

Shared by `screen record` (its options are these columns) and `screen import` (one row each).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from mediation_cli.domain.dates import parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.spans import check_org_active
from mediation_cli.domain.taxonomy import SCREENING_KIND
from mediation_cli.domain.values import parse_int, parse_text

COLUMNS = ["org_code", "screened_on", "kind", "found", "screened_by", "note"]
REQUIRED = ["org_code", "screened_on"]
DEFAULT_KIND = "routine"


def parse_screening(raw: dict[str, str], *, today: date, org_of: Callable[[str], Mapping[str, Any]]) -> dict:
    """The given (non-empty) fields of ``raw``, validated; ``kind`` is always there (default routine), being part
    of the key. ``org_of`` resolves the org reference to its row (id, established_on, dissolved_on)."""
    out: dict = {}
    org = None
    if raw.get("org_code"):
        org = org_of(raw["org_code"])
        out["org_id"] = org["id"]
    if raw.get("screened_on"):
        on = parse_date(raw["screened_on"], today=today, field="screened_on")
        if on > today:
            raise Invalid("screened_on", on.isoformat(), "a date not after today", "不晚于今天的日期")
        out["screened_on"] = on.isoformat()
    out["kind"] = SCREENING_KIND.parse(raw["kind"], "kind") if raw.get("kind") else DEFAULT_KIND
    if raw.get("found"):
        # 0 is a valid, reportable result: 零报告
        out["found"] = parse_int(raw["found"], "found", minimum=0, maximum=100_000)
    if raw.get("screened_by"):
        out["screened_by"] = parse_text(raw["screened_by"], "screened_by", max_len=50)
    if raw.get("note"):
        out["note"] = parse_text(raw["note"], "note", max_len=2000)
    if org is not None and "screened_on" in out:
        check_span(out["screened_on"], org)
    return out


def check_span(screened_on: str, org: Mapping[str, Any]) -> None:
    """A screening falls inside the org's active span: on or after it was established, before it was dissolved."""
    check_org_active("screened_on", screened_on, org["established_on"], org["dissolved_on"])
