"""The statistics table's packed columns (migration 012) count exactly what the form's conditions count, for any mix
of statuses, outcomes, sources, agreements and amounts (NULLs included); a ledger without them (an older schema the
rollup reads) and a group too large for the bit fields are counted by the conditions; the columns' source sets are
the domain's."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain.taxonomy import SOURCE_STAT
from mediation_cli.ledger.db import open_ledger
from mediation_cli.reports import statistics
from mediation_cli.reports.statistics import GROUPED_SQL, _packed, unpack

STATUSES = ["received", "mediating", "succeeded", "failed", "withdrawn", "closed"]
OUTCOMES = [None, "succeeded", "failed", "withdrawn"]
SOURCES = [*SOURCE_STAT, "other"]
AGREEMENTS = [None, "written", "oral"]
AMOUNTS = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12))

CASE = st.tuples(
    st.integers(min_value=1, max_value=3),  # org
    st.sampled_from(["neighbour", "marriage_family", "labour"]),
    st.sampled_from(["2024-01-01", "2024-06-30", "2024-12-31", "2025-01-01"]),
    st.sampled_from(SOURCES),
    st.sampled_from(STATUSES),
    st.sampled_from(OUTCOMES),
    st.sampled_from(AGREEMENTS),
    AMOUNTS,
    AMOUNTS,
)


def _ledger(tmp_path, cases):
    path = tmp_path / "stat.db"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"stat.db{suffix}").unlink(missing_ok=True)
    ledger = open_ledger(path, "t")
    with ledger.write():
        for i in (1, 2, 3):
            ledger.conn.execute(
                "INSERT INTO org(id, code, name, kind, updated_at) VALUES (?, ?, ?, 'village', 'x')",
                (i, f"V{i}", f"村{i}"),
            )
        ledger.conn.executemany(
            "INSERT INTO dispute(case_no, org_id, category, received_on, source, status, outcome, agreement, "
            "agreement_fen, amount_fen, entered_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?, 'x', 'x')",
            [(f"C{n}", *c) for n, c in enumerate(cases)],
        )
    return ledger


def _grouped(ledger, span):
    """The report's per-(org, category) rows, unpacked: from the stat columns unless a group is too large for their
    bit fields (or the ledger has none)."""
    bits, rows = _packed(ledger, span)
    if any(r[2] >= statistics.LIMIT for r in rows):
        bits, rows = _packed(ledger, span, conditions=True)
    return [(o, c, *unpack(bits, *rest)) for o, c, *rest in rows]


def _by_conditions(ledger, span):
    cursor = ledger.conn.execute(GROUPED_SQL, span)
    cursor.row_factory = None
    return sorted(cursor.fetchall())


@given(st.lists(CASE, max_size=40))
def test_packed_columns_count_what_the_conditions_count(tmp_path_factory, cases):
    ledger = _ledger(tmp_path_factory.mktemp("s"), cases)
    span = {"start": "2024-01-01", "end": "2024-12-31"}
    assert sorted(_grouped(ledger, span)) == _by_conditions(ledger, span)
    ledger.close()


def test_an_older_ledger_and_an_oversized_group_use_the_conditions(tmp_path, monkeypatch):
    cases = [(1, "neighbour", "2024-03-01", "court", "closed", "succeeded", "written", 500, 800)] * 3
    ledger = _ledger(tmp_path, cases)
    span = {"start": "2024-01-01", "end": "2024-12-31"}
    expected = _by_conditions(ledger, span)
    assert expected == [(1, "neighbour", 3, 3, 0, 3, 3, 0, 1500)]
    report = statistics.statistics_report(ledger, date(2024, 1, 1), date(2024, 12, 31), by="org")
    monkeypatch.setattr(statistics, "LIMIT", 3)  # a group of 3 would carry: counted by the conditions
    assert list(_grouped(ledger, span)) == expected
    assert statistics.statistics_report(ledger, date(2024, 1, 1), date(2024, 12, 31), by="org") == report
    monkeypatch.undo()
    ledger.close()
    conn = sqlite3.connect(tmp_path / "stat.db")
    conn.execute("DROP INDEX dispute_stats")
    conn.execute(
        "CREATE INDEX dispute_stats ON dispute(org_id, category, source, received_on, status, outcome, agreement, "
        "agreement_fen, amount_fen)"
    )
    for column in ("stat_facts", "stat_agreements", "stat_agreement_fen"):
        conn.execute(f"ALTER TABLE dispute DROP COLUMN {column}")  # as a ledger of schema 11 is
    conn.commit()
    conn.close()
    from mediation_cli.ledger.db import open_read_only

    old = open_read_only(tmp_path / "stat.db")
    assert list(_grouped(old, span)) == expected
    rows = statistics.statistics_report(old, date(2024, 1, 1), date(2024, 12, 31), by="org")
    assert (
        rows[-1]["received"] == 3
        and rows[-1]["source_entrusted"] == 3
        and rows[-1]["agreements_written"] == 3
    )
    old.close()


def test_the_columns_source_sets_are_the_domains():
    from mediation_cli.ledger.schema_scale import SCALE_MIGRATIONS

    sql = " ".join(SCALE_MIGRATIONS[0][1])
    for stat in ("proactive", "entrusted"):
        codes = sorted(c for c, k in SOURCE_STAT.items() if k == stat)
        assert "(" + ", ".join(f"'{c}'" for c in codes) + ")" in sql, stat


def test_what_was_prevented_is_read_from_its_partial_index(tmp_path):
    ledger = _ledger(tmp_path, [])
    plan = " ".join(
        r[3]
        for r in ledger.conn.execute(
            "EXPLAIN QUERY PLAN " + statistics.PREVENTED_SQL, {"start": "2024-01-01", "end": "2024-12-31"}
        )
    )
    assert "dispute_prevented" in plan, plan
    ledger.close()
