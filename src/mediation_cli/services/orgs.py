"""Committees and other mediation organisations: `org add`, `org edit`, `org import`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.domain.errors import Invalid
from mediation_cli.errors import Duplicate
from mediation_cli.forms.orgs import check_org, parse_org
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import (
    all_orgs,
    check_parent,
    find_org,
    get_org,
    insert_org,
    org_ids_by_code,
    org_row_dict,
    resolve_org,
    set_parent,
    update_org,
)
from mediation_cli.ledger.ratings import record_rating

CLEARABLE = ("parent_code", "star_rating", "rated_on", "field", "established_on", "dissolved_on")


def _parse(ledger: Ledger, raw: dict[str, str], today: date) -> dict:
    return parse_org(
        raw,
        today=today,
        star_scale=Config(ledger)["star_scale"],
        parent_id_of=lambda ref: resolve_org(ledger, ref)["id"],
    )


def add_org(ledger: Ledger, raw: dict[str, str], *, today: date) -> str:
    """Add an org from its fields as typed; returns its code."""
    values = _parse(ledger, raw, today)
    check_org(values)
    if get_org(ledger, values["code"]) is not None:
        raise Duplicate("code", values["code"])
    with ledger.write():
        org_id = insert_org(ledger, values)
        if values.get("star_rating"):
            record_rating(ledger, org_id, values["star_rating"], values.get("rated_on"))
        ledger.audit("org", values["code"], "add", None, values)
    return values["code"]


def edit_org(
    ledger: Ledger, ref: str, raw: dict[str, str], clear: list[str] | None = None, *, today: date
) -> str:
    """Change an org's fields (``clear`` empties fields); returns its code."""
    row = resolve_org(ledger, ref)
    changes = _parse(ledger, raw, today)
    for f in clear or ():
        if f not in CLEARABLE:
            raise Invalid("--clear", f, "one of " + ", ".join(CLEARABLE), "以下之一：" + "、".join(CLEARABLE))
        changes["parent_id" if f == "parent_code" else f] = None
    if "star_rating" in changes and changes["star_rating"] is None:
        changes["rated_on"] = None
    check_org({**dict(row), **changes})
    check_parent(ledger, row["id"], changes.get("parent_id"))
    before = org_row_dict(row)
    with ledger.write():
        update_org(ledger, row["id"], changes)
        _keep_rating(ledger, row, changes)
        ledger.audit("org", row["code"], "edit", before, org_row_dict(get_org(ledger, row["code"])))
    return row["code"]


def _keep_rating(ledger: Ledger, stored, changes: dict) -> None:
    """A new star rating, or a new date of rating, goes into the rating's history (星级评定记录)."""
    if "star_rating" not in changes and "rated_on" not in changes:
        return
    stars = changes.get("star_rating", stored["star_rating"])
    rated = changes.get("rated_on", stored["rated_on"])
    if (stars, rated) != (stored["star_rating"], stored["rated_on"]):
        record_rating(ledger, stored["id"], stars, rated)


def import_orgs(ledger: Ledger, path: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool):
    """Import orgs, matched on code: new ones added, known ones updated (empty cells keep what is stored)."""
    from mediation_cli.forms.orgs import COLUMNS, REQUIRED
    from mediation_cli.io.importer import BadRow, ImportResult, ImportSpec, refuse_or_reject, validate_file

    star_scale = Config(ledger)["star_scale"]
    existing = {r["code"]: r for r in all_orgs(ledger)}
    spec = ImportSpec("org", COLUMNS, REQUIRED, key=lambda raw: raw.get("code"))

    def prepare(raw: dict[str, str]) -> tuple[dict, dict]:
        values = parse_org(
            {k: v for k, v in raw.items() if k != "parent_code"},
            today=today,
            star_scale=star_scale,
            parent_id_of=lambda ref: None,
        )
        stored = existing.get(values["code"])
        check_org({**(dict(stored) if stored else {}), **values})
        return values, raw

    good, bad, n = validate_file(path, spec, prepare)
    codes_in_file = {values["code"] for _, (values, _) in good}
    kept = []
    for line, (values, raw) in good:
        ref = raw.get("parent_code")
        if ref and ref not in codes_in_file and ref not in existing and find_org(ledger, ref) is None:
            bad.append(
                (line, raw, BadRow("parent_code", ref, "unknown org (not in the ledger nor in this file)"))
            )
            continue
        if ref and ref == values["code"]:
            bad.append((line, raw, BadRow("parent_code", ref, "an org cannot be its own parent")))
            continue
        kept.append((line, values, ref))
    bad.sort(key=lambda b: b[0])
    refuse_or_reject(path, spec, bad, skip_bad, rejects)
    result = ImportResult(rows=n, rejected=len(bad))
    with ledger.write(rollback=dry_run):
        audits = []
        for _, values, _ in kept:
            stored = existing.get(values["code"])
            if stored is None:
                org_id = insert_org(ledger, values)
                if values.get("star_rating"):
                    record_rating(ledger, org_id, values["star_rating"], values.get("rated_on"))
                result.inserted += 1
                audits.append(("org", values["code"], "import", None, values))
            else:
                changes = {k: v for k, v in values.items() if stored[k] != v}
                if changes:
                    update_org(ledger, stored["id"], changes)
                    _keep_rating(ledger, stored, changes)
                    result.updated += 1
                    audits.append(("org", values["code"], "import", {k: stored[k] for k in changes}, changes))
                else:
                    result.unchanged += 1
        ids = org_ids_by_code(ledger)
        for _, values, ref in kept:
            if not ref:
                continue
            parent = ids.get(ref) or (find_org(ledger, ref)["id"])
            org_id = ids[values["code"]]
            stored = existing.get(values["code"])
            if stored is not None and stored["parent_id"] == parent:
                continue
            check_parent(ledger, org_id, parent)
            set_parent(ledger, org_id, parent)
            if stored is not None and not any(a[1] == values["code"] for a in audits):
                result.updated += 1
                result.unchanged -= 1
                audits.append(
                    (
                        "org",
                        values["code"],
                        "import",
                        {"parent_id": stored["parent_id"]},
                        {"parent_id": parent},
                    )
                )
        ledger.audit_many(audits)
    return result
