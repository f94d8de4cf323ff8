"""The dated history of mediators' grades (等级) and committees' star ratings (星级): who held what on a date.

An entry without a date (granted_on / rated_on NULL) was held before any dated entry — a grade typed on `mediator
add`, on import, or already on the row when migration 005 made the history: when it was granted is not known.
"""

from __future__ import annotations

from datetime import date

from mediation_cli.ledger.db import Ledger, now_iso


def record_grade(ledger: Ledger, mediator_id: int, grade: str | None, granted_on: str | None) -> None:
    ledger.conn.execute(
        "INSERT INTO grade_history(mediator_id, granted_on, grade, at) VALUES (?,?,?,?)",
        (mediator_id, granted_on, grade, now_iso()),
    )


def record_rating(ledger: Ledger, org_id: int, stars: int | None, rated_on: str | None) -> None:
    ledger.conn.execute(
        "INSERT INTO rating_history(org_id, rated_on, star_rating, at) VALUES (?,?,?,?)",
        (org_id, rated_on, stars, now_iso()),
    )


_LATEST = """SELECT {key}, {value} FROM (
    SELECT {key}, {value}, row_number() OVER (PARTITION BY {key}
        ORDER BY {on} IS NOT NULL DESC, {on} DESC, id DESC) AS n
    FROM {table} WHERE {on} IS NULL OR {on} <= :d) WHERE n = 1"""


def grades_on(ledger: Ledger, on: date) -> dict[int, str | None]:
    """mediator id → the grade held on ``on`` (the latest entry dated on or before it, else the undated one)."""
    sql = _LATEST.format(key="mediator_id", value="grade", on="granted_on", table="grade_history")
    return {r[0]: r[1] for r in ledger.all(sql, {"d": on.isoformat()})}


def ratings_on(ledger: Ledger, on: date) -> dict[int, tuple[int | None, str | None]]:
    """org id → (stars, rated_on) held on ``on``."""
    sql = """SELECT org_id, star_rating, rated_on FROM (
        SELECT org_id, star_rating, rated_on, row_number() OVER (PARTITION BY org_id
            ORDER BY rated_on IS NOT NULL DESC, rated_on DESC, id DESC) AS n
        FROM rating_history WHERE rated_on IS NULL OR rated_on <= :d) WHERE n = 1"""
    return {r[0]: (r[1], r[2]) for r in ledger.all(sql, {"d": on.isoformat()})}


def grade_history(ledger: Ledger, mediator_id: int) -> list[dict]:
    rows = ledger.all(
        "SELECT granted_on, grade FROM grade_history WHERE mediator_id = ? ORDER BY granted_on IS NOT NULL, "
        "granted_on, id",
        (mediator_id,),
    )
    return [dict(r) for r in rows]


def rating_history(ledger: Ledger, org_id: int) -> list[dict]:
    rows = ledger.all(
        "SELECT rated_on, star_rating FROM rating_history WHERE org_id = ? ORDER BY rated_on IS NOT NULL, "
        "rated_on, id",
        (org_id,),
    )
    return [dict(r) for r in rows]


# Per mediator, the cases assigned to them received on or before :d: how many, how many had succeeded or failed by
# :d, the written agreements among the successes, and those carrying the 民转刑 risk type that had not been settled
# by :d (the ledger records the risk, not the crime: README "Grades and stars" says why this stands in for it).
CASE_FIGURES_SQL = """
SELECT cm.mediator_id AS id, count(*) AS cases,
       coalesce(sum(d.outcome = 'succeeded' AND d.outcome_on <= :d), 0) AS succeeded,
       coalesce(sum(d.outcome = 'failed' AND d.outcome_on <= :d), 0) AS failed,
       coalesce(sum(d.outcome = 'succeeded' AND d.outcome_on <= :d AND d.agreement = 'written'), 0) AS written,
       coalesce(sum(instr(';' || coalesce(d.risk_types, '') || ';', ';civil_to_criminal;') > 0
                    AND NOT (coalesce(d.outcome, '') = 'succeeded' AND d.outcome_on <= :d)), 0) AS criminal_cases
FROM case_mediator cm JOIN dispute d ON d.id = cm.case_id
WHERE d.received_on <= :d
GROUP BY cm.mediator_id"""


