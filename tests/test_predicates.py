"""Each SQL predicate of ledger/predicates.py answers as its Python twin in the domain, on generated rows."""

import sqlite3
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mediation_cli.domain import lifecycle, spans
from mediation_cli.ledger import predicates

# A narrow span of days, so that the edges (equal dates, one day apart) come up often.
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 1, 6)).map(date.isoformat)
MAYBE_DAY = st.none() | DAYS
STATUS = st.sampled_from(lifecycle.STATUSES)
LEVEL = st.sampled_from(["normal", "elevated", "major"])
TYPES = st.lists(
    st.sampled_from(["civil_to_criminal", "mass_incident", "suicide", "petition", "x"]), max_size=3
)


def _eval(create: str, rows: list[tuple], where: str, params: dict) -> list[int]:
    conn = sqlite3.connect(":memory:")
    conn.execute(create)
    if rows:
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(rows[0]))})", rows)
    return [r[0] for r in conn.execute(f"SELECT id FROM t d WHERE {where} ORDER BY id", params)]


@given(st.lists(st.tuples(DAYS, MAYBE_DAY), max_size=8), DAYS)
def test_mediator_active(spans_, on):
    rows = [(i, j, lft) for i, (j, lft) in enumerate(spans_)]
    sql = _eval(
        "CREATE TABLE t(id, joined_on, left_on)", rows, predicates.mediator_active("d", ":on"), {"on": on}
    )
    assert sql == [i for i, j, lft in rows if spans.mediator_active(j, lft, on)]


@given(st.lists(st.tuples(MAYBE_DAY, MAYBE_DAY), max_size=8), DAYS)
def test_org_active(spans_, on):
    rows = [(i, e, x) for i, (e, x) in enumerate(spans_)]
    sql = _eval(
        "CREATE TABLE t(id, established_on, dissolved_on)",
        rows,
        predicates.org_active("d", ":on"),
        {"on": on},
    )
    assert sql == [i for i, e, x in rows if spans.org_active(e, x, on)]


@given(
    st.lists(st.lists(st.tuples(DAYS, st.sampled_from(["full_time", "part_time"])), max_size=4), max_size=6),
    DAYS,
)
def test_employment_on(histories, on):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE mediator(id)")
    conn.execute(
        "CREATE TABLE employment(mediator_id, effective_from, employment, UNIQUE(mediator_id, effective_from))"
    )
    expected = {}
    for mid, history in enumerate(histories):
        conn.execute("INSERT INTO mediator VALUES (?)", (mid,))
        kept = dict(history)  # one change a day, as the table's key has it
        conn.executemany("INSERT INTO employment VALUES (?,?,?)", [(mid, d, e) for d, e in kept.items()])
        expected[mid] = spans.employment_on(kept.items(), on)
    got = dict(
        conn.execute(f"SELECT m.id, {predicates.employment_on('m', ':on')} FROM mediator m", {"on": on})
    )
    assert got == expected


CASES = st.lists(st.tuples(STATUS, DAYS, MAYBE_DAY, LEVEL, TYPES, MAYBE_DAY), max_size=10)
CREATE_CASES = "CREATE TABLE t(id, status, received_on, extended_until, risk_level, risk_types, reported_on)"


def _case_rows(cases):
    return [(i, s, r, x, lv, ";".join(ts) or None, rep) for i, (s, r, x, lv, ts, rep) in enumerate(cases)]


@given(CASES)
def test_pending_and_must_report(cases):
    rows = _case_rows(cases)
    assert _eval(CREATE_CASES, rows, predicates.pending("d"), {}) == [
        r[0] for r in rows if lifecycle.is_pending(r[1])
    ]
    assert _eval(CREATE_CASES, rows, predicates.must_report("d"), {}) == [
        r[0] for r in rows if lifecycle.needs_report(r[4], (r[5] or "").split(";") if r[5] else [])
    ]


@given(CASES, DAYS)
def test_unreported(cases, on):
    rows = _case_rows(cases)
    assert _eval(CREATE_CASES, rows, predicates.unreported("d", ":on"), {"on": on}) == [
        r[0] for r in rows if lifecycle.is_unreported(r[4], r[5].split(";") if r[5] else [], r[6], on)
    ]


