"""The column path of `case import`: new cases checked a column at a time — each distinct cell parsed once, the rules
across fields in one tight loop. It only ever accepts a row or hands it to the exact path (services/case_import.py),
which accepts it or says why not."""

from __future__ import annotations

from itertools import repeat

from mediation_cli.domain import lifecycle
from mediation_cli.forms.cases import PARSERS, TEXT_MAX
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.cases import CASE_COLS, NEW_CASE

# The dispute field each import column fills (the others fill the field of their own name).
FIELD_OF = {"org_code": "org_id", "amount": "amount_fen", "agreement_amount": "agreement_fen"}

_BAD = object()  # a cell that its column's parser refuses
CACHE_CELLS = 100_000


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


def column_path(
    header: list[str], rows: list[list[str]], res: Resolver, caches: dict | None = None
) -> tuple[list, dict, set[str]]:
    """For each row, its new-case values in CASE_COLS order with its mediator ids — or None where the exact path
    must decide; the parsed columns by field (a blank required cell is None); the fields some row gives.

    ``caches`` (one dict for all the chunks of a file) keeps each column's parsed cells from one chunk to the next, so
    that a file read in chunks parses each distinct cell once as a whole file would (a column's cache is emptied when
    it passes CACHE_CELLS distinct cells: a column of mostly distinct values would otherwise grow with the file)."""
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
            cells = caches.get(name) if caches is not None else None
            if cells is None:
                cells = _Cells(PARSERS[name], ctx, NEW_CASE.get(fld) if fld in NEW_CASE else None)
                if caches is not None:
                    caches[name] = cells
            elif len(cells) > CACHE_CELLS:
                cells.clear()
            values = list(map(cells.__getitem__, col))
            if cells.refused:  # some cell of this column, in this chunk or an earlier one, was refused
                for i, v in enumerate(values):
                    if v is _BAD:
                        hand_over[i] = 1
            if cells.given:
                given.add(fld)
        fields[fld] = values

    def column(fld: str):
        found = fields.get(fld)
        return repeat(NEW_CASE.get(fld)) if found is None else found

    # The rules across fields (case_merge.merge and forms.cases.check_case, for a new case), one row at a time.
    status_of, outcome_of, since_of, period_of, ids_of = [], [], [], [], []
    pending, outcomes = lifecycle.PENDING, lifecycle.OUTCOMES
    key_period = res.key_period
    spans: dict = {} if caches is None else caches.setdefault("\x00mediator spans", {})
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
            or not res.org_active(org, rcv)  # the exact path says why (received while the org existed)
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


def rows_column(rows: list[list[str]], i: int | None, blank: str | None = "") -> list:
    return [blank] * len(rows) if i is None else [r[i] for r in rows]
