"""Screenings (矛盾纠纷排查, 排查工作台账): one round by one org on one date, keyed on (org, screened_on, kind)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path

from mediation_cli.errors import Duplicate, NotFound
from mediation_cli.i18n import tr
from mediation_cli.ledger.db import Ledger, now_iso

FIELDS = ["org_id", "screened_on", "kind", "found", "screened_by", "note"]
# What an import row may change on a screening already in the ledger (the rest is its key).
UPDATABLE = ["found", "screened_by", "note"]

LIST_SQL = """SELECT s.id, o.code AS org_code, o.name AS org_name, s.screened_on, s.kind, s.found, s.screened_by,
       s.note, s.entered_at,
       (SELECT count(*) FROM dispute d WHERE d.screening_id = s.id) AS cases_opened
    FROM screening s JOIN org o ON o.id = s.org_id"""


def screening_dict(row: sqlite3.Row) -> dict:
    return {
        "id": row["id"],
        "org_code": row["org_code"],
        "org_name": row["org_name"],
        "screened_on": row["screened_on"],
        "kind": row["kind"],
        "found": row["found"],
        "screened_by": row["screened_by"],
        "note": row["note"],
        "entered_at": row["entered_at"],
        "cases_opened": row["cases_opened"],
    }


def find_screening(ledger: Ledger, ref: str | int) -> sqlite3.Row:
    """The screening with this id (as `screen record` printed it)."""
    text = str(ref).strip().lstrip("#")
    row = ledger.one(LIST_SQL + " WHERE s.id = ?", (int(text),)) if text.isdecimal() else None
    if row is None:
        raise NotFound(
            "screening",
            str(ref),
            "give the number `screen record` printed (see `mediation screen list`)",
            "请输入 `screen record` 输出的编号（见 `mediation screen list`）",
        )
    return row


def cases_opened(ledger: Ledger, screening_id: int) -> list[dict]:
    """The cases a screening opened (case add --screening ID)."""
    return [
        dict(r)
        for r in ledger.all(
            "SELECT case_no, received_on, category, status FROM dispute WHERE screening_id = ? "
            "ORDER BY received_on, case_no",
            (screening_id,),
        )
    ]


def insert_screening(ledger: Ledger, values: dict) -> int:
    """Insert one screening (inside the caller's transaction); a second one with the same key is refused."""
    row = {"found": 0, "screened_by": None, "note": None, **{k: values.get(k) for k in FIELDS if k in values}}
    row["entered_at"] = now_iso()
    try:
        cur = ledger.conn.execute(
            f"INSERT INTO screening({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)})", row
        )
    except sqlite3.IntegrityError:
        raise Duplicate("screening", f"{values['screened_on']} {values['kind']}") from None
    return cur.lastrowid


def key_exists(ledger: Ledger, org_id: int, screened_on: str, kind: str) -> bool:
    return (
        ledger.one(
            "SELECT 1 FROM screening WHERE org_id = ? AND screened_on = ? AND kind = ?",
            (org_id, screened_on, kind),
        )
        is not None
    )


def list_screenings(
    ledger: Ledger,
    *,
    org_ids: Collection[int] | None = None,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
    zero: bool = False,
) -> Iterator[dict]:
    """Screenings, oldest first, streamed. ``zero``: only the 零报告 (found = 0)."""
    where, params = [], {}
    if org_ids is not None:
        where.append("s.org_id IN (SELECT value FROM json_each(:ids))")
        params["ids"] = json.dumps(list(org_ids))
    if start is not None:
        where.append("s.screened_on >= :start")
        params["start"] = start.isoformat()
    if end is not None:
        where.append("s.screened_on <= :end")
        params["end"] = end.isoformat()
    if kind:
        where.append("s.kind = :kind")
        params["kind"] = kind
    if zero:
        where.append("s.found = 0")
    sql = (
        LIST_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.screened_on, o.code, s.kind"
    )
    for row in ledger.conn.execute(sql, params):
        yield screening_dict(row)


def import_screenings(ledger: Ledger, path: Path, *, today: date, skip_bad: bool, rejects, dry_run: bool):
    """Import screenings, matched on (org_code, screened_on, kind): new ones added, known ones updated (an empty
    cell keeps what is stored), so re-importing a file changes nothing. All-or-nothing unless ``skip_bad``."""
    from mediation_cli.io.importer import BadRow, ImportResult, ImportSpec, refuse_or_reject, validate_file
    from mediation_cli.ledger.orgs import resolve_org
    from mediation_cli.records.screening import COLUMNS, REQUIRED, parse_screening

    by_code = {
        r["code"]: r for r in ledger.all("SELECT id, code, name, established_on, dissolved_on FROM org")
    }
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
        return parse_screening(raw, today=today, org_of=org_of), raw

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
            stored = ledger.one(
                "SELECT id, found, screened_by, note FROM screening WHERE org_id = ? AND screened_on = ? AND kind = ?",
                (values["org_id"], values["screened_on"], values["kind"]),
            )
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
                sets = ", ".join(f"{k} = :{k}" for k in changes)
                ledger.conn.execute(
                    f"UPDATE screening SET {sets} WHERE id = :id", {**changes, "id": stored["id"]}
                )
                audits.append(
                    ("screening", str(stored["id"]), "import", {k: stored[k] for k in changes}, changes)
                )
        if not dry_run:
            ledger.audit_many(audits)
    return result
