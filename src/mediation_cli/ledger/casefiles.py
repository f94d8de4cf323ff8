"""Case files (卷宗): the documents recorded for a case, and the closed cases with the kinds their files hold."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

from mediation_cli.ledger.db import Ledger, now_iso


def sha256_of(path: Path) -> tuple[int, str]:
    """(size, SHA-256 hex) of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def find_attachment(ledger: Ledger, case_id: int, kind: str, sha256: str) -> sqlite3.Row | None:
    return ledger.one(
        "SELECT * FROM case_file WHERE case_id = ? AND kind = ? AND sha256 = ?", (case_id, kind, sha256)
    )


def insert_attachment(
    ledger: Ledger, case_id: int, kind: str, path: str, name: str, size: int, sha256: str, attached_on: str
) -> int:
    cur = ledger.conn.execute(
        "INSERT INTO case_file(case_id, kind, path, name, size, sha256, attached_on, at) VALUES (?,?,?,?,?,?,?,?)",
        (case_id, kind, path, name, size, sha256, attached_on, now_iso()),
    )
    return cur.lastrowid


def attachments(ledger: Ledger, case_id: int) -> list[dict]:
    rows = ledger.all(
        "SELECT id, kind, name, path, size, sha256, attached_on FROM case_file WHERE case_id = ? ORDER BY kind, id",
        (case_id,),
    )
    return [dict(r) for r in rows]


def all_attachments(ledger: Ledger) -> list[dict]:
    rows = ledger.all(
        "SELECT f.id, d.case_no, f.kind, f.path, f.size, f.sha256 FROM case_file f JOIN dispute d ON d.id = f.case_id "
        "ORDER BY f.id"
    )
    return [dict(r) for r in rows]


_CLOSED_SQL = """
SELECT d.id, d.case_no, o.code AS org_code, o.id AS org_id, d.outcome, d.agreement, d.closed_on,
       d.closed_without_visit, (SELECT group_concat(DISTINCT f.kind) FROM case_file f WHERE f.case_id = d.id) AS kinds
FROM dispute d JOIN org o ON o.id = d.org_id
WHERE d.closed_on BETWEEN :start AND :end {only}
ORDER BY d.closed_on, d.case_no"""


def closed_with_kinds(
    ledger: Ledger, start: date, end: date, *, org_ids: list[int] | None = None
) -> list[dict]:
    """Cases closed (销号) in [start, end], each with ``present``: the set of document kinds its file holds."""
    only = "" if org_ids is None else f"AND d.org_id IN ({','.join(str(int(i)) for i in org_ids)})"
    out = []
    for r in ledger.all(
        _CLOSED_SQL.replace("{only}", only), {"start": start.isoformat(), "end": end.isoformat()}
    ):
        d = dict(r)
        d["present"] = set(d.pop("kinds").split(",")) if d["kinds"] else set()
        out.append(d)
    return out


def file_status(ledger: Ledger, case: sqlite3.Row, requirements: dict) -> dict:
    """What a case's file must hold (by its outcome), what it holds, and what is missing."""
    from mediation_cli.domain.casefiles import missing_documents, required_documents

    docs = attachments(ledger, case["id"])
    present = {d["kind"] for d in docs}
    required = required_documents(
        requirements, case["outcome"], case["agreement"], visited=not case["closed_without_visit"]
    )
    missing = missing_documents(required, present)
    return {
        "case_no": case["case_no"],
        "status": case["status"],
        "outcome": case["outcome"],
        "agreement": case["agreement"],
        "required": required,
        "missing": missing,
        "complete": not missing,
        "documents": docs,
    }
