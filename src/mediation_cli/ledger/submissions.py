"""Quarterly reports received by the bureau (每季度报送本季度矛盾纠纷工作开展情况报告)."""

from __future__ import annotations

from mediation_cli.ledger.db import Ledger, now_iso
from mediation_cli.ledger.orgs import ACTIVE_SQL

# The township (苏木镇) and industry (行业性专业性) committees report each quarter.
REPORTING_KINDS = ("township", "industry")


def submitted_on(ledger: Ledger, org_id: int, quarter: str) -> str | None:
    return ledger.scalar(
        "SELECT submitted_on FROM report_submission WHERE org_id = ? AND quarter = ?", (org_id, quarter)
    )


def upsert_submission(ledger: Ledger, org_id: int, quarter: str, day: str) -> None:
    """Record (or correct) the day an org's report for ``quarter`` reached the bureau."""
    ledger.conn.execute(
        "INSERT INTO report_submission(org_id, quarter, submitted_on, at) VALUES (?,?,?,?) "
        "ON CONFLICT(org_id, quarter) DO UPDATE SET submitted_on = excluded.submitted_on, at = excluded.at",
        (org_id, quarter, day, now_iso()),
    )


def submissions_for(ledger: Ledger, quarter: str, active_on: str) -> list:
    """Every reporting committee active on ``active_on`` with the day its report for ``quarter`` arrived (or None)."""
    kinds = ", ".join(f"'{k}'" for k in REPORTING_KINDS)
    return ledger.all(
        f"""SELECT o.code, o.name, o.kind, s.submitted_on FROM org o
            LEFT JOIN report_submission s ON s.org_id = o.id AND s.quarter = :q
            WHERE o.kind IN ({kinds}) AND {ACTIVE_SQL} ORDER BY o.code""",
        {"q": quarter, "d": active_on},
    )
