"""The city rollup (市司法局汇总): the year's figures of many banners' ledgers, per banner and for the city.

Each ledger is opened read-only as a received file (``ledger.db.open_read_only``: never migrated or written, no
-wal/-shm made beside it) and answers with the banner's own reports — the statistics table, staffing and the 10%
full-time share, screening compliance, data-entry timeliness — so that a banner's row is exactly what its own
`report statistics`, `report staffing`, `screen compliance` and `report timeliness` say. The city row is their sum;
shares and medians are taken again over the summed counts (never an average of shares).

A banner is named by its ledger's root org (the one org without a parent) and keyed by the file's stem; org codes
are only ever shown qualified by that key (``stem/code``), so two banners' ``T01`` never meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mediation_cli.domain.staffing import convert_needed, full_time_share, hire_needed, meets_share
from mediation_cli.errors import MediationError
from mediation_cli.ledger.db import Ledger
from mediation_cli.reports.statistics import fields as statistics_fields

STAFFING_FIELDS = [
    "banner",
    "name",
    "total_mediators",
    "full_time",
    "full_time_share",
    "meets_target",
    "convert_needed",
    "hire_needed",
]
COMPLIANCE_FIELDS = ["banner", "name", "orgs", "required", "done", "missed", "rate", "orgs_all_done"]
TIMELINESS_FIELDS = [
    "banner",
    "name",
    "cases",
    "median_lag_days",
    "within",
    "within_share",
    "late",
    "year_end_rush",
]
CITY = "city"


@dataclass(frozen=True)
class Source:
    """One ledger file of the rollup: its key (file stem) and path."""

    key: str
    path: Path


def sources(paths: list[Path]) -> list[Source]:
    """The ledger files named (a folder stands for its ``*.db`` files, in name order), each keyed by its stem.
    Two files with one stem are refused: their rows could not be told apart."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.glob("*.db") if q.is_file())
            if not found:
                raise MediationError(
                    f"{p}: no ledger (*.db) in this folder", f"{p}：该目录下没有台账文件（*.db）"
                )
            files += found
        else:
            files.append(p)
    seen: dict[str, Path] = {}
    out = []
    for f in files:
        key = f.stem
        if key in seen:
            if seen[key].resolve() == f.resolve():
                continue
            raise MediationError(
                f"{f}: same name as {seen[key]} — rename one so that the banners can be told apart",
                f"{f}：与 {seen[key]} 同名——请改名其中之一，以便区分各旗",
            )
        seen[key] = f
        out.append(Source(key, f))
    if not out:
        raise MediationError("no ledger given", "未指定台账文件")
    return out


def banner_name(ledger: Ledger, key: str) -> str:
    """The root org's name (the one org without a parent), else the file's stem."""
    roots = ledger.all("SELECT name FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 2")
    return roots[0]["name"] if len(roots) == 1 else key


def banner_figures(ledger: Ledger, key: str, year: int, as_of: date, within: int | None = None) -> dict:
    """One banner's figures for the year, from its own reports. ``as_of``: the day of the staffing count and the
    last day of the compliance range (the year's end once it is over); ``within`` defaults to the ledger's own
    setting entry_within_days."""
    from mediation_cli.ledger.config import Config
    from mediation_cli.reports.compliance import screening_compliance
    from mediation_cli.reports.staffing import staffing_report
    from mediation_cli.reports.statistics import statistics_report
    from mediation_cli.reports.timeliness import lags_and_rush

    config = Config(ledger)
    start, end = date(year, 1, 1), date(year, 12, 31)
    name = banner_name(ledger, key)
    units = statistics_report(ledger, start, end, by="township")
    total = units.pop()
    staffing = staffing_report(ledger, as_of, multi_ethnic=bool(config["multi_ethnic"]))
    compliance = screening_compliance(ledger, start, min(end, as_of), config) if as_of >= start else []
    n = config["entry_within_days"] if within is None else within
    lags: dict[int, int] = {}
    by_org, rush_by_org = lags_and_rush(ledger, start, end, year)
    for counts in by_org.values():
        for lag, k in counts:
            lags[lag] = lags.get(lag, 0) + k
    rush = sum(rush_by_org.values())
    return {
        "banner": key,
        "name": name,
        "file": str(ledger.path),
        "statistics": {**total, "unit": key, "name": name},
        "units": [{**u, "banner": key, "unit": f"{key}/{u['unit']}"} for u in units],
        "mediators": staffing["total_mediators"],
        "full_time": staffing["full_time"],
        "orgs": len(compliance),
        "required": sum(r["required"] for r in compliance),
        "done": sum(r["done"] for r in compliance),
        "missed": sum(r["missed"] for r in compliance),
        "orgs_all_done": sum(1 for r in compliance if r["required"] and not r["missed"]),
        "within": n,
        "lags": sorted(lags.items()),
        "rush": rush,
    }


