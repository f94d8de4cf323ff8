"""Entering a case (建账) and changing its fields: `case add`, `case edit`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mediation_cli.domain.errors import Invalid
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import find_case, insert_case, update_case
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.parties import party_count
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


def add_case(
    ledger: Ledger,
    raw: dict[str, str],
    *,
    today: date,
    parties: list[str] | None = None,
    warn: Callable[[tuple[str, str]], None] | None = None,
) -> str:
    """Enter one case from its fields as typed; returns its ledger number (numbered from the template if not given).
    ``parties`` are `--party "姓名=…;性别=…"` texts, recorded in the same transaction (the count is then theirs);
    ``warn`` hears of a party already on another open case."""
    from mediation_cli.forms.parties import parse_party_spec
    from mediation_cli.services.parties import add_parties_in, parse_parties

    for required, opt in REQUIRED_ON_ADD:
        if not raw.get(required):
            raise Invalid(opt, "", "a value (required)", "必填")
    res = Resolver(ledger, today)
    values, ids = merge(res, parse_fields(res, raw), None)
    people = parse_parties([parse_party_spec(p) for p in parties or ()], values["received_on"], today)
    if people and values.get("parties") is not None and values["parties"] != len(people):
        raise Invalid(
            "--parties",
            values["parties"],
            f"the number of --party given ({len(people)}), or leave it out: the count follows the parties",
            f"与所列 --party 人数（{len(people)}）一致，或不填：当事人数按登记的当事人计",
        )
    with ledger.write():
        _, number = insert_case(ledger, res, values, ids)
        ledger.audit("case", number, "add", None, {k: v for k, v in values.items() if v is not None})
        if people:
            row = find_case(ledger, number, today=today)
            _, warnings = add_parties_in(ledger, row, people, today.isoformat())
            for w in warnings:
                if warn is not None:
                    warn(w)
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
    recorded = party_count(ledger, row["id"])
    if "parties" in changes and recorded:
        raise Invalid(
            "--parties",
            changes["parties"],
            f"{recorded}: the count follows the {recorded} parties recorded (`case party add|remove`)",
            f"{recorded}：已登记 {recorded} 名当事人，当事人数随之计算（用 `case party add|remove` 增删）",
        )
    with ledger.write():
        update_case(ledger, row, changes)
        ledger.audit("case", row["case_no"], "edit", {k: row[k] for k in changes}, changes)
    return row["case_no"], changes
