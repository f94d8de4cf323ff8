"""Parties to a case (当事人): `case party add|edit|remove|list|import` and the parties given to `case add`.

Each write is one transaction: the party rows, the case's party count (derived from them once any is recorded), a
timeline event and an audit entry with the personal data masked. The same ID number or phone on another open case
(not yet 销号) is a warning, not a refusal: one person may well be party to two disputes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.idnumber import id_birth_date, mask_id, mask_phone
from mediation_cli.domain.parties import CLEARABLE, mask_name, mask_party
from mediation_cli.forms.parties import COLUMNS, REQUIRED, parse_no, parse_party
from mediation_cli.ledger import cases as store
from mediation_cli.ledger import parties as people
from mediation_cli.ledger.db import Ledger

Warning_ = tuple[str, str]  # (English, 中文)


class _MaskedName(str):
    """A party's name as an import key: compared in full, shown masked (a duplicate-key message names it)."""

    def __str__(self) -> str:
        return mask_name(str.__str__(self)) or ""


def age_on(id_number: str, on: str) -> int:
    """Whole years from the birth date the ID number carries to ``on`` (ISO)."""
    born = id_birth_date(id_number)
    day = date.fromisoformat(on)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _values(raw: dict[str, str], received_on: str, today: date) -> dict:
    values = parse_party(raw, today=today)
    if values.get("id_number") and "age" not in values:
        values["age"] = age_on(values["id_number"], received_on)  # as old as on the day the case was received
    return values


def duplicates(ledger: Ledger, case_id: int, no: int, values: dict) -> list[Warning_]:
    """Warnings for a party whose ID number or phone is also a party's on another open case."""
    out: list[Warning_] = []
    for fld, mask, en, zh in (
        ("id_number", mask_id, "ID number", "身份证号"),
        ("phone", mask_phone, "phone", "电话"),
    ):
        if values.get(fld):
            others = people.open_cases_with(ledger, case_id, fld, values[fld])
            if others:
                cases = ", ".join(others)
                out.append(
                    (
                        f"warning: party {no}: {en} {mask(values[fld])} also belongs to a party of open case(s) {cases}",
                        f"提示：第 {no} 号当事人的{zh} {mask(values[fld])} 也是未销号案件 {cases} 的当事人",
                    )
                )
    return out


def add_parties_in(ledger: Ledger, row, values_list: list[dict], on: str) -> tuple[list[int], list[Warning_]]:
    """Inside the caller's transaction: insert parties of the stored case ``row``, set its count, note them on the
    timeline. Returns (their numbers, duplicate warnings)."""
    nos, warnings = [], []
    for values in values_list:
        no = people.insert_party(ledger, row["id"], values)
        nos.append(no)
        warnings += duplicates(ledger, row["id"], no, values)
    count = people.set_count(ledger, row["id"])
    store.add_event(ledger, row["id"], on, "party_added", {"parties": nos})
    ledger.audit(
        "case",
        row["case_no"],
        "party_add",
        {"parties": row["parties"]},
        {
            "parties": count,
            "added": [{"no": n, **mask_party(v)} for n, v in zip(nos, values_list, strict=True)],
        },
    )
    return nos, warnings


def parse_parties(raws: list[dict[str, str]], received_on: str, today: date) -> list[dict]:
    """Each ``--party`` of a command, checked: a name is required."""
    out = []
    for raw in raws:
        values = _values(raw, received_on, today)
        if not values.get("name"):
            raise Invalid("--party", "name=", "a party's name (姓名=…)", "当事人姓名（姓名=…），必填")
        out.append(values)
    return out


def add_party(
    ledger: Ledger, ref: str, raw: dict[str, str], *, today: date
) -> tuple[str, int, int, list[Warning_]]:
    """Add one party to a case; returns (case number, the party's number, the case's party count, warnings)."""
    row = store.find_case(ledger, ref, today=today)
    (values,) = parse_parties([raw], row["received_on"], today)
    with ledger.write():
        (no,), warnings = add_parties_in(ledger, row, [values], today.isoformat())
        count = people.party_count(ledger, row["id"])
    return row["case_no"], no, count, warnings


def edit_party(
    ledger: Ledger, ref: str, no: str, raw: dict[str, str], clear: list[str] | None = None, *, today: date
) -> tuple[str, int, dict, list[Warning_]]:
    """Change a party's fields (empty keeps; ``clear`` empties); returns (case number, no, masked changes, warnings)."""
    row = store.find_case(ledger, ref, today=today)
    n = parse_no(no, "no")
    stored = people.find_party(ledger, row["id"], row["case_no"], n)
    given = _values(raw, row["received_on"], today)
    for f in clear or ():
        if f not in CLEARABLE:
            raise Invalid("--clear", f, "one of " + ", ".join(CLEARABLE), "以下之一：" + "、".join(CLEARABLE))
        given[f] = None
    changes = {k: v for k, v in given.items() if stored[k] != v}
    merged = {**dict(stored), **changes}
    if merged.get("gender") and merged.get("id_number"):
        parse_party({"gender": merged["gender"], "id_number": merged["id_number"]}, today=today)
    warnings: list[Warning_] = []
    with ledger.write():
        if changes:
            people.update_party(ledger, stored["id"], changes)
            store.touch(ledger, row["id"])
            store.add_event(ledger, row["id"], today.isoformat(), "party_edited", {"no": n})
            ledger.audit(
                "case",
                row["case_no"],
                "party_edit",
                {"no": n, **mask_party({k: stored[k] for k in changes})},
                {"no": n, **mask_party(changes)},
            )
            warnings = duplicates(ledger, row["id"], n, changes)
    return row["case_no"], n, mask_party(changes), warnings


