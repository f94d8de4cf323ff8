"""`db backup` and `db restore FILE`: a consistent copy while writers go on; a checked restore that keeps the ledger
it replaces and never lets a stale -wal touch the result.

Backup: one snapshot (VACUUM INTO reads in one transaction) into a temporary file beside the target, fsynced and
renamed: a killed backup never leaves a half file under the real name.

Order: the backup is copied to a temporary file beside the ledger and checked there (an SQLite file, a mediation
ledger, not from a newer schema, ``integrity_check`` ok, switched to WAL); the current ledger is checkpointed (so its
-wal is folded in) and renamed to ``NAME.replaced-YYYYmmddTHHMMSS`` (its -wal/-shm, if any are left, go with it); then
the checked copy is renamed into place. Nothing is changed when the backup is refused.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from mediation_cli.errors import LedgerRefused, MediationError, quote

SIDES = ("-wal", "-shm", "-journal")


def _refuse(source: Path, en: str, zh: str) -> LedgerRefused:
    return LedgerRefused(
        f"restore: {quote(str(source))} {en}; the ledger was not changed",
        f"restore：{quote(str(source))} {zh}；台账未作改动",
    )


def check_backup(path: Path, shown: Path) -> int:
    """The schema version of a checked backup copy at ``path``; refuses anything that is not a sound ledger."""
    from mediation_cli.ledger.db import inspect_file
    from mediation_cli.ledger.schema import APPLICATION_ID

    try:
        is_new, version = inspect_file(path)
    except LedgerRefused as e:
        raise _refuse(
            shown, f"is not a ledger this program can restore ({e.en})", f"不是可恢复的台账（{e.zh}）"
        ) from None
    if is_new:
        raise _refuse(shown, "is empty, not a ledger", "是空文件，不是台账")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise _refuse(shown, "is not a mediation ledger", "不是调解台账")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise _refuse(
                shown, f"fails the integrity check ({problems[0]})", f"未通过完整性检查（{problems[0]}）"
            )
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as e:
        raise _refuse(shown, f"cannot be read as a ledger ({e})", f"无法作为台账读取（{e}）") from None
    finally:
        conn.close()
    return version


def restore_ledger(source: Path, ledger: Path) -> Path | None:
    """Replace ``ledger`` by a checked copy of ``source``; returns where the replaced ledger was kept (None if there
    was none)."""
    source, ledger = Path(source), Path(ledger)
    if not source.is_file():
        raise _refuse(source, "does not exist", "不存在")
    if ledger.exists() and os.path.samefile(source, ledger):
        raise _refuse(source, "is the ledger itself", "就是当前台账本身")
    folder = ledger.parent if str(ledger.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{ledger.name}.", suffix=".restore")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with open(source, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
        check_backup(tmp, source)
        for side in SIDES:
            Path(str(tmp) + side).unlink(missing_ok=True)
        kept = _set_aside(ledger)
        os.replace(tmp, ledger)
        os.chmod(ledger, 0o600)
        _fsync_dir(folder)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise MediationError(
            f"restore: cannot write beside {quote(str(ledger))}: {e.strerror}; the ledger was not changed",
            f"restore：无法在 {quote(str(ledger))} 旁写入：{e.strerror}；台账未作改动",
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        for side in SIDES:
            Path(str(tmp) + side).unlink(missing_ok=True)
        raise
    return kept


def _set_aside(ledger: Path) -> Path | None:
    """Fold the current ledger's -wal into it and rename it (and any side files left) to NAME.replaced-TIMESTAMP."""
    if not ledger.exists():
        for side in SIDES:  # side files of no ledger: stale, and they would corrupt the restored one
            Path(str(ledger) + side).unlink(missing_ok=True)
        return None
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    kept = ledger.with_name(f"{ledger.name}.replaced-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = ledger.with_name(f"{ledger.name}.replaced-{stamp}-{n}")
    try:
        conn = sqlite3.connect(ledger, isolation_level=None, timeout=30)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged ledger is kept as it is, side files and all
    os.replace(ledger, kept)
    for side in SIDES:
        s = Path(str(ledger) + side)
        if s.exists():
            os.replace(s, Path(str(kept) + side))
    return kept


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_ledger(ledger, target: Path, *, force: bool = False) -> None:
    """Write a consistent copy of ``ledger`` to ``target`` (0600), whole or not at all."""
    import os

    from mediation_cli.files import atomic_path

    ledger.end_snapshot()  # VACUUM INTO runs outside a transaction
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)  # a backup folder is made as it always was
    with atomic_path(target, force=force, opt="backup") as tmp:
        ledger.conn.execute("VACUUM INTO ?", (str(tmp),))
        os.chmod(tmp, 0o600)
        Path(str(tmp) + "-journal").unlink(missing_ok=True)
