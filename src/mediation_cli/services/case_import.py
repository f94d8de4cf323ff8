"""`case import`: a file of cases into the ledger — all-or-nothing unless ``skip_bad`` — at 100,000 rows a go.

Two paths, one meaning:

- the **exact path** parses and merges one row at a time, with the parsers and rules of `case add`/`case edit`
  (``records.case.RowParser``, ``case_merge.merge``): it updates stored cases and it says why a row is refused;
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
import time
from datetime import date
from itertools import repeat
from pathlib import Path

from mediation_cli.domain import lifecycle
from mediation_cli.domain.errors import Invalid
from mediation_cli.errors import MediationError, NotFound
from mediation_cli.i18n import tr
from mediation_cli.io.importer import (
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
from mediation_cli.ledger.cases import (
    CASE_COLS,
    NEW_CASE,
    Resolver,
    format_case_no,
    next_change_seq,
    next_seq,
    parse_case_no,
    set_mediators,
    touch,
    update_case,
)
from mediation_cli.ledger.db import Ledger, now_iso
from mediation_cli.records.case import COLUMNS, PARSERS, REQUIRED, TEXT_MAX, RowParser
from mediation_cli.services.case_merge import changes_of, defaulted, merge

# A batch bigger than this, into a ledger smaller than the batch, drops the secondary indexes and builds them again
# once at the end (same definitions, read back from the schema, inside the same transaction): maintaining eleven
# indexes row by row costs three times as much.
BULK_ROWS = 20_000

# The dispute field each import column fills (the others fill the field of their own name).
FIELD_OF = {"org_code": "org_id", "amount": "amount_fen", "agreement_amount": "agreement_fen"}
AT = {c: i for i, c in enumerate(CASE_COLS)}

_BAD = object()  # a cell that its column's parser refuses


def import_cases(
    ledger: Ledger, path, *, today: date, skip_bad: bool, rejects, dry_run: bool, columns: bool = True
) -> ImportResult:
    """Import the cases of ``path`` (CSV or .xlsx). ``columns=False`` sends every row down the exact path (tests).

    The cyclic garbage collector is paused meanwhile: the import makes a few hundred thousand long-lived lists and no
    cycles, and the collector's passes over them cost a third of the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _import(ledger, Path(path), today, skip_bad, rejects, dry_run, columns)
    finally:
        if paused:
            gc.enable()


class _Cells(dict):
    """One column: raw cell → the value its parser makes of it (``blank`` for an empty cell, _BAD for a refused one),
    each distinct cell parsed once."""

    def __init__(self, parse, ctx, blank):
        super().__init__()
        self.parse, self.ctx, self.blank = parse, ctx, blank
        self.given = self.refused = False

    def __missing__(self, raw: str):
        text = raw.strip()
        if not text:
            hit = self.blank
        else:
            out: dict = {}
            try:
                self.parse(text, out, self.ctx)
            except Exception:  # the exact path says what is wrong (or raises what is unexpected)
                hit, self.refused = _BAD, True
            else:
                ((_, hit),) = out.items()
                self.given = True
        self[raw] = hit
        return hit


