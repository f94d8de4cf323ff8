"""Tamper evidence: a hash chain over the audit log and a seal over every row the program writes.

- Each audit entry carries ``prev_hash`` (the SHA-256 of the entry before it, from the ledger's head, so that deleting
  the last entries and writing again still breaks the chain) and ``hash`` (the SHA-256 of ``prev_hash`` and its own
  fields).
- Each row of ``org``, ``mediator``, ``dispute`` and ``screening`` carries ``seal``: the SHA-256 of its columns. Rows
  are resealed when the program's own transaction commits: temporary triggers (which exist only in the program's own
  connection, so an edit made with ``sqlite3`` does not fire them) note which rows it inserted or changed.
- ``seal_head`` (one row) keeps the last audit entry and the row count of each sealed table, counted from the
  program's own inserts and deletes, so a deleted row or an emptied audit table shows.

``db check`` (ledger/checks.py) recomputes all of it. This catches edits made behind the program's back by anyone who
does not also rewrite the hashes with this module's recipe; it is evidence, not a lock.
"""

from __future__ import annotations

import hashlib
import sqlite3

# table -> the column that names a row in a message
SEALED: dict[str, str] = {"org": "code", "mediator": "staff_no", "dispute": "case_no", "screening": "id"}
GENESIS = ""


def row_seal(*values) -> str:
    h = hashlib.sha256()
    for v in values:
        if v is None:
            h.update(b"\x00N")
        elif isinstance(v, int):
            h.update(b"\x00I" + str(v).encode())
        elif isinstance(v, float):
            h.update(b"\x00F" + repr(v).encode())
        elif isinstance(v, bytes):
            h.update(b"\x00B" + v)
        else:
            h.update(b"\x00T" + str(v).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def entry_hash(prev: str, entry_id: int, at, operator, entity, ref, action, before, after) -> str:
    return row_seal(prev, entry_id, at, operator, entity, ref, action, before, after)


def has_seals(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seal_head'").fetchone()
    )


def sealed_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The stored columns of ``table`` in table order (not the generated ones, not ``seal``)."""
    return [r[1] for r in conn.execute(f"PRAGMA main.table_xinfo({table})") if r[6] == 0 and r[1] != "seal"]


def seal_expr(conn: sqlite3.Connection, table: str, alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return "row_seal(" + ", ".join(f"{prefix}[{c}]" for c in sealed_columns(conn, table)) + ")"


def install(conn: sqlite3.Connection, *, triggers: bool = True) -> None:
    """Register ``row_seal`` on the connection and, on a sealed ledger opened for writing, the temporary triggers that
    note the rows the program writes (a read-only connection may create no temporary table)."""
    conn.create_function("row_seal", -1, row_seal, deterministic=True)
    if not triggers or not has_seals(conn):
        return
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS _touched(tbl TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (tbl, id)) "
        "WITHOUT ROWID"
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _counted(tbl TEXT PRIMARY KEY, delta INTEGER NOT NULL)")
    for t in SEALED:
        conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS _seal_ins_{t} AFTER INSERT ON main.{t} BEGIN "
            f"INSERT OR IGNORE INTO _touched VALUES ('{t}', NEW.id); "
            f"INSERT INTO _counted VALUES ('{t}', 1) ON CONFLICT(tbl) DO UPDATE SET delta = delta + 1; END"
        )
        conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS _seal_upd_{t} AFTER UPDATE ON main.{t} BEGIN "
            f"INSERT OR IGNORE INTO _touched VALUES ('{t}', NEW.id); END"
        )
        conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS _seal_del_{t} AFTER DELETE ON main.{t} BEGIN "
            f"INSERT INTO _counted VALUES ('{t}', -1) ON CONFLICT(tbl) DO UPDATE SET delta = delta - 1; END"
        )


def seal_pending(conn: sqlite3.Connection) -> None:
    """Inside the program's transaction, before COMMIT: seal the rows it wrote, move the counts and the audit head."""
    touched = conn.execute("SELECT DISTINCT tbl FROM temp._touched").fetchall()
    counted = dict(conn.execute("SELECT tbl, delta FROM temp._counted").fetchall())
    for (t,) in touched:
        conn.execute(
            f"UPDATE main.{t} SET seal = {seal_expr(conn, t)} WHERE id IN (SELECT id FROM temp._touched WHERE tbl = ?)",
            (t,),
        )
    conn.execute("DELETE FROM temp._touched")
    conn.execute("DELETE FROM temp._counted")
    if counted:
        sets = ", ".join(f"{t}_rows = {t}_rows + ?" for t in counted)
        conn.execute(f"UPDATE seal_head SET {sets} WHERE id = 1", list(counted.values()))


def head(conn: sqlite3.Connection) -> sqlite3.Row | tuple | None:
    return conn.execute(
        "SELECT audit_id, audit_hash, org_rows, mediator_rows, dispute_rows, screening_rows FROM seal_head WHERE id = 1"
    ).fetchone()


def next_audit(conn: sqlite3.Connection) -> tuple[int, str]:
    """(id, prev_hash) for the next audit entry: from the head, not from the table's last row."""
    row = conn.execute("SELECT audit_id, audit_hash FROM seal_head WHERE id = 1").fetchone()
    if row is None:
        return 1, GENESIS
    return row[0] + 1, row[1]


def set_audit_head(conn: sqlite3.Connection, entry_id: int, entry: str) -> None:
    conn.execute("UPDATE seal_head SET audit_id = ?, audit_hash = ? WHERE id = 1", (entry_id, entry))


def seal_everything(conn: sqlite3.Connection) -> None:
    """Migration: chain the audit rows there are, seal every row, and write the head."""
    conn.create_function("row_seal", -1, row_seal, deterministic=True)
    prev, last_id = GENESIS, 0
    rows = conn.execute(
        "SELECT id, at, operator, entity, ref, action, before, after FROM audit ORDER BY id"
    ).fetchall()
    for r in rows:
        h = entry_hash(prev, *r)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, r[0]))
        prev, last_id = h, r[0]
    for t in SEALED:
        conn.execute(f"UPDATE {t} SET seal = {seal_expr(conn, t)}")
    counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in SEALED]
    conn.execute(
        "INSERT OR REPLACE INTO seal_head(id, audit_id, audit_hash, org_rows, mediator_rows, dispute_rows, "
        "screening_rows) VALUES (1, ?, ?, ?, ?, ?, ?)",
        (last_id, prev, *counts),
    )
