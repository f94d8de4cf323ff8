"""Writing a file's worth of cases in one transaction: numbering the new ones, the bulk insert (secondary indexes
dropped and rebuilt for a large batch into a small ledger, foreign keys checked once for the new rows), the search
index, the mediator links, the updates and the batch's audit row."""

from __future__ import annotations

import operator
from collections.abc import Callable

from mediation_cli.errors import MediationError
from mediation_cli.ledger import seal
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import (
    CASE_COLS,
    format_case_no,
    next_change_seq,
    next_seq,
    numbered_per_org,
    parse_case_no,
    parse_case_no_org,
    set_mediators,
    touch,
    update_case,
)
from mediation_cli.ledger.db import Ledger, now_iso

# A batch bigger than this, into a ledger smaller than the batch, drops the secondary indexes and builds them again
# once at the end (same definitions, read back from the schema, inside the same transaction): maintaining eleven
# indexes row by row costs three times as much.
BULK_ROWS = 20_000

AT = {c: i for i, c in enumerate(CASE_COLS)}


def mediator_ids_of(ledger: Ledger, case_id: int) -> list[int]:
    return [r[0] for r in ledger.all("SELECT mediator_id FROM case_mediator WHERE case_id = ?", (case_id,))]


def stored_by_key(ledger: Ledger, given: dict, below: int | None = None):
    """The stored case a row names: by case_no, else by (org, received_on, summary) for an unnumbered row. ``below``:
    only cases stored before the import began (ids below it), not those its earlier chunks have just written."""
    limit = "" if below is None else f" AND id < {int(below)}"
    if "case_no" in given:
        return ledger.one(f"SELECT * FROM dispute WHERE case_no = ?{limit}", (given["case_no"],))
    return ledger.one(
        f"SELECT * FROM dispute WHERE org_id = ? AND received_on = ? AND summary IS ?{limit}",
        (given["org_id"], given["received_on"], given.get("summary")),
    )


def has_cases(ledger: Ledger) -> bool:
    return ledger.one("SELECT 1 FROM dispute LIMIT 1") is not None


def stored_case_nos(ledger: Ledger, case_nos: list[str], below: int | None = None) -> set[str]:
    wanted = sorted({c for c in case_nos if c})
    limit = "" if below is None else f" AND id < {int(below)}"
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(
            r[0]
            for r in ledger.all(
                f"SELECT case_no FROM dispute WHERE case_no IN ({','.join('?' * len(chunk))}){limit}", chunk
            )
        )
    return found


def top_of(res: Resolver, case_nos) -> tuple[dict[tuple[int, int | None], int], set[str]]:
    """The highest seq per year — per (year, committee) when the template names the committee ({org}) — among
    ``case_nos`` (the numbers the file gives its new cases), and the numbers that do not follow the template (they
    take no part in numbering, but no new number may repeat one)."""
    per_org = numbered_per_org(res.template)
    org_id = {code: i for i, code in res.org_code.items()}
    top: dict[tuple[int, int | None], int] = {}
    odd: set[str] = set()
    for case_no in case_nos:
        year, seq = parse_case_no(res.pattern, case_no)
        key = (year, org_id.get(parse_case_no_org(res.pattern, case_no)) if per_org else None)
        if year is None or (per_org and key[1] is None):
            odd.add(case_no)
        else:
            top[key] = max(top.get(key, 0), seq)
    return top, odd