@given(CASES, DAYS, st.integers(min_value=0, max_value=4))
def test_stalled(cases, on, days):
    rows = _case_rows(cases)
    as_of = date.fromisoformat(on)
    before = lifecycle.stalled_before(as_of, days).isoformat()
    sql = _eval(CREATE_CASES, rows, predicates.stalled("d", before=":b", on=":on"), {"b": before, "on": on})
    assert sql == [
        r[0]
        for r in rows
        if lifecycle.is_stalled(
            r[1], date.fromisoformat(r[2]), as_of, date.fromisoformat(r[3]) if r[3] else None, days
        )
    ]


def test_the_edges_by_hand():
    """A few rows computed by hand, so that a rule changed in both twins at once still shows."""
    assert spans.mediator_active("2024-01-01", "2024-02-01", "2024-01-31")
    assert not spans.mediator_active("2024-01-01", "2024-02-01", "2024-02-01")
    assert spans.employment_on([("2024-03-01", "full_time")], "2024-02-29") == "part_time"
    assert (
        spans.employment_on([("2024-01-01", "part_time"), ("2024-03-01", "full_time")], "2024-03-01")
        == "full_time"
    )
    assert lifecycle.is_stalled("received", date(2024, 1, 1), date(2024, 2, 1))  # 31 days
    assert not lifecycle.is_stalled("received", date(2024, 1, 2), date(2024, 2, 1))  # exactly 30
    assert not lifecycle.is_stalled("mediating", date(2024, 1, 1), date(2024, 2, 1), date(2024, 2, 1))
    assert lifecycle.is_unreported("major", [], None, "2024-01-01")
    assert not lifecycle.is_unreported("normal", ["civil_to_criminal"], "2024-01-01", "2024-01-01")


def test_the_partial_indexes_match_the_predicates():
    """SQLite uses a partial index only for a query term that matches its WHERE: the pending rule of the queries and
    the one migration 003 indexed must stay the same text."""
    from mediation_cli.ledger import schema

    assert predicates.pending("d") == "d." + schema.PENDING


@given(CASES)
def test_open_entry(cases):
    rows = _case_rows(cases)
    assert _eval(CREATE_CASES, rows, predicates.open_entry("d"), {}) == [
        r[0] for r in rows if lifecycle.is_open(r[1])
    ]


@given(st.lists(st.none() | st.sampled_from(["director", "deputy", "member", "hired", "x"]), max_size=8))
def test_committee_member(roles):
    from mediation_cli.domain import staffing

    rows = [(i, r) for i, r in enumerate(roles)]
    sql = _eval("CREATE TABLE t(id, role)", rows, predicates.committee_member("d"), {})
    assert sql == [i for i, r in rows if staffing.is_member(r)]


# -- as of a past date (issue 15): the case as it stood on the day, from its own dates and its timeline ---------------
DATED = st.lists(
    st.tuples(STATUS, DAYS, MAYBE_DAY, MAYBE_DAY, st.sampled_from([None, *lifecycle.OUTCOMES])), max_size=8
)
CREATE_DATED = "CREATE TABLE t(id INTEGER PRIMARY KEY, status, outcome, received_on, outcome_on, closed_on)"


def _dated_rows(cases):
    return [(i, s, o, r, oo, c) for i, (s, r, oo, c, o) in enumerate(cases)]


@given(DATED, DAYS)
def test_pending_on_and_status_on(cases, on):
    rows = _dated_rows(cases)
    pending_sql = predicates.pending_on("d", ":on", table="t")
    assert _eval(CREATE_DATED, rows, pending_sql, {"on": on}) == [
        r[0] for r in rows if lifecycle.is_pending_on(r[1], r[3], r[4], r[5], on)
    ]
    conn = sqlite3.connect(":memory:")
    conn.execute(CREATE_DATED)
    if rows:
        conn.executemany("INSERT INTO t VALUES (?,?,?,?,?,?)", rows)
    got = dict(
        conn.execute(f"SELECT d.id, {predicates.status_on('d', ':on', table='t')} FROM t d", {"on": on})
    )
    assert got == {r[0]: lifecycle.status_on(r[1], r[2], r[3], r[4], r[5], on) for r in rows}


GRANTS = st.lists(st.tuples(DAYS, DAYS), max_size=3)