def remove_party(ledger: Ledger, ref: str, no: str, *, today: date) -> tuple[str, int, int]:
    """Remove a party entered by mistake; returns (case number, no, the party count now)."""
    row = store.find_case(ledger, ref, today=today)
    n = parse_no(no, "no")
    stored = people.find_party(ledger, row["id"], row["case_no"], n)
    with ledger.write():
        people.delete_party(ledger, stored["id"])
        count = people.party_count(ledger, row["id"])
        if count:
            people.set_count(ledger, row["id"])
        else:
            store.touch(ledger, row["id"])
        store.add_event(ledger, row["id"], today.isoformat(), "party_removed", {"no": n})
        ledger.audit("case", row["case_no"], "party_remove", {"no": n, **mask_party(dict(stored))}, None)
    return row["case_no"], n, count


def list_parties(ledger: Ledger, ref: str, *, reveal: bool, today: date) -> tuple[str, list[dict]]:
    """The parties of a case, masked unless ``reveal`` (which is audited)."""
    from mediation_cli.services.mediators import record_reveal

    row = store.find_case(ledger, ref, today=today)
    rows = people.parties_of(ledger, row["id"])
    if reveal:
        record_reveal(ledger, "party", row["case_no"])
        return row["case_no"], rows
    return row["case_no"], [mask_party(r) for r in rows]


def import_parties(ledger: Ledger, path: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool):
    """Parties from a file (``case_no*,no,name*,…``): matched on (case_no, no), else (case_no, name); a new party is
    numbered after the case's last. All rows land in one transaction with one audit entry per case touched."""
    from mediation_cli.io.importer import ImportResult, ImportSpec, refuse_or_reject, validate_file

    stored = people.all_party_keys(ledger)
    by_name = {(r["case_no"], r["name"]): r for r in stored.values()}
    cases: dict[str, object] = {}

    def case_of(ref: str):
        if ref not in cases:
            cases[ref] = store.find_case(ledger, ref, today=today)
        return cases[ref]

    def key(raw: dict[str, str]):
        no = raw.get("no", "").strip()
        return (raw.get("case_no", "").strip(), no or _MaskedName(raw.get("name", "").strip()))

    spec = ImportSpec("party", COLUMNS, REQUIRED, key=key)

    def prepare(raw: dict[str, str]) -> dict:
        case = case_of(raw["case_no"].strip())
        values = _values({k: v for k, v in raw.items() if k in COLUMNS[2:]}, case["received_on"], today)
        no = parse_no(raw["no"]) if raw.get("no") else None
        return {"case": case, "no": no, "values": values}

    good, bad, n = validate_file(path, spec, prepare)
    refuse_or_reject(path, spec, bad, skip_bad, rejects)
    result = ImportResult(rows=n, rejected=len(bad))
    warnings: list[Warning_] = []
    with ledger.write(rollback=dry_run):
        per_case: dict[int, tuple] = {}
        for _, item in good:
            case, no, values = item["case"], item["no"], item["values"]
            old = stored.get((case["case_no"], no)) if no else by_name.get((case["case_no"], values["name"]))
            if old is None:
                no = people.insert_party(ledger, case["id"], values, no)
                result.inserted += 1
                warnings += duplicates(ledger, case["id"], no, values)
                per_case.setdefault(case["id"], (case, []))[1].append({"no": no, **mask_party(values)})
                continue
            changes = {k: v for k, v in values.items() if old[k] != v}
            if not changes:
                result.unchanged += 1
                continue
            people.update_party(ledger, old["id"], changes)
            result.updated += 1
            warnings += duplicates(ledger, case["id"], old["no"], changes)
            per_case.setdefault(case["id"], (case, []))[1].append({"no": old["no"], **mask_party(changes)})
        audits = []
        for case_id, (case, changed) in per_case.items():
            count = people.set_count(ledger, case_id)
            store.touch(ledger, case_id)
            store.add_event(
                ledger, case_id, today.isoformat(), "party_added", {"parties": [c["no"] for c in changed]}
            )
            audits.append(
                (
                    "case",
                    case["case_no"],
                    "party_import",
                    {"parties": case["parties"]},
                    {"parties": count, "file": path.name, "rows": changed},
                )
            )
        ledger.audit_many(audits)
    return result, warnings


def import_cases_with_parties(
    ledger: Ledger, cases: Path, parties: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool
):
    """`case import CASES --parties PARTIES`: the cases, then their parties, in ONE transaction — a parties row that
    is refused (even with ``skip_bad``, which applies to the cases file) leaves the ledger as it was. Returns (the
    cases' result, the parties' result, duplicate warnings)."""
    from mediation_cli.services.case_import import import_cases

    with ledger.write(rollback=dry_run):
        result = import_cases(ledger, cases, today=today, skip_bad=skip_bad, rejects=rejects, dry_run=False)
        party_result, warnings = import_parties(
            ledger, parties, today=today, skip_bad=False, rejects=None, dry_run=False
        )
    return result, party_result, warnings
