"""People's mediators: `mediator add|edit|leave|import`, and the record of who saw personal data in full."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.domain.dates import parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.idnumber import mask_id, mask_phone
from mediation_cli.errors import Duplicate
from mediation_cli.forms.mediators import check_mediator, parse_mediator
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.mediators import (
    all_mediators,
    find_mediator,
    holder_of_id_number,
    insert_mediator,
    next_staff_no,
    set_employment,
    staff_no_taken,
    update_mediator,
)
from mediation_cli.ledger.orgs import resolve_org
from mediation_cli.ledger.ratings import record_grade

CLEARABLE = (
    "gender",
    "ethnicity",
    "background",
    "appointment",
    "grade",
    "phone",
    "id_number",
    "left_on",
    "subsidy",
)


def masked(values: dict) -> dict:
    """Values for the audit log: personal data masked there too (the log is shown by `history`)."""
    out = dict(values)
    if out.get("id_number"):
        out["id_number"] = mask_id(out["id_number"])
    if out.get("phone"):
        out["phone"] = mask_phone(out["phone"])
    return out


def record_reveal(ledger: Ledger, entity: str, what: str) -> None:
    """Showing personal data in full is recorded: who looked, at what, and when."""
    with ledger.write():
        ledger.audit(entity, what, "reveal")


def _parse(ledger: Ledger, raw: dict[str, str], today: date) -> dict:
    return parse_mediator(raw, today=today, org_id_of=lambda ref: resolve_org(ledger, ref)["id"])


def add_mediator(ledger: Ledger, raw: dict[str, str], *, today: date) -> str:
    """Add a mediator from the fields as typed; returns the staff number (the next M0001… when not given)."""
    values = _parse(ledger, raw, today)
    check_mediator(values)
    if "staff_no" in values and staff_no_taken(ledger, values["staff_no"]):
        raise Duplicate("staff_no", values["staff_no"])
    if values.get("id_number") and holder_of_id_number(ledger, values["id_number"]) is not None:
        raise Duplicate("id_number", mask_id(values["id_number"]))
    with ledger.write():
        values.setdefault("staff_no", next_staff_no(ledger))
        emp = values.pop("employment")
        frm = values.pop("employment_from", None) or values["joined_on"]
        mid = insert_mediator(ledger, values, emp, frm)
        if values.get("grade"):
            record_grade(ledger, mid, values["grade"], None)  # held from the start; when granted is not known
        ledger.audit("mediator", values["staff_no"], "add", None, {**masked(values), "employment": emp})
    return values["staff_no"]


def edit_mediator(
    ledger: Ledger, ref: str, raw: dict[str, str], clear: list[str] | None = None, *, today: date
) -> str:
    """Change a mediator; a new employment takes effect from ``employment_from`` (default today) and keeps the
    history. Returns the staff number."""
    row = find_mediator(ledger, ref)
    raw = dict(raw)
    grade_on = raw.pop("grade_on", None)
    changes = _parse(ledger, raw, today)
    granted = (
        parse_date(grade_on, today=today, field="grade_on").isoformat() if grade_on else today.isoformat()
    )
    if grade_on and "grade" not in changes:
        raise Invalid("--grade-on", grade_on, "a date together with --grade", "须与 --grade 一起使用")
    for f in clear or ():
        if f not in CLEARABLE:
            raise Invalid("--clear", f, "one of " + ", ".join(CLEARABLE), "以下之一：" + "、".join(CLEARABLE))
        changes[f] = None
    new_emp = changes.pop("employment", None)
    eff = changes.pop("employment_from", None) or today.isoformat()
    merged = {**dict(row), **changes}
    if new_emp:
        merged["employment_from"] = eff
    check_mediator(merged)
    before = {k: row[k] for k in changes}
    with ledger.write():
        update_mediator(ledger, row["id"], changes)
        moved = set_employment(ledger, row["id"], new_emp, eff) if new_emp else False
        if "grade" in changes and changes["grade"] != row["grade"]:
            record_grade(ledger, row["id"], changes["grade"], granted)
        after = masked(changes)
        if "grade" in changes:
            after["grade_on"] = granted
        if moved:
            after.update({"employment": new_emp, "employment_from": eff})
        ledger.audit("mediator", row["staff_no"], "edit", masked(before), after)
    return row["staff_no"]


def leave(ledger: Ledger, ref: str, on: str, *, today: date) -> tuple[str, str]:
    """The mediator left (离任) on ``on``; returns (staff number, the date)."""
    row = find_mediator(ledger, ref)
    left = parse_date(on, today=today, field="left_on").isoformat()
    if left < row["joined_on"]:
        raise Invalid(
            "left_on",
            left,
            f"a date on or after joined_on ({row['joined_on']})",
            f"不早于加入日期（{row['joined_on']}）的日期",
        )
    with ledger.write():
        update_mediator(ledger, row["id"], {"left_on": left})
        ledger.audit("mediator", row["staff_no"], "leave", {"left_on": row["left_on"]}, {"left_on": left})
    return row["staff_no"], left


def import_mediators(ledger: Ledger, path: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool):
    """Import mediators, matched on staff_no. A changed employment takes effect from employment_from (else today)
    and keeps the history."""
    from mediation_cli.forms.mediators import COLUMNS, REQUIRED
    from mediation_cli.io.importer import ImportResult, ImportSpec, refuse_or_reject, validate_file

    existing = {r["staff_no"]: r for r in all_mediators(ledger)}
    org_cache: dict[str, int] = {}

    def org_id_of(ref: str) -> int:
        if ref not in org_cache:
            org_cache[ref] = resolve_org(ledger, ref)["id"]
        return org_cache[ref]

    spec = ImportSpec("mediator", COLUMNS, REQUIRED, key=lambda raw: raw.get("staff_no"))

    def prepare(raw: dict[str, str]) -> dict:
        values = parse_mediator(raw, today=today, org_id_of=org_id_of)
        stored = existing.get(values["staff_no"])
        check_mediator({**(dict(stored) if stored else {}), **values})
        return values

    good, bad, n = validate_file(path, spec, prepare)
    refuse_or_reject(path, spec, bad, skip_bad, rejects)
    result = ImportResult(rows=n, rejected=len(bad))
    with ledger.write(rollback=dry_run):
        audits = []
        for _, values in good:
            employment = values.pop("employment")
            frm = values.pop("employment_from", None)
            stored = existing.get(values["staff_no"])
            if stored is None:
                mid = insert_mediator(ledger, values, employment, frm or values["joined_on"])
                if values.get("grade"):
                    record_grade(ledger, mid, values["grade"], None)
                result.inserted += 1
                audits.append(
                    (
                        "mediator",
                        values["staff_no"],
                        "import",
                        None,
                        {**masked(values), "employment": employment},
                    )
                )
                continue
            changes = {k: v for k, v in values.items() if stored[k] != v}
            moved = set_employment(ledger, stored["id"], employment, frm or today.isoformat())
            if changes:
                update_mediator(ledger, stored["id"], changes)
                if "grade" in changes:
                    record_grade(ledger, stored["id"], changes["grade"], today.isoformat())
            if changes or moved:
                result.updated += 1
                after = {
                    **masked(changes),
                    **(
                        {"employment": employment, "employment_from": frm or today.isoformat()}
                        if moved
                        else {}
                    ),
                }
                audits.append(
                    ("mediator", values["staff_no"], "import", masked({k: stored[k] for k in changes}), after)
                )
            else:
                result.unchanged += 1
        ledger.audit_many(audits)
    return result
