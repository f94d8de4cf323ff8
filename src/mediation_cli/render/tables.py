"""The program's one CSV writer and one XLSX writer: rows of cells under a header row, streamed.

Every table that leaves the program as a file goes through these two: lists, reports in CSV, the exports in the
import columns and under an upstream profile. A row is a sequence of cells in header order; ``cells_of`` makes one
from a dict (lists joined by ';', booleans 1/0, spreadsheet formulas neutralised); a profile's SQL does the same.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from mediation_cli.render.output import guard_formula


def cells_of(rows: Iterable[dict], keys: list[str]) -> Iterator[list[Any]]:
    """Dict rows as cell rows in ``keys`` order, as a spreadsheet should see them."""
    for row in rows:
        out = []
        for k in keys:
            v = row.get(k)
            if v is None:
                out.append(None)  # an empty cell (csv.writer writes it as nothing)
            elif isinstance(v, list | tuple):
                out.append(guard_formula(";".join(str(x) for x in v)))
            elif isinstance(v, bool):
                out.append(1 if v else 0)
            else:
                out.append(guard_formula(v))
        yield out


def _quoted(value: Any) -> str:
    """One cell for a line joined by hand (RFC 4180: quoted, quotes doubled, when it holds a comma, a quote or a line
    break) — the same text csv.writer writes for it."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(
    fh: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]], *, joined: Sequence[bool] | None = None
) -> int:
    """Write the header and the rows; returns the row count.

    ``joined[i]`` True says cell i is already a run of CSV cells joined by commas (columns that can never need
    quoting, joined by SQLite for speed: a million-row export then builds a few Python objects a row instead of
    thirty); those are written as they are and the others quoted as csv.writer would."""
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(header)
    n = 0
    if not joined or not any(joined):
        batch: list = []
        for row in rows:
            batch.append(row)
            if len(batch) == 10_000:
                writer.writerows(batch)
                n += len(batch)
                batch = []
        writer.writerows(batch)
        return n + len(batch)
    spots = [i for i, j in enumerate(joined) if not j]
    lines: list[str] = []
    for row in rows:
        cells = list(row)
        for i in spots:
            cells[i] = _quoted(cells[i])
        lines.append(",".join(cells))
        if len(lines) == 10_000:
            fh.write("\n".join(lines) + "\n")
            n += len(lines)
            lines = []
    if lines:
        fh.write("\n".join(lines) + "\n")
    return n + len(lines)


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "data",
    widths: Sequence[float] | None = None,
) -> int:
    """A streamed (write-only) workbook of one sheet, written whole or not at all; returns the row count. Memory stays
    flat whatever the row count. The cells come guarded against formulas (``cells_of``, or a profile's SQL); a
    ``date``/``datetime`` cell is stored as a real date (yyyy-mm-dd, yyyy-mm-dd h:mm:ss). The header row is bold and
    frozen; ``widths`` (characters) set the columns' widths."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from mediation_cli.files import building, check_document_name, check_target, save_document

    check_target(path)
    check_document_name(path, "xlsx")
    with building(path):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(sheet[:31])
        for i, w in enumerate(widths or [], start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        cells = []
        for text in header:
            cell = WriteOnlyCell(ws, value=text)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)
        n = 0
        for row in rows:
            ws.append(list(row))
            n += 1
        save_document(wb, path)
    return n
