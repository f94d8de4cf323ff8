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


def stored_by_key(ledger: Ledger, given: dict):
    """The stored case a row names: by case_no, else by (org, received_on, summary) for an unnumbered row."""
    if "case_no" in given:
        return ledger.one("SELECT * FROM dispute WHERE case_no = ?", (given["case_no"],))
    return ledger.one(
        "SELECT * FROM dispute WHERE org_id = ? AND received_on = ? AND summary IS ?",
        (given["org_id"], given["received_on"], given.get("summary")),
    )


def has_cases(ledger: Ledger) -> bool:
    return ledger.one("SELECT 1 FROM dispute LIMIT 1") is not None


def stored_case_nos(ledger: Ledger, case_nos: list[str]) -> set[str]:
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


def number_new_cases(ledger: Ledger, res: Resolver, inserts: list, empty: bool) -> None:
    """Number the new rows: given numbers keep theirs (and count for numbering), empty ones continue after the max."""
    i_no, i_year, i_seq, i_on, i_org = (AT[c] for c in ("case_no", "year", "seq", "received_on", "org_id"))
    # One sequence per year, or per (year, committee) when the template names the committee.
    per_org = numbered_per_org(res.template)
    top: dict[tuple[int, int | None], int] = {}
    taken: set[str] = set()
    for values, _ in inserts:
        if values[i_no]:
            taken.add(values[i_no])
            values[i_year], values[i_seq] = year, seq = parse_case_no(res.pattern, values[i_no])
            if year is not None:
                key = (year, values[i_org] if per_org else None)
                top[key] = max(top.get(key, 0), seq)
    template, org_code = res.template, res.org_code
    for values, _ in inserts:
        if values[i_no]:
            continue
        year = int(values[i_on][:4])
        key = (year, values[i_org] if per_org else None)
        seq = top.get(key)
        if seq is None:
            seq = next_seq(ledger, year, key[1]) - 1
        seq += 1
        case_no = format_case_no(template, year, seq, org_code.get(values[i_org], ""))
        while case_no in taken or (
            not empty and ledger.one("SELECT 1 FROM dispute WHERE case_no = ?", (case_no,))
        ):
            seq += 1
            case_no = format_case_no(template, year, seq, org_code.get(values[i_org], ""))
        top[key] = seq
        taken.add(case_no)
        values[i_no], values[i_year], values[i_seq] = case_no, year, seq


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
    """Write checked rows in one transaction: ``inserts`` are (values in CASE_COLS order, mediator ids) of new cases,
    numbered here; ``updates`` are (stored row, changed columns, mediator ids or None). ``batch`` is the import's
    audit summary (file, counts), completed with the range of case numbers inserted; ``defaulted`` the columns no
    row gave, which keep the table's default. ``on_step(name)`` is told as each step ends (the terminal's progress
    line names them)."""
    step = on_step or (lambda name: None)
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
            number_new_cases(ledger, res, inserts, empty=base_id == 1)
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
            cols = [c for c in CASE_COLS if c not in defaulted]
            insert_cols = ["id", *cols, "updated_at", "change_seq", "created_seq"]
            pick = operator.itemgetter(*(AT[c] for c in cols))
            # Each row's seal is computed here, from the values as they will be stored (the columns left to their
            # default included), rather than by the insert trigger noting 100,000 ids and an UPDATE calling
            # row_seal for each of them at commit (ledger/seal.py: Sealer, sealed_insert).
            sealer = seal.Sealer(conn, "dispute", insert_cols) if ledger.sealed else None
            i_entered = AT["entered_at"]
            rows, links, unsealed = [], [], []
            append = rows.append
            backfills = []  # (case id, the entered_at the file claims, when it is really written)
            for case_id, (values, ids) in enumerate(inserts, start=base_id):
                if not values[i_entered]:
                    values[i_entered] = now
                elif record_backfill:
                    backfills.append((case_id, values[i_entered], now))
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
            step("rows")
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
            step("insert")
            if rows:
                conn.execute(
                    "INSERT INTO dispute_fts(rowid, summary) SELECT id, summary FROM dispute "
                    "WHERE id >= ? AND summary IS NOT NULL",
                    (base_id,),
                )
            step("summary index")
            conn.executemany("INSERT INTO case_mediator(case_id, mediator_id) VALUES (?, ?)", links)
            step("mediator links")
            if record_backfill:
                backfills += [
                    (stored["id"], changes["entered_at"], now)
                    for stored, changes, _ in updates
                    if changes.get("entered_at")
                ]
            conn.executemany(
                "INSERT OR REPLACE INTO case_backfill(case_id, claimed_entered_at, written_at) VALUES (?, ?, ?)",
                backfills,
            )
            if unchecked:
                check_references(ledger, base_id)
                step("reference check")
            for r in rebuild:
                conn.execute(r["sql"])
            step("indexes")
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
                        **batch,
                        "first_case_no": inserts[0][0][i_no] if inserts else None,
                        "last_case_no": inserts[-1][0][i_no] if inserts else None,
                    },
                )
            )
            ledger.audit_many(audits)
            step("updates and audit")
        step("commit")
    finally:
        if unchecked:
            conn.execute("PRAGMA foreign_keys = ON")


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
