"""Reading the dispute ledger: the filters of `case list` and the exports, cases as JSON/CSV carry them (one case's
plans, consultations, visits and timeline: case_record.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from mediation_cli.domain import lifecycle
from mediation_cli.domain.taxonomy import PREVENTED_COLUMNS
from mediation_cli.domain.values import fen_to_yuan
from mediation_cli.ledger import predicates
from mediation_cli.ledger.cases import CASE_COLS, lifecycle_status
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.schema import AT_RISK_D, MAJOR


# -- lists ------------------------------------------------------------------------------------------------------------
@dataclass
class CaseFilter:
    org_ids: list[int] | None = None
    statuses: list[str] | None = None
    category: str | None = None
    source: str | None = None
    key_group: str | None = None
    risk_level: str | None = None
    risk_type: str | None = None
    major: bool | None = None
    stalled_as_of: date | None = None
    stalled_days: int = lifecycle.DEFAULT_STALLED_DAYS
    unreported: bool = False
    as_of: date | None = None  # the day of the picture for --unreported and the stalled flag
    key_period: str | None = None
    start: date | None = None
    end: date | None = None
    search: str | None = None
    limit: int | None = None
    params: dict = field(default_factory=dict)


def where_of(f: CaseFilter) -> tuple[list[str], dict]:
    where: list[str] = []
    p: dict = {}
    if f.org_ids is not None:
        where.append(f"d.org_id IN ({','.join(str(int(i)) for i in f.org_ids) or 'NULL'})")
    # The dates first: where the table is scanned, SQLite tests the terms in this order, and two comparisons of a
    # column spare the key-group and risk-type string tests for the cases outside the range (at 1M cases, a quarter's
    # --key-group list: 0.87 s → 0.69 s of SQL).
    if f.start:
        where.append("d.received_on >= :start")
        p["start"] = f.start.isoformat()
    if f.end:
        where.append("d.received_on <= :end")
        p["end"] = f.end.isoformat()
    if f.statuses and sorted(f.statuses) == ["mediating", "received"]:
        where.append(
            predicates.pending("d")
        )  # = "d." + schema.PENDING, for the partial index dispute_pending
    elif f.statuses:
        where.append(f"d.status IN ({','.join(':st' + str(i) for i in range(len(f.statuses)))})")
        p.update({f"st{i}": s for i, s in enumerate(f.statuses)})
    if f.category:
        where.append("d.category = :category")
        p["category"] = f.category
    if f.source:
        where.append("d.source = :source")
        p["source"] = f.source
    if f.key_group:
        where.append("instr(';' || coalesce(d.key_groups, '') || ';', :kg) > 0")
        p["kg"] = f";{f.key_group};"
    if f.risk_level:
        where.append("d.risk_level = :risk_level")
        p["risk_level"] = f.risk_level
    if f.risk_type:
        where.append("instr(';' || coalesce(d.risk_types, '') || ';', :rt) > 0")
        p["rt"] = f";{f.risk_type};"
    if (f.risk_level and f.risk_level != "normal") or f.risk_type or f.unreported:
        where.append(AT_RISK_D)  # implied by the filter: lets SQLite read the partial index dispute_at_risk
    if f.major:
        where.append("d." + MAJOR)  # verbatim, for the partial index dispute_major
    elif f.major is not None:
        where.append("d.major = 0")
    if f.stalled_as_of is not None:
        # 一般在一个月内调结: pending on the date, received more than N days before, and not extended up to it — as
        # the case stood on the date (predicates.stalled_on reads the partial indexes dispute_pending/_settled).
        where.append(predicates.stalled_on("d", before=":stall_before", on=":stall_as_of"))
        p["stall_before"] = lifecycle.stalled_before(f.stalled_as_of, f.stalled_days).isoformat()
        p["stall_as_of"] = f.stalled_as_of.isoformat()
    if f.unreported:
        if f.as_of is None:
            where.append(predicates.must_report("d") + " AND d.reported_on IS NULL")
        else:  # not reported by the list's date (--as-of)
            where.append(predicates.unreported("d", ":unreported_on"))
            p["unreported_on"] = f.as_of.isoformat()
    if f.key_period:
        if f.key_period == "any":
            where.append("d.key_period IS NOT NULL")
        else:
            where.append("d.key_period = :key_period")
            p["key_period"] = f.key_period
    if f.search:
        q = f.search.strip()
        if len(q) >= 3 and not any(ch in q for ch in "%_\\"):
            # The trigram index answers a substring LIKE (without ESCAPE, which would make FTS5 scan every row).
            where.append("d.id IN (SELECT rowid FROM dispute_fts WHERE summary LIKE :q)")
            p["q"] = f"%{q}%"
        else:
            # A 2-character word (草场, 彩礼) is shorter than a trigram, and % or _ must be escaped: a substring scan.
            where.append("d.summary LIKE :q ESCAPE '\\'")
            p["q"] = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return where, p


MEDIATORS_SQL = """(SELECT group_concat(m.staff_no, ';') FROM (SELECT m.staff_no FROM case_mediator cm
    JOIN mediator m ON m.id = cm.mediator_id WHERE cm.case_id = d.id ORDER BY m.staff_no) m)"""


SELECT_SQL = f"SELECT d.*, o.code AS org_code, o.name AS org_name, {MEDIATORS_SQL} AS mediators FROM dispute d CROSS JOIN org o ON o.id = d.org_id"


def _split(text: str | None) -> list[str]:
    return text.split(";") if text else []


def case_dict(r, *, as_of: date | None = None, stalled_days: int = lifecycle.DEFAULT_STALLED_DAYS) -> dict:
    """A case as JSON/CSV carry it: English keys and codes, amounts in 元."""
    out = {
        "case_no": r["case_no"],
        "org_code": r["org_code"],
        "received_on": r["received_on"],
        "source": r["source"],
        "category": r["category"],
        "key_groups": _split(r["key_groups"]),
        "parties": r["parties"],
        "amount": fen_to_yuan(r["amount_fen"]),
        "summary": r["summary"],
        "risk_level": r["risk_level"],
        "risk_types": _split(r["risk_types"]),
        "needs_report": lifecycle.needs_report(r["risk_level"], _split(r["risk_types"])),
        "reported_on": r["reported_on"],
        "reported_to": r["reported_to"],
        "major": bool(r["major"]),
        "major_since": r["major_since"],
        "status": r["status"],
        "outcome": r["outcome"],
        "outcome_on": r["outcome_on"],
        "agreement": r["agreement"],
        "agreement_amount": fen_to_yuan(r["agreement_fen"]),
        "performed": None if r["performed"] is None else bool(r["performed"]),
        "guided_to": r["guided_to"],
        "closed_on": r["closed_on"],
        "closed_without_visit": r["closed_without_visit"],
        "extended_until": r["extended_until"],
        "key_period": r["key_period"],
        "mediators": _split(r["mediators"]),
        "screening_id": r["screening_id"],
        "entered_at": r["entered_at"],
        "updated_at": r["updated_at"],
        "change_seq": r["change_seq"],
    }
    for c in PREVENTED_COLUMNS:
        out[c] = r[c]
    if "stalled_then" in r.keys():  # noqa: SIM118 — r may be a sqlite3.Row, whose `in` looks at values
        out["stalled"] = bool(r["stalled_then"])
    elif as_of is not None:
        out["stalled"] = lifecycle.is_stalled(
            r["status"],
            date.fromisoformat(r["received_on"]),
            as_of,
            date.fromisoformat(r["extended_until"]) if r["extended_until"] else None,
            stalled_days,
        )
    return out


# What `case list` shows (JSON and CSV carry these keys, in this order; the table a few of them).
LIST_KEYS = [
    "case_no", "org_code", "received_on", "source", "category", "key_groups", "parties", "amount", "summary",
    "risk_level", "risk_types", "needs_report", "reported_on", "major", "status", "outcome", "outcome_on", "closed_on",
    "extended_until", "stalled", "key_period", "mediators", "entered_at",
]  # fmt: skip
# The columns LIST_KEYS are made of: a list reads these rather than every column of the case.
LIST_SQL = (
    "SELECT d.case_no, o.code AS org_code, d.received_on, d.source, d.category, d.key_groups, d.parties, "
    "d.amount_fen, d.summary, d.risk_level, d.risk_types, d.reported_on, d.major, d.status, d.outcome, "
    "d.outcome_on, d.closed_on, d.extended_until, d.key_period, d.id, d.entered_at, o.name AS org_name "
    "FROM dispute d CROSS JOIN org o ON o.id = d.org_id"
)


def list_dict(r: tuple, as_of: date, stalled_days: int, meds: str | None, _day=date.fromisoformat) -> dict:
    """A row of LIST_SQL as ``case_dict`` makes it, keys LIST_KEYS in order (tests/test_case_list_rows.py checks
    that it equals case_dict's on those keys): ~50 columns read and ~50 keys made for 23 cost half the time of a
    list of 50,000 cases."""
    (no, org, rcv, src, cat, kg, parties, fen, summary, level, rt, rep, major, status, outcome, oo, co, ext, kp, _,
     ent, org_name, stalled_then) = r  # fmt: skip
    types = rt.split(";") if rt else []
    return {
        "case_no": no,
        "org_code": org,
        "received_on": rcv,
        "source": src,
        "category": cat,
        "key_groups": kg.split(";") if kg else [],
        "parties": parties,
        "amount": fen_to_yuan(fen),
        "summary": summary,
        "risk_level": level,
        "risk_types": types,
        "needs_report": lifecycle.needs_report(level, types),
        "reported_on": rep,
        "major": bool(major),
        "status": status,
        "outcome": outcome,
        "outcome_on": oo,
        "closed_on": co,
        "extended_until": ext,
        "stalled": bool(
            stalled_then
        ),  # as the case stood on the list's date (a case settled since was stalled then)
        "key_period": kp,
        "mediators": meds.split(";") if meds else [],
        "entered_at": ent,
        "org_name": org_name,  # for the table's org column; not in LIST_KEYS
    }


def _list_sql(ledger: Ledger, f: CaseFilter, select: str) -> tuple[str, dict]:
    where, p = where_of(f)
    # Walking dispute_received in order reads the table row by row, all of it when nothing narrows the dates or the
    # orgs: without a limit, a scan of the table and a sort of what matches is several times faster (`+` tells
    # SQLite not to read the ORDER BY from an index).
    narrowed = f.limit or f.start or f.end or f.org_ids is not None
    order = "d.received_on, d.id" if narrowed else "+d.received_on, d.id"
    if _scan_is_cheaper(ledger, f):
        select = select.replace("FROM dispute d ", "FROM dispute d NOT INDEXED ")
    sql = select + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    if f.limit:
        sql += f" LIMIT {int(f.limit)}"
    return sql, p


# `--search WORD --limit N`: the search index gives every case whose summary holds the word (a common word: a sixth
# of a million cases), each looked up and all sorted for the first N. Reading the first SEARCH_AHEAD × N cases in
# list order and keeping those that hold the word finds the same first N when they are among them (any later match
# comes after them in the order); when they are not, the search index answers as before.
SEARCH_AHEAD, SEARCH_AHEAD_MIN = 20, 2000


def _first_matches(ledger: Ledger, f: CaseFilter, select: str, flags: dict):
    q = (f.search or "").strip()
    if not f.limit or len(q) < 3 or any(ch in q for ch in "%_\\"):
        return None
    rest = CaseFilter(**{**f.__dict__, "search": None, "limit": None})
    where, p = where_of(rest)
    ahead = max(f.limit * SEARCH_AHEAD, SEARCH_AHEAD_MIN)
    first = (
        "SELECT d.id FROM dispute d" + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY d.received_on, d.id LIMIT {int(ahead)}"
    )  # fmt: skip
    sql = f"{select} WHERE d.id IN ({first}) AND d.summary LIKE :first_q ORDER BY d.received_on, d.id"
    cursor = ledger.conn.execute(sql + f" LIMIT {int(f.limit)}", {**p, **flags, "first_q": f"%{q}%"})
    cursor.row_factory = None
    rows = cursor.fetchall()
    return (cursor.description, rows) if len(rows) == f.limit else None


def _rows(ledger: Ledger, f: CaseFilter, select: str, as_of: date):
    """(the cursor's description, its rows as tuples) of the list ``f`` asks for, with ``stalled_then`` last: the
    stalled flag as the case stood on ``as_of`` (a case settled since was stalled then)."""
    stalled_then = predicates.stalled_on("d", before=":flag_before", on=":flag_on")
    select = select.replace(" FROM dispute d ", f", {stalled_then} AS stalled_then FROM dispute d ", 1)
    flags = {
        "flag_before": lifecycle.stalled_before(as_of, f.stalled_days).isoformat(),
        "flag_on": as_of.isoformat(),
    }
    found = _first_matches(ledger, f, select, flags)
    if found is not None:
        return found
    sql, p = _list_sql(ledger, f, select)
    cursor = ledger.conn.execute(sql, {**p, **flags})
    cursor.row_factory = None
    return cursor.description, cursor


def list_cases(ledger: Ledger, f: CaseFilter, *, as_of: date) -> Iterator[dict]:
    """Cases matching every filter, oldest first, streamed from the cursor (every field of ``case_dict``)."""
    description, rows = _rows(ledger, f, SELECT_SQL, as_of)
    names = [d[0] for d in description]
    for row in rows:
        r = dict(zip(names, row, strict=True))
        out = case_dict(r, as_of=as_of, stalled_days=f.stalled_days)
        out["org_name"] = r["org_name"]
        yield out


def list_rows(ledger: Ledger, f: CaseFilter, *, as_of: date, org_name: bool = True) -> Iterator[dict]:
    """``list_cases`` with the keys of LIST_KEYS only (what `case list` prints), read from LIST_SQL's columns, and
    ``org_name`` last for a table (``org_name=False``: LIST_KEYS exactly, as CSV and JSON write them)."""
    _, rows = _rows(ledger, f, LIST_SQL, as_of)
    days = f.stalled_days
    staff_nos: dict[int, str] = {}  # mediator id -> staff number, read once for the whole list
    batch: list[tuple] = []
    for r in rows:
        batch.append(r)
        if len(batch) == 1000:
            yield from _with_mediators(ledger, batch, as_of, days, org_name, staff_nos)
            batch = []
    yield from _with_mediators(ledger, batch, as_of, days, org_name, staff_nos)


def _with_mediators(
    ledger: Ledger,
    batch: list[tuple],
    as_of: date,
    days: int,
    org_name: bool,
    staff_nos: dict[int, str],
) -> Iterator[dict]:
    """The rows of a batch with their mediators' staff numbers (in staff-number order, as MEDIATORS_SQL gives them),
    read for the whole batch in one query rather than by a subquery per case: the pairs from case_mediator's key
    alone, the staff numbers of mediators not yet seen in a second query (a join and an ORDER BY cost more than
    the list's JSON at 55,000 cases)."""
    if not batch:
        return
    ids = [r[19] for r in batch]
    pairs = ledger.conn.execute(
        f"SELECT case_id, mediator_id FROM case_mediator WHERE case_id IN ({','.join('?' * len(ids))})", ids
    ).fetchall()
    unseen = list({m for _, m in pairs if m not in staff_nos})
    if unseen:
        staff_nos.update(
            ledger.conn.execute(
                f"SELECT id, staff_no FROM mediator WHERE id IN ({','.join('?' * len(unseen))})", unseen
            ).fetchall()
        )
    staff: dict[int, list[str]] = {}
    for case_id, mediator_id in pairs:
        staff.setdefault(case_id, []).append(staff_nos[mediator_id])
    for r in batch:
        found = staff.get(r[19])
        if found is not None and len(found) > 1:
            found.sort()  # code-point order: SQLite's BINARY order of the UTF-8 staff numbers
        row = list_dict(r, as_of, days, ";".join(found) if found else None)
        if not org_name:
            del row["org_name"]  # one key dropped, not a dict of 23 made again to leave it out
        yield row


def count_cases(ledger: Ledger, f: CaseFilter) -> int:
    """How many cases match every filter (the limit aside): what a shortened list leaves out."""
    where, p = where_of(f)
    table = (
        "dispute d NOT INDEXED" if _scan_is_cheaper(ledger, f) else "dispute d"
    )  # as the list itself reads
    return ledger.scalar(
        f"SELECT count(*) FROM {table}" + (" WHERE " + " AND ".join(where) if where else ""), p
    )


# Reading a range of dispute_received costs a lookup in the table per case in the range; reading the whole table in
# order costs about as much as looking up a tenth of it (measured: a quarter of 1,000,000 cases is 0.68 s through
# the index and 0.16 s as a scan). So a list whose dates cover more than a tenth of the ledger's span, and that no
# other index narrows (org, pending, major, at risk, search) nor a limit stops early, and that filters on a field
# the index does not hold (source, key group, key period, risk level, not major), scans the table.
SCAN_SHARE = 0.1


def _scan_is_cheaper(ledger: Ledger, f: CaseFilter) -> bool:
    if not (f.start or f.end) or f.limit or f.org_ids is not None or f.search or f.major or f.unreported:
        return False
    if f.stalled_as_of is not None or (f.statuses and sorted(f.statuses) == ["mediating", "received"]):
        return False
    if (f.risk_level and f.risk_level != "normal") or f.risk_type:
        return False
    # category and status are in dispute_received: they are checked there, before any lookup in the table
    if not (f.source or f.key_group or f.key_period or f.risk_level or f.major is False):
        return False
    return wide_range(ledger, f.start, f.end)


def wide_range(ledger: Ledger, start: date | None, end: date | None) -> bool:
    """The received dates from ``start`` to ``end`` cover more than SCAN_SHARE of the ledger's span: reading all the
    cases of the range is cheaper as a scan of the table than through dispute_received."""
    # two subqueries: min and max in one SELECT would scan a whole index instead of reading its two ends
    lo, hi = ledger.one(
        "SELECT (SELECT min(received_on) FROM dispute), (SELECT max(received_on) FROM dispute)"
    )
    if lo is None:
        return False
    first, last = date.fromisoformat(lo), date.fromisoformat(hi)
    start = max(start or first, first)
    end = min(end or last, last)
    span = (last - first).days + 1
    return (end - start).days + 1 > SCAN_SHARE * span


def _dicts(cursor) -> Iterator[dict]:
    """The cursor's rows as plain dicts: sqlite3.Row finds a column by comparing names one by one, which for the
    ~50 columns of a case costs more than everything else a list or an export does with the row."""
    cursor.row_factory = None
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def export_dict(r) -> dict:
    """A case in the import columns (export → import round-trips it)."""
    status = lifecycle_status(r)
    return {
        "case_no": r["case_no"],
        "org_code": r["org_code"],
        "received_on": r["received_on"],
        "source": r["source"],
        "category": r["category"],
        "key_groups": r["key_groups"],
        "parties": r["parties"],
        "amount": fen_to_yuan(r["amount_fen"]),
        "summary": r["summary"],
        "risk_level": r["risk_level"],
        "risk_types": r["risk_types"],
        "major": r["major"],
        "status": status,
        "outcome_on": r["outcome_on"],
        "agreement": r["agreement"],
        "closed_on": r["closed_on"],
        "mediators": r["mediators"],
        "reported_on": r["reported_on"],
        "screening_id": r["screening_id"],
        "entered_at": r["entered_at"],
        "agreement_amount": fen_to_yuan(r["agreement_fen"]),
        "performed": r["performed"],
        "guided_to": r["guided_to"],
        "reported_to": r["reported_to"],
        "extended_until": r["extended_until"],
        "major_since": r["major_since"],
        **{c: r[c] or None for c in CASE_COLS if c.startswith("prevented_")},
    }


def export_cases(ledger: Ledger, f: CaseFilter) -> Iterator[dict]:
    where, p = where_of(f)
    sql = SELECT_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.received_on, d.id"
    for r in _dicts(ledger.conn.execute(sql, p)):
        yield export_dict(r)
