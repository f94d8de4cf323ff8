"""`report summary --year Y`: the draft of the bureau's year-end summary (工作总结, the campaign's November phase):
the year's figures, the committees and mediators with the best records ranked by configurable weights (candidates for
先进集体 / 先进个人, 三（三）"选树…先进集体和先进个人"), the typical cases and the publicity."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.grades import STAR_KINDS, SUMMARY_WEIGHT_KEYS
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.publicity import publicity_counts, typical_counts
from mediation_cli.ledger.ratings import mediator_year_figures, org_outcomes, rated_orgs, received_by_org
from mediation_cli.ledger.training import hours_between
from mediation_cli.reports.cases import CaseReportParams, case_totals
from mediation_cli.reports.compliance import screening_compliance
from mediation_cli.reports.publicity import publicity_report
from mediation_cli.reports.staffing import staffing_report
from mediation_cli.reports.training import training_report

WEIGHT_KEYS = (
    "cases",
    "success_rate",
    "written_share",
    "training_hours",
    "publicity",
    "typical",
    "screening_rate",
)


def score(figures: dict, weights: dict) -> float:
    """Σ weight × figure over the weights given (a figure that does not apply counts 0), to two decimals."""
    return round(sum(float(w) * float(figures.get(k) or 0) for k, w in weights.items()), 2)


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else num / den


def summary_report(ledger: Ledger, year: int, *, top: int = 10) -> dict:
    config = Config(ledger)
    weights = {k: v for k, v in config["summary_weights"].items() if k in SUMMARY_WEIGHT_KEYS}
    start, end = date(year, 1, 1), date(year, 12, 31)
    totals = case_totals(ledger, CaseReportParams(start, end))
    staffing = staffing_report(ledger, end, multi_ethnic=bool(config["multi_ethnic"]))
    compliance = screening_compliance(ledger, start, end, config)
    required = sum(r["required"] for r in compliance)
    done = sum(r["done"] for r in compliance)
    training = training_report(ledger, year)
    publicity = publicity_report(ledger, year)
    typical_org, typical_med = typical_counts(ledger, start, end)
    pub_org, pub_med = publicity_counts(ledger, start, end)

    rate_of = {r["code"]: r["rate"] for r in compliance}
    outcomes = org_outcomes(ledger, start, end)
    received = received_by_org(ledger, start, end)
    committees = []
    for o in rated_orgs(ledger, end, STAR_KINDS):
        succ, fail = outcomes.get(o["id"], (0, 0))
        figures = {
            "cases": received.get(o["id"], 0),
            "success_rate": _ratio(succ, succ + fail),
            "screening_rate": rate_of.get(o["code"]),
            "publicity": pub_org.get(o["id"], 0),
            "typical": typical_org.get(o["id"], 0),
        }
        committees.append({"code": o["code"], "name": o["name"], **figures, "score": score(figures, weights)})
    committees.sort(key=lambda r: (-r["score"], r["code"]))

    year_cases = mediator_year_figures(ledger, start, end)
    mediators = []
    for m in hours_between(ledger, start, end):
        c = year_cases.get(m["id"], {"cases": 0, "succeeded": 0, "failed": 0, "written": 0})
        figures = {
            "cases": c["cases"],
            "success_rate": _ratio(c["succeeded"], c["succeeded"] + c["failed"]),
            "written_share": _ratio(c["written"], c["succeeded"]),
            "training_hours": round(m["hours"], 1),
            "publicity": pub_med.get(m["id"], 0),
            "typical": typical_med.get(m["id"], 0),
        }
        mediators.append(
            {
                "staff_no": m["staff_no"],
                "name": m["name"],
                "org_code": m["org_code"],
                **figures,
                "score": score(figures, weights),
            }
        )
    mediators.sort(key=lambda r: (-r["score"], r["staff_no"]))
    return {
        "year": year,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "cases": totals,
        "staffing": {
            k: staffing[k]
            for k in ("as_of", "total_mediators", "full_time", "full_time_share", "meets_target")
        },
        "screening": {"required": required, "done": done, "rate": _ratio(done, required)},
        "training": {k: training[k] for k in ("mediators_total", "trained", "hours")},
        "publicity": {k: publicity[k] for k in ("submitted", "published", "outlets")},
        "typical_cases": publicity["typical_cases"],
        "weights": weights,
        "committees": committees[:top],
        "mediators": mediators[:top],
    }
