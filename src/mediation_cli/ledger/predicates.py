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
