"""The quarterly report of a township or industry committee (每季度向旗司法局……报送本季度矛盾纠纷工作开展情况报告):
the figures of one org's area (the org and those under it) for one quarter. Rendered as Markdown, .docx or JSON from
this one dict, so every format carries the same figures."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.keyperiods import KEY_PERIOD_LABELS, key_periods_between
from mediation_cli.domain.lifecycle import success_rate
from mediation_cli.domain.periods import Period
from mediation_cli.domain.taxonomy import SOURCE_STAT, SOURCE_STAT_LABELS
from mediation_cli.domain.values import fen_to_yuan
from mediation_cli.ledger import predicates
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import subtree_ids
from mediation_cli.reports import quarterly_notes
from mediation_cli.reports.cases import CaseReportParams, case_report, case_totals
from mediation_cli.reports.compliance import screening_compliance
from mediation_cli.reports.remind import report_due_date
from mediation_cli.reports.staffing import staffing_report


def quarterly_report(
    ledger: Ledger,
    org,
    quarter: Period,
    config: Config | None = None,
    drafted_on: date | None = None,
    as_of: date | None = None,
) -> dict:
    """The figures of the quarter as they stood on ``as_of`` — the cases' status, plans, consultations and risk reports
    then, not now (issue 15) — dated ``drafted_on`` (the day the draft is made, default today). ``as_of`` defaults to
    the drafting day while the quarter runs (the report is due on the 28th of its last month, so a week still to come
    is not "missed"), else to the quarter's last day; it is never after that day."""
    config = config or Config(ledger)
    drafted_on = drafted_on or date.today()
    if as_of is None:
        as_of = drafted_on if quarter.start <= drafted_on < quarter.end else quarter.end
    on = as_of = min(as_of, quarter.end)
    ids = subtree_ids(ledger, org["id"])
    id_list = ",".join(str(i) for i in ids)
    span = {"start": quarter.start.isoformat(), "end": quarter.end.isoformat(), "on": on.isoformat()}

    # 排查: rounds held in the area, and each org with a cadence against it
    s = ledger.one(
        f"""SELECT count(*) AS rounds, coalesce(sum(found), 0) AS found, coalesce(sum(found = 0), 0) AS zero,
                              coalesce(sum(kind = 'routine'), 0) AS routine,
                              coalesce(sum(kind = 'concentrated'), 0) AS concentrated, coalesce(sum(kind = 'key'), 0) AS key
                       FROM screening WHERE org_id IN ({id_list}) AND screened_on BETWEEN :start AND :on""",
        span,
    )
    compliance = screening_compliance(ledger, quarter.start, on, config, org_ids=ids)
    required = sum(c["required"] for c in compliance)
    done = sum(c["done"] for c in compliance)

    params = CaseReportParams(quarter.start, quarter.end, "category", ids, prevented=True, as_of=on)
    totals = case_totals(ledger, params)
    by_category = case_report(ledger, params)
    by_source: dict[str, int] = {}
    for r in case_report(ledger, CaseReportParams(quarter.start, quarter.end, "source", ids, as_of=on)):
        key = SOURCE_STAT.get(r["key"], "application")
        by_source[key] = by_source.get(key, 0) + r["received"]
    agreements = ledger.one(
        f"""SELECT coalesce(sum(agreement = 'written'), 0) AS written,
                                       coalesce(sum(agreement = 'oral'), 0) AS oral,
                                       coalesce(sum(coalesce(agreement_fen, amount_fen)), 0) AS fen,
                                       coalesce(sum(performed = 1), 0) AS performed
                                FROM dispute d WHERE org_id IN ({id_list}) AND received_on BETWEEN :start AND :on
                                AND {predicates.status_on("d", ":on")} = 'succeeded'""",
        span,
    )

    categories = {r["code"]: r["zh"] for r in ledger.all("SELECT code, zh FROM category")}
    major = [
        dict(r)
        for r in ledger.all(
            f"""
        SELECT d.case_no, d.category, d.summary, d.status, d.outcome, d.received_on,
               {predicates.status_on("d", ":on")} AS status_then,
               {predicates.planned_on("d", ":on")} AS has_plan,
               (SELECT count(*) FROM consultation c WHERE c.case_id = d.id AND c.held_on <= :on) AS consultations
        FROM dispute d WHERE d.org_id IN ({id_list}) AND {predicates.major_on("d", ":on")}
        AND (d.received_on >= :start OR {predicates.pending_on("d", ":on")}
             OR coalesce(d.outcome_on, d.closed_on) >= :start) ORDER BY d.received_on""",
            span,
        )
    ]
    for m in major:
        m["category_label"] = categories.get(m["category"], m["category"])
    risky = [
        dict(r)
        for r in ledger.all(
            f"""
        SELECT d.case_no, d.category, d.risk_level, d.risk_types,
               CASE WHEN d.reported_on <= :on THEN d.reported_on END AS reported_on,
               CASE WHEN d.reported_on <= :on THEN d.reported_to END AS reported_to,
               d.status, d.outcome, {predicates.status_on("d", ":on")} AS status_then,
               {predicates.must_report("d")} AS must_report
        FROM dispute d WHERE d.org_id IN ({id_list}) AND d.received_on BETWEEN :start AND :on
        AND (d.risk_level IN ('elevated', 'major') OR coalesce(d.risk_types, '') != '')
        ORDER BY d.received_on""",
            span,
        )
    ]

    staffing = staffing_report(ledger, as_of, root_id=org["id"], multi_ethnic=bool(config["multi_ethnic"]))
    key_periods = []
    for kp in key_periods_between(
        quarter.start,
        quarter.end,
        windows=config["key_period_windows"],
        spring=config["spring_festival_window"],
    ):
        n = ledger.scalar(
            f"SELECT count(*) FROM dispute WHERE org_id IN ({id_list}) AND received_on BETWEEN ? AND ?",
            (kp.start.isoformat(), kp.end.isoformat()),
        )
        key_periods.append(
            {
                "code": kp.code,
                "label": KEY_PERIOD_LABELS[kp.code],
                "start": kp.start.isoformat(),
                "end": kp.end.isoformat(),
                "cases": n,
            }
        )
    performance = quarterly_notes.performance(ledger, id_list, span)
    submitted = ledger.scalar(
        "SELECT submitted_on FROM report_submission WHERE org_id = ? AND quarter = ?",
        (org["id"], quarter.label),
    )
    return {
        "org": {"code": org["code"], "name": org["name"], "kind": org["kind"]},
        "quarter": quarter.label,
        "from": quarter.start.isoformat(),
        "to": quarter.end.isoformat(),
        "as_of": on.isoformat(),
        "due_on": report_due_date(quarter, config).isoformat(),
        "submitted_on": submitted,
        # 辖区内N个调解组织: the 人民调解 organisations of the area active at some time in the quarter
        "orgs_covered": ledger.scalar(
            f"""SELECT count(*) FROM org o WHERE o.id IN ({id_list}) AND {predicates.peoples_mediation_org("o")}
                AND {predicates.org_active_during("o", ":start", ":end")}""",
            span,
        ),
        "screenings": {
            "rounds": s["rounds"],
            "found": s["found"],
            "zero_reports": s["zero"],
            "routine": s["routine"],
            "concentrated": s["concentrated"],
            "key": s["key"],
            "required_periods": required,
            "met_periods": done,
            "compliance_rate": (done / required) if required else None,
            "lagging": [
                {"code": c["code"], "name": c["name"], "missed": c["missed"], "rate": c["rate"]}
                for c in compliance
                if c["missed"]
            ],
        },
        "cases": {
            **{
                k: totals[k]
                for k in (
                    "received",
                    "succeeded",
                    "failed",
                    "withdrawn",
                    "pending",
                    "success_rate",
                    "success_rate_of_received",
                    "amount",
                )
            },
            "agreements_written": agreements["written"],
            "agreements_oral": agreements["oral"],
            "agreement_amount": fen_to_yuan(agreements["fen"]),
            "agreements_performed": agreements["performed"],
            "agreements_not_performed": performance["not_performed"],
            "agreements_performance_unrecorded": performance["unrecorded"],
            "by_category": [
                {
                    "key": r["key"],
                    "label": categories.get(r["key"], r["key"]),
                    "received": r["received"],
                    "succeeded": r["succeeded"],
                    "success_rate": r["success_rate"],
                    "success_rate_of_received": r["success_rate_of_received"],
                }
                for r in by_category
            ],
            "by_source": [
                {"key": k, "label": SOURCE_STAT_LABELS[k][0], "received": by_source.get(k, 0)}
                for k in SOURCE_STAT_LABELS
            ],
        },
        "major_cases": major,
        "risk_cases": risky,
        "prevented": {k: totals[k] for k in totals if k.startswith("prevented_")},
        "staffing": {
            "mediators": staffing["total_mediators"],
            "full_time": staffing["full_time"],
            "full_time_share": staffing["full_time_share"],
            "short": [
                {
                    "code": o["code"],
                    "name": o["name"],
                    "required": o["required_full_time"],
                    "full_time": o["full_time"],
                    "shortfall": o["shortfall"],
                }
                for o in staffing["orgs"]
                if not o["meets"]
            ],
        },
        "key_periods": key_periods,
        "problems": quarterly_notes.problems(ledger, id_list, quarter, as_of, config),
        "typical_cases": quarterly_notes.typical_cases(ledger, id_list, span, categories),
        "drafted_on": drafted_on.isoformat(),
    }


def success_rate_of(cases: dict) -> float | None:
    return success_rate(cases["succeeded"], cases["failed"])


__all__ = ["quarterly_report", "date"]
