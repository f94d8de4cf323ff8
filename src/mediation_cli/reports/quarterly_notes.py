"""What the quarterly report says beyond the counts, drawn from the ledger: how agreements were performed (with
"not recorded" kept apart from "not performed"), the problems a bureau wants named (存在的问题), and the typical cases
(典型案例) worth telling. Read-only, for one area (an org and those under it) and one quarter."""

from __future__ import annotations

from datetime import date, timedelta

from mediation_cli.domain.anonymise import anonymise
from mediation_cli.domain.periods import Period
from mediation_cli.domain.values import fen_to_yuan
from mediation_cli.ledger import predicates
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.publicity import mediator_names, party_names

EFFECTIVE = "(CASE WHEN d.status = 'closed' THEN d.outcome ELSE d.status END)"
TYPICAL_LIMIT = 3


def performance(ledger: Ledger, id_list: str, span: dict) -> dict:
    """Succeeded cases received in the quarter by what is recorded of their performance (已履行 / 未履行 / 未登记)."""
    r = ledger.one(
        f"""SELECT coalesce(sum(performed = 1), 0) AS yes, coalesce(sum(performed = 0), 0) AS no,
                   coalesce(sum(performed IS NULL), 0) AS unknown
            FROM dispute d WHERE d.org_id IN ({id_list}) AND d.received_on BETWEEN :start AND :end
            AND {EFFECTIVE} = 'succeeded'""",
        span,
    )
    return {"performed": r["yes"], "not_performed": r["no"], "unrecorded": r["unknown"]}


def problems(ledger: Ledger, id_list: str, quarter: Period, as_of: date, config: Config) -> dict:
    """The ledger's own evidence of what fell short in the quarter (up to ``as_of``, the drafting day when the
    quarter is not over), each a count with the case numbers behind it."""
    end = as_of.isoformat()
    span = {"start": quarter.start.isoformat(), "end": end}
    area = f"d.org_id IN ({id_list})"
    unreported = [
        r["case_no"]
        for r in ledger.all(
            f"""SELECT d.case_no FROM dispute d WHERE {area} AND d.received_on BETWEEN :start AND :end
                AND {predicates.unreported("d", ":end")} ORDER BY d.received_on, d.id""",
            span,
        )
    ]
    cutoff = (as_of - timedelta(days=int(config["stalled_days"]))).isoformat()
    stalled = [
        r["case_no"]
        for r in ledger.all(
            f"""SELECT d.case_no FROM dispute d WHERE {area} AND d.received_on <= :end
                AND {predicates.stalled("d", before=":cutoff", on=":end")} ORDER BY d.received_on, d.id""",
            {**span, "cutoff": cutoff},
        )
    ]
    within = int(config["entry_within_days"])
    late = ledger.one(
        f"""SELECT count(*) AS cases, coalesce(sum(d.entry_lag > :within), 0) AS late FROM dispute d
            WHERE {area} AND d.received_on BETWEEN :start AND :end""",
        {**span, "within": within},
    )
    return {
        "unreported_risks": unreported,
        "stalled_cases": stalled,
        "stalled_days": int(config["stalled_days"]),
        "late_entries": late["late"],
        "entries": late["cases"],
        "entry_within_days": within,
    }


def typical_cases(ledger: Ledger, id_list: str, span: dict, categories: dict[str, str]) -> list[dict]:
    """Up to three cases a report tells as examples: first those the clerk chose (`case feature`, 典型案例) in the
    quarter, with their title and write-up (names → 某, ID and phone numbers dropped: domain/anonymise.py); then
    cases settled in the quarter, major difficult ones first, then written agreements, then the largest amounts."""
    featured = ledger.all(
        f"""SELECT d.id, f.title, f.text FROM case_feature f JOIN dispute d ON d.id = f.case_id
            WHERE d.org_id IN ({id_list}) AND f.featured_on BETWEEN :start AND :end
            ORDER BY f.featured_on, d.id LIMIT {TYPICAL_LIMIT}""",
        span,
    )
    chosen = {r["id"]: r for r in featured}
    names = mediator_names(ledger) + party_names(ledger, chosen) if chosen else []
    rows = ledger.all(
        f"""SELECT d.id, d.case_no, o.name AS org_name, d.category, d.received_on, d.outcome_on, d.summary,
                   d.parties, d.agreement, coalesce(d.agreement_fen, d.amount_fen) AS fen, d.performed, d.major
            FROM dispute d JOIN org o ON o.id = d.org_id
            WHERE d.id IN ({",".join(str(i) for i in chosen) or "NULL"})
               OR (d.org_id IN ({id_list}) AND {EFFECTIVE} = 'succeeded' AND d.outcome_on BETWEEN :start AND :end)
            ORDER BY d.id IN ({",".join(str(i) for i in chosen) or "NULL"}) DESC, d.major DESC,
                     (d.agreement = 'written') DESC, coalesce(d.agreement_fen, d.amount_fen, 0) DESC, d.outcome_on, d.id
            LIMIT {TYPICAL_LIMIT}""",
        span,
    )
    return [
        {
            "title": anonymise(chosen[r["id"]]["title"], names) if r["id"] in chosen else None,
            "write_up": anonymise(chosen[r["id"]]["text"], names) if r["id"] in chosen else None,
            "case_no": r["case_no"],
            "org_name": r["org_name"],
            "category": r["category"],
            "category_label": categories.get(r["category"], r["category"]),
            "received_on": r["received_on"],
            "outcome_on": r["outcome_on"],
            "summary": anonymise(r["summary"] or "", names) if r["id"] in chosen else r["summary"],
            "parties": r["parties"],
            "agreement": r["agreement"],
            "amount": fen_to_yuan(r["fen"]),
            "performed": None if r["performed"] is None else bool(r["performed"]),
            "major": bool(r["major"]),
        }
        for r in rows
    ]


__all__ = ["performance", "problems", "typical_cases"]
