"""Exports in the import columns: CSV (streamed, in the chosen encoding), JSON or XLSX, with spreadsheet formulas
neutralised and personal data masked by the caller unless revealed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from mediation_cli.errors import MediationError
from mediation_cli.render.jsonout import write_json_array
from mediation_cli.render.output import OutputOptions, open_text
from mediation_cli.render.tables import cells_of, write_csv, write_xlsx


def write_cursor(
    rows: Iterable,
    headers: list[str],
    joined: list[bool],
    *,
    fmt: str,
    output: Path | None,
    encoding: str,
    sheet: str,
    kinds: list[str | None] | None = None,
    widths: list[float] | None = None,
) -> int:
    """Rows of cells (an SQL cursor under a profile) to CSV or XLSX through the one writer of each; returns the count.
    In XLSX a column of ``kinds`` ``date`` (ISO text) or ``datetime`` (``2024-01-05T16:25:00``) becomes real dates."""
    if fmt == "xlsx":
        if output is None:
            raise MediationError(
                "--output: an .xlsx export needs --output FILE.xlsx",
                "--output：导出 .xlsx 须用 --output 指定文件",
            )
        if kinds and any(kinds):
            rows = as_dates(rows, kinds)
        return write_xlsx(output, headers, rows, sheet=sheet, widths=widths)
    opts = OutputOptions("csv", output, encoding)
    opts.check()
    with open_text(opts, binary_encoding=encoding) as fh:
        return write_csv(fh, headers, rows, joined=joined)


def as_dates(rows: Iterable, kinds: list[str | None]) -> Iterator[list]:
    """ISO dates and timestamps as ``date``/``datetime`` cells (a spreadsheet then sorts and filters them as dates);
    a text that is not one stays text."""
    spots = [
        (i, date.fromisoformat if k == "date" else datetime.fromisoformat) for i, k in enumerate(kinds) if k
    ]
    for row in rows:
        cells = list(row)
        for i, parse in spots:
            value = cells[i]
            if isinstance(value, str) and value:
                with suppress(ValueError):
                    parsed = parse(value)
                    if (
                        getattr(parsed, "tzinfo", None) is None
                    ):  # Excel has no time zones: such a text stays text
                        cells[i] = parsed
        yield cells


def export_rows(
    rows: Iterable[dict],
    columns: list[str],
    *,
    fmt: str,
    output: Path | None,
    encoding: str = "utf-8",
    sheet: str = "data",
    headers: list[str] | None = None,
) -> int:
    fmt = fmt.lower()
    if fmt == "csv":
        opts = OutputOptions("csv", output, encoding.lower())
        opts.check()
        with open_text(opts, binary_encoding=opts.encoding) as fh:
            return write_csv(fh, headers or columns, cells_of(rows, columns))
    if fmt == "json":
        with open_text(OutputOptions("json", output)) as fh:
            return write_json_array(fh, ({c: r.get(c) for c in columns} for r in rows))
    if fmt == "xlsx":
        if output is None:
            raise MediationError(
                "--output: an .xlsx export needs --output FILE.xlsx",
                "--output：导出 .xlsx 须用 --output 指定文件",
            )
        return write_xlsx(output, headers or columns, cells_of(rows, columns), sheet=sheet)
    raise MediationError(
        f"--format: {fmt!r} is not valid — expected csv, json or xlsx",
        f"--format：{fmt!r} 无效——应为 csv、json 或 xlsx",
    )


__all__ = ["export_rows", "write_cursor", "write_xlsx", "open_text"]
