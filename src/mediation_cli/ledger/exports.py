"""Exports to the upstream platforms under a profile, and the record of what reached them (应录必录).

Every case carries ``change_seq``, a counter bumped by each insert or change, and ``created_seq``, its value at
insert. A recorded export batch keeps the highest ``change_seq`` it covered (``high_water``), so under a profile:
- ``--only-new`` exports the cases with ``change_seq`` above the profile's last high-water mark (added or changed since);
- a case never exported under the profile has ``created_seq`` above its high-water mark.
Only unfiltered exports are recorded (a filtered one does not cover everything up to its mark).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from mediation_cli.errors import MediationError
from mediation_cli.i18n import tr
from mediation_cli.io.profiles import Profile, column_sql, csv_safe
from mediation_cli.ledger.db import Ledger, now_iso
from mediation_cli.reports.statistics import reporting_units


def high_water(ledger: Ledger, profile: str | None) -> int:
    if profile is None:
        return ledger.scalar("SELECT coalesce(max(high_water), 0) FROM export_batch") or 0
    return (
        ledger.scalar("SELECT coalesce(max(high_water), 0) FROM export_batch WHERE profile = ?", (profile,))
        or 0
    )


def _prepare_units(ledger: Ledger) -> None:
    """A temp table of each org's township (its statistics unit) for the ``township`` field."""
    ledger.conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS unit(org_id INTEGER PRIMARY KEY, unit_code TEXT, unit_name TEXT)"
    )
    ledger.conn.execute("DELETE FROM temp.unit")
    ledger.conn.executemany(
        "INSERT INTO temp.unit VALUES (?,?,?)",
        [(k, c, n) for k, (c, n) in reporting_units(ledger, "township").items()],
    )


def _prepare_staff(ledger: Ledger, profile: Profile, where_sql: str, params: dict) -> None:
    """temp.case_staff: each exported case's mediators (staff numbers and names), in one grouped pass."""
    conn = ledger.conn
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS case_staff(case_id INTEGER PRIMARY KEY, staff TEXT, names TEXT)"
    )
    conn.execute("DELETE FROM temp.case_staff")
    if not any(fld in ("mediators", "mediator_names") for _, fld in profile.columns):
        return
    scope = f"WHERE cm.case_id IN (SELECT d.id FROM dispute d{where_sql}) " if where_sql else ""
    conn.execute(
        "INSERT INTO temp.case_staff SELECT cm.case_id, group_concat(m.staff_no, ';'), group_concat(m.name, '、') "
        f"FROM (SELECT cm.case_id, cm.mediator_id FROM case_mediator cm {scope}ORDER BY cm.case_id, cm.mediator_id) cm "
        "JOIN mediator m ON m.id = cm.mediator_id GROUP BY cm.case_id",
        params,
    )


def select_sql(
    ledger: Ledger, profile: Profile, where: str = "", *, csv_lines: bool = False
) -> tuple[str, list[bool]]:
    """The profile as one SELECT, and for each result column whether it may need CSV quoting.

    With ``csv_lines``, runs of columns that never need quoting (dates, numbers, codes) come back from SQLite already
    joined by commas, as one value: a million-row export then builds a few Python objects a row instead of thirty
    (measured on the import columns: 10.2 s → see README "Speed")."""
    category_labels = {r["code"]: r["zh"] for r in ledger.all("SELECT code, zh FROM category")}
    exprs = [column_sql(profile, fld, category_labels) for _, fld in profile.columns]
    quote = [True] * len(exprs)
    if csv_lines:
        merged: list[str] = []
        quote = []
        run: list[str] = []
        for (_, fld), expr in zip(profile.columns, exprs, strict=True):
            if csv_safe(profile, fld, category_labels):
                run.append(f"coalesce(CAST(({expr}) AS TEXT), '')")
                continue
            if run:
                merged.append(" || ',' || ".join(run))
                quote.append(False)
                run = []
            merged.append(expr)
            quote.append(True)
        if run:
            merged.append(" || ',' || ".join(run))
            quote.append(False)
        exprs = merged
    if profile.category_map:
        values = ", ".join(f"('{k}', '{v}')" for k, v in profile.category_map.items())
        cmap = f" LEFT JOIN (SELECT column1 AS code, column2 AS stat_category FROM (VALUES {values})) cm ON cm.code = d.category"
    else:
        cmap = " LEFT JOIN (SELECT NULL AS code, NULL AS stat_category) cm ON 0"
    sql = (
        f"SELECT {', '.join(exprs)} FROM dispute d JOIN org o ON o.id = d.org_id "
        f"LEFT JOIN category c ON c.code = d.category LEFT JOIN temp.unit u ON u.org_id = d.org_id "
        f"LEFT JOIN temp.case_staff st ON st.case_id = d.id{cmap}"
        f"{where} ORDER BY d.id"
    )  # ledger order: a sequential scan, not a million random reads by date
    return sql, quote


