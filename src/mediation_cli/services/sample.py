"""Loading the sample banner (the package's sample/ folder, or a folder of the same CSVs) through the same importers and
ledger functions a clerk's commands use."""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

from mediation_cli.ledger.db import Ledger

# The sample is a year of 2024: its dates are checked against the end of that year, not today's date.
SAMPLE_TODAY = date(2024, 12, 31)

# The files every sample folder must hold; the others (plans, consultations, submissions, changes, risk reports) are
# optional.
REQUIRED_FILES = ("orgs.csv", "mediators.csv", "screenings.csv", "cases.csv")


def shipped_sample() -> Traversable:
    """The sample banner shipped inside the package (a wheel carries it; read through importlib.resources)."""
    return files("mediation_cli.sample")


def missing_files(folder: Traversable | Path) -> list[str]:
    """The required sample files that ``folder`` lacks (all of them when it is not a folder)."""
    return [name for name in REQUIRED_FILES if not (folder / name).is_file()]


@contextmanager
def _local(folder: Traversable | Path, name: str) -> Iterator[Path]:
    with as_file(folder / name) as path:
        yield Path(path)


def load_sample(ledger: Ledger, folder: Traversable | Path) -> dict[str, int]:
    from mediation_cli.services.case_import import import_cases
    from mediation_cli.services.mediators import import_mediators
    from mediation_cli.services.orgs import import_orgs
    from mediation_cli.services.screenings import import_screenings

    counts: dict[str, int] = {}
    with ledger.write():  # all of it, or nothing
        for name, loader in (("orgs", import_orgs), ("mediators", import_mediators)):
            counts[name] = _import(loader, ledger, folder, f"{name}.csv")
        _apply_changes(ledger, folder)
        # the shipped sample is a fictional banner entered at the time its entered_at says: not a back-fill
        cases = functools.partial(import_cases, record_backfill=False)
        for name, loader in (("screenings", import_screenings), ("cases", cases)):
            counts[name] = _import(loader, ledger, folder, f"{name}.csv")
        counts.update(_load_casework(ledger, folder))
        from mediation_cli.services.sample_people import load_people

        counts.update(load_people(ledger, folder, _rows, SAMPLE_TODAY))
    return counts


def _import(loader, ledger: Ledger, folder: Traversable | Path, name: str) -> int:
    with _local(folder, name) as path:
        return loader(ledger, path, today=SAMPLE_TODAY, skip_bad=False, rejects=None, dry_run=False).inserted


def _rows(folder: Traversable | Path, name: str) -> list[dict]:
    entry = folder / name
    if not entry.is_file():
        return []
    with entry.open("r", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _apply_changes(ledger: Ledger, folder: Traversable | Path) -> None:
    """Employment changes with their effective dates (part-time → full-time from 2024-09-01)."""
    from mediation_cli.ledger.mediators import find_mediator, set_employment

    for row in _rows(folder, "mediator_changes.csv"):
        m = find_mediator(ledger, row["staff_no"])
        set_employment(ledger, m["id"], row["employment"], row["employment_from"])


def _load_casework(ledger: Ledger, folder: Traversable | Path) -> dict[str, int]:
    """Plans (一案一策), consultations (定期会商), quarterly report submissions and risk reports' addressees of the
    sample banner."""
    from mediation_cli.services.casework import add_plan, consult, report_risk
    from mediation_cli.services.submissions import record_submission

    plans = _rows(folder, "plans.csv")
    for r in plans:
        add_plan(ledger, r["case_no"], r["text"], r["written_on"], today=SAMPLE_TODAY)
    consultations = _rows(folder, "consultations.csv")
    for r in consultations:
        consult(ledger, r["case_no"], r["held_on"], r["participants"], r["conclusion"], today=SAMPLE_TODAY)
    submissions = _rows(folder, "submissions.csv")
    for r in submissions:
        record_submission(ledger, r["org_code"], r["quarter"], r["submitted_on"], today=SAMPLE_TODAY)
    risk_reports = _rows(folder, "risk_reports.csv")  # 报告对象 of the risks cases.csv marks as reported
    for r in risk_reports:
        report_risk(ledger, r["case_no"], r["reported_on"], r["reported_to"], today=SAMPLE_TODAY)
    return {
        "plans": len(plans),
        "consultations": len(consultations),
        "submissions": len(submissions),
        "risk_reports": len(risk_reports),
    }
