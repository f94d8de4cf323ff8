"""`db check`: integrity, foreign keys and the domain's own rules, beancount style — each check a plain function
returning problems; the command exits 1 when any is found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mediation_cli.ledger.db import Ledger


@dataclass
class Problem:
    check: str
    ref: str
    what: str


def check_integrity(ledger: Ledger) -> list[Problem]:
    rows = ledger.all("PRAGMA integrity_check")
    return [Problem("integrity", "", r[0]) for r in rows if r[0] != "ok"]


def check_foreign_keys(ledger: Ledger) -> list[Problem]:
    return [
        Problem("foreign_key", f"{r[0]}#{r[1]}", f"references a missing row in {r[2]}")
        for r in ledger.all("PRAGMA foreign_key_check")
    ]


def check_org_dates(ledger: Ledger) -> list[Problem]:
    return [
        Problem("org_dates", r["code"], "dissolved_on is not after established_on")
        for r in ledger.all(
            "SELECT code FROM org WHERE dissolved_on IS NOT NULL AND established_on IS NOT NULL AND dissolved_on <= established_on"
        )
    ]


def check_org_tree(ledger: Ledger) -> list[Problem]:
    rows = ledger.all("""WITH RECURSIVE up(start, id, depth) AS (
            SELECT id, parent_id, 1 FROM org WHERE parent_id IS NOT NULL
            UNION ALL SELECT up.start, o.parent_id, depth + 1 FROM up JOIN org o ON o.id = up.id
            WHERE o.parent_id IS NOT NULL AND depth < 100)
        SELECT DISTINCT o.code FROM up JOIN org o ON o.id = up.start WHERE up.id = up.start""")
    return [Problem("org_tree", r["code"], "is its own ancestor (a cycle in the org tree)") for r in rows]


def check_mediators(ledger: Ledger) -> list[Problem]:
    out = [
        Problem("mediator_dates", r["staff_no"], "left_on is before joined_on")
        for r in ledger.all("SELECT staff_no FROM mediator WHERE left_on IS NOT NULL AND left_on < joined_on")
    ]
    out += [
        Problem("mediator_employment", r["staff_no"], "has no employment record")
        for r in ledger.all(
            "SELECT staff_no FROM mediator m WHERE NOT EXISTS (SELECT 1 FROM employment e WHERE e.mediator_id = m.id)"
        )
    ]
    from mediation_cli.domain.errors import Invalid
    from mediation_cli.domain.idnumber import validate_id_number

    for r in ledger.all("SELECT staff_no, id_number FROM mediator WHERE id_number IS NOT NULL"):
        try:
            validate_id_number(r["id_number"])
        except Invalid:
            out.append(Problem("mediator_id_number", r["staff_no"], "ID number fails the GB 11643 check"))
    return out


def check_cases(ledger: Ledger) -> list[Problem]:
    out = [
        Problem("case_dates", r["case_no"], "outcome_on is before received_on")
        for r in ledger.all(
            "SELECT case_no FROM dispute WHERE outcome_on IS NOT NULL AND outcome_on < received_on"
        )
    ]
    out += [
        Problem("case_dates", r["case_no"], "closed_on is before outcome_on")
        for r in ledger.all(
            "SELECT case_no FROM dispute WHERE closed_on IS NOT NULL AND outcome_on IS NOT NULL AND closed_on < outcome_on"
        )
    ]
    out += [
        Problem("case_status", r["case_no"], "closed without an outcome")
        for r in ledger.all("SELECT case_no FROM dispute WHERE status = 'closed' AND outcome IS NULL")
    ]
    out += [
        Problem("case_category", r["case_no"], f"unknown category {r['category']!r}")
        for r in ledger.all(
            "SELECT case_no, category FROM dispute WHERE category NOT IN (SELECT code FROM category)"
        )
    ]
    return out


def check_screenings(ledger: Ledger) -> list[Problem]:
    return [
        Problem(
            "screening_span", f"{r['code']} {r['screened_on']}", "screening outside the org's active span"
        )
        for r in ledger.all("""SELECT o.code, s.screened_on FROM screening s JOIN org o ON o.id = s.org_id
                WHERE (o.established_on IS NOT NULL AND s.screened_on < o.established_on)
                   OR (o.dissolved_on IS NOT NULL AND s.screened_on >= o.dissolved_on)""")
    ]


CHECKS: list[Callable[[Ledger], list[Problem]]] = [
    check_integrity,
    check_foreign_keys,
    check_org_dates,
    check_org_tree,
    check_mediators,
    check_cases,
    check_screenings,
]


def run_checks(ledger: Ledger) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(ledger))
    return problems