def _staffing_row(key: str, name: str, total: int, full_time: int) -> dict:
    share = full_time_share(full_time, total)
    return {
        "banner": key,
        "name": name,
        "total_mediators": total,
        "full_time": full_time,
        "full_time_share": None if share is None else float(share),
        "meets_target": meets_share(full_time, total),
        "convert_needed": convert_needed(full_time, total),
        "hire_needed": hire_needed(full_time, total),
    }


def _compliance_row(key: str, name: str, f: dict) -> dict:
    return {
        "banner": key,
        "name": name,
        "orgs": f["orgs"],
        "required": f["required"],
        "done": f["done"],
        "missed": f["missed"],
        "rate": f["done"] / f["required"] if f["required"] else None,
        "orgs_all_done": f["orgs_all_done"],
    }


def _timeliness_row(key: str, name: str, lags: list[tuple[int, int]], within: int, rush: int) -> dict:
    from mediation_cli.reports.timeliness import median_of_counts

    cases = sum(n for _, n in lags)
    on_time = sum(n for lag, n in lags if lag is not None and lag <= within)
    return {
        "banner": key,
        "name": name,
        "cases": cases,
        "median_lag_days": median_of_counts(lags),
        "within_share": on_time / cases if cases else None,
        "late": cases - on_time,
        "year_end_rush": rush,
    }


def _city_timeliness(rows: list[dict], lags: list[tuple[int, int]], city_name: str) -> dict:
    """The city's row: each banner late by its own setting, so the city's late cases are the banners' sum."""
    from mediation_cli.reports.timeliness import median_of_counts

    cases = sum(r["cases"] for r in rows)
    late = sum(r["late"] for r in rows)
    withins = {r["within"] for r in rows}
    return {
        "banner": CITY,
        "name": city_name,
        "cases": cases,
        "median_lag_days": median_of_counts(lags),
        "within_share": (cases - late) / cases if cases else None,
        "late": late,
        "year_end_rush": sum(r["year_end_rush"] for r in rows),
        "within": withins.pop() if len(withins) == 1 else None,
    }


def combine(figures: list[dict], year: int, as_of: date, city_name: str) -> dict:
    """The rollup of the banners' figures: per banner and a city row in each section."""
    numeric = [k for k in statistics_fields() if k not in ("unit", "name")]
    city_stats = {"unit": CITY, "name": city_name, **{k: 0 for k in numeric}}
    for f in figures:
        for k in numeric:
            city_stats[k] += f["statistics"][k]
    city_stats["agreement_amount_wan"] = round(city_stats["agreement_amount_wan"], 6)
    city_lags: dict[int, int] = {}
    for f in figures:
        for lag, n in f["lags"]:
            city_lags[lag] = city_lags.get(lag, 0) + n
    timeliness = [
        {**_timeliness_row(f["banner"], f["name"], f["lags"], f["within"], f["rush"]), "within": f["within"]}
        for f in figures
    ]
    city_compliance = {
        k: sum(f[k] for f in figures) for k in ("orgs", "required", "done", "missed", "orgs_all_done")
    }
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "banners": [{"banner": f["banner"], "name": f["name"], "file": f["file"]} for f in figures],
        "statistics": [f["statistics"] for f in figures] + [city_stats],
        "statistics_units": [u for f in figures for u in f["units"]],
        "staffing": [_staffing_row(f["banner"], f["name"], f["mediators"], f["full_time"]) for f in figures]
        + [
            _staffing_row(
                CITY, city_name, sum(f["mediators"] for f in figures), sum(f["full_time"] for f in figures)
            )
        ],
        "compliance": [_compliance_row(f["banner"], f["name"], f) for f in figures]
        + [_compliance_row(CITY, city_name, city_compliance)],
        "timeliness": timeliness + [_city_timeliness(timeliness, sorted(city_lags.items()), city_name)],
    }


def _one(args: tuple[Source, int, date, int | None]) -> dict:
    from mediation_cli.ledger.db import open_read_only

    src, year, as_of, within = args
    ledger = open_read_only(src.path)
    try:
        return banner_figures(ledger, src.key, year, as_of, within)
    finally:
        ledger.close()


def rollup(
    paths: list[Path],
    year: int,
    as_of: date,
    *,
    within: int | None = None,
    jobs: int = 1,
    city_name: str = "全市",
) -> dict:
    """The rollup of the ledgers at ``paths`` (files, or folders of ``*.db``). Every file is checked before any is
    read: a bad, newer or incomplete ledger refuses the whole rollup. ``jobs`` > 1 reads that many ledgers at once
    (one process each)."""
    from mediation_cli.ledger.db import open_read_only

    srcs = sources(paths)
    for s in srcs:  # refuse early: a bad tenth file should not cost nine ledgers' work first
        open_read_only(s.path).close()
    work = [(s, year, as_of, within) for s in srcs]
    if jobs > 1 and len(srcs) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(min(jobs, len(srcs))) as pool:
            figures = pool.map(_one, work, chunksize=1)
    else:
        figures = [_one(w) for w in work]
    return combine(figures, year, as_of, city_name)