class BulkWriter:
    """Writing a file's worth of cases in one transaction, a chunk at a time (``insert``), then ``finish`` (the search
    index, the references, the indexes, the updates, the batch's audit row); leaving the ``with`` block commits, or
    rolls everything back on an exception — all or nothing however many chunks were written.

    ``expected``: about how many rows the file holds (its lines), to choose before the first chunk whether the
    secondary indexes are dropped and built again once (a batch bigger than BULK_ROWS into a smaller ledger) and
    whether the foreign keys are checked once at the end (also only when ``no_updates``). ``file_top(base_id)`` gives
    ``top_of`` the new cases' given numbers in the whole file; it is asked once, when the first unnumbered new case
    is to be numbered: a new number continues after the highest number the file gives for that year, wherever in
    the file that number stands (for a year the file gives none of, after the ledger's highest). ``defaulted`` are
    the columns the insert leaves to the table's default. ``on_step(name)`` is told as each step ends."""

    def __init__(
        self,
        ledger: Ledger,
        res: Resolver,
        defaulted: set[str],
        *,
        expected: int,
        no_updates: bool,
        file_top: Callable[[int], tuple[dict[int, int], set[str]]],
        on_step: Callable[[str], None] | None = None,
        record_backfill: bool = True,
    ):
        self.ledger, self.res, self.defaulted = ledger, res, defaulted
        self.expected, self.no_updates, self.file_top = expected, no_updates, file_top
        self.step = on_step or (lambda name: None)
        # 应录必录: a case whose entered_at the file claims is noted with the time it is really written (case_backfill)
        self.record_backfill = record_backfill
        self.top: dict[tuple[int, int | None], int] | None = None
        self.taken: set[str] = set()
        self.inserted = 0
        self.first_no = self.last_no = None

    def __enter__(self) -> BulkWriter:
        ledger = self.ledger
        conn = ledger.conn
        self.now = now_iso()
        # A bulk load of new cases: foreign keys are checked once at the end, for the new rows only, rather than
        # row by row (set before the transaction: SQLite ignores the pragma inside one). Updates keep the check.
        self.unchecked = (
            self.no_updates
            and self.expected >= BULK_ROWS
            and self.expected > (ledger.scalar("SELECT max(id) FROM dispute") or 0)
        )
        if self.unchecked:
            conn.execute("PRAGMA foreign_keys = OFF")
        self._tx = ledger.write()
        try:
            self._tx.__enter__()
            # Ids and numbers are taken inside the transaction: another clerk may have added a case meanwhile.
            self.base_id = self.next_id = (ledger.scalar("SELECT max(id) FROM dispute") or 0) + 1
            self.empty = self.base_id == 1
            self.rebuild = []
            if self.expected >= BULK_ROWS and self.expected > self.base_id:
                self.rebuild = ledger.all(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name IN ('dispute', 'case_mediator') AND sql IS NOT NULL"
                )
                for r in self.rebuild:
                    conn.execute(f'DROP INDEX "{r["name"]}"')
            self.cs = next_change_seq(ledger)
            # Only the columns the file can have filled: the others keep the table's default, which is NEW_CASE's.
            cols = [c for c in CASE_COLS if c not in self.defaulted]
            self.insert_cols = ["id", *cols, "updated_at", "change_seq", "created_seq"]
            self.pick = operator.itemgetter(*(AT[c] for c in cols))
            # Each row's seal is computed here, from the values as they will be stored (the columns left to their
            # default included), rather than by the insert trigger noting every id and an UPDATE calling row_seal
            # for each of them at commit (ledger/seal.py: Sealer, sealed_insert).
            self.sealer = seal.Sealer(conn, "dispute", self.insert_cols) if ledger.sealed else None
        except BaseException as e:
            self._close(type(e), e, e.__traceback__)
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._close(*exc)
        if exc[0] is None:
            self.step("commit")

    def _close(self, *exc) -> None:
        try:
            self._tx.__exit__(*exc)
        finally:
            if self.unchecked:
                self.ledger.conn.execute("PRAGMA foreign_keys = ON")

    def _number(self, inserts: list) -> None:
        """Number the new rows: given numbers keep theirs, empty ones continue after the highest (``file_top``)."""
        i_no, i_year, i_seq, i_on, i_org = (
            AT[c] for c in ("case_no", "year", "seq", "received_on", "org_id")
        )
        res, ledger = self.res, self.ledger
        template, org_code = res.template, res.org_code
        year_less = "{year}" not in template
        # One sequence per year, or per (year, committee) when the template names the committee.
        per_org = numbered_per_org(template)
        for values, _ in inserts:
            if values[i_no]:
                values[i_year], values[i_seq] = parse_case_no(res.pattern, values[i_no])
                continue
            if self.top is None:
                self.top, self.taken = self.file_top(self.base_id)
            top, taken = self.top, self.taken
            year = int(values[i_on][:4])
            key = (year, values[i_org] if per_org else None)
            seq = top.get(key)
            if seq is None:
                seq = next_seq(ledger, year, key[1]) - 1
            seq += 1
            case_no = format_case_no(template, year, seq, org_code.get(values[i_org], ""))
            while case_no in taken or (
                not self.empty and ledger.one("SELECT 1 FROM dispute WHERE case_no = ?", (case_no,))
            ):
                seq += 1
                case_no = format_case_no(template, year, seq, org_code.get(values[i_org], ""))
            top[key] = seq
            if (
                year_less
            ):  # with {year} in the template, seq rising within each year keeps new numbers distinct
                taken.add(case_no)
            values[i_no], values[i_year], values[i_seq] = case_no, year, seq

    def insert(self, inserts: list) -> None:
        """Write a chunk of new cases: (values in CASE_COLS order, mediator ids), numbered here, ids in file order."""
        if not inserts:
            return
        self._number(inserts)
        conn, now, cs, base_id, sealer = self.ledger.conn, self.now, self.cs, self.base_id, self.sealer
        i_entered, pick = AT["entered_at"], self.pick
        rows, links, unsealed = [], [], []
        claimed = []  # the ids of the cases whose entered_at the file claims
        append = rows.append
        for case_id, (values, ids) in enumerate(inserts, start=self.next_id):
            if not values[i_entered]:
                values[i_entered] = now
            elif self.record_backfill:
                claimed.append(case_id)
            seq = cs + case_id - base_id
            row = (case_id, *pick(values), now, seq, seq)
            if sealer is not None:
                digest = sealer(row)
                if digest is None:
                    unsealed.append(case_id)
                row += (digest,)
            if ids:
                links.extend([(case_id, m) for m in ids])
            append(row)
        self.step("rows")
        insert_cols = self.insert_cols
        if sealer is None:
            conn.executemany(
                f"INSERT INTO dispute({', '.join(insert_cols)}) VALUES ({', '.join('?' * len(insert_cols))})",
                rows,
            )
        else:
            with seal.sealed_insert(conn, "dispute", len(rows), unsealed):
                conn.executemany(
                    f"INSERT INTO dispute({', '.join(insert_cols)}, seal) "
                    f"VALUES ({', '.join('?' * (len(insert_cols) + 1))})",
                    rows,
                )
        self.step("insert")
        conn.executemany("INSERT INTO case_mediator(case_id, mediator_id) VALUES (?, ?)", links)
        self.step("mediator links")
        if claimed:
            record_backfill(conn, claimed, now)
        i_no = AT["case_no"]
        if self.first_no is None:
            self.first_no = inserts[0][0][i_no]
        self.last_no = inserts[-1][0][i_no]
        self.next_id += len(inserts)
        self.inserted += len(inserts)

    def finish(self, updates: list, batch: dict) -> None:
        """After the last chunk: the search index of the new cases, their references, the indexes built again, the
        ``updates`` — (stored row, changed columns, mediator ids or None) — and the batch's audit row (``batch``:
        file and counts, completed with the range of case numbers inserted)."""
        ledger = self.ledger
        conn = ledger.conn
        if self.inserted:
            conn.execute(
                "INSERT INTO dispute_fts(rowid, summary) SELECT id, summary FROM dispute "
                "WHERE id >= ? AND summary IS NOT NULL",
                (self.base_id,),
            )
        self.step("summary index")
        if self.unchecked:
            check_references(ledger, self.base_id)
            self.step("reference check")
        for r in self.rebuild:
            conn.execute(r["sql"])
        self.step("indexes")
        if self.record_backfill:
            record_backfill(
                conn, sorted(s["id"] for s, changes, _ in updates if changes.get("entered_at")), self.now
            )
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
        audits.append(
            (
                "case",
                None,
                "import_batch",
                None,
                {**batch, "first_case_no": self.first_no, "last_case_no": self.last_no},
            )
        )
        ledger.audit_many(audits)
        self.step("updates and audit")


