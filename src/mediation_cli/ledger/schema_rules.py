"""Migrations of issue 15's rules: the settled cases' index for --as-of pictures, and the real write time of a
back-filled case (应录必录). Appended to ``schema.MIGRATIONS`` after the data model's; never edited once released."""

from __future__ import annotations

RULES_MIGRATIONS: list[tuple[str, list[str]]] = []

RULES_MIGRATIONS.append(
    (
        # --as-of D is a picture of D (issue 15): a case settled after D was pending on D. The settled cases by the day
        # they were settled (outcome_on, else closed_on) let `remind` and `case list --stalled` find those few without
        # reading every settled case; the WHERE is ledger.predicates.SETTLED_SQL verbatim. received_on rides along so
        # that "settled after D and received before the stall cut-off" is answered inside the index (measured at 1M
        # cases: `case list --stalled --as-of 2024-04-30` 3.0 s → 0.67 s, a lookup of each settled case saved).
        "009_settled_index",
        [
            "CREATE INDEX dispute_settled ON dispute(coalesce(outcome_on, closed_on), received_on) "
            "WHERE status NOT IN ('received', 'mediating')",
        ],
    )
)

RULES_MIGRATIONS.append(
    (
        # 应录必录, 杜绝年底突击录入 (issue 15): an import may claim when a case was entered (entered_at, for historical
        # data); the program keeps when it really wrote the rows, so that a year-end back-fill dated as if entered on
        # time is flagged in the timeliness bulletin. One row per run of consecutive case ids whose entered_at was
        # claimed (the claim is the case's entered_at): a file of a million claimed rows adds forty rows, not a million.
        "010_case_backfill",
        [
            """CREATE TABLE case_backfill (
                id INTEGER PRIMARY KEY,
                first_id INTEGER NOT NULL,
                last_id INTEGER NOT NULL,
                written_at TEXT NOT NULL
            )""",
        ],
    )
)
