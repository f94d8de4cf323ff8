"""Screenings (矛盾纠纷排查, 排查工作台账): one round by one org on one date, keyed on (org, screened_on, kind)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from datetime import date

from mediation_cli.errors import Duplicate, NotFound
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


def find_by_key(ledger: Ledger, org_id: int, screened_on: str, kind: str) -> sqlite3.Row | None:
    return ledger.one(
        "SELECT id, found, screened_by, note FROM screening WHERE org_id = ? AND screened_on = ? AND kind = ?",
        (org_id, screened_on, kind),
    )


def update_screening(ledger: Ledger, screening_id: int, changes: dict) -> None:
    changes = {k: v for k, v in changes.items() if k in UPDATABLE}
    if changes:
        sets = ", ".join(f"{k} = :{k}" for k in changes)
        ledger.conn.execute(f"UPDATE screening SET {sets} WHERE id = :id", {**changes, "id": screening_id})


def key_exists(ledger: Ledger, org_id: int, screened_on: str, kind: str) -> bool:
    return (
        ledger.one(
            "SELECT 1 FROM screening WHERE org_id = ? AND screened_on = ? AND kind = ?",
            (org_id, screened_on, kind),
        )
        is not None
    )


def _screening_filter(
    *,
    org_ids: Collection[int] | None = None,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
    zero: bool = False,
) -> tuple[str, dict]:
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
    return (" WHERE " + " AND ".join(where) if where else ""), params


def list_screenings(
    ledger: Ledger,
    *,
    org_ids: Collection[int] | None = None,
    start: date | None = None,
    end: date | None = None,
    kind: str | None = None,
    zero: bool = False,
    limit: int | None = None,
) -> Iterator[dict]:
    """Screenings, oldest first, streamed. ``zero``: only the 零报告 (found = 0); ``limit``: the first so many."""
    where, params = _screening_filter(org_ids=org_ids, start=start, end=end, kind=kind, zero=zero)
    sql = LIST_SQL + where + " ORDER BY s.screened_on, o.code, s.kind"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    for row in ledger.conn.execute(sql, params):
        yield screening_dict(row)


def count_screenings(ledger: Ledger, **filters) -> int:
    """How many screenings ``list_screenings`` gives with the same filters (its keyword arguments but ``limit``)."""
    where, params = _screening_filter(**filters)
    return ledger.conn.execute("SELECT count(*) FROM screening s" + where, params).fetchone()[0]
