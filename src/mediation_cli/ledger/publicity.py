"""Typical cases (典型案例) with their write-up, and submissions to publicity columns (投稿)."""

from __future__ import annotations

import sqlite3
from datetime import date

from mediation_cli.errors import NotFound
from mediation_cli.ledger.db import Ledger, now_iso


def feature_of(ledger: Ledger, case_id: int) -> sqlite3.Row | None:
    return ledger.one("SELECT * FROM case_feature WHERE case_id = ?", (case_id,))


def upsert_feature(ledger: Ledger, case_id: int, title: str, text: str, featured_on: str) -> None:
    ledger.conn.execute(
        "INSERT INTO case_feature(case_id, title, text, featured_on, at) VALUES (?,?,?,?,?) "
        "ON CONFLICT(case_id) DO UPDATE SET title = excluded.title, text = excluded.text, "
        "featured_on = excluded.featured_on, at = excluded.at",
        (case_id, title, text, featured_on, now_iso()),
    )


def features_between(ledger: Ledger, start: date, end: date) -> list[dict]:
    rows = ledger.all(
        """SELECT d.case_no, o.code AS org_code, o.name AS org_name, d.category, f.title, f.featured_on
           FROM case_feature f JOIN dispute d ON d.id = f.case_id JOIN org o ON o.id = d.org_id
           WHERE f.featured_on BETWEEN ? AND ? ORDER BY f.featured_on, d.case_no""",
        (start.isoformat(), end.isoformat()),
    )
    return [dict(r) for r in rows]


def find_publicity(ledger: Ledger, submitted_on: str, outlet: str, title: str) -> sqlite3.Row | None:
    return ledger.one(
        "SELECT * FROM publicity WHERE submitted_on = ? AND outlet = ? AND title = ?",
        (submitted_on, outlet, title),
    )


def get_publicity(ledger: Ledger, pid: int) -> sqlite3.Row:
    row = ledger.one("SELECT * FROM publicity WHERE id = ?", (pid,))
    if row is None:
        raise NotFound(
            "submission", str(pid), "see `mediation publicity list`", "见 `mediation publicity list`"
        )
    return row


def insert_publicity(ledger: Ledger, values: dict) -> int:
    values = {**values, "at": now_iso()}
    cols = ", ".join(values)
    cur = ledger.conn.execute(
        f"INSERT INTO publicity({cols}) VALUES ({', '.join('?' * len(values))})", list(values.values())
    )
    return cur.lastrowid


def set_published(ledger: Ledger, pid: int, published_on: str | None) -> None:
    ledger.conn.execute(
        "UPDATE publicity SET published = ?, published_on = ? WHERE id = ?",
        (1 if published_on else 0, published_on, pid),
    )


_LIST_SQL = """SELECT p.id, p.submitted_on, p.outlet, p.title, p.author, m.staff_no, o.code AS org_code,
       o.name AS org_name, d.case_no, p.published, p.published_on
FROM publicity p LEFT JOIN mediator m ON m.id = p.mediator_id LEFT JOIN org o ON o.id = p.org_id
LEFT JOIN dispute d ON d.id = p.case_id
WHERE p.submitted_on BETWEEN ? AND ? ORDER BY p.submitted_on, p.id"""


def publicity_between(ledger: Ledger, start: date, end: date) -> list[dict]:
    rows = ledger.all(_LIST_SQL, (start.isoformat(), end.isoformat()))
    return [{**dict(r), "published": bool(r["published"])} for r in rows]


def mediator_names(ledger: Ledger) -> list[str]:
    """Every mediator's name (for taking them out of a text that leaves the bureau)."""
    return [r[0] for r in ledger.all("SELECT DISTINCT name FROM mediator")]


def party_names(ledger: Ledger, case_ids) -> list[str]:
    """The names of the parties recorded on these cases (当事人: taken out of a text that leaves the bureau)."""
    ids = ",".join(str(int(i)) for i in case_ids) or "NULL"
    return [r[0] for r in ledger.all(f"SELECT DISTINCT name FROM party WHERE case_id IN ({ids})")]


def org_name(ledger: Ledger, org_id: int | None) -> str | None:
    return None if org_id is None else ledger.scalar("SELECT name FROM org WHERE id = ?", (org_id,))


def typical_counts(ledger: Ledger, start: date, end: date) -> tuple[dict[int, int], dict[int, int]]:
    """Typical cases selected in [start, end]: (org id → count, mediator id → count of those they mediated)."""
    by_org = {
        r[0]: r[1]
        for r in ledger.all(
            "SELECT d.org_id, count(*) FROM case_feature f JOIN dispute d ON d.id = f.case_id "
            "WHERE f.featured_on BETWEEN ? AND ? GROUP BY d.org_id",
            (start.isoformat(), end.isoformat()),
        )
    }
    by_mediator = {
        r[0]: r[1]
        for r in ledger.all(
            "SELECT cm.mediator_id, count(*) FROM case_feature f JOIN case_mediator cm ON cm.case_id = f.case_id "
            "WHERE f.featured_on BETWEEN ? AND ? GROUP BY cm.mediator_id",
            (start.isoformat(), end.isoformat()),
        )
    }
    return by_org, by_mediator


def publicity_counts(ledger: Ledger, start: date, end: date) -> tuple[dict[int, int], dict[int, int]]:
    """Submissions in [start, end]: (org id → count, mediator id → count authored)."""
    rows = ledger.all(
        "SELECT org_id, mediator_id FROM publicity WHERE submitted_on BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    by_org: dict[int, int] = {}
    by_mediator: dict[int, int] = {}
    for org_id, mediator_id in rows:
        if org_id is not None:
            by_org[org_id] = by_org.get(org_id, 0) + 1
        if mediator_id is not None:
            by_mediator[mediator_id] = by_mediator.get(mediator_id, 0) + 1
    return by_org, by_mediator
