"""Migrations of issue 14: the ledger made browsable without the program (ledger/views.py). Appended after the
migrations before it, in release order (schema.py)."""

from __future__ import annotations

VIEW_MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        # Views with Chinese names and columns (台账_案件, 台账_调解组织, 台账_调解员, 台账_排查): org names, labels,
        # amounts in 元, ID numbers and phones masked (ledger/views.py). No table changes; dropping the views undoes it.
        "011_browsable_views",
        ["mediation_cli.ledger.views:create_views"],
    )
]