def record_backfill(conn, ids: list[int], written_at: str) -> None:
    """Note that the cases ``ids`` (ascending) claim an entered_at and were really written at ``written_at``: one
    row of case_backfill per run of consecutive ids."""
    runs: list[list] = []
    for i in ids:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i, written_at])
    conn.executemany("INSERT INTO case_backfill(first_id, last_id, written_at) VALUES (?, ?, ?)", runs)


def bulk_write(
    ledger: Ledger,
    res: Resolver,
    inserts: list,
    updates: list,
    batch: dict,
    defaulted: set[str],
    on_step: Callable[[str], None] | None = None,
    record_backfill: bool = True,
) -> None:
    """Write checked rows, all held in memory, in one transaction (``BulkWriter`` with one chunk): ``inserts`` are
    (values in CASE_COLS order, mediator ids) of new cases, numbered here; ``updates`` are (stored row, changed
    columns, mediator ids or None)."""
    i_no = AT["case_no"]

    def file_top(base_id: int):
        return top_of(res, [values[i_no] for values, _ in inserts if values[i_no]])

    with BulkWriter(
        ledger,
        res,
        defaulted,
        expected=len(inserts),
        no_updates=not updates,
        file_top=file_top,
        on_step=on_step,
        record_backfill=record_backfill,
    ) as writer:
        writer.insert(inserts)
        writer.finish(updates, batch)


def check_references(ledger: Ledger, base_id: int) -> None:
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
