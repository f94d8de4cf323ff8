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
import operator
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

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
        for sql in _triggers(t):
            conn.execute(sql)


def _triggers(t: str) -> tuple[str, str, str]:
    return (
        f"CREATE TEMP TRIGGER IF NOT EXISTS _seal_ins_{t} AFTER INSERT ON main.{t} BEGIN "
        f"INSERT OR IGNORE INTO _touched VALUES ('{t}', NEW.id); "
        f"INSERT INTO _counted VALUES ('{t}', 1) ON CONFLICT(tbl) DO UPDATE SET delta = delta + 1; END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS _seal_upd_{t} AFTER UPDATE ON main.{t} BEGIN "
        f"INSERT OR IGNORE INTO _touched VALUES ('{t}', NEW.id); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS _seal_del_{t} AFTER DELETE ON main.{t} BEGIN "
        f"INSERT INTO _counted VALUES ('{t}', -1) ON CONFLICT(tbl) DO UPDATE SET delta = delta - 1; END",
    )


@contextmanager
def sealed_insert(conn: sqlite3.Connection, table: str, rows: int, unsealed: list[int]) -> Iterator[None]:
    """Inside the program's transaction: an insert of ``rows`` new rows of ``table`` that carry their seal already
    (``Sealer``), so the insert trigger is dropped meanwhile and does no work per row. Afterwards the trigger is
    back, the rows are counted for ``seal_head`` as the trigger would have counted them, and the ids in ``unsealed``
    (rows ``Sealer`` could not seal) are noted for ``seal_pending`` to seal from what was stored.

    All or nothing (a savepoint): if the insert fails, the rows it had written are undone with the trigger's
    dropping, so no row is left uncounted or unsealed even if the caller goes on with the transaction."""
    conn.execute("SAVEPOINT sealed_insert")
    try:
        conn.execute(f"DROP TRIGGER IF EXISTS temp._seal_ins_{table}")
        yield
        conn.execute(_triggers(table)[0])
        if rows:
            conn.execute(
                "INSERT INTO temp._counted VALUES (?, ?) "
                "ON CONFLICT(tbl) DO UPDATE SET delta = delta + excluded.delta",
                (table, rows),
            )
        conn.executemany("INSERT OR IGNORE INTO temp._touched VALUES (?, ?)", [(table, i) for i in unsealed])
    except BaseException:
        # SQLite may have rolled the whole transaction back already (a full disk): then so is the savepoint
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK TO sealed_insert")
            conn.execute("RELEASE sealed_insert")
        raise
    conn.execute("RELEASE sealed_insert")


_LITERAL = re.compile(r"NULL|[-+]?\d+|'(?:[^']|'')*'", re.IGNORECASE)
_NONE = type(None)


class Sealer:
    """``row_seal`` of a row about to be inserted into ``table``, computed in Python: the digest ``row_seal`` gives of
    the row as stored, when SQLite stores every value unchanged — an ``int`` in an INTEGER column, a ``str`` in a TEXT
    one, or ``None``. For any other row (a float, a bool, a number in a TEXT column, a column of another affinity, a
    left-out column whose default is not such a literal) it returns ``None``: that row is to be sealed from what was
    stored, as any other write is.

    ``given`` names the values of the rows it is handed, in their order (the insert's columns); each sealed column
    not among them gets its default. Rows are fed to SHA-256 exactly as ``row_seal`` feeds them, with one format
    string per pattern of value types (which columns are NULL) and the left-out columns written into it."""

    def __init__(self, conn: sqlite3.Connection, table: str, given: list[str]):
        self._plan: list[tuple[int, type | None] | str | None] = []
        for r in conn.execute(f"PRAGMA main.table_xinfo({table})"):
            name, declared, default = r[1], r[2], r[4]
            if r[6] != 0 or name == "seal":
                continue
            kind = _storage_type(declared)
            if name in given:
                self._plan.append((given.index(name), kind))
            elif default is None:
                self._plan.append("\x00N")
            elif _LITERAL.fullmatch(default):
                self._plan.append(_constant(conn.execute(f"SELECT {default}").fetchone()[0], kind))
            else:
                self._plan.append(None)
        self._width = len(given)
        self._formats: dict[tuple, tuple[str, Callable] | None] = {}

    def __call__(self, row: tuple) -> str | None:
        types = tuple(map(type, row))
        try:
            how = self._formats[types]
        except KeyError:
            how = self._formats[types] = self._format(types)
        if how is None:
            return None
        fmt, values = how
        return hashlib.sha256((fmt % values(row)).encode("utf-8", "surrogatepass")).hexdigest()

    def _format(self, types: tuple) -> tuple[str, Callable] | None:
        if len(types) != self._width:
            return None
        parts, keep = [], []
        for step in self._plan:
            if step is None:
                return None
            if isinstance(step, str):
                parts.append(step)
                continue
            i, kind = step
            t = types[i]
            if t is _NONE:
                parts.append("\x00N")
            elif t is kind is int:
                parts.append("\x00I%d")
                keep.append(i)
            elif t is kind is str:
                parts.append("\x00T%s")
                keep.append(i)
            else:
                return None
        return "".join(parts), (operator.itemgetter(*keep) if keep else lambda row: ())


def _constant(value, kind: type | None) -> str | None:
    """A left-out column's default as ``row_seal`` encodes it, escaped for a format string (None: not sealable)."""
    if value is None:
        return "\x00N"
    if type(value) is kind is int:
        return f"\x00I{value}"
    if type(value) is kind is str:
        return "\x00T" + value.replace("%", "%%")
    return None


def _storage_type(declared: str) -> type | None:
    """The Python type a value must have to be stored unchanged in a column of this declared type (SQLite's rules
    of column affinity): int for INTEGER affinity, str for TEXT; None for the others (REAL, NUMERIC, BLOB)."""
    d = declared.upper()
    if "INT" in d:
        return int
    if "CHAR" in d or "CLOB" in d or "TEXT" in d:
        return str
    return None


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
