"""`report submitted`: a committee's quarterly report reached the bureau (每季度报送…情况报告)."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.dates import check_not_after_today, parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.reporting import parse_report_period
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import resolve_org
from mediation_cli.ledger.submissions import REPORTING_KINDS, submitted_on, upsert_submission


def record_submission(
    ledger: Ledger, org_ref: str, quarter: str, on: str, *, today: date
) -> tuple[str, str, str]:
    """Record (or correct) the day ``org_ref``'s report for ``quarter`` arrived; returns (org code, quarter, day)."""
    org = resolve_org(ledger, org_ref)
    if org["kind"] not in REPORTING_KINDS:
        raise Invalid(
            "org",
            org["code"],
            "a township or industry committee (those report each quarter)",
            "苏木镇或行业性专业性调委会（按季度报送）",
        )
    q = parse_report_period(quarter, Config(ledger)["report_cycle"])  # a month under report_cycle monthly
    day = parse_date(on, today=today, field="on")
    if day < q.start:
        raise Invalid(
            "on",
            day.isoformat(),
            f"a date on or after the period starts ({q.start})",
            f"不早于报告期开始（{q.start}）的日期",
        )
    check_not_after_today("on", day.isoformat(), today)
    before = submitted_on(ledger, org["id"], q.label)
    with ledger.write():
        upsert_submission(ledger, org["id"], q.label, day.isoformat())
        ledger.audit(
            "report_submission",
            f"{org['code']}/{q.label}",
            "submitted",
            {"submitted_on": before} if before else None,
            {"submitted_on": day.isoformat()},
        )
    return org["code"], q.label, day.isoformat()
