"""Training sessions (培训) and their attendees; each mediator's hours over a span of dates."""

from __future__ import annotations

import sqlite3
from datetime import date

from mediation_cli.errors import NotFound
from mediation_cli.ledger import predicates
from mediation_cli.ledger.db import Ledger, now_iso


def find_session(ledger: Ledger, held_on: str, organiser: str, topic: str) -> sqlite3.Row | None:
    return ledger.one(
        "SELECT * FROM training_session WHERE held_on = ? AND organiser = ? AND topic = ?",
        (held_on, organiser, topic),
    )


def get_session(ledger: Ledger, session_id: int) -> sqlite3.Row:
    row = ledger.one("SELECT * FROM training_session WHERE id = ?", (session_id,))
    if row is None:
        raise NotFound(
            "training session",
            str(session_id),
            "see `mediation training list`",
            "见 `mediation training list`",
        )
    return row


def insert_session(ledger: Ledger, held_on: str, organiser: str, topic: str, hours: float) -> int:
    cur = ledger.conn.execute(
        "INSERT INTO training_session(held_on, organiser, topic, hours, at) VALUES (?,?,?,?,?)",
        (held_on, organiser, topic, hours, now_iso()),
    )
    return cur.lastrowid


def set_hours(ledger: Ledger, session_id: int, hours: float) -> None:
    ledger.conn.execute("UPDATE training_session SET hours = ? WHERE id = ?", (hours, session_id))


def add_attendees(ledger: Ledger, session_id: int, mediator_ids: list[int]) -> int:
    """Add attendees; returns how many were not there yet."""
    before = attendee_count(ledger, session_id)
    ledger.conn.executemany(
        "INSERT OR IGNORE INTO training_attendance(session_id, mediator_id) VALUES (?, ?)",
        [(session_id, m) for m in mediator_ids],
    )
    return attendee_count(ledger, session_id) - before


def attendee_count(ledger: Ledger, session_id: int) -> int:
    return ledger.scalar("SELECT count(*) FROM training_attendance WHERE session_id = ?", (session_id,))


def attendee_ids(ledger: Ledger, session_id: int) -> set[int]:
    rows = ledger.all("SELECT mediator_id FROM training_attendance WHERE session_id = ?", (session_id,))
    return {r[0] for r in rows}


def list_sessions(
    ledger: Ledger, *, start: date | None = None, end: date | None = None, mediator_id: int | None = None
) -> list[dict]:
    """Sessions in date order, each with its attendees' staff numbers."""
    where, params = [], {}
    if start is not None:
        where.append("s.held_on >= :start")
        params["start"] = start.isoformat()
    if end is not None:
        where.append("s.held_on <= :end")
        params["end"] = end.isoformat()
    if mediator_id is not None:
        where.append("s.id IN (SELECT session_id FROM training_attendance WHERE mediator_id = :m)")
        params["m"] = mediator_id
    sql = (
        "SELECT s.id, s.held_on, s.organiser, s.topic, s.hours, "
        "(SELECT group_concat(staff_no, ';') FROM (SELECT m.staff_no FROM training_attendance a "
        " JOIN mediator m ON m.id = a.mediator_id WHERE a.session_id = s.id ORDER BY m.staff_no)) AS attendees "
        "FROM training_session s"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.held_on, s.id"
    )
    out = []
    for r in ledger.all(sql, params):
        d = dict(r)
        d["attendees"] = d["attendees"].split(";") if d["attendees"] else []
        out.append(d)
    return out


# The mediators active at some point of [start, end], with the training hours and sessions each attended in it.
_HOURS_SQL = """
SELECT m.id, m.staff_no, m.name, o.code AS org_code, o.name AS org_name, m.org_id,
       coalesce(t.sessions, 0) AS sessions, coalesce(t.hours, 0) AS hours
FROM mediator m JOIN org o ON o.id = m.org_id
LEFT JOIN (SELECT a.mediator_id, count(*) AS sessions, sum(s.hours) AS hours
           FROM training_attendance a JOIN training_session s ON s.id = a.session_id
           WHERE s.held_on BETWEEN :start AND :end GROUP BY a.mediator_id) t ON t.mediator_id = m.id
WHERE m.joined_on <= :end AND (m.left_on IS NULL OR m.left_on > :start) {only}
ORDER BY o.code, m.staff_no"""


def hours_between(ledger: Ledger, start: date, end: date, *, org_ids: list[int] | None = None) -> list[dict]:
    """Per mediator active at some time in [start, end]: staff_no, name, org_code, org_name, sessions, hours."""
    only = "" if org_ids is None else f"AND m.org_id IN ({','.join(str(int(i)) for i in org_ids)})"
    rows = ledger.all(
        _HOURS_SQL.replace("{only}", only), {"start": start.isoformat(), "end": end.isoformat()}
    )
    return [dict(r) for r in rows]


def hours_by_mediator(ledger: Ledger, start: date, end: date) -> dict[int, float]:
    """mediator id → training hours in [start, end] (those with none absent)."""
    rows = ledger.all(
        """SELECT a.mediator_id, sum(s.hours) FROM training_attendance a JOIN training_session s ON s.id = a.session_id
           WHERE s.held_on BETWEEN ? AND ? GROUP BY a.mediator_id""",
        (start.isoformat(), end.isoformat()),
    )
    return {r[0]: r[1] for r in rows}


ACTIVE_SQL = predicates.mediator_active("m", ":d")


def active_on(ledger: Ledger, mediator_id: int, on: str) -> bool:
    return (
        ledger.one(
            f"SELECT 1 FROM mediator m WHERE m.id = :id AND {ACTIVE_SQL}", {"id": mediator_id, "d": on}
        )
        is not None
    )
