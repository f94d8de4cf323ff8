"""Opening the ledger file: refuse what is not a ledger, create a new one (0600, WAL), migrate an older one.

A refused file is never written to: it is inspected read-only before anything else happens.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mediation_cli.errors import LedgerRefused
from mediation_cli.ledger import seal
from mediation_cli.ledger.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


def _refuse(path: Path, en: str, zh: str) -> LedgerRefused:
    return LedgerRefused(f"{path}: {en}", f"{path}：{zh}")


def inspect_file(path: Path, query: str | None = None) -> tuple[bool, int]:
    """(is new, schema version) of the file, read-only; raises LedgerRefused for a foreign or newer file.

    Nothing is created beside a file that is refused: without a ``-wal`` beside it the file is read as immutable (no
    ``-wal``/``-shm``, no lock); with one, a plain read-only connection reads what the WAL holds too. ``query``, when
    given, is the URI parameters to open it with instead (the rollup's)."""
    if not path.exists() or path.stat().st_size == 0:
        return True, 0
    if path.is_dir():
        raise _refuse(path, "is a directory, not a ledger file", "是目录，不是台账文件")
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise _refuse(
                path,
                "is not a mediation ledger (not an SQLite file); left untouched",
                "不是调解台账文件（不是 SQLite 数据库），未作任何改动",
            )
    wal = Path(str(path) + "-wal")
    mode = query or ("mode=ro" if wal.exists() else "mode=ro&immutable=1")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise _refuse(
            path,
            f"cannot be read as a ledger ({e}); left untouched",
            f"无法作为台账读取（{e}），未作任何改动",
        ) from None
    if app_id == 0 and tables == 0:
        return True, 0
    if app_id != APPLICATION_ID:
        raise _refuse(
            path,
            "is an SQLite file but not a mediation ledger; left untouched",
            "是 SQLite 数据库但不是调解台账，未作任何改动",
        )
    if version > SCHEMA_VERSION:
        raise _refuse(
            path,
            f"was written by a newer mediation-cli (schema {version}, this program knows {SCHEMA_VERSION}); upgrade the program",
            f"由较新版本的 mediation-cli 写入（结构版本 {version}，本程序为 {SCHEMA_VERSION}），请升级程序",
        )
    return False, version


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")


def _is_python_step(statement: str) -> bool:
    return bool(re.fullmatch(r"[\w.]+:\w+", statement))


def _migrate(conn: sqlite3.Connection, current: int, migrations=None) -> None:
    """Apply every pending migration in ONE transaction: a failure anywhere leaves the file as it was (schema, rows
    and ``user_version``). ``_sqlite_migrations`` keeps the record sqlite-utils kept for the first versions."""
    import importlib

    migrations = MIGRATIONS if migrations is None else migrations
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[
            0
        ]  # another process may have migrated meanwhile
        conn.execute(
            "CREATE TABLE IF NOT EXISTS [_sqlite_migrations] ([id] INTEGER PRIMARY KEY, [migration_set] TEXT, "
            "[name] TEXT, [applied_at] TEXT)"
        )
        conn.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS [idx__sqlite_migrations_migration_set_name] "
            "ON [_sqlite_migrations] ([migration_set], [name])"
        )
        for number, (name, statements) in enumerate(migrations, start=1):
            if number <= current:
                continue
            for sql in statements:
                if _is_python_step(sql):
                    module, func = sql.split(":")
                    getattr(importlib.import_module(module), func)(conn)
                else:
                    conn.execute(sql)
            if number == 1:
                from mediation_cli.ledger.seed import seed_code_tables

                seed_code_tables(conn)
            conn.execute(
                "INSERT OR IGNORE INTO _sqlite_migrations(migration_set, name, applied_at) VALUES (?,?,?)",
                ("mediation", name, str(datetime.now(UTC))),
            )
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Ledger:
    """An open ledger: the connection, who is writing, and the clock."""

    def __init__(self, conn: sqlite3.Connection, path: Path, operator: str, *, writable: bool = True):
        self.conn = conn
        self.path = path
        self.operator = operator
        self._snapshot = False
        seal.install(conn, triggers=writable)
        self.sealed = seal.has_seals(conn)

    # -- reading in one snapshot ------------------------------------------------------------------------------------
    def begin_snapshot(self) -> None:
        """Hold one read transaction until the command ends (or writes): every query of a report sees the same
        ledger, whatever other processes commit meanwhile."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read starts here
            self._snapshot = True

    def end_snapshot(self) -> None:
        if self._snapshot:
            self._snapshot = False
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------------------------
    @contextmanager
    def write(self, *, rollback: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction for one command's writes: all of it lands or none of it. ``rollback`` (a dry run) does the
        work and then undoes it, so that a dry run meets every check a real run would."""
        self.end_snapshot()
        if self.conn.in_transaction:
            if not rollback:
                yield self.conn
                return
            self.conn.execute("SAVEPOINT dry_run")
            try:
                yield self.conn
            finally:
                self.conn.execute("ROLLBACK TO dry_run")
                self.conn.execute("RELEASE dry_run")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            if not rollback and self.sealed:
                seal.seal_pending(self.conn)
        except BaseException:
            self._rollback()
            raise
        else:
            if rollback:
                self._rollback()
            else:
                self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        """Undo the transaction. SQLite may have rolled it back already (a full disk, SQLITE_FULL): then there is
        nothing to undo, and the error that caused it is the one to show, not "cannot rollback"."""
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
        if self.sealed:
            with suppress(sqlite3.Error):
                self.conn.execute("DELETE FROM temp._touched")
                self.conn.execute("DELETE FROM temp._counted")

    def audit(
        self, entity: str, ref: str | None, action: str, before: dict | None = None, after: dict | None = None
    ) -> None:
        self.audit_many([(entity, ref, action, before, after)], at=now_iso())

    def audit_many(
        self, rows: list[tuple[str, str | None, str, dict | None, dict | None]], at: str | None = None
    ) -> None:
        """Append entries to the audit log, each chained to the one before it (ledger/seal.py)."""
        at = at or now_iso()
        if not self.sealed:
            self.conn.executemany(
                "INSERT INTO audit(at, operator, entity, ref, action, before, after) VALUES (?,?,?,?,?,?,?)",
                [(at, self.operator, e, r, a, _dump(b), _dump(af)) for e, r, a, b, af in rows],
            )
            return
        entry_id, prev = seal.next_audit(self.conn)
        values = []
        for e, r, a, b, af in rows:
            fields = (at, self.operator, e, r, a, _dump(b), _dump(af))
            h = seal.entry_hash(prev, entry_id, *fields)
            values.append((entry_id, *fields, prev, h))
            prev = h
            entry_id += 1
        self.conn.executemany(
            "INSERT INTO audit(id, at, operator, entity, ref, action, before, after, prev_hash, hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            values,
        )
        if values:
            seal.set_audit_head(self.conn, values[-1][0], values[-1][-1])

    def audit_trail(self, entity: str, ref: str) -> list[dict]:
        """The audit entries of one entity, oldest first, with before/after decoded."""
        rows = self.all("SELECT * FROM audit WHERE entity = ? AND ref = ? ORDER BY id", (entity, ref))
        return [
            {
                "at": r["at"],
                "operator": r["operator"],
                "action": r["action"],
                "before": json.loads(r["before"]) if r["before"] else None,
                "after": json.loads(r["after"]) if r["after"] else None,
            }
            for r in rows
        ]

    def schema_version(self) -> int:
        return self.scalar("PRAGMA user_version")

    def counts(self) -> dict[str, int]:
        """Rows of the main tables (db info)."""
        tables = {"orgs": "org", "mediators": "mediator", "cases": "dispute", "screenings": "screening"}
        return {k: self.scalar(f"SELECT count(*) FROM {t}") for k, t in tables.items()}

    # -- reading -------------------------------------------------------------------------------------------------
    def one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    def all(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        try:
            self.end_snapshot()
            pending = "SELECT 1 FROM temp._touched UNION ALL SELECT 1 FROM temp._counted"
            # a write made outside write() (autocommit) still gets its rows sealed
            if self.sealed and not self.conn.in_transaction and self.conn.execute(pending).fetchone():
                self.conn.execute("BEGIN IMMEDIATE")
                seal.seal_pending(self.conn)
                self.conn.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            self.conn.close()


def _dump(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def now_iso() -> str:
    """Local wall-clock time, to the second (entered_at, audit): the clerk's calendar day is what counts."""
    fixed = os.environ.get("MEDIATION_NOW")
    if fixed:
        return fixed
    return datetime.now().replace(microsecond=0).isoformat()


def open_ledger(path: Path, operator: str, *, create: bool = True) -> Ledger:
    """Open (creating or migrating as needed) the ledger at ``path``."""
    is_new, version = inspect_file(path)
    if is_new and not create:
        raise _refuse(
            path,
            "no ledger here yet — create one with `mediation init`",
            "此处尚无台账——请先运行 `mediation init` 创建",
        )
    if is_new:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(path, 0o600)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    _configure(conn)
    if is_new:
        conn.execute("PRAGMA journal_mode = WAL")
    if version < SCHEMA_VERSION:
        _migrate(conn, version)
    return Ledger(conn, path, operator)


# The tables (and their columns) the read-only reports of `mediation rollup` read: a ledger of an older schema is
# read only if it has them all, and it is never migrated.
READ_ONLY_NEEDS = {
    "org": ("id", "code", "name", "kind", "parent_id", "established_on", "dissolved_on"),
    "mediator": ("id", "org_id", "gender", "ethnicity", "joined_on", "left_on"),
    "employment": ("mediator_id", "effective_from", "employment"),
    "category": ("code", "stat_category"),
    "screening": ("org_id", "screened_on"),
    "config": ("key", "value"),
    "dispute": (
        "org_id",
        "received_on",
        "source",
        "category",
        "status",
        "outcome",
        "agreement",
        "agreement_fen",
        "amount_fen",
        "entry_lag",
        "entered_on",
    ),
}


def open_read_only(path: Path) -> Ledger:
    """Open the ledger at ``path`` for reading only, as a received file: never created, migrated or written, and no
    -wal/-shm file is made beside it.

    A file at rest (no -wal beside it, the way the program leaves one) is opened ``immutable``: SQLite takes no locks
    and makes no files. One with a -wal beside it (a writer did not close, or is still at work) is opened
    ``mode=ro``, so that the writes in the -wal are seen; its -wal and -shm exist already. A foreign, newer, empty or
    older-but-incomplete file is refused with one line (LedgerRefused, exit 1)."""
    wal = Path(f"{path}-wal")
    query = "mode=ro" if wal.exists() and wal.stat().st_size > 0 else "immutable=1"
    is_new, version = inspect_file(path, query)
    if is_new:
        raise _refuse(path, "is not a ledger (missing or empty)", "不是台账文件（不存在或为空）")
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?{query}", uri=True, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    for table, columns in READ_ONLY_NEEDS.items():
        have = {r[1] for r in conn.execute("SELECT * FROM pragma_table_xinfo(?)", (table,))}
        lacking = [c for c in columns if c not in have]
        if lacking:
            conn.close()
            raise _refuse(
                path,
                f"schema {version} lacks {table}.{lacking[0]}; cannot be read — left untouched",
                f"结构版本 {version} 缺少 {table}.{lacking[0]}，无法读取——未作任何改动",
            )
    return Ledger(conn, path, "read-only", writable=False)
