"""Screenings (矛盾纠纷排查): `screen record` and `screen import`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.errors import Duplicate
from mediation_cli.forms.screenings import parse_screening
from mediation_cli.i18n import tr
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import all_orgs, resolve_org
from mediation_cli.ledger.screenings import (
    UPDATABLE,
    find_by_key,
    insert_screening,
    key_exists,
    update_screening,
)


def check_screened_by(ledger: Ledger, values: dict, org) -> None:
    """``screened_by`` is free text (a name, 村两委) stored as typed — unless it is a mediator's staff number, which
    must then be a mediator of the org that screened, serving on the day (else refused: the wrong M-number)."""
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.spans import mediator_active
    from mediation_cli.ledger.mediators import by_staff_no

    who = values.get("screened_by")
    m = by_staff_no(ledger, who) if who else None
    if m is None:
        return
    on = values.get("screened_on")
    if m["org_id"] != org["id"] or (on and not mediator_active(m["joined_on"], m["left_on"], on)):
        raise Invalid(
            "screened_by",
            who,
            f"a mediator of {org['code']} serving on {on} (or a name as free text)",
            f"{org['code']} 当日在任的调解员编号（或直接填写姓名）",
        )
    values["screened_by"] = m["staff_no"]


def record_screening(ledger: Ledger, raw: dict[str, str], *, today: date) -> int:
    """One round of screening (零报告 included) as typed; returns its number."""
    row = resolve_org(ledger, raw.get("org_code", ""))
    values = parse_screening(raw, today=today, org_of=lambda ref: row)
    check_screened_by(ledger, values, row)
    if key_exists(ledger, values["org_id"], values["screened_on"], values["kind"]):
        raise Duplicate("screening", f"{row['code']} {values['screened_on']} {values['kind']}")
    with ledger.write():
        new_id = insert_screening(ledger, values)
        after = {"org_code": row["code"], **{k: v for k, v in values.items() if k != "org_id"}}
        ledger.audit("screening", str(new_id), "add", None, after)
    return new_id


def import_screenings(ledger: Ledger, path: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool):
    """Import screenings, matched on (org_code, screened_on, kind): new ones added, known ones updated (an empty
    cell keeps what is stored), so re-importing a file changes nothing. All-or-nothing unless ``skip_bad``."""
    from mediation_cli.forms.screenings import COLUMNS, REQUIRED
    from mediation_cli.io.importer import BadRow, ImportResult, ImportSpec, refuse_or_reject, validate_file

    by_code = {r["code"]: r for r in all_orgs(ledger)}
    codes = {r["id"]: r["code"] for r in by_code.values()}

    def org_of(ref: str):
        row = by_code.get(ref)
        if row is None:
            row = resolve_org(ledger, ref)
            by_code[ref] = row
        return row

    # The key is compared once parsed (V01/2024-3-5/日常 is V01/2024-03-05/routine), below.
    spec = ImportSpec("screening", COLUMNS, REQUIRED, key=lambda raw: None)

    def prepare(raw: dict[str, str]) -> tuple[dict, dict]:
        values = parse_screening(raw, today=today, org_of=org_of)
        check_screened_by(ledger, values, org_of(raw["org_code"]))
        return values, raw

    good, bad, n = validate_file(path, spec, prepare)
    seen: dict[tuple, int] = {}
    kept: list[dict] = []
    for line, (values, raw) in good:
        key = (values["org_id"], values["screened_on"], values["kind"])
        if key in seen:
            shown = ",".join((codes[key[0]], key[1], key[2]))
            bad.append(
                (
                    line,
                    raw,
                    BadRow("key", shown, tr(f"same key as line {seen[key]}", f"与第 {seen[key]} 行的键重复")),
                )
            )
            continue
        seen[key] = line
        kept.append(values)
    bad.sort(key=lambda b: b[0])
    refuse_or_reject(path, spec, bad, skip_bad, rejects)
    result = ImportResult(rows=n, rejected=len(bad))
    audits = []
    with ledger.write():
        for values in kept:
            stored = find_by_key(ledger, values["org_id"], values["screened_on"], values["kind"])
            shown = {
                "org_code": codes[values["org_id"]],
                **{k: v for k, v in values.items() if k != "org_id"},
            }
            if stored is None:
                result.inserted += 1
                if not dry_run:
                    new_id = insert_screening(ledger, values)
                    audits.append(("screening", str(new_id), "import", None, shown))
                continue
            changes = {k: values[k] for k in UPDATABLE if k in values and values[k] != stored[k]}
            if not changes:
                result.unchanged += 1
                continue
            result.updated += 1
            if not dry_run:
                update_screening(ledger, stored["id"], changes)
                audits.append(
                    ("screening", str(stored["id"]), "import", {k: stored[k] for k in changes}, changes)
                )
        if not dry_run:
            ledger.audit_many(audits)
    return result
