"""Migrations of issue 10 (region scale). Appended after the views (schema.py), in release order; never edited once
released — a change of the sources the statistics form counts (domain.taxonomy.SOURCE_STAT) needs a migration of its
own that redefines the columns (tests/test_stat_columns.py fails until it does)."""

from __future__ import annotations

from mediation_cli.domain.taxonomy import SOURCE_STAT

# The statistics table counts, per (org, category), five yes/no facts of each case (succeeded; proactive; entrusted;
# a written agreement; an oral one) and sums one amount. Evaluating those conditions on a million index entries was
# most of `report statistics --year` (0.85 s of SQL at 1M cases). SQLite computes them instead when a case is
# written, as virtual generated columns kept in the covering index: each fact is a bit field of FIELD_BITS bits, so a
# group's sum of the column is every fact's count at once (no field carries into the next while the group holds
# fewer than 2**FIELD_BITS cases; reports.statistics checks the count and falls back to the plain conditions).
FIELD_BITS = 21


def sources_of(stat: str) -> str:
    """The sources the statistics form counts as ``stat`` (proactive, entrusted), as an SQL list: ``('a', 'b')``."""
    codes = sorted(code for code, key in SOURCE_STAT.items() if key == stat)
    return "(" + ", ".join(f"'{c}'" for c in codes) + ")"


SUCCEEDED = "(status IS 'succeeded' OR (status IS 'closed' AND outcome IS 'succeeded'))"
STAT_FACTS = (
    f"{SUCCEEDED} + (ifnull(source IN {sources_of('proactive')}, 0) << {FIELD_BITS})"
    f" + (ifnull(source IN {sources_of('entrusted')}, 0) << {2 * FIELD_BITS})"
)
STAT_AGREEMENTS = f"(agreement IS 'written') + ((agreement IS 'oral') << {FIELD_BITS})"
# the agreement amount of a successful case with an agreement (协议涉及金额): the agreed sum, else the disputed one
STAT_AGREEMENT_FEN = (
    "CASE WHEN agreement IS NOT NULL AND (status IS 'succeeded' OR outcome IS 'succeeded') "
    "THEN coalesce(agreement_fen, amount_fen) END"
)

SCALE_MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        # report statistics --year at 1M cases: the form's conditions computed once per write, read from the index
        # (dispute_stats narrows from nine columns to six: the old one held source, status, outcome and agreement
        # only for the conditions). Measured in bench/PLANS.md, "Issue 10, third pass".
        "012_stat_columns",
        [
            f"ALTER TABLE dispute ADD COLUMN stat_facts INTEGER GENERATED ALWAYS AS ({STAT_FACTS}) VIRTUAL",
            f"ALTER TABLE dispute ADD COLUMN stat_agreements INTEGER GENERATED ALWAYS AS ({STAT_AGREEMENTS}) VIRTUAL",
            f"ALTER TABLE dispute ADD COLUMN stat_agreement_fen INTEGER GENERATED ALWAYS AS ({STAT_AGREEMENT_FEN}) "
            "VIRTUAL",
            "DROP INDEX dispute_stats",
            "CREATE INDEX dispute_stats ON dispute(org_id, category, received_on, stat_facts, stat_agreements, "
            "stat_agreement_fen)",
            # remind's screening_no_case (应录必录): the screenings that found disputes, by day, and whether a case was
            # opened from each by the date, answered inside the indexes (at 1M cases and 780,000 screenings: 0.57 s
            # → see bench/PLANS.md; it read every screening of 90 days and each linked case's row).
            "DROP INDEX dispute_screening",
            "CREATE INDEX dispute_screening ON dispute(screening_id, received_on) WHERE screening_id IS NOT NULL",
            "CREATE INDEX screening_found ON screening(screened_on, org_id) WHERE found > 0",
        ],
    )
]
