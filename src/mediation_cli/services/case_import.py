"""`case import`: a file of cases into the ledger — all-or-nothing unless ``skip_bad`` — at 100,000 rows a go.

Two paths, one meaning:

- the **exact path** parses and merges one row at a time, with the parsers and rules of `case add`/`case edit`
  (``forms.cases.RowParser``, ``case_merge.merge``): it updates stored cases and it says why a row is refused;
- the **column path** checks a whole column at once — each distinct cell parsed once, the rules across fields in one
  tight loop — for rows that are new cases. It only ever *accepts* a row or hands it to the exact path, which accepts
  it or names the field, the value and what is allowed. ``tests/test_case_import_paths.py`` checks, on random files,
  that the ledger and the refusals are the same whichever path a row takes.

Matching: on case_no; a row without one is matched on (org, received_on, summary), so re-importing unnumbered
historical rows (the sample) updates instead of duplicating. An empty case_no of a new row is numbered from the
template, per year, after the highest number already used (also by numbers in the file).

Audit: one row per batch (file, counts, the range of case numbers inserted) plus one row per *updated* case with its
before/after — per-row audit of 100,000 inserts would double the cost and say nothing the batch row and the cases do
not. Only inserted or changed rows bump change_seq.
"""

from __future__ import annotations

import gc
import operator
from datetime import date
from pathlib import Path

from mediation_cli.domain.errors import Invalid
from mediation_cli.errors import MediationError, NotFound
from mediation_cli.forms.cases import COLUMNS, PARSERS, REQUIRED, RowParser
from mediation_cli.i18n import tr
from mediation_cli.io.importer import (
    ROW_ERRORS,
    BadRow,
    ImportResult,
    ImportSpec,
    Progress,
    bad_from,
    check_header,
    duplicate_key,
    refuse_or_reject,
)
from mediation_cli.io.readers import read_grid
from mediation_cli.ledger.case_bulk import (
    bulk_write,
    has_cases,
    mediator_ids_of,
    stored_by_key,
    stored_case_nos,
)
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import CASE_COLS
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.parties import party_count
from mediation_cli.services.case_columns import FIELD_OF, column_path, rows_column
from mediation_cli.services.case_merge import changes_of, defaulted, merge


