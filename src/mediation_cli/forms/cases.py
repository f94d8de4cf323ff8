"""Case input: the import columns (CONTRACT.md, plus the optional details after ``entered_at``) → dispute column values.

One parser for `case add`/`case edit` options and import rows. Parsing is cheap per field (pre-built lookups, an ISO
fast path for dates) because an import of 100,000 rows goes through it row by row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from mediation_cli.domain import lifecycle
from mediation_cli.domain.dates import parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.taxonomy import (
    AGREEMENT,
    CASE_SOURCE,
    GUIDED_TO,
    KEY_GROUP,
    PREVENTED_COLUMNS,
    RISK_LEVEL,
    RISK_TYPE,
    STATUS,
    parse_bool,
)
from mediation_cli.domain.values import parse_int, parse_money, parse_text
from mediation_cli.errors import MediationError

# The contract's columns, then optional details (so that export → import round-trips a case whole).
CONTRACT_COLUMNS = [
    "case_no",
    "org_code",
    "received_on",
    "source",
    "category",
    "key_groups",
    "parties",
    "amount",
    "summary",
    "risk_level",
    "risk_types",
    "major",
    "status",
    "outcome_on",
    "agreement",
    "closed_on",
    "mediators",
    "reported_on",
    "screening_id",
    "entered_at",
]
EXTRA_COLUMNS = [
    "agreement_amount",
    "performed",
    "guided_to",
    "reported_to",
    "extended_until",
    "major_since",
    *PREVENTED_COLUMNS,
]
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS
REQUIRED = ["org_code", "received_on", "source", "category"]
# Statuses an import row (or `case add`) may carry: an outcome with closed_on means it was also closed that day.
IMPORT_STATUSES = ("received", "mediating", "succeeded", "failed", "withdrawn")
# Fields only the lifecycle commands change (`case transition`, `case extend`), not `case edit`.
LIFECYCLE_FIELDS = ("status", "outcome_on", "closed_on", "entered_at", "case_no")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ENTERED = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?", re.ASCII)


def day(text: str, fld: str, today: date) -> str:
    """A date as ISO text; the ISO form takes a fast path (most rows of a file)."""
    if len(text) == 10 and _ISO_DAY.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return text
    return parse_date(text, today=today, field=fld).isoformat()


def parse_entered_at(text: str, today: date) -> str:
    """entered_at: a date and time (2024-01-05T16:25:00, '2024-01-05 16:25') or a date (midnight)."""
    if len(text) == 19 and text[10] == "T":
        try:
            return datetime.fromisoformat(text).isoformat()
        except ValueError:
            pass
    m = _ENTERED.fullmatch(text.strip())
    if m:
        try:
            return datetime(
                *map(int, m.group(1).split("-")),
                int(m.group(2) or 0),
                int(m.group(3) or 0),
                int(m.group(4) or 0),
            ).isoformat()
        except ValueError:
            pass
    else:
        try:
            return datetime.combine(
                parse_date(text, today=today, field="entered_at"), datetime.min.time()
            ).isoformat()
        except Invalid:
            pass
    raise Invalid(
        "entered_at",
        text,
        "a date and time like 2024-01-05T16:25:00 or a date",
        "日期时间，如 2024-01-05T16:25:00",
    )


def parse_staff_list(text: str) -> list[str]:
    raw = str(text)
    for sep in ("；", ",", "，", "、"):
        raw = raw.replace(sep, ";")
    out: list[str] = []
    for part in raw.split(";"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


# Code lookups built once (CodeTable.parse rebuilds its table per call; an import calls it 400,000 times).
_LOOKUPS: dict[str, dict[str, str]] = {}
_ORDER: dict[str, list[str]] = {}


def code(table, text: str, fld: str) -> str:
    lookup = _LOOKUPS.get(table.name)
    if lookup is None:
        lookup = _LOOKUPS[table.name] = table.lookup()
    found = lookup.get(text.strip().lower())
    return found if found is not None else table.parse(text, fld)


def codes(table, text: str, fld: str) -> str | None:
    """A ';'-separated list of codes or labels → ';'-joined codes in table order, None when empty."""
    for sep in ("；", ",", "，", "、"):
        if sep in text:
            text = text.replace(sep, ";")
    parts = text.split(";")
    if len(parts) == 1:
        return code(table, text, fld) if text.strip() else None
    found = {code(table, part, fld) for part in parts if part.strip()}
    order = _ORDER.get(table.name)
    if order is None:
        order = _ORDER[table.name] = table.codes
    return ";".join(c for c in order if c in found) or None


def _date_parser(col: str, *, not_after_today: bool = False):
    def parse(v: str, out: dict, ctx) -> None:
        out[col] = d = day(v, col, ctx[0])
        if not_after_today and d > ctx[1]:
            raise Invalid(col, v, f"a date not after today ({ctx[0]})", f"不晚于今天（{ctx[0]}）的日期")

    return parse


def _int_parser(col: str, minimum: int, maximum: int):
    def parse(v: str, out: dict, ctx) -> None:
        out[col] = (
            int(v)
            if v.isdecimal() and len(v) <= 19 and minimum <= int(v) <= maximum  # not isdigit: int('²') fails
            else parse_int(v, col, minimum=minimum, maximum=maximum)
        )

    return parse


def _status(v: str, out: dict, ctx) -> None:
    status = code(STATUS, v, "status")
    if status not in IMPORT_STATUSES:
        raise Invalid(
            "status",
            v,
            "received, mediating, succeeded, failed or withdrawn (a closed case: its outcome and closed_on)",
            "受理、调解中、调解成功、调解不成或撤回（已销号的填结果并填 closed_on）",
        )
    out["status"] = status


# Free-text columns and their longest value (mostly distinct cells: parsed every time rather than remembered).
TEXT_MAX = {"case_no": 64, "summary": 2000, "reported_to": 100}


# One parser per column: a row costs one call per non-empty cell.
PARSERS = {
    "case_no": lambda v, out, ctx: out.__setitem__(
        "case_no", parse_text(v, "case_no", max_len=TEXT_MAX["case_no"])
    ),
    "org_code": lambda v, out, ctx: out.__setitem__("org_id", ctx[2](v)),
    "received_on": _date_parser("received_on", not_after_today=True),
    "source": lambda v, out, ctx: out.__setitem__("source", code(CASE_SOURCE, v, "source")),
    "category": lambda v, out, ctx: out.__setitem__("category", ctx[3](v)),
    "key_groups": lambda v, out, ctx: out.__setitem__("key_groups", codes(KEY_GROUP, v, "key_groups")),
    "parties": _int_parser("parties", 1, 100_000),
    "amount": lambda v, out, ctx: out.__setitem__("amount_fen", parse_money(v, "amount")),
    "summary": lambda v, out, ctx: out.__setitem__(
        "summary", parse_text(v, "summary", max_len=TEXT_MAX["summary"])
    ),
    "risk_level": lambda v, out, ctx: out.__setitem__("risk_level", code(RISK_LEVEL, v, "risk_level")),
    "risk_types": lambda v, out, ctx: out.__setitem__("risk_types", codes(RISK_TYPE, v, "risk_types")),
    "major": lambda v, out, ctx: out.__setitem__("major", int(parse_bool(v, "major"))),
    "major_since": _date_parser("major_since"),
    "status": _status,
    "outcome_on": _date_parser("outcome_on", not_after_today=True),
    "closed_on": _date_parser("closed_on", not_after_today=True),
    "reported_on": _date_parser("reported_on"),
    "extended_until": _date_parser("extended_until"),
    "agreement": lambda v, out, ctx: out.__setitem__("agreement", code(AGREEMENT, v, "agreement")),
    "agreement_amount": lambda v, out, ctx: out.__setitem__(
        "agreement_fen", parse_money(v, "agreement_amount")
    ),
    "performed": lambda v, out, ctx: out.__setitem__("performed", int(parse_bool(v, "performed"))),
    "guided_to": lambda v, out, ctx: out.__setitem__("guided_to", code(GUIDED_TO, v, "guided_to")),
    "mediators": lambda v, out, ctx: out.__setitem__("mediators", parse_staff_list(v)),
    "reported_to": lambda v, out, ctx: out.__setitem__(
        "reported_to", parse_text(v, "reported_to", max_len=TEXT_MAX["reported_to"])
    ),
    "screening_id": _int_parser("screening_id", 1, 2**62),
    "entered_at": lambda v, out, ctx: out.__setitem__("entered_at", parse_entered_at(v, ctx[0])),
    **{c: _int_parser(c, 0, 1_000_000) for c in PREVENTED_COLUMNS},
}


def parse_case(
    raw: dict[str, str],
    *,
    today: date,
    org_id_of: Callable[[str], int],
    category_of: Callable[[str], str],
    latest: date | None = None,
) -> dict:
    """The given (non-empty) fields of ``raw``, validated one by one. ``status`` stays as given (an import status);
    ``mediators`` is a list of staff numbers, resolved by the ledger against the org and the date."""
    out: dict = {}
    ctx = (today, (latest or today).isoformat(), org_id_of, category_of)
    for k, v in raw.items():
        if v:
            parse = PARSERS.get(k)
            if parse is not None:
                parse(v.strip() if v[0] == " " or v[-1] == " " else v, out, ctx)
    return out


UNREMEMBERED = frozenset(TEXT_MAX)


class _Remembered(dict):
    """One column's cells → (field, value) that its parser makes of them, or ("", error): each parsed once."""

    def __init__(self, parse, ctx, fields: set[str]):
        super().__init__()
        self.parse, self.ctx, self.fields = parse, ctx, fields

    def __missing__(self, v: str) -> tuple:
        out: dict = {}
        try:
            self.parse(v, out, self.ctx)
        except (Invalid, MediationError) as e:
            hit: tuple = ("", e)
        else:
            ((fld, value),) = out.items()
            self.fields.add(fld)
            hit = (fld, value)
        self[v] = hit
        return hit


