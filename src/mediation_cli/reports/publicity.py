"""Typical cases (典型案例) as they leave the bureau, and `report publicity --year`: submissions to the columns, per
org and per mediator, with the year's typical cases."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.anonymise import anonymise
from mediation_cli.errors import MediationError
from mediation_cli.ledger import cases as store
from mediation_cli.ledger.config import category_labels
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.publicity import (
    feature_of,
    features_between,
    mediator_names,
    org_name,
    party_names,
    publicity_between,
)


def typical_case(ledger: Ledger, ref: str, extra_names: list[str], *, today: date) -> dict:
    """A typical case ready to leave the bureau: its title, summary and write-up with names replaced by 某 (every
    mediator's name in the ledger, the parties recorded on the case, and ``extra_names``: parties not recorded) and ID
    and phone numbers dropped."""
    row = store.find_case(ledger, ref, today=today)
    feature = feature_of(ledger, row["id"])
    if feature is None:
        raise MediationError(
            f"{row['case_no']} is not a typical case — mark it with `case feature {row['case_no']} --title … --file …`",
            f"{row['case_no']} 尚未列为典型案例——请先用 `case feature {row['case_no']} --title … --file …`",
        )
    names = mediator_names(ledger) + party_names(ledger, [row["id"]]) + [n for n in extra_names if n]
    zh, _en = category_labels(ledger).get(row["category"], (row["category"], row["category"]))
    return {
        "case_no": row["case_no"],
        "title": anonymise(feature["title"], names),
        "org": org_name(ledger, row["org_id"]),
        "category": zh,
        "received_on": row["received_on"],
        "outcome": row["outcome"],
        "summary": anonymise(row["summary"] or "", names),
        "write_up": anonymise(feature["text"], names),
        "featured_on": feature["featured_on"],
    }


def publicity_report(ledger: Ledger, year: int) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    items = publicity_between(ledger, start, end)
    orgs: dict[str, dict] = {}
    people: dict[str, dict] = {}
    for p in items:
        if p["org_code"]:
            o = orgs.setdefault(
                p["org_code"], {"code": p["org_code"], "name": p["org_name"], "submitted": 0, "published": 0}
            )
            o["submitted"] += 1
            o["published"] += p["published"]
        if p["staff_no"]:
            m = people.setdefault(
                p["staff_no"],
                {"staff_no": p["staff_no"], "name": p["author"], "submitted": 0, "published": 0},
            )
            m["submitted"] += 1
            m["published"] += p["published"]
    outlets: dict[str, dict] = {}
    for p in items:
        o = outlets.setdefault(p["outlet"], {"outlet": p["outlet"], "submitted": 0, "published": 0})
        o["submitted"] += 1
        o["published"] += p["published"]
    return {
        "year": year,
        "submitted": len(items),
        "published": sum(p["published"] for p in items),
        "typical_cases": features_between(ledger, start, end),
        "outlets": list(outlets.values()),
        "orgs": sorted(orgs.values(), key=lambda o: (-o["submitted"], o["code"])),
        "mediators": sorted(people.values(), key=lambda m: (-m["submitted"], m["staff_no"])),
        "submissions": items,
    }
