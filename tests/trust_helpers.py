"""Shared by the trust suites (issue 12): the installed console script, a sample ledger, a content hash."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent / "mediation"
TABLES = (
    "org",
    "mediator",
    "employment",
    "dispute",
    "case_mediator",
    "case_event",
    "screening",
    "audit",
    "config",
)

# `case add` of a valid case at the sample's T01, to which a test adds its own fields.
CASE_ADD = (
    "case", "add", "--org", "T01", "--received-on", "2024-06-01", "--category", "邻里关系", "--source", "application",
)  # fmt: skip


def mediation(db: Path, *args, env_extra=None, timeout=120, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "MEDIATION_LANG": "en", **(env_extra or {})}
    return subprocess.run(
        [str(BIN), "--db", str(db), *[str(a) for a in args]],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        **kw,
    )


def content(db: Path) -> tuple[str, dict[str, int], str]:
    """(integrity_check, row counts, SHA-256 over every row of the main tables in rowid order)."""
    conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        counts, h = {}, hashlib.sha256()
        for t in TABLES:
            rows = conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            counts[t] = len(rows)
            for r in rows:
                h.update(repr(r).encode())
        return integrity, counts, h.hexdigest()
    finally:
        conn.close()