class RowParser:
    """``parse_case`` over the rows of one file, as lists of cells in ``header`` order: the same PARSERS, with each
    column's distinct cells parsed once and remembered (the value, or the error) — 100,000 rows carry a few hundred
    org codes, dates, sources, categories, statuses, mediator lists."""

    def __init__(
        self,
        header: list[str],
        *,
        today: date,
        org_id_of: Callable[[str], int],
        category_of: Callable[[str], str],
        latest: date | None = None,
    ):
        ctx = (today, (latest or today).isoformat(), org_id_of, category_of)
        self.ctx = ctx
        # The fields that the rows parsed so far gave (each UNREMEMBERED column's parser fills its own name).
        self.fields: set[str] = {c for c in header if c in UNREMEMBERED}
        self.columns = [
            (i, PARSERS[c], None if c in UNREMEMBERED else _Remembered(PARSERS[c], ctx, self.fields))
            for i, c in enumerate(header)
            if c in PARSERS
        ]
        self.remembered = [(i, memo) for i, _, memo in self.columns if memo is not None]
        self.direct = [(i, parse) for i, parse, memo in self.columns if memo is None]

    def __call__(self, cells: list[str]) -> dict:
        """The given (non-empty) fields of a row whose cells are stripped text (see ``parse_case``)."""
        out: dict = {}
        for i, memo in self.remembered:
            v = cells[i]
            if v:
                hit = memo[v]
                out[hit[0]] = hit[1]
        if "" in out:  # a refused cell: raise the first one in column order, as parse_case does
            return self._slow(cells)
        ctx = self.ctx
        for i, parse in self.direct:
            v = cells[i]
            if v:
                parse(v, out, ctx)
        return out

    def _slow(self, cells: list[str]) -> dict:
        out: dict = {}
        for i, parse, memo in self.columns:
            v = cells[i]
            if v:
                if memo is None:
                    parse(v, out, self.ctx)
                    continue
                fld, value = memo[v]
                if not fld:
                    raise value.with_traceback(None)
                out[fld] = value
        return out


