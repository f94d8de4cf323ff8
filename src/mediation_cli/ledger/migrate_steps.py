"""Python steps of migrations that add a column to a sealed table (ledger/seal.py seals every stored column).

Adding a column changes every row's seal recipe. A row whose seal was right before the column came is resealed with
the new column; a row whose seal was already wrong (edited behind the program's back) keeps its wrong seal, so the
migration does not launder tampering: `db check` still names it."""

from __future__ import annotations

import sqlite3

from mediation_cli.ledger import seal


def reseal_after_new_column(conn: sqlite3.Connection, table: str, column: str) -> int:
    """Reseal the rows of ``table`` whose seal matched their columns without ``column``; returns how many."""
    if not seal.has_seals(conn):
        return 0
    conn.create_function("row_seal", -1, seal.row_seal, deterministic=True)
    cols = seal.sealed_columns(conn, table)
    old = "row_seal(" + ", ".join(f"[{c}]" for c in cols if c != column) + ")"
    new = "row_seal(" + ", ".join(f"[{c}]" for c in cols) + ")"
    return conn.execute(f"UPDATE {table} SET seal = {new} WHERE seal = {old}").rowcount


def reseal_mediator_role(conn: sqlite3.Connection) -> None:
    """Migration 008 (008_confirmation_roles_categories): mediator gained ``role``."""
    reseal_after_new_column(conn, "mediator", "role")
