"""`db check`: integrity, foreign keys and the domain's own rules, beancount style — each check a plain function
returning problems; the command exits 1 when any is found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mediation_cli.errors import quote
from mediation_cli.i18n import tr
from mediation_cli.ledger.db import Ledger


@dataclass
class Problem:
    check: str
    ref: str
    what: str
    # "error": the ledger is wrong (exit 1); "notice": the ledger is sound but the work it records is not (应录必录)
    severity: str = "error"


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


def check_screening_cases(ledger: Ledger) -> list[Problem]:
    """应录必录: a screening that found disputes and opened no case (no case names it as its screening) — a notice."""
    return [
        Problem(
            "screening_no_case",
            f"{r['code']} {r['screened_on']} #{r['id']}",
            tr(
                f"found {r['found']} dispute(s) and no case was opened from it (case screening_id)",
                f"排查发现纠纷 {r['found']} 件，未据此建账（案件 screening_id）",
            ),
            "notice",
        )
        for r in ledger.all(f"""SELECT s.id, o.code, s.screened_on, s.found FROM screening s JOIN org o ON o.id = s.org_id
                WHERE {SCREENING_WITHOUT_CASE} ORDER BY s.screened_on, o.code""")
    ]


# A screening that found disputes and opened no case (the partial index dispute_screening answers NOT EXISTS).
SCREENING_WITHOUT_CASE = "s.found > 0 AND NOT EXISTS (SELECT 1 FROM dispute d WHERE d.screening_id = s.id)"


CHECKS: list[Callable[[Ledger], list[Problem]]] = [
    check_integrity,
    check_foreign_keys,
    check_org_dates,
    check_org_tree,
    check_mediators,
    check_cases,
    check_screenings,
    check_screening_cases,
]


# -- stored codes ------------------------------------------------------------------------------------------------------
def _enumerations():
    from mediation_cli.domain import taxonomy as t
    from mediation_cli.domain.confirmation import DECISION
    from mediation_cli.domain.lifecycle import STATUSES

    # (table, key column, column, allowed codes, a ;-separated list?)
    return [
        ("org", "code", "kind", set(t.ORG_KIND.codes), False),
        ("mediator", "staff_no", "gender", set(t.GENDER.codes), False),
        ("mediator", "staff_no", "background", set(t.BACKGROUND.codes), False),
        ("mediator", "staff_no", "appointment", set(t.APPOINTMENT.codes), False),
        ("mediator", "staff_no", "role", set(t.ROLE.codes), False),
        ("party", "id", "gender", set(t.GENDER.codes), False),
        ("confirmation", "case_id", "decision", set(DECISION.codes), False),
        ("dispute", "case_no", "source", set(t.CASE_SOURCE.codes), False),
        ("dispute", "case_no", "status", set(STATUSES), False),
        ("dispute", "case_no", "outcome", set(t.STATUS.codes) - {"received", "mediating", "closed"}, False),
        ("dispute", "case_no", "risk_level", set(t.RISK_LEVEL.codes), False),
        ("dispute", "case_no", "risk_types", set(t.RISK_TYPE.codes), True),
        ("dispute", "case_no", "key_groups", set(t.KEY_GROUP.codes), True),
        ("dispute", "case_no", "agreement", set(t.AGREEMENT.codes), False),
        ("dispute", "case_no", "guided_to", set(t.GUIDED_TO.codes), False),
        ("screening", "id", "kind", set(t.SCREENING_KIND.codes), False),
    ]


def check_codes(ledger: Ledger) -> list[Problem]:
    """Every stored code is one of its enumeration's (an edit with sqlite3 can store status = 'bogus')."""
    from mediation_cli.domain.taxonomy import EMPLOYMENT

    out = []
    for table, key, col, allowed, is_list in _enumerations():
        for r in ledger.all(
            f"SELECT {key} AS k, {col} AS v FROM {table} WHERE {col} IS NOT NULL AND {col} != ''"
        ):
            values = [v for v in str(r["v"]).split(";") if v] if is_list else [r["v"]]
            wrong = [v for v in values if v not in allowed]
            if wrong:
                out.append(
                    Problem(
                        "code", f"{table} {r['k']}", f"{col} holds {quote(wrong[0])}, not one of its codes"
                    )
                )
    out += [
        Problem(
            "code",
            f"mediator {r['staff_no']}",
            f"employment holds {quote(r['employment'])}, not one of its codes",
        )
        for r in ledger.all(
            "SELECT m.staff_no, e.employment FROM employment e JOIN mediator m ON m.id = e.mediator_id "
            f"WHERE e.employment NOT IN ({', '.join(repr(c) for c in EMPLOYMENT.codes)})"
        )
    ]
    return out