def lifecycle_of(status_in: str, closed_on: str | None) -> tuple[str, str | None]:
    """(status, outcome) from an import status and closed_on: an outcome with closed_on is closed, keeping it."""
    if status_in in lifecycle.OUTCOMES:
        return ("closed" if closed_on else status_in), status_in
    return status_in, None


def check_case(values: dict) -> None:
    """Rules across fields, on the merged (stored + given) values of one case."""
    status, outcome = values.get("status"), values.get("outcome")
    received = values.get("received_on")
    if status in lifecycle.PENDING:
        for f in ("outcome_on", "closed_on"):
            if values.get(f):
                raise Invalid(
                    f,
                    values[f],
                    f"empty while the case is {status} (give the outcome as status)",
                    "案件未办结时应为空（请在 status 中填写结果）",
                )
    # A settled row of historical data may lack its outcome date (the contract requires only the * columns).
    lifecycle.check_dates(received, values.get("outcome_on"), values.get("closed_on"))
    if outcome != "succeeded":
        for f, col in (
            ("agreement", "agreement"),
            ("agreement_amount", "agreement_fen"),
            ("performed", "performed"),
        ):
            if values.get(col) is not None:
                raise Invalid(f, values[col], "only for a succeeded case", "仅调解成功的案件填写")
    if outcome != "failed" and values.get("guided_to") is not None:
        raise Invalid("guided_to", values["guided_to"], "only for a failed case", "仅调解不成的案件填写")
    for f in ("reported_on", "major_since"):
        if received and values.get(f) and values[f] < received:
            raise Invalid(
                f,
                values[f],
                f"a date on or after received_on ({received})",
                f"不早于受理日期（{received}）的日期",
            )
    if received and values.get("extended_until") and values["extended_until"] <= received:
        raise Invalid(
            "extended_until",
            values["extended_until"],
            f"a date after received_on ({received})",
            f"晚于受理日期（{received}）的日期",
        )
    entered = values.get("entered_at")
    if received and entered and entered[:10] < received:
        raise Invalid(
            "entered_at",
            entered,
            f"a time on or after received_on ({received})",
            f"不早于受理日期（{received}）的时间",
        )
