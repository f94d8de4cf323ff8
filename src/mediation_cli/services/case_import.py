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
import hashlib
import operator
from contextlib import ExitStack
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
from mediation_cli.io.readers import column_cells, csv_lines, grid_chunks
from mediation_cli.ledger.case_bulk import (
    BulkWriter,
    has_cases,
    mediator_ids_of,
    stored_by_key,
    stored_case_nos,
    top_of,
)
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import CASE_COLS
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.parties import party_count
from mediation_cli.services.case_columns import FIELD_OF, column_path, rows_column
from mediation_cli.services.case_merge import changes_of, defaulted, merge

# Rows read, checked and written at a time: memory is bounded by a chunk (and by the keys of the file's rows), not
# by the file. 25,000 rows are ~60 MB while checked; fewer would add the per-chunk overhead more often.
CHUNK_ROWS = 25_000


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


def exact_path(header: list[str], res: Resolver, ledger: Ledger, empty: bool, below=lambda: None):
    """prepare(stripped cells) → (stored case or None, merged values, mediator ids), raising why a row is refused.
    ``below()``: the first id this import writes, once it has begun writing (a row is matched against the cases
    stored before the import only, never against one an earlier chunk of the same file has just written)."""
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
        stored = None if empty else stored_by_key(ledger, given, below())
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


class _File:
    """What the checks of one file remember from chunk to chunk: the key of every row accepted so far (a duplicate is
    refused against any earlier line of the file), the bad rows, the updates, the counts."""

    def __init__(self, header: list[str], res: Resolver, ledger: Ledger, empty: bool):
        self.header, self.res, self.ledger, self.empty = header, res, ledger, empty
        self.at = {c: i for i, c in enumerate(header)}
        self.writer: BulkWriter | None = None
        self.parse, self.prepare = exact_path(
            header, res, ledger, empty, below=lambda: None if self.writer is None else self.writer.base_id
        )
        self.caches: dict = {}
        # Numbered rows are remembered by their number; unnumbered ones by a 20-byte digest (SHA-1) of their key (org,
        # received_on, summary): a million summaries would otherwise stay in memory to the end.
        self.seen: dict = {}
        self.bad: list[tuple[int, dict, BadRow]] = []
        self.updates: list[tuple] = []
        self.rows = 0
        self.result = ImportResult()

    def check(self, lines: list[int], rows: list[list[str]], unreadable: list[tuple[int, str]]) -> list:
        """Check one chunk: its new cases (values, mediator ids) to insert; bad rows and updates are kept."""
        header, at, res, ledger = self.header, self.at, self.res, self.ledger
        self.bad.extend((line, {}, BadRow("", "", why)) for line, why in unreadable)
        self.rows += len(rows) + len(unreadable)
        records, fields, _ = column_path(header, rows, res, self.caches)
        case_nos = [c.strip() for c in rows_column(rows, at.get("case_no"))]
        if not self.empty:
            # A row that names a stored case is an update: the exact path merges it; so is an unnumbered row, which
            # may match a stored case on (org, received_on, summary).
            below = None if self.writer is None else self.writer.base_id
            stored = stored_case_nos(ledger, case_nos, below)
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
        seen, bad, prepare = self.seen, self.bad, self.prepare
        for i, record in enumerate(records):
            line = lines[i]
            if missing[i] is not None:
                cells = [c.strip() for c in rows[i]]
                if not any(cells):  # a row of spaces
                    self.rows -= 1
                    continue
                bad.append(
                    (
                        line,
                        dict(zip(header, cells, strict=True)),
                        BadRow(missing[i], "", tr("required", "必填")),
                    )
                )
                continue
            key = keys[i]
            seen_as = (
                key
                if isinstance(key, str)
                else hashlib.sha1(f"{key[1]}\x1f{key[2]}\x1f{key[3]!r}".encode()).digest()
            )
            first = seen.get(seen_as)
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
                    _update(ledger, stored, merged, ids, self.updates, self.result)
                    seen[seen_as] = line
                    continue
            seen[seen_as] = line
            inserts.append(record)
        return inserts

    def file_top(self, path: Path):
        """``top_of`` the numbers the file gives, read again from the file (the case_no column only) when the first
        unnumbered new case is to be numbered: numbers of cases stored before the import are left out (those rows
        are updates). A CSV whose every line starts with a comma gives none, and is not read again."""

        def top(base_id: int):
            i = self.at.get("case_no")
            if i is None or (i == 0 and csv_lines(path)[1]):
                return {}, set()
            given: list[str] = []
            batch: list[str] = []
            for c in column_cells(path, i):
                if c:
                    batch.append(c)
                if len(batch) >= 500:
                    given.extend(_unstored(self.ledger, batch, base_id, self.empty))
                    batch = []
            given.extend(_unstored(self.ledger, batch, base_id, self.empty))
            return top_of(self.res, given)

        return top