def mediator_case_figures(ledger: Ledger, on: date) -> dict[int, dict]:
    return {r["id"]: dict(r) for r in ledger.all(CASE_FIGURES_SQL, {"d": on.isoformat()})}


def mediators_in_office(ledger: Ledger, on: date, org_ids: list[int] | None = None) -> list[dict]:
    from mediation_cli.ledger.mediators import ACTIVE_SQL

    only = "" if org_ids is None else f" AND m.org_id IN ({','.join(str(int(i)) for i in org_ids)})"
    rows = ledger.all(
        f"""SELECT m.id, m.staff_no, m.name, m.joined_on, o.code AS org_code FROM mediator m
            JOIN org o ON o.id = m.org_id WHERE {ACTIVE_SQL}{only} ORDER BY o.code, m.staff_no""",
        {"d": on.isoformat()},
    )
    return [dict(r) for r in rows]


def org_outcomes(ledger: Ledger, start: date, end: date) -> dict[int, tuple[int, int]]:
    """org id → (succeeded, failed) among its cases with an outcome dated in [start, end]."""
    rows = ledger.all(
        """SELECT org_id, coalesce(sum(outcome = 'succeeded'), 0), coalesce(sum(outcome = 'failed'), 0) FROM dispute
           WHERE outcome_on BETWEEN ? AND ? GROUP BY org_id""",
        (start.isoformat(), end.isoformat()),
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def submissions_by_org(ledger: Ledger) -> dict[tuple[int, str], str]:
    """(org id, quarter) → the day its quarterly report reached the bureau."""
    return {
        (r[0], r[1]): r[2] for r in ledger.all("SELECT org_id, quarter, submitted_on FROM report_submission")
    }


def rated_orgs(
    ledger: Ledger, on: date, kinds: tuple[str, ...], org_ids: list[int] | None = None
) -> list[dict]:
    """The orgs of ``kinds`` active on ``on``, in code order."""
    from mediation_cli.ledger.orgs import ACTIVE_SQL

    only = "" if org_ids is None else f" AND o.id IN ({','.join(str(int(i)) for i in org_ids)})"
    marks = ",".join(f"'{k}'" for k in kinds)
    rows = ledger.all(
        f"SELECT o.id, o.code, o.name, o.kind, o.established_on, o.dissolved_on FROM org o WHERE o.kind IN ({marks}) AND {ACTIVE_SQL}{only} "
        "ORDER BY o.code",
        {"d": on.isoformat()},
    )
    return [dict(r) for r in rows]


def mediator_year_figures(ledger: Ledger, start: date, end: date) -> dict[int, dict]:
    """Per mediator, the cases assigned to them received in [start, end]: cases, succeeded, failed, written (their
    status now, a closed case under its outcome)."""
    rows = ledger.all(
        """SELECT cm.mediator_id AS id, count(*) AS cases,
                  coalesce(sum(d.outcome = 'succeeded'), 0) AS succeeded,
                  coalesce(sum(d.outcome = 'failed'), 0) AS failed,
                  coalesce(sum(d.outcome = 'succeeded' AND d.agreement = 'written'), 0) AS written
           FROM case_mediator cm JOIN dispute d ON d.id = cm.case_id
           WHERE d.received_on BETWEEN ? AND ? GROUP BY cm.mediator_id""",
        (start.isoformat(), end.isoformat()),
    )
    return {r["id"]: dict(r) for r in rows}


def received_by_org(ledger: Ledger, start: date, end: date) -> dict[int, int]:
    rows = ledger.all(
        "SELECT org_id, count(*) FROM dispute WHERE received_on BETWEEN ? AND ? GROUP BY org_id",
        (start.isoformat(), end.isoformat()),
    )
    return {r[0]: r[1] for r in rows}
