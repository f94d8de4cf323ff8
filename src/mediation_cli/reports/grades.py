"""`report grades --as-of D`: each mediator's figures against the grade criteria (人民调解员等级评定): the grade held on
D, the highest grade met, and what is missing for the next."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from mediation_cli.domain.grades import GRADE_CRITERIA, assess, rate_exact
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.ratings import grades_on, mediator_case_figures, mediators_in_office
from mediation_cli.ledger.training import hours_by_mediator


def years_between(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (a birthday-style count: 2019-07-01 → 2024-06-30 is 4)."""
    return max(0, relativedelta(end, start).years)


def plain(value):
    """A figure for output: an exact rate (Fraction) as a JSON number."""
    return float(value) if isinstance(value, Fraction) else value


def grades_report(ledger: Ledger, as_of: date, *, org_ids: list[int] | None = None) -> dict:
    levels = Config(ledger)["grade_criteria"]
    cases = mediator_case_figures(ledger, as_of)
    hours = hours_by_mediator(ledger, as_of - relativedelta(years=1) + timedelta(days=1), as_of)
    held = grades_on(ledger, as_of)
    rows = []
    for m in mediators_in_office(ledger, as_of, org_ids):
        c = cases.get(m["id"], {"cases": 0, "succeeded": 0, "failed": 0, "written": 0, "criminal_cases": 0})
        exact = {
            "years_of_service": years_between(date.fromisoformat(m["joined_on"]), as_of),
            "cases": c["cases"],
            "success_rate": rate_exact(c["succeeded"], c["succeeded"] + c["failed"]),
            "written_share": rate_exact(c["written"], c["succeeded"]),
            "training_hours": round(hours.get(m["id"], 0.0), 1),
            "criminal_cases": c["criminal_cases"],
        }
        verdict = assess(exact, levels, GRADE_CRITERIA)
        rows.append(
            {
                "staff_no": m["staff_no"],
                "name": m["name"],
                "org_code": m["org_code"],
                **{
                    k: (float(v) if k in ("success_rate", "written_share") and v is not None else v)
                    for k, v in exact.items()
                },
                "grade_held": held.get(m["id"]),
                "grade_met": verdict["meets"],
                "next_grade": verdict["next"],
                "missing_for_next": [
                    {
                        **s,
                        "has": float(s["has"])
                        if s["has"] is not None and not isinstance(s["has"], int)
                        else s["has"],
                    }
                    for s in verdict["missing_for_next"]
                ],
            }
        )
    return {"as_of": as_of.isoformat(), "grades": list(levels), "criteria": levels, "mediators": rows}