def export_profile(
    ledger: Ledger,
    profile: Profile,
    *,
    fmt: str,
    output: Path | None,
    encoding: str,
    only_new: bool,
    where: str = "",
    params: dict | None = None,
    record: bool = True,
) -> int:
    """Write the cases under ``profile``; returns the row count. Records the batch unless filtered or told not to."""
    params = dict(params or {})
    _prepare_units(ledger)
    conn = ledger.conn
    ledger.end_snapshot()
    conn.execute("BEGIN")  # one snapshot: the mark and the rows agree, whatever a clerk writes meanwhile
    try:
        mark = ledger.scalar("SELECT coalesce(max(change_seq), 0) FROM dispute")
        # Inside this snapshot every case has change_seq <= mark: the mark needs no clause of its own.
        clauses = [where] if where else []
        if only_new:
            clauses.append("d.change_seq > :since")
            params["since"] = high_water(ledger, profile.name)
        where_sql = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        _prepare_staff(ledger, profile, where_sql, params)
        sql, quote = select_sql(ledger, profile, where_sql, csv_lines=fmt == "csv")
        cursor = conn.execute(sql, params)
        headers = [h for h, _ in profile.columns]
        n = _write(
            cursor,
            headers,
            quote,
            fmt=fmt,
            output=output,
            encoding=encoding,
            sheet=profile.title or profile.name,
        )
    finally:
        conn.execute("COMMIT")
    if record and not where:
        with ledger.write():
            conn.execute(
                "INSERT INTO export_batch(profile, at, operator, rows, only_new, high_water, file) "
                "VALUES (?,?,?,?,?,?,?)",
                (
                    profile.name,
                    now_iso(),
                    ledger.operator,
                    n,
                    int(only_new),
                    mark,
                    str(output) if output else None,
                ),
            )
            ledger.audit(
                "export",
                profile.name,
                "export",
                None,
                {
                    "rows": n,
                    "only_new": only_new,
                    "high_water": mark,
                    "file": str(output) if output else None,
                },
            )
    return n


def _cell(value) -> str:
    """A CSV cell (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote or a line break."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _write(
    cursor, headers: list[str], quote: list[bool], *, fmt: str, output: Path | None, encoding: str, sheet: str
) -> int:
    from mediation_cli.render.output import OutputOptions, open_text

    if fmt == "xlsx":
        if output is None:
            raise MediationError(
                "--output: an .xlsx export needs --output FILE.xlsx",
                "--output：导出 .xlsx 须用 --output 指定文件",
            )
        from openpyxl import Workbook

        from mediation_cli.io.files import building, check_target, save_document

        check_target(output)
        with building(output):
            wb = Workbook(write_only=True)
            ws = wb.create_sheet(sheet[:31])
            ws.append(headers)
            n = 0
            for row in cursor:
                ws.append(list(row))
                n += 1
            save_document(wb, output)
        return n
    opts = OutputOptions("csv", output, encoding)
    opts.check()
    with open_text(opts, binary_encoding=encoding) as fh:
        csv.writer(fh, lineterminator="\n").writerow(headers)
        n = 0
        if all(quote):
            writer = csv.writer(fh, lineterminator="\n")
            while rows := cursor.fetchmany(10_000):
                writer.writerows(rows)
                n += len(rows)
            return n
        spots = [i for i, q in enumerate(quote) if q]
        while rows := cursor.fetchmany(10_000):
            lines = []
            for row in rows:
                cells = list(row)
                for i in spots:
                    cells[i] = _cell(cells[i])
                lines.append(",".join(cells))
            fh.write("\n".join(lines))
            fh.write("\n")
            n += len(rows)
    return n


def unexported(ledger: Ledger, profile: str | None) -> Iterator[dict]:
    """Cases that have not reached a platform in their current version: ``never`` exported (under this profile, or
    under any profile when none is named) or ``changed`` since the last export."""
    mark = high_water(ledger, profile)
    sql = """SELECT d.case_no, o.code AS org_code, d.received_on, d.status, d.entered_at, d.updated_at,
                    CASE WHEN d.created_seq > :mark THEN 'never' ELSE 'changed' END AS state
             FROM dispute d JOIN org o ON o.id = d.org_id WHERE d.change_seq > :mark
             ORDER BY d.received_on, d.id"""
    for r in ledger.conn.execute(sql, {"mark": mark}):
        yield dict(r)


def batches(ledger: Ledger) -> list[dict]:
    return [
        dict(r)
        for r in ledger.all(
            "SELECT id, profile, at, operator, rows, only_new, high_water, file FROM export_batch ORDER BY id"
        )
    ]


__all__ = ["export_profile", "unexported", "batches", "high_water", "tr"]