@given(
    st.lists(st.tuples(STATUS, DAYS, MAYBE_DAY, MAYBE_DAY, MAYBE_DAY, GRANTS), max_size=6),
    DAYS,
    st.integers(0, 3),
)
def test_extension_on_and_stalled_on(cases, on, days):
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE t(id INTEGER PRIMARY KEY, status, received_on, outcome_on, closed_on, extended_until)"
    )
    conn.execute("CREATE TABLE ev(id INTEGER PRIMARY KEY, case_id, on_date, kind, detail)")
    expected_ext, expected_stalled = {}, []
    as_of = date.fromisoformat(on)
    for i, (status, received, outcome_on, closed_on, stored, grants) in enumerate(cases):
        conn.execute(
            "INSERT INTO t VALUES (?,?,?,?,?,?)", (i, status, received, outcome_on, closed_on, stored)
        )
        for granted_on, until in grants:
            conn.execute(
                "INSERT INTO ev(case_id, on_date, kind, detail) VALUES (?,?,?,?)",
                (i, granted_on, "extended", '{"until": "' + until + '"}'),
            )
        conn.execute(
            "INSERT INTO ev(case_id, on_date, kind, detail) VALUES (?,?,?,?)", (i, received, "visit", None)
        )
        ext = lifecycle.extension_on(grants, stored, on)
        expected_ext[i] = ext
        if lifecycle.is_stalled_on(status, received, outcome_on, closed_on, ext, as_of, days):
            expected_stalled.append(i)
    got = dict(
        conn.execute(f"SELECT d.id, {predicates.extension_on('d', ':on', events='ev')} FROM t d", {"on": on})
    )
    assert got == expected_ext
    before = lifecycle.stalled_before(as_of, days).isoformat()
    where = predicates.stalled_on("d", before=":b", on=":on", table="t", events="ev")
    assert [
        r[0] for r in conn.execute(f"SELECT id FROM t d WHERE {where} ORDER BY id", {"b": before, "on": on})
    ] == (expected_stalled)


def test_the_as_of_edges_by_hand():
    # settled 06-20: pending (and stalled, received 05-01) on 06-05, settled on 06-20
    assert lifecycle.is_pending_on("closed", "2024-05-01", "2024-06-20", "2024-06-25", "2024-06-19")
    assert not lifecycle.is_pending_on("closed", "2024-05-01", "2024-06-20", "2024-06-25", "2024-06-20")
    assert lifecycle.status_on(
        "closed", "succeeded", "2024-05-01", "2024-06-20", "2024-06-25", "2024-06-05"
    ) == ("pending")
    assert (
        lifecycle.status_on("closed", "succeeded", "2024-05-01", "2024-06-20", None, "2024-06-21")
        == "succeeded"
    )
    assert lifecycle.status_on("received", None, "2024-05-01", None, None, "2024-04-30") is None
    assert lifecycle.is_stalled_on("succeeded", "2024-05-01", "2024-06-20", None, None, date(2024, 6, 5))
    # granted on 05-20 until 06-30: not in force on 05-19
    assert lifecycle.extension_on([("2024-05-20", "2024-06-30")], "2024-06-30", "2024-05-19") is None
    assert lifecycle.extension_on([("2024-05-20", "2024-06-30")], "2024-06-30", "2024-05-20") == "2024-06-30"
    assert lifecycle.extension_on([], "2024-06-30", "2024-01-01") == "2024-06-30"  # imported: date unknown


def test_the_settled_index_matches_the_predicate():
    from mediation_cli.ledger import schema

    statements = [s for name, steps in schema.MIGRATIONS for s in steps if name == "009_settled_index"]
    assert (
        statements
        and predicates.SETTLED_SQL in statements[0]
        and predicates.SETTLED_DATE_SQL in statements[0]
    )


@given(
    st.lists(
        st.sampled_from(["township", "village", "judicial_office", "administrative", "commerce"]), max_size=8
    )
)
def test_peoples_mediation_org(kinds):
    from mediation_cli.domain import staffing

    rows = list(enumerate(kinds))
    assert _eval("CREATE TABLE t(id, kind)", rows, predicates.peoples_mediation_org("d"), {}) == [
        i for i, k in rows if staffing.is_peoples_mediation(k)
    ]
