"""`report stars --as-of D`: each committee's figures against the star criteria (人民调解委员会星级评定): the rating
held on D (from the rating's history), the highest rating met, what the next lacks, and whether the rating held is
past its validity (``rating_years``, 3 by default: Inner Mongolia re-rates every 3 years).

Figures are of the 12 months that end on D, except the headcounts, which are of D itself.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from mediation_cli.domain.grades import STAR_CRITERIA, STAR_KINDS, assess, rate_exact
from mediation_cli.domain.periods import period_containing
from mediation_cli.domain.spans import org_active
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.mediators import headcounts
from mediation_cli.ledger.ratings import org_outcomes, rated_orgs, ratings_on, submissions_by_org
from mediation_cli.ledger.submissions import REPORTING_KINDS
from mediation_cli.reports.casefiles import closed_files
from mediation_cli.reports.compliance import screening_compliance
from mediation_cli.reports.remind import report_due_date


def plain(value):
    return float(value) if isinstance(value, Fraction) else value


def valid_until(rated_on: str | None, years: int) -> str | None:
    """The day a rating falls due for re-rating: rated_on + ``years`` (stale from that day on, as `remind` says)."""
    return None if not rated_on else (date.fromisoformat(rated_on) + relativedelta(years=years)).isoformat()


def _reports_on_time(org: dict, start: date, end: date, submitted: dict, config: Config) -> Fraction | None:
    """Quarterly reports due in [start, end] while the org was active that were in by their due date."""
    if org["kind"] not in REPORTING_KINDS:
        return None
    due_count = on_time = 0
    q = period_containing("quarter", start - timedelta(days=120))
    while q.start <= end:
        due = report_due_date(q, config)
        if start <= due <= end and org_active(org["established_on"], org["dissolved_on"], due.isoformat()):
            due_count += 1
            got = submitted.get((org["id"], q.label))
            on_time += got is not None and got <= due.isoformat()
        q = q.next()
    return rate_exact(on_time, due_count)


def stars_report(ledger: Ledger, as_of: date, *, org_ids: list[int] | None = None) -> dict:
    config = Config(ledger)
    levels = config["star_criteria"]
    years = config["rating_years"]
    start = as_of - relativedelta(years=1) + timedelta(days=1)
    heads = headcounts(ledger, as_of)
    screening = {r["code"]: r for r in screening_compliance(ledger, start, as_of, config)}
    outcomes = org_outcomes(ledger, start, as_of)
    submitted = submissions_by_org(ledger)
    files: dict[int, list[int]] = {}
    for c in closed_files(ledger, start, as_of):
        tally = files.setdefault(c["org_id"], [0, 0])
        tally[0] += not c["missing"]
        tally[1] += 1
    held = ratings_on(ledger, as_of)
    rows = []
    for o in rated_orgs(ledger, as_of, STAR_KINDS, org_ids):
        h = heads.get(o["id"], {"mediators": 0, "full_time": 0})
        succ, fail = outcomes.get(o["id"], (0, 0))
        scr = screening.get(o["code"])
        complete, closed = files.get(o["id"], (0, 0))
        exact = {
            "mediators": h["mediators"],
            "full_time": h["full_time"],
            "screening_rate": rate_exact(scr["done"], scr["required"]) if scr else None,
            "success_rate": rate_exact(succ, succ + fail),
            "reports_on_time": _reports_on_time(o, start, as_of, submitted, config),
            "files_complete": rate_exact(complete, closed),
        }
        verdict = assess(exact, levels, STAR_CRITERIA, none_meets=True)
        stars, rated_on = held.get(o["id"], (None, None))
        until = valid_until(rated_on, years) if stars else None
        rows.append(
            {
                "code": o["code"],
                "name": o["name"],
                "kind": o["kind"],
                **{k: plain(v) for k, v in exact.items()},
                "rating_held": stars,
                "rated_on": rated_on if stars else None,
                "valid_until": until,
                "stale": bool(until and until <= as_of.isoformat()),
                "rating_met": int(verdict["meets"]) if verdict["meets"] else None,
                "next_rating": int(verdict["next"]) if verdict["next"] else None,
                "missing_for_next": [{**s, "has": plain(s["has"])} for s in verdict["missing_for_next"]],
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "from": start.isoformat(),
        "rating_years": years,
        "criteria": levels,
        "orgs": rows,
    }
