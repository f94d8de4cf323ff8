"""Code tables a new ledger starts with (the plan's dispute categories and their statistics mapping)."""

from __future__ import annotations

import sqlite3

from mediation_cli.domain.taxonomy import CATEGORIES


def seed_code_tables(conn: sqlite3.Connection) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO category(code, zh, en, grp, stat_category, builtin) VALUES (?,?,?,?,?,1)",
        CATEGORIES,
    )