def import_cases(
    ledger: Ledger, path, *, today: date, skip_bad: bool, rejects, dry_run: bool, record_backfill: bool = True
) -> ImportResult:
    """Import the cases of ``path`` (CSV or .xlsx).

    The cyclic garbage collector is paused meanwhile: the import makes a few hundred thousand long-lived lists and no
    cycles, and the collector's passes over them cost a third of the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _import(ledger, Path(path), today, skip_bad, rejects, dry_run, record_backfill)
    finally:
        if paused:
            gc.enable()


def exact_path(header: list[str], res: Resolver, ledger: Ledger, empty: bool):
    """prepare(stripped cells) → (stored case or None, merged values, mediator ids), raising why a row is refused."""
    at = {c: i for i, c in enumerate(header)}
    i_org, i_med = at.get("org_code"), at.get("mediators")
    parse = RowParser(
        header, today=res.today, latest=res.latest, org_id_of=res.org_id, category_of=res.category
    )

    def prepare(cells: list[str]):
        try:
            given = parse(cells)
        except NotFound as e:  # the only lookup that can miss while parsing is the org
            raise BadRow("org_code", cells[i_org], e.message()) from None
        stored = None if empty else stored_by_key(ledger, given)
        try:
            merged, ids = merge(res, given, dict(stored) if stored else None)
        except NotFound as e:
            raise BadRow("mediators", "" if i_med is None else cells[i_med], e.message()) from None
        if stored is not None and merged.get("parties") != stored["parties"]:
            recorded = party_count(ledger, stored["id"])
            if recorded:  # the count of a case with recorded parties is theirs (`case party`)
                raise BadRow(
                    "parties",
                    str(merged["parties"]),
                    tr(
                        f"expected {recorded}: the count follows the {recorded} parties recorded",
                        f"应为 {recorded}：已登记 {recorded} 名当事人，当事人数随之计算",
                    ),
                )
        return stored, merged, ids

    return parse, prepare


def _every_error(first: BadRow, header: list[str], cells: list[str], res: Resolver) -> BadRow:
    """Every cell of a refused row that its column refuses (the parsers of `case add`, cell by cell, in the file's
    column order), at most ROW_ERRORS; else the one rule across fields the row breaks (``first``)."""
    ctx = (res.today, res.latest.isoformat(), res.org_id, res.category)
    found: list[BadRow] = []
    for name, cell in zip(header, cells, strict=True):
        parse = PARSERS.get(name)
        if parse is None or not cell or len(found) >= ROW_ERRORS:
            continue
        try:
            parse(cell, {}, ctx)
        except NotFound as e:
            found.append(BadRow(name, cell, e.message()))
        except (Invalid, BadRow, MediationError) as e:
            found.append(bad_from(e, {}))
    if not found:
        return first
    found[0].more = found[1:]
    return found[0]


def _import(
    ledger: Ledger,
    path: Path,
    today: date,
    skip_bad: bool,
    rejects,
    dry_run: bool,
    record_backfill: bool = True,
) -> ImportResult:
    spec = ImportSpec("case", COLUMNS, REQUIRED, key=lambda raw: None)
    bar = Progress(path)
    header, lines, rows, unreadable = read_grid(
        path, progress=bar.read, on_header=lambda h: check_header(path, h, spec)
    )
    res = Resolver(ledger, today, allow_future=True)
    empty = not has_cases(ledger)
    parse, prepare = exact_path(header, res, ledger, empty)

    records, fields, given = column_path(header, rows, res)
    at = {c: i for i, c in enumerate(header)}
    case_nos = [c.strip() for c in rows_column(rows, at.get("case_no"))]
    if not empty:
        # A row that names a stored case is an update: the exact path merges it; so is an unnumbered row, which
        # may match a stored case on (org, received_on, summary).
        stored = stored_case_nos(ledger, case_nos)
        records = [None if (not c or c in stored) else r for c, r in zip(case_nos, records, strict=True)]

    # Required cells, first missing in the contract's order.
    missing: list[str | None] = [None] * len(rows)
    for name in reversed(REQUIRED):
        for i, v in enumerate(fields[FIELD_OF.get(name, name)]):
            if v is None:
                missing[i] = name
    # The de-duplication key, on stripped cells.
    keys = [
        c if c else ("", o.strip(), d.strip(), None if s is None else s.strip())
        for c, o, d, s in zip(
            case_nos,
            rows_column(rows, at["org_code"]),
            rows_column(rows, at["received_on"]),
            rows_column(rows, at.get("summary"), None),
            strict=True,
        )
    ]

    inserts: list[tuple[list, list[int] | None]] = []
    updates: list[tuple] = []
    bad: list[tuple[int, dict, BadRow]] = [(line, {}, BadRow("", "", why)) for line, why in unreadable]
    seen: dict = {}
    n = len(rows) + len(unreadable)
    result = ImportResult()
    for i, record in enumerate(records):
        line = lines[i]
        if missing[i] is not None:
            cells = [c.strip() for c in rows[i]]
            if not any(cells):  # a row of spaces
                n -= 1
                continue
            bad.append(
                (line, dict(zip(header, cells, strict=True)), BadRow(missing[i], "", tr("required", "必填")))
            )
            continue
        key = keys[i]
        first = seen.get(key)
        if first is not None:
            cells = [c.strip() for c in rows[i]]
            bad.append((line, dict(zip(header, cells, strict=True)), duplicate_key(key, first)))
            continue
        if record is None:
            cells = [c.strip() for c in rows[i]]
            try:
                stored, merged, ids = prepare(cells)
            except (Invalid, BadRow, MediationError) as e:
                raw = dict(zip(header, cells, strict=True))
                bad.append((line, raw, _every_error(bad_from(e, raw), header, cells, res)))
                continue
            if stored is None:
                record = ([merged[c] for c in CASE_COLS], ids)
            else:
                _update(ledger, stored, merged, ids, updates, result)
                seen[key] = line
                continue
        seen[key] = line
        inserts.append(record)
    bar.done(n)
    bad.sort(key=operator.itemgetter(0))
    refuse_or_reject(path, spec, bad, skip_bad, rejects)
    result.rows, result.rejected = n, len(bad)
    result.inserted, result.updated = len(inserts), len(updates)
    if dry_run or not (inserts or updates):
        # Nothing to write: a re-import of the same file leaves the ledger byte for byte as it was.
        return result
    bar.writing(len(inserts) + len(updates))
    batch = {"file": path.name, **result.as_dict()}
    bulk_write(
        ledger,
        res,
        inserts,
        updates,
        batch,
        defaulted(ledger, given | parse.fields),
        on_step=bar.step,
        record_backfill=record_backfill,
    )
    return result


def _update(ledger: Ledger, stored, merged: dict, ids, updates: list, result: ImportResult) -> None:
    changes = changes_of(stored, merged)
    if ids is not None:
        old_ids = mediator_ids_of(ledger, stored["id"])
        if sorted(old_ids) == sorted(ids):
            ids = None
    if changes or ids is not None:
        updates.append((stored, changes, ids))
    else:
        result.unchanged += 1
