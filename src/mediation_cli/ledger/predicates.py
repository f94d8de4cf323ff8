"""The SQL twins of the domain's rules, built from the domain's own constants so that a rule has one home.

Each function returns a boolean SQL expression over a table alias; the dates are SQL expressions too (a named parameter
such as ``:d`` by default). tests/test_predicates.py evaluates every one against its Python twin on generated rows:

| SQL here                 | Python twin                          |
|--------------------------|--------------------------------------|
| ``mediator_active``      | ``domain.spans.mediator_active``     |
| ``org_active``           | ``domain.spans.org_active``          |
| ``org_active_during``    | ``domain.spans.org_active_during``   |
| ``employment_on``        | ``domain.spans.employment_on``       |
| ``pending``              | ``domain.lifecycle.is_pending``      |
| ``must_report``          | ``domain.lifecycle.needs_report``    |
| ``unreported``           | ``domain.lifecycle.is_unreported``   |
| ``stalled``              | ``domain.lifecycle.is_stalled``      |
| ``pending_on``           | ``domain.lifecycle.is_pending_on``   |
| ``status_on``            | ``domain.lifecycle.status_on``       |
| ``extension_on``         | ``domain.lifecycle.extension_on``    |
| ``stalled_on``           | ``domain.lifecycle.is_stalled_on``   |
| ``major_on``             | (major, and marked so by the date)   |
| ``peoples_mediation_org``| ``domain.staffing.is_peoples_mediation`` |
| ``planned_on``           | (a plan written by the date)         |

The ``*_on`` twins are the picture of a past date (``--as-of``): a case as it stood on it, from its own dates and its
timeline (issue 15).
"""

from __future__ import annotations

from mediation_cli.domain import lifecycle, spans, staffing


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _has_code(column: str, code: str) -> str:
    """A ';'-joined list column holds ``code``."""
    return f"instr(';' || coalesce({column}, '') || ';', ';{code};') > 0"


def mediator_active(m: str = "m", on: str = ":d") -> str:
    return f"({m}.joined_on <= {on} AND ({m}.left_on IS NULL OR {m}.left_on > {on}))"


def org_active(o: str = "o", on: str = ":d") -> str:
    return (
        f"(({o}.established_on IS NULL OR {o}.established_on <= {on}) "
        f"AND ({o}.dissolved_on IS NULL OR {o}.dissolved_on > {on}))"
    )


def org_active_during(o: str = "o", start: str = ":start", end: str = ":end") -> str:
    return (
        f"(({o}.established_on IS NULL OR {o}.established_on <= {end}) "
        f"AND ({o}.dissolved_on IS NULL OR {o}.dissolved_on > {start}))"
    )


def employment_on(m: str = "m", on: str = ":d") -> str:
    """The mediator's employment on the date: the latest change effective on or before it, else part-time."""
    return f"""coalesce(
    (SELECT e.employment FROM employment e WHERE e.mediator_id = {m}.id AND e.effective_from <= {on}
     ORDER BY e.effective_from DESC LIMIT 1), '{spans.BEFORE_FIRST_RECORD}')"""


def pending(d: str = "d") -> str:
    return f"{d}.status IN ({_quoted(lifecycle.PENDING)})"


def must_report(d: str = "d") -> str:
    levels = [f"{d}.risk_level = '{level}'" for level in lifecycle.REPORTABLE_LEVELS]
    types = [_has_code(f"{d}.risk_types", t) for t in lifecycle.REPORTABLE_TYPES]
    return "(" + " OR ".join(levels + types) + ")"


def unreported(d: str = "d", on: str = ":d") -> str:
    return f"({must_report(d)} AND ({d}.reported_on IS NULL OR {d}.reported_on > {on}))"


def stalled(d: str = "d", *, before: str = ":stall_before", on: str = ":stall_as_of") -> str:
    """Pending, received before ``before`` (= ``lifecycle.stalled_before(on, days)``) and not extended up to ``on``."""
    return (
        f"({pending(d)} AND {d}.received_on < {before} "
        f"AND ({d}.extended_until IS NULL OR {d}.extended_until < {on}))"
    )


def open_entry(d: str = "d") -> str:
    """Twin of ``domain.lifecycle.is_open``: the case is on the ledger and not yet 销号."""
    return f"{d}.status != 'closed'"


