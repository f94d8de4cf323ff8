"""Exports in the import columns: CSV (streamed, in the chosen encoding), JSON or XLSX, with spreadsheet formulas
neutralised and personal data masked by the caller unless revealed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mediation_cli.errors import MediationError
from mediation_cli.render.output import OutputOptions, guard_formula, open_text, write_csv, write_json_array


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
            if headers:
                return write_csv_with_headers(fh, rows, columns, headers)
            return write_csv(fh, rows, columns)
    if fmt == "json":
        with open_text(OutputOptions("json", output)) as fh:
            return write_json_array(fh, ({c: r.get(c) for c in columns} for r in rows))
    if fmt == "xlsx":
        if output is None:
            raise MediationError(
                "--output: an .xlsx export needs --output FILE.xlsx",
                "--output：导出 .xlsx 须用 --output 指定文件",
            )
        return write_xlsx(rows, columns, output, sheet=sheet, headers=headers)
    raise MediationError(
        f"--format: {fmt!r} is not valid — expected csv, json or xlsx",
        f"--format：{fmt!r} 无效——应为 csv、json 或 xlsx",
    )


def write_csv_with_headers(fh, rows: Iterable[dict], columns: list[str], headers: list[str]) -> int:
    import csv

    from mediation_cli.render.output import _csv_rows

    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(headers)
    n = 0
    for out in _csv_rows(rows, columns):
        writer.writerow(out)
        n += 1
    return n


def write_xlsx(
    rows: Iterable[dict],
    columns: list[str],
    output: Path,
    *,
    sheet: str = "data",
    headers: list[str] | None = None,
) -> int:
    """A streamed (write-only) workbook: memory stays flat whatever the row count."""
    from openpyxl import Workbook

    from mediation_cli.io.files import building, check_target, save_document

    check_target(output)
    with building(output):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(sheet[:31])
        ws.append(headers or columns)
        n = 0
        for r in rows:
            out = []
            for c in columns:
                v = r.get(c)
                if isinstance(v, list | tuple):
                    v = ";".join(str(x) for x in v)
                out.append(guard_formula(v))
            ws.append(out)
            n += 1
        save_document(wb, output)
    return n


__all__ = ["export_rows", "write_xlsx", "open_text"]