def check_search_index(ledger: Ledger) -> list[Problem]:
    """The summary search index (FTS5) agrees with the summaries it indexes."""
    import sqlite3

    try:
        ledger.conn.execute("INSERT INTO dispute_fts(dispute_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return [
            Problem(
                "search_index",
                "dispute_fts",
                "the summary search index is out of step with the summaries (edited behind the program's back?); "
                "rebuild: INSERT INTO dispute_fts(dispute_fts) VALUES ('rebuild')",
            )
        ]
    return []


# -- tamper evidence (ledger/seal.py) ---------------------------------------------------------------------------------
def check_audit_chain(ledger: Ledger) -> list[Problem]:
    """The audit log is one unbroken hash chain ending where the ledger's head says: names the first broken entry."""
    from mediation_cli.ledger import seal

    if not ledger.sealed:
        return []
    prev, last_id = seal.GENESIS, 0
    for r in ledger.conn.execute(
        "SELECT id, at, operator, entity, ref, action, before, after, prev_hash, hash FROM audit ORDER BY id"
    ):
        entry_id = r[0]
        if entry_id != last_id + 1 or r[8] != prev:
            what = (
                f"an entry before it was deleted (#{last_id + 1}…#{entry_id - 1} missing)"
                if entry_id != last_id + 1
                else "the entry before it was changed or removed"
            )
            return [Problem("audit_chain", f"audit #{entry_id}", f"hash chain broken here: {what}")]
        if seal.entry_hash(r[8], *r[:8]) != r[9]:
            return [
                Problem("audit_chain", f"audit #{entry_id}", "hash chain broken here: this entry was changed")
            ]
        prev, last_id = r[9], entry_id
    head = seal.head(ledger.conn)
    if head is None:
        return [Problem("audit_chain", "seal_head", "the ledger's head record is missing")]
    if (head[0], head[1]) != (last_id, prev):
        return [
            Problem(
                "audit_chain",
                f"audit #{last_id + 1}" if head[0] > last_id else f"audit #{head[0]}",
                f"the log ends at #{last_id} but the ledger's head says #{head[0]}: entries were removed "
                "(or the log emptied) behind the program's back",
            )
        ]
    return []


def check_seals(ledger: Ledger) -> list[Problem]:
    """Each row is as the program last wrote it (its seal matches), and no row was added or deleted behind its back."""
    from mediation_cli.ledger import seal

    if not ledger.sealed:
        return []
    out = []
    for table, key in seal.SEALED.items():
        expr = seal.seal_expr(ledger.conn, table)
        for r in ledger.all(
            f"SELECT {key} AS k FROM {table} WHERE seal IS NULL OR seal != {expr} ORDER BY id LIMIT 50"
        ):
            out.append(
                Problem(
                    "row_seal",
                    f"{table} {r['k']}",
                    "changed behind the program's back (its seal does not match)",
                )
            )
    head = seal.head(ledger.conn)
    if head is not None:
        for (table, _), expected in zip(seal.SEALED.items(), head[2:], strict=True):
            n = ledger.scalar(f"SELECT count(*) FROM {table}")
            if n != expected:
                out.append(
                    Problem(
                        "row_count",
                        table,
                        f"{n} rows but the program wrote {expected}: rows added or deleted behind its back",
                    )
                )
    return out


def check_attachments(ledger: Ledger) -> list[Problem]:
    """Each document of a case file (卷宗) recorded by `case attach`: its file still there, with the same SHA-256."""
    from pathlib import Path

    from mediation_cli.ledger.casefiles import all_attachments, sha256_of

    out = []
    for a in all_attachments(ledger):
        path = Path(a["path"])
        ref = f"{a['case_no']} {a['kind']}"
        if not path.is_file():
            out.append(Problem("attachment", ref, f"file gone: {a['path']}"))
            continue
        try:
            size, digest = sha256_of(path)
        except OSError as e:
            out.append(Problem("attachment", ref, f"unreadable: {a['path']} ({e.strerror})"))
            continue
        if digest != a["sha256"]:
            out.append(
                Problem("attachment", ref, f"changed since attached: {a['path']} (sha256 {digest[:12]}…)")
            )
    return out


CHECKS += [check_codes, check_search_index, check_audit_chain, check_seals, check_attachments]


def run_checks(ledger: Ledger) -> list[Problem]:
    """Every problem, the errors first, then the notices."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(ledger))
    return sorted(problems, key=lambda p: p.severity != "error")
