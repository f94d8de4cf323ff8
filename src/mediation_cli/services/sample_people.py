"""The people behind the sample banner (issue 9): training sign-in sheets, grades granted and committees re-rated in
2024, typical cases and publicity submissions — loaded through the same use cases a clerk's commands call."""

from __future__ import annotations

from datetime import date
from importlib.resources import as_file
from importlib.resources.abc import Traversable
from pathlib import Path

from mediation_cli.ledger.db import Ledger


def load_people(ledger: Ledger, folder: Traversable | Path, rows, today: date) -> dict[str, int]:
    """``rows(folder, name)`` reads an optional CSV of the sample; a folder without these files loads nothing."""
    from mediation_cli.services.mediators import edit_mediator
    from mediation_cli.services.orgs import edit_org
    from mediation_cli.services.publicity import add_publicity, feature_case
    from mediation_cli.services.training import import_training

    counts: dict[str, int] = {}
    if (folder / "training.csv").is_file():
        with as_file(folder / "training.csv") as path:
            result = import_training(
                ledger, Path(path), today=today, skip_bad=False, rejects=None, dry_run=False
            )
        counts["training"] = result.extra["sessions"]
    for r in rows(folder, "grades.csv"):
        edit_mediator(ledger, r["staff_no"], {"grade": r["grade"], "grade_on": r["granted_on"]}, today=today)
    for r in rows(folder, "ratings.csv"):
        edit_org(
            ledger, r["org_code"], {"star_rating": r["star_rating"], "rated_on": r["rated_on"]}, today=today
        )
    typical = rows(folder, "typical.csv")
    for r in typical:
        feature_case(
            ledger, r["case"], r["title"], text=r["text"], file=None, on=r["featured_on"], today=today
        )
    publicity = rows(folder, "publicity.csv")
    for r in publicity:
        add_publicity(
            ledger,
            {
                "on": r["submitted_on"],
                "outlet": r["outlet"],
                "title": r["title"],
                "author": r["author"],
                "case": r["case"] or None,
                "org": None,
                "published": None,
                "published_on": r["published_on"] or None,
            },
            today=today,
        )
    if typical:
        counts["typical"] = len(typical)
    if publicity:
        counts["publicity"] = len(publicity)
    return counts
