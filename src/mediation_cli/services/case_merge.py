"""A case as a whole: the fields given (as typed) parsed, applied to the stored case, derived and checked across
fields — what `case add`, `case edit` and every row of `case import` go through."""

from __future__ import annotations

from mediation_cli.forms.cases import check_case, lifecycle_of, parse_case
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import CASE_COLS, NEW_CASE, column_defaults, lifecycle_status
from mediation_cli.ledger.db import Ledger


def parse_fields(res: Resolver, raw: dict[str, str]) -> dict:
    """The fields of one case as typed, parsed (references resolved through ``res``)."""
    return parse_case(raw, today=res.today, latest=res.latest, org_id_of=res.org_id, category_of=res.category)


def merge(res: Resolver, given: dict, stored: dict | None) -> tuple[dict, list[int] | None]:
    """The whole case after applying ``given`` (parsed fields; empty = keep) to ``stored`` (None for a new case),
    checked across fields; and the mediator ids when the row names mediators."""
    refs = given.get("mediators")
    status_in = given.get("status") or (lifecycle_status(stored) if stored else "received")
    merged = {**(stored if stored is not None else NEW_CASE), **given}
    if "mediators" in given:
        del merged["mediators"]
    merged["status"], merged["outcome"] = lifecycle_of(status_in, merged["closed_on"])
    if merged["major"]:
        if not merged.get("major_since"):
            since = (
                merged["received_on"] if stored is None else max(res.today.isoformat(), merged["received_on"])
            )
            merged["major_since"] = since
    else:
        merged["major_since"] = None
    merged["key_period"] = res.key_period(merged["received_on"])
    check_case(merged)
    res.check_org_active(merged["org_id"], merged["received_on"])
    res.check_screening(merged.get("screening_id"))
    ids = res.mediator_ids(refs, merged["org_id"], merged["received_on"]) if refs else None
    return merged, ids


# Fields that merge() or the import's numbering fill in whatever the row gives.
DERIVED = frozenset(
    {"case_no", "year", "seq", "status", "outcome", "major_since", "key_period", "entered_at"}
)


def defaulted(ledger: Ledger, given: set[str]) -> set[str]:
    """The columns that every new case of an import leaves at NEW_CASE's value (no row gave them, nothing derives
    them) where that value is also the table's default: the insert can leave them out."""
    out = set()
    for c, (dflt_value, notnull) in column_defaults(ledger).items():
        if c not in NEW_CASE or c in given or c in DERIVED:
            continue
        default = NEW_CASE[c]
        if (default is None and dflt_value is None and not notnull) or (
            default is not None
            and dflt_value == (str(default) if isinstance(default, int) else f"'{default}'")
        ):
            out.add(c)
    return out


def changes_of(stored, merged: dict) -> dict:
    return {c: merged.get(c) for c in CASE_COLS if c != "case_no" and stored[c] != merged.get(c)}
