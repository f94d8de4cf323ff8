"""Exports for the upstream platforms (`case export --profile moj|region|FILE.toml`) and the record of what reached
them (应录必录): the rows read in one snapshot, written through the one CSV/XLSX writer, the batch recorded."""

from __future__ import annotations

from datetime import date
from itertools import chain
from pathlib import Path

from mediation_cli.domain.errors import Invalid
from mediation_cli.errors import MediationError, quote
from mediation_cli.io.exporters import write_cursor
from mediation_cli.io.profiles import Profile, load_profile, plain_profile
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.export_fields import FIELDS
from mediation_cli.ledger.exports import insert_batch, profile_rows


def load(ref: str) -> Profile:
    """A built-in profile by name or a TOML file, checked against the fields the ledger can export."""
    return load_profile(ref, FIELDS)


def format_of_name(output: Path | None) -> str | None:
    """The format a file name asks for: ``b.csv`` → csv, ``b.xlsx`` → xlsx; None for stdout or another suffix."""
    if output is None:
        return None
    return {".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}.get(Path(output).suffix.lower())


TIMESTAMPS = ("entered_at", "updated_at")
WIDE = {"summary": 40, "org_name": 30, "township": 26, "mediator_names": 20, "case_no": 24, "reported_to": 16}


def cell_kinds(prof: Profile) -> list[str | None]:
    """Per column, ``date`` or ``datetime`` where the XLSX cell should be a real date (ISO profiles only: a profile
    that asks for 2024/03/25 or 2024年3月25日 gets that text)."""
    return [
        "datetime"
        if fld in TIMESTAMPS
        else ("date" if FIELDS[fld].kind == "date" and prof.date_format == "iso" else None)
        for _, fld in prof.columns
    ]


def column_widths(prof: Profile) -> list[float]:
    """Widths (in characters) a clerk can read: the header's width (a Chinese character counts two), at least what
    the values need."""
    from wcwidth import wcswidth

    out = []
    for header, fld in prof.columns:
        need = {"date": 12, "number": 10}.get(FIELDS[fld].kind, 10)
        need = 20 if fld in TIMESTAMPS else WIDE.get(fld, need)
        out.append(float(max(need, max(wcswidth(header), len(header)) + 2)))
    return out


def export_cases(
    ledger: Ledger,
    profile: str | None,
    *,
    fmt: str | None,
    output: Path | None,
    encoding: str | None,
    only_new: bool = False,
    all_columns: bool = False,
    org_ids: list[int] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[int, str]:
    """Write the cases (of ``org_ids``, received between ``start`` and ``end``) under ``profile`` — or, without one,
    in the import columns; returns (rows, the profile's name). An export under a profile that is not narrowed is
    recorded as a batch (what `--only-new` continues from); a plain or narrowed one is not."""
    prof = load(profile) if profile else plain_profile(all_columns=all_columns)
    chosen = (fmt or format_of_name(output) or prof.format).lower()
    if chosen not in ("csv", "xlsx"):
        raise Invalid("--format", chosen, "csv or xlsx (with --profile)", "csv 或 xlsx（使用 --profile 时）")
    named = format_of_name(output)
    if named is not None and named != chosen:
        raise MediationError(
            f"--output: {quote(str(output))} is a .{named} name but --format is {chosen} — use a *.{chosen} name, "
            "or leave out --format and let the name's suffix choose",
            f"--output：{quote(str(output))} 是 .{named} 文件名，但 --format 为 {chosen}——请用 *.{chosen} 文件名，"
            "或不写 --format，由文件名后缀决定格式",
        )
    where, params = [], {}
    if org_ids is not None:
        where.append(f"d.org_id IN ({','.join(str(int(i)) for i in org_ids) or 'NULL'})")
    if start:
        where.append("d.received_on >= :from_")
        params["from_"] = start.isoformat()
    if end:
        where.append("d.received_on <= :to_")
        params["to_"] = end.isoformat()
    narrowed = " AND ".join(where)
    with profile_rows(
        ledger, prof, where=narrowed, params=params, only_new=only_new, csv_lines=chosen == "csv"
    ) as (rows, headers, joined, mark):
        rows = iter(rows)
        first = next(rows, None)
        if first is None and only_new:
            # nothing added or changed since the last batch: no file (an empty one would look like a delivery),
            # and no batch recorded (the mark has not moved)
            return 0, prof.name
        n = write_cursor(
            chain([] if first is None else [first], rows),
            headers,
            joined,
            fmt=chosen,
            output=output,
            encoding=(encoding or prof.encoding).lower(),
            sheet=prof.title or prof.name,
            kinds=cell_kinds(prof),
            widths=column_widths(prof),
        )
    if profile is not None and not narrowed:
        file = str(output) if output else None
        with ledger.write():
            insert_batch(ledger, prof.name, n, only_new, mark, file)
            ledger.audit(
                "export",
                prof.name,
                "export",
                None,
                {"rows": n, "only_new": only_new, "high_water": mark, "file": file},
            )
    return n, prof.name