def committee_member(m: str = "m") -> str:
    """Twin of ``domain.staffing.is_member``: the mediator counts as a 委员 (a member role, or none recorded)."""
    return f"({m}.role IS NULL OR {m}.role IN ({_quoted(staffing.MEMBER_ROLES)}))"


# A settled case (not pending): what the partial index dispute_settled of migration 009_settled_index holds, by
# the day it was settled; pending_on repeats it verbatim so that SQLite reads that index.
SETTLED_SQL = f"status NOT IN ({_quoted(lifecycle.PENDING)})"
SETTLED_DATE_SQL = "coalesce(outcome_on, closed_on)"


def pending_on(d: str = "d", on: str = ":d", *, table: str = "dispute") -> str:
    """Received by ``on`` and pending on it: pending now (the partial index dispute_pending), or settled after ``on``
    (the partial index dispute_settled); SQLite answers the OR from both indexes."""
    return (
        f"({d}.received_on <= {on} AND ({pending(d)} OR {d}.id IN "
        f"(SELECT id FROM {table} WHERE {SETTLED_SQL} AND {SETTLED_DATE_SQL} > {on})))"
    )


def status_on(d: str = "d", on: str = ":d", *, table: str = "dispute") -> str:
    """The status a report counts as of ``on``: NULL before received, 'pending', else the outcome kept."""
    return (
        f"(CASE WHEN {d}.received_on > {on} THEN NULL WHEN {pending_on(d, on, table=table)} THEN 'pending' "
        f"WHEN {d}.status = 'closed' AND {d}.outcome IS NOT NULL THEN {d}.outcome ELSE {d}.status END)"
    )


def extension_on(d: str = "d", on: str = ":d", *, events: str = "case_event") -> str:
    """The extension in force on ``on``: the latest `extended` event of the case's timeline granted by then; a case
    without any (imported with extended_until) keeps its stored date."""
    return f"""(CASE WHEN EXISTS (SELECT 1 FROM {events} e WHERE e.case_id = {d}.id AND e.kind = 'extended')
     THEN (SELECT json_extract(e.detail, '$.until') FROM {events} e
           WHERE e.case_id = {d}.id AND e.kind = 'extended' AND e.on_date <= {on}
           ORDER BY e.on_date DESC, e.id DESC LIMIT 1)
     ELSE {d}.extended_until END)"""


def pending_ids(on: str = ":d", *, before: str | None = None, table: str = "dispute") -> str:
    """The ids of the cases pending on ``on`` (``pending_on``), received before ``before`` if given, as a subquery
    SQLite answers from the two partial indexes (dispute_pending, dispute_settled) — where ``pending_on``'s OR in a
    WHERE makes it read every case received by the date."""
    bound = f"received_on <= {on}" + (f" AND received_on < {before}" if before else "")
    return (
        f"(SELECT id FROM {table} WHERE status IN ({_quoted(lifecycle.PENDING)}) AND {bound} "
        f"UNION ALL SELECT id FROM {table} WHERE {SETTLED_SQL} AND {SETTLED_DATE_SQL} > {on} AND {bound})"
    )


def stalled_on(
    d: str = "d",
    *,
    before: str = ":stall_before",
    on: str = ":stall_as_of",
    table: str = "dispute",
    events: str = "case_event",
) -> str:
    """``stalled`` as of ``on``: pending on it, received before ``before``, and no extension in force up to ``on``
    (no extension: '' sorts before any date)."""
    ext = extension_on(d, on, events=events)
    return (
        f"({d}.id IN {pending_ids(on, before=before, table=table)} AND {d}.received_on < {before} "
        f"AND coalesce({ext}, '') < {on})"
    )


def major_on(d: str = "d", on: str = ":d") -> str:
    """重大疑难 on the date: marked major, and so since (major_since, else received_on) on or before it."""
    return f"({d}.major = 1 AND coalesce({d}.major_since, {d}.received_on) <= {on})"


def planned_on(d: str = "d", on: str = ":d") -> str:
    """一案一策: a plan written on or before the date."""
    return f"EXISTS (SELECT 1 FROM case_plan p WHERE p.case_id = {d}.id AND p.written_on <= {on})"


def peoples_mediation_org(o: str = "o") -> str:
    """The org does 人民调解: not a 司法所 nor a 行政调解 body (domain.staffing.OUTSIDE_PEOPLES_MEDIATION)."""
    return f"({o}.kind NOT IN ({_quoted(staffing.OUTSIDE_PEOPLES_MEDIATION)}))"