def _unstored(ledger: Ledger, case_nos: list[str], base_id: int, empty: bool) -> list[str]:
    stored = set() if empty else stored_case_nos(ledger, case_nos, base_id)
    return [c for c in case_nos if c not in stored]


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
    """Read, check and write the file a chunk (CHUNK_ROWS) at a time, inside the one transaction, so that memory does
    not grow with the file: each chunk is checked (the column path, the exact path for what it hands over, the
    duplicate keys against every earlier line) and its new cases written at once. The first bad row (without
    ``skip_bad``) stops the writing: the rest of the file is still checked, so that every bad row is named, and the
    transaction is rolled back — nothing of the file lands. Updates of stored cases are applied at the end, after
    every new case, as when the file was read whole."""
    spec = ImportSpec("case", COLUMNS, REQUIRED, key=lambda raw: None)
    bar = Progress(path)
    header, chunks = grid_chunks(
        path, CHUNK_ROWS, on_header=lambda h: check_header(path, h, spec), progress=bar.read
    )
    res = Resolver(ledger, today, allow_future=True)
    empty = not has_cases(ledger)
    f = _File(header, res, ledger, empty)
    # Every column of the header is inserted (a blank cell as NEW_CASE's value, which is the table's default for
    # each column defaulted() leaves out): the insert's columns are fixed before the first chunk is written.
    keep_default = defaulted(ledger, {FIELD_OF.get(c, c) for c in header} | f.parse.fields)
    expected = csv_lines(path)[0] - 1 if path.suffix.lower() not in (".xlsx", ".xlsm") else 0
    inserted = 0
    with ExitStack() as stack:

        def writer() -> BulkWriter:
            if f.writer is None:
                f.writer = stack.enter_context(
                    BulkWriter(
                        ledger,
                        res,
                        keep_default,
                        expected=max(expected, inserted),
                        no_updates=empty,
                        file_top=f.file_top(path),
                        on_step=bar.step,
                        record_backfill=record_backfill,
                    )
                )
            return f.writer

        for lines, rows, unreadable in chunks:
            inserts = f.check(lines, rows, unreadable)
            inserted += len(inserts)
            if inserts and not dry_run and (skip_bad or not f.bad):
                writer().insert(inserts)
        bar.done(f.rows)
        result, bad = f.result, f.bad
        bad.sort(key=operator.itemgetter(0))
        refuse_or_reject(path, spec, bad, skip_bad, rejects)  # raises (and so rolls back) unless skip_bad
        result.rows, result.rejected = f.rows, len(bad)
        result.inserted, result.updated = inserted, len(f.updates)
        if dry_run or not (inserted or f.updates):
            # Nothing to write: a re-import of the same file leaves the ledger byte for byte as it was.
            return result
        bar.writing(
            inserted + len(f.updates)
        )  # the rest of the write (indexes, commit) takes seconds of its own
        writer().finish(f.updates, {"file": path.name, **result.as_dict()})
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
