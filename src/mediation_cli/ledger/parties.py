"""Parties to a case (当事人), table ``party``: one row each, numbered 1, 2, … within the case. The case's ``parties``
count follows them once any is recorded (``set_count``)."""

from __future__ import annotations

import sqlite3

from mediation_cli.domain.parties import PARTY_FIELDS
from mediation_cli.errors import MediationError
from mediation_cli.ledger.db import Ledger, now_iso
from mediation_cli.ledger.predicates import open_entry


def parties_of(ledger: Ledger, case_id: int) -> list[dict]:
    return [
        dict(r)
        for r in ledger.all(
            f"SELECT no, {', '.join(PARTY_FIELDS)} FROM party WHERE case_id = ? ORDER BY no", (case_id,)
        )
    ]


def party_numbers(ledger: Ledger, case_id: int) -> list[int]:
    return [r["no"] for r in ledger.all("SELECT no FROM party WHERE case_id = ? ORDER BY no", (case_id,))]


def party_count(ledger: Ledger, case_id: int) -> int:
    return ledger.scalar("SELECT count(*) FROM party WHERE case_id = ?", (case_id,))


def find_party(ledger: Ledger, case_id: int, case_no: str, no: int) -> sqlite3.Row:
    row = ledger.one("SELECT * FROM party WHERE case_id = ? AND no = ?", (case_id, no))
    if row is None:
        raise MediationError(
            f"party: {case_no} has no party No. {no} (see `case party list`)",
            f"当事人：{case_no} 没有第 {no} 号当事人（见 `case party list`）",
        )
    return row


def insert_party(ledger: Ledger, case_id: int, values: dict, no: int | None = None) -> int:
    """A new party of the case, numbered after the last (or ``no``); returns its number."""
    if no is None:
        no = (ledger.scalar("SELECT max(no) FROM party WHERE case_id = ?", (case_id,)) or 0) + 1
    now = now_iso()
    cols = [f for f in PARTY_FIELDS if values.get(f) is not None]
    ledger.conn.execute(
        f"INSERT INTO party(case_id, no, {', '.join(cols)}, at, updated_at) "
        f"VALUES (?, ?, {', '.join('?' * len(cols))}, ?, ?)",
        (case_id, no, *(values[c] for c in cols), now, now),
    )
    return no


def update_party(ledger: Ledger, party_id: int, changes: dict) -> None:
    if not changes:
        return
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    ledger.conn.execute(
        f"UPDATE party SET {sets}, updated_at = :at WHERE id = :id",
        {**changes, "at": now_iso(), "id": party_id},
    )


def delete_party(ledger: Ledger, party_id: int) -> None:
    ledger.conn.execute("DELETE FROM party WHERE id = ?", (party_id,))


def set_count(ledger: Ledger, case_id: int) -> int:
    """The case's party count is the number of parties recorded (unchanged when none is); returns it."""
    n = party_count(ledger, case_id)
    if n:
        ledger.conn.execute(
            "UPDATE dispute SET parties = ?, updated_at = ?, "
            "change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM dispute) WHERE id = ? AND "
            "parties IS NOT ?",
            (n, now_iso(), case_id, n),
        )
    return n


def open_cases_with(ledger: Ledger, case_id: int, field: str, value: str) -> list[str]:
    """The other open cases (not yet 销号) that have a party with this ID number or phone."""
    assert field in ("id_number", "phone")
    rows = ledger.all(
        f"""SELECT DISTINCT d.case_no FROM party p JOIN dispute d ON d.id = p.case_id
            WHERE p.{field} = ? AND p.case_id != ? AND {open_entry("d")}
            ORDER BY d.case_no""",
        (value, case_id),
    )
    return [r["case_no"] for r in rows]


def all_party_keys(ledger: Ledger) -> dict[tuple[str, int], sqlite3.Row]:
    """(case_no, no) → stored party, for an import."""
    rows = ledger.all("SELECT p.*, d.case_no FROM party p JOIN dispute d ON d.id = p.case_id")
    return {(r["case_no"], r["no"]): r for r in rows}
