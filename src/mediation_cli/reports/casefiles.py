"""`report files --from --to`: the cases closed (销号) in a range whose file (卷宗) lacks a required document."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.casefiles import missing_documents, required_documents
from mediation_cli.ledger.casefiles import closed_with_kinds
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger


def closed_files(ledger: Ledger, start: date, end: date, *, org_ids: list[int] | None = None) -> list[dict]:
    """Every case closed in [start, end]: case_no, org_code, outcome, agreement, closed_on, required, missing."""
    requirements = Config(ledger)["file_requirements"]
    out = []
    for c in closed_with_kinds(ledger, start, end, org_ids=org_ids):
        required = required_documents(
            requirements, c["outcome"], c["agreement"], visited=not c["closed_without_visit"]
        )
        out.append(
            {
                "case_no": c["case_no"],
                "org_code": c["org_code"],
                "org_id": c["org_id"],
                "outcome": c["outcome"],
                "agreement": c["agreement"],
                "closed_on": c["closed_on"],
                "required": required,
                "missing": missing_documents(required, c["present"]),
            }
        )
    return out


def incomplete_files(
    ledger: Ledger, start: date, end: date, *, org_ids: list[int] | None = None
) -> list[dict]:
    return [
        {k: v for k, v in c.items() if k != "org_id"}
        for c in closed_files(ledger, start, end, org_ids=org_ids)
        if c["missing"]
    ]
