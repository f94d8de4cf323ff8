"""Entering a case (建账) and changing its fields: `case add`, `case edit`."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.errors import Invalid
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import find_case, insert_case, update_case
from mediation_cli.ledger.db import Ledger
from mediation_cli.services.case_merge import changes_of, merge, parse_fields

REQUIRED_ON_ADD = (
    ("org_code", "--org"),
    ("received_on", "--received-on"),
    ("source", "--source"),
    ("category", "--category"),
)
# What `case edit --clear FIELD` may empty (the others are required or derived).
CLEARABLE = (
    "key_groups",
    "parties",
    "amount",
    "summary",
    "risk_types",
    "reported_on",
    "reported_to",
    "screening_id",
    "agreement_amount",
    "performed",
    "guided_to",
    "extended_until",
)
_COLUMN = {"amount": "amount_fen", "agreement_amount": "agreement_fen"}


def add_case(ledger: Ledger, raw: dict[str, str], *, today: date) -> str:
    """Enter one case from its fields as typed; returns its ledger number (numbered from the template if not given)."""
    for required, opt in REQUIRED_ON_ADD:
        if not raw.get(required):
            raise Invalid(opt, "", "a value (required)", "必填")
    res = Resolver(ledger, today)
    values, ids = merge(res, parse_fields(res, raw), None)
    with ledger.write():
        _, number = insert_case(ledger, res, values, ids)
        ledger.audit("case", number, "add", None, {k: v for k, v in values.items() if v is not None})
    return number


def edit_case(
    ledger: Ledger, ref: str, raw: dict[str, str], clear: list[str] | None = None, *, today: date
) -> tuple[str, dict]:
    """Change a case's fields (an empty value keeps the stored one; ``clear`` empties fields); returns
    (case number, the changed columns)."""
    row = find_case(ledger, ref, today=today)
    res = Resolver(ledger, today)
    given = parse_fields(res, raw)
    for f in clear or ():
        if f not in CLEARABLE:
            raise Invalid("--clear", f, "one of " + ", ".join(CLEARABLE), "以下之一：" + "、".join(CLEARABLE))
        given[_COLUMN.get(f, f)] = None
    merged, _ = merge(res, given, dict(row))
    changes = changes_of(row, merged)
    with ledger.write():
        update_case(ledger, row, changes)
        ledger.audit("case", row["case_no"], "edit", {k: row[k] for k in changes}, changes)
    return row["case_no"], changes
