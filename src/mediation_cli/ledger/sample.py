"""Loading the sample banner (sample_data/) through the same importers a clerk uses."""

from __future__ import annotations

from pathlib import Path

from mediation_cli.ledger.db import Ledger


def load_sample(ledger: Ledger, folder: Path) -> dict[str, int]:
    from datetime import date

    from mediation_cli.ledger.mediators import import_mediators
    from mediation_cli.ledger.orgs import import_orgs

    today = date(2024, 12, 31)
    counts: dict[str, int] = {}
    with ledger.write():
        counts["orgs"] = import_orgs(
            ledger, folder / "orgs.csv", today=today, skip_bad=False, rejects=None, dry_run=False
        ).inserted
        counts["mediators"] = import_mediators(
            ledger, folder / "mediators.csv", today=today, skip_bad=False, rejects=None, dry_run=False
        ).inserted
        changes = folder / "mediator_changes.csv"
        if changes.exists():
            _apply_changes(ledger, changes)
        for name, loader in _more_loaders():
            path = folder / f"{name}.csv"
            if path.exists():
                counts[name] = loader(
                    ledger, path, today=today, skip_bad=False, rejects=None, dry_run=False
                ).inserted
    return counts


def _apply_changes(ledger: Ledger, path: Path) -> None:
    import csv

    from mediation_cli.ledger.mediators import find_mediator, set_employment

    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            m = find_mediator(ledger, row["staff_no"])
            set_employment(ledger, m["id"], row["employment"], row["employment_from"])


def _more_loaders():
    """Cases and screenings, once those importers exist."""
    loaders = []
    try:
        from mediation_cli.ledger.screenings import import_screenings

        loaders.append(("screenings", import_screenings))
    except ImportError:
        pass
    try:
        from mediation_cli.ledger.cases import import_cases

        loaders.append(("cases", import_cases))
    except ImportError:
        pass
    return loaders