def _column_path(header: list[str], rows: list[list[str]], res: Resolver) -> tuple[list, dict, set[str]]:
    """For each row, its new-case values in CASE_COLS order with its mediator ids — or None where the exact path
    must decide; the parsed columns by field (a blank required cell is None); the fields some row gives."""
    n = len(rows)
    ctx = (res.today, res.latest.isoformat(), res.org_id, res.category)
    fields: dict[str, list] = {}
    given: set[str] = set()
    hand_over = bytearray(n)  # 1: the exact path decides
    for name, col in zip(header, zip(*rows, strict=True) if n else [() for _ in header], strict=True):
        fld = FIELD_OF.get(name, name)
        longest = TEXT_MAX.get(name)
        if longest is not None:  # free text: mostly distinct, so checked cell by cell rather than remembered
            values: list = []
            append = values.append
            for i, raw in enumerate(col):
                text = raw.strip()
                if not text:
                    append(None)
                elif len(text) > longest:
                    hand_over[i] = 1
                    append(None)
                else:
                    append(text)
            given.add(fld)
        else:
            cells = _Cells(PARSERS[name], ctx, NEW_CASE.get(fld) if fld in NEW_CASE else None)
            values = list(map(cells.__getitem__, col))
            if cells.refused:
                for i, v in enumerate(values):
                    if v is _BAD:
                        hand_over[i] = 1
            if cells.given:
                given.add(fld)
        fields[fld] = values

    def column(fld: str):
        found = fields.get(fld)
        return repeat(NEW_CASE.get(fld)) if found is None else found

    # The rules across fields (case_merge.merge and records.case.check_case, for a new case), one row at a time.
    status_of, outcome_of, since_of, period_of, ids_of = [], [], [], [], []
    pending, outcomes = lifecycle.PENDING, lifecycle.OUTCOMES
    key_period, spans = res.key_period, {}
    for i, (rcv, org, st, oo, co, agr, agf, perf, gt, rep, major, since, ext, ent, sid, refs) in enumerate(
        zip(
            column("received_on"),
            column("org_id"),
            fields.get("status") or repeat(None),
            column("outcome_on"),
            column("closed_on"),
            column("agreement"),
            column("agreement_fen"),
            column("performed"),
            column("guided_to"),
            column("reported_on"),
            column("major"),
            column("major_since"),
            column("extended_until"),
            column("entered_at"),
            column("screening_id"),
            fields.get("mediators") or repeat(None),
            strict=False,  # absent columns repeat their default
        )
    ):
        status = st or "received"
        outcome = status if status in outcomes else None
        if outcome is not None and co:
            status = "closed"
        since = (since or rcv) if major else None
        ids = None
        refused = (
            hand_over[i]
            or rcv is None
            or org is None
            or (status in pending and (oo or co))  # an open case has no outcome dates
            or (oo and (oo < rcv or (co and co < oo)))  # received ≤ outcome ≤ closed
            or (co and co < rcv)
            or (outcome != "succeeded" and (agr is not None or agf is not None or perf is not None))
            or (outcome != "failed" and gt is not None)
            or (rep and rep < rcv)
            or (since and since < rcv)
            or (ext and ext <= rcv)
            or (ent and ent[:10] < rcv)
            or (sid is not None and not res.screening_known(sid))
        )
        ok = not refused
        if ok and refs:
            key = (tuple(refs), org)
            span = spans.get(key, _BAD)
            if span is _BAD:
                span = spans[key] = res.mediator_span(refs, org)
            ok = span is not None and span[1] <= rcv < span[2]
            if ok:
                ids = span[0]
        if not ok:
            hand_over[i] = 1
        status_of.append(status)
        outcome_of.append(outcome)
        since_of.append(since)
        period_of.append(key_period(rcv) if ok else None)
        ids_of.append(ids)

    derived = {"status": status_of, "outcome": outcome_of, "major_since": since_of, "key_period": period_of}
    by_field = [
        derived[c] if c in derived else fields.get(c) or repeat(None if c in ("year", "seq") else NEW_CASE[c])
        for c in CASE_COLS
    ]
    records = (
        [
            None if hand_over[i] else (values, ids)
            for i, (values, ids) in enumerate(
                zip(map(list, zip(*by_field, strict=False)), ids_of, strict=True)
            )
        ]
        if n
        else []
    )
    return records, fields, given


