"""Opening the ledger file: refuse what is not a ledger, create a new one (0600, WAL), migrate an older one.

A refused file is never written to: it is inspected read-only before anything else happens.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from mediation_cli.errors import LedgerRefused
from mediation_cli.ledger.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


def _refuse(path: Path, en: str, zh: str) -> LedgerRefused:
    return LedgerRefused(f"{path}: {en}", f"{path}：{zh}")


def _inspect(path: Path, query: str = "mode=ro") -> tuple[bool, int]:
    """(is new, schema version) of the file, read-only (``query``: the URI parameters it is opened with); raises
    LedgerRefused for a foreign or newer file."""
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
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
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


def _migrate(conn: sqlite3.Connection, current: int) -> None:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("mediation")
    for number, (name, statements) in enumerate(MIGRATIONS, start=1):

        def apply(db, statements=statements, number=number):
            for sql in statements:
                db.execute(sql)
            if number == 1:
                from mediation_cli.ledger.seed import seed_code_tables

                seed_code_tables(db.conn)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

        migrations(name=name)(apply)
    migrations.apply(sqlite_utils.Database(conn))


class Ledger:
    """An open ledger: the connection, who is writing, and the clock."""

    def __init__(self, conn: sqlite3.Connection, path: Path, operator: str):
        self.conn = conn
        self.path = path
        self.operator = operator

    # -- writing -------------------------------------------------------------------------------------------------
    @contextmanager
    def write(self, *, rollback: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction for one command's writes: all of it lands or none of it. ``rollback`` (a dry run) does the
        work and then undoes it, so that a dry run meets every check a real run would."""
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
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("ROLLBACK" if rollback else "COMMIT")

    def audit(
        self, entity: str, ref: str | None, action: str, before: dict | None = None, after: dict | None = None
    ) -> None:
        self.conn.execute(
            "INSERT INTO audit(at, operator, entity, ref, action, before, after) VALUES (?,?,?,?,?,?,?)",
            (now_iso(), self.operator, entity, ref, action, _dump(before), _dump(after)),
        )

    def audit_many(self, rows: list[tuple[str, str | None, str, dict | None, dict | None]]) -> None:
        at = now_iso()
        self.conn.executemany(
            "INSERT INTO audit(at, operator, entity, ref, action, before, after) VALUES (?,?,?,?,?,?,?)",
            [(at, self.operator, e, r, a, _dump(b), _dump(af)) for e, r, a, b, af in rows],
        )

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
    is_new, version = _inspect(path)
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
    is_new, version = _inspect(path, query)
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
    return Ledger(conn, path, "read-only")