def _stored_case_nos(ledger: Ledger, case_nos: list[str]) -> set[str]:
    wanted = sorted({c for c in case_nos if c})
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(
            r[0]
            for r in ledger.all(
                f"SELECT case_no FROM dispute WHERE case_no IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    return found


def _exact_path(header: list[str], res: Resolver, ledger: Ledger, empty: bool):
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
        stored = None
        if not empty:
            if "case_no" in given:
                stored = ledger.one("SELECT * FROM dispute WHERE case_no = ?", (given["case_no"],))
            else:
                stored = ledger.one(
                    "SELECT * FROM dispute WHERE org_id = ? AND received_on = ? AND summary IS ?",
                    (given["org_id"], given["received_on"], given.get("summary")),
                )
        try:
            merged, ids = merge(res, given, dict(stored) if stored else None)
        except NotFound as e:
            raise BadRow("mediators", "" if i_med is None else cells[i_med], e.message()) from None
        return stored, merged, ids

    return parse, prepare


def _import(ledger: Ledger, path: Path, today: date, skip_bad: bool, rejects, dry_run: bool, columns: bool):
    spec = ImportSpec("case", COLUMNS, REQUIRED, key=lambda raw: None)
    bar = Progress(path)
    header, lines, rows, unreadable = read_grid(
        path, progress=bar.read, on_header=lambda h: check_header(path, h, spec)
    )
    res = Resolver(ledger, today, allow_future=True)
    empty = ledger.one("SELECT 1 FROM dispute LIMIT 1") is None
    parse, prepare = _exact_path(header, res, ledger, empty)

    records, fields, given = _column_path(header, rows, res)
    if not columns:
        records = [None] * len(rows)
    at = {c: i for i, c in enumerate(header)}
    case_nos = [c.strip() for c in _rows_column(rows, at.get("case_no"))]
    if not empty:
        # A row that names a stored case is an update: the exact path merges it; so is an unnumbered row, which
        # may match a stored case on (org, received_on, summary).
        stored = _stored_case_nos(ledger, case_nos)
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
            _rows_column(rows, at["org_code"]),
            _rows_column(rows, at["received_on"]),
            _rows_column(rows, at.get("summary"), None),
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
                bad.append((line, raw, bad_from(e, raw)))
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
    _write(ledger, res, path, inserts, updates, result, given | parse.fields)
    return result


def _rows_column(rows: list[list[str]], i: int | None, blank: str | None = "") -> list:
    return [blank] * len(rows) if i is None else [r[i] for r in rows]


def _update(ledger: Ledger, stored, merged: dict, ids, updates: list, result: ImportResult) -> None:
    changes = changes_of(stored, merged)
    if ids is not None:
        old_ids = [
            r[0]
            for r in ledger.all("SELECT mediator_id FROM case_mediator WHERE case_id = ?", (stored["id"],))
        ]
        if sorted(old_ids) == sorted(ids):
            ids = None
    if changes or ids is not None:
        updates.append((stored, changes, ids))
    else:
        result.unchanged += 1


def _number(ledger: Ledger, res: Resolver, inserts: list, empty: bool) -> None:
    """Number the new rows: given numbers keep theirs (and count for numbering), empty ones continue after the max."""
    i_no, i_year, i_seq, i_on, i_org = (AT[c] for c in ("case_no", "year", "seq", "received_on", "org_id"))
    top: dict[int, int] = {}
    taken: set[str] = set()
    for values, _ in inserts:
        if values[i_no]:
            taken.add(values[i_no])
            values[i_year], values[i_seq] = year, seq = parse_case_no(res.pattern, values[i_no])
            if year is not None:
                top[year] = max(top.get(year, 0), seq)
    template, org_code = res.template, res.org_code
    for values, _ in inserts:
        if values[i_no]:
            continue
        year = int(values[i_on][:4])
        seq = top.get(year)
        if seq is None:
            seq = next_seq(ledger, year) - 1
        seq += 1
        case_no = format_case_no(template, year, seq, org_code.get(values[i_org], ""))
        while case_no in taken or (
            not empty and ledger.one("SELECT 1 FROM dispute WHERE case_no = ?", (case_no,))
        ):
            seq += 1
            case_no = format_case_no(template, year, seq, org_code.get(values[i_org], ""))
        top[year] = seq
        taken.add(case_no)
        values[i_no], values[i_year], values[i_seq] = case_no, year, seq


# Seconds per step of the last _write, when a benchmark sets it to a dict (bench/bench_import_floor.py).
STEPS: dict[str, float] | None = None


def _lap(name: str, since: float) -> float:
    now = time.perf_counter()
    if STEPS is not None:
        STEPS[name] = STEPS.get(name, 0.0) + now - since
    return now


def _write(
    ledger: Ledger,
    res: Resolver,
    path: Path,
    inserts: list,
    updates: list,
    result: ImportResult,
    given: set[str],
) -> None:
    t = time.perf_counter()
    now = now_iso()
    conn = ledger.conn
    # A bulk load of new cases: foreign keys are checked once below, for the new rows only, rather than row by row
    # (set before the transaction: SQLite ignores the pragma inside one). Updates keep the row-by-row check.
    unchecked = (
        not updates
        and len(inserts) >= BULK_ROWS
        and len(inserts) > (ledger.scalar("SELECT max(id) FROM dispute") or 0)
    )
    if unchecked:
        conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with ledger.write() as conn:
            # Ids and numbers are taken inside the transaction: another clerk may have added a case meanwhile.
            base_id = (ledger.scalar("SELECT max(id) FROM dispute") or 0) + 1
            _number(ledger, res, inserts, empty=base_id == 1)
            rebuild = []
            if len(inserts) >= BULK_ROWS and len(inserts) > base_id:
                rebuild = ledger.all(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name IN ('dispute', 'case_mediator') AND sql IS NOT NULL"
                )
                for r in rebuild:
                    conn.execute(f'DROP INDEX "{r["name"]}"')
            cs = next_change_seq(ledger)
            # Only the columns the file can have filled: the others keep the table's default, which is NEW_CASE's.
            cols = [c for c in CASE_COLS if c not in defaulted(ledger, given)]
            pick = operator.itemgetter(*(AT[c] for c in cols))
            i_entered = AT["entered_at"]
            rows, links = [], []
            append = rows.append
            for case_id, (values, ids) in enumerate(inserts, start=base_id):
                if not values[i_entered]:
                    values[i_entered] = now
                seq = cs + case_id - base_id
                append((case_id, *pick(values), now, seq, seq))
                if ids:
                    links.extend([(case_id, m) for m in ids])
            t = _lap("rows", t)
            conn.executemany(
                f"INSERT INTO dispute(id, {', '.join(cols)}, updated_at, change_seq, created_seq) "
                f"VALUES ({', '.join('?' * (len(cols) + 4))})",
                rows,
            )
            t = _lap("insert", t)
            if rows:
                conn.execute(
                    "INSERT INTO dispute_fts(rowid, summary) SELECT id, summary FROM dispute "
                    "WHERE id >= ? AND summary IS NOT NULL",
                    (base_id,),
                )
            t = _lap("summary index", t)
            conn.executemany("INSERT INTO case_mediator(case_id, mediator_id) VALUES (?, ?)", links)
            t = _lap("mediator links", t)
            if unchecked:
                _check_references(ledger, base_id)
                t = _lap("reference check", t)
            for r in rebuild:
                conn.execute(r["sql"])
            t = _lap(f"{len(rebuild)} indexes", t)
            audits = []
            for stored, changes, ids in updates:
                update_case(ledger, stored, changes)
                if ids is not None:
                    set_mediators(ledger, stored["id"], ids)
                    if not changes:
                        touch(ledger, stored["id"])
                before = {k: stored[k] for k in changes}
                after = dict(changes)
                if ids is not None:
                    after["mediator_ids"] = ids
                audits.append(("case", stored["case_no"], "import", before, after))
            i_no = AT["case_no"]
            audits.append(
                (
                    "case",
                    None,
                    "import_batch",
                    None,
                    {
                        "file": path.name,
                        **result.as_dict(),
                        "first_case_no": inserts[0][0][i_no] if inserts else None,
                        "last_case_no": inserts[-1][0][i_no] if inserts else None,
                    },
                )
            )
            ledger.audit_many(audits)
            t = _lap("updates and audit", t)
        t = _lap("commit", t)
    finally:
        if unchecked:
            conn.execute("PRAGMA foreign_keys = ON")


def _check_references(ledger: Ledger, base_id: int) -> None:
    """The foreign keys of the rows just inserted (with checking off during a bulk insert)."""
    orphan = ledger.one(
        "SELECT d.case_no FROM dispute d LEFT JOIN org o ON o.id = d.org_id "
        "LEFT JOIN screening s ON s.id = d.screening_id "
        "WHERE d.id >= ? AND (o.id IS NULL OR (d.screening_id IS NOT NULL AND s.id IS NULL)) LIMIT 1",
        (base_id,),
    ) or ledger.one(
        "SELECT cm.case_id FROM case_mediator cm LEFT JOIN mediator m ON m.id = cm.mediator_id "
        "WHERE cm.case_id >= ? AND m.id IS NULL LIMIT 1",
        (base_id,),
    )
    if orphan is not None:
        raise MediationError(
            f"case {orphan[0]}: its org, screening or mediator is no longer in the ledger — nothing was imported",
            f"案件 {orphan[0]}：其调解组织、排查记录或调解员已不在台账中——未导入任何数据",
        )
