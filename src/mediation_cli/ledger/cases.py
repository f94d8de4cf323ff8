"""Dispute cases (矛盾纠纷): the columns, the ledger number, lookups, and the writes of one case (its row, search
index, mediators, timeline events, visits, plans, consultations). Lists and details are read in ledger/case_queries.py.

Table ``dispute`` (CASE is an SQL keyword). Amounts are kept in 分; key groups and risk types as ';'-joined codes.
Every write bumps ``change_seq`` (a ledger-wide counter, for "export only what changed") and ``updated_at``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.keyperiods import key_period_on
from mediation_cli.domain.taxonomy import (
    CATEGORY_ALIASES,
    PREVENTED_COLUMNS,
)
from mediation_cli.errors import Duplicate, NotFound
from mediation_cli.ledger.db import Ledger, now_iso

# Columns written on insert, in this order (id, change_seq and created_seq are added by the writers).
CASE_COLS = [
    "case_no",
    "year",
    "seq",
    "org_id",
    "received_on",
    "source",
    "category",
    "key_groups",
    "parties",
    "amount_fen",
    "summary",
    "risk_level",
    "risk_types",
    "major",
    "major_since",
    "status",
    "outcome",
    "outcome_on",
    "agreement",
    "agreement_fen",
    "performed",
    "guided_to",
    "closed_on",
    "closed_without_visit",
    "extended_until",
    "reported_on",
    "reported_to",
    "screening_id",
    *PREVENTED_COLUMNS,
    "key_period",
    "entered_at",
]
DEFAULTS = {
    "risk_level": "normal",
    "major": 0,
    "status": "received",
    **{c: 0 for c in CASE_COLS if c.startswith("prevented_")},
}
NEW_CASE = {c: DEFAULTS.get(c) for c in CASE_COLS}


# -- the ledger number ----------------------------------------------------------------------------------------------
_FULL_WIDTH = str.maketrans("（）", "()")


def template_regex(template: str) -> re.Pattern:
    """A regex that reads {year} and {seq} back out of a number made from ``template``."""
    parts = re.split(r"(\{year\}|\{seq\}|\{org\})", template.translate(_FULL_WIDTH))
    out = []
    for p in parts:
        if p == "{year}":
            out.append(r"(?P<year>\d{4})")
        elif p == "{seq}":
            out.append(r"(?P<seq>\d+)")
        elif p == "{org}":
            out.append(r"(?P<org>.+?)")
        else:
            out.append(re.escape(p))
    return re.compile("".join(out))


def format_case_no(template: str, year: int, seq: int, org_code: str = "") -> str:
    return template.replace("{year}", str(year)).replace("{seq}", str(seq)).replace("{org}", org_code)


def parse_case_no(pattern: re.Pattern, case_no: str) -> tuple[int | None, int | None]:
    """(year, seq) of a number written to the template, else (None, None): it then takes no part in numbering."""
    m = pattern.fullmatch(case_no.translate(_FULL_WIDTH))
    if not m or "year" not in m.groupdict() or "seq" not in m.groupdict():
        return None, None
    return int(m.group("year")), int(m.group("seq"))


def next_seq(ledger: Ledger, year: int) -> int:
    return (ledger.scalar("SELECT max(seq) FROM dispute WHERE year = ?", (year,)) or 0) + 1


_SHORT_REF = re.compile(r"(\d{4})[-/](\d{1,7})", re.ASCII)


def find_case(ledger: Ledger, ref: str, *, today: date) -> sqlite3.Row:
    """The case named by its ledger number, or the short forms ``2024-17`` and ``17`` (the 17th of this year)."""
    text = str(ref).strip()
    row = ledger.one("SELECT * FROM dispute WHERE case_no = ?", (text,))
    if row is None and text.translate(_FULL_WIDTH) != text:
        row = ledger.one("SELECT * FROM dispute WHERE case_no = ?", (text.translate(_FULL_WIDTH),))
    if row is None:
        row = (
            ledger.one(
                "SELECT * FROM dispute WHERE replace(replace(case_no, '（', '('), '）', ')') = ?",
                (text.translate(_FULL_WIDTH),),
            )
            if "(" in text or "（" in text
            else None
        )
    if row is None:
        m = _SHORT_REF.fullmatch(text)
        if m:
            row = ledger.one(
                "SELECT * FROM dispute WHERE year = ? AND seq = ?", (int(m.group(1)), int(m.group(2)))
            )
        elif text.isdecimal() and len(text) <= 7:
            row = ledger.one("SELECT * FROM dispute WHERE year = ? AND seq = ?", (today.year, int(text)))
    if row is None:
        raise NotFound(
            "case",
            text,
            "give the ledger number, or year-number like 2024-17, or the number within this year",
            "请输入案件编号，或“年份-序号”如 2024-17，或本年序号",
        )
    return row


# -- what a command needs to parse a case --------------------------------------------------------------------------
class Resolver:
    """Lookups for parsing cases, built once per command (an import of 100,000 rows asks them 100,000 times)."""

    def __init__(self, ledger: Ledger, today: date, *, allow_future: bool = False):
        from mediation_cli.ledger.config import Config

        self.ledger = ledger
        self.today = today
        # A clerk entering a case may not date it after today; a file of historical data is taken as it comes.
        self.latest = date.max if allow_future else today
        cfg = Config(ledger)
        self.template: str = cfg["case_no_template"]
        self.pattern = template_regex(self.template)
        self.windows = cfg["key_period_windows"] or None
        self.stalled_days: int = cfg["stalled_days"]
        orgs = ledger.all("SELECT id, code, parent_id FROM org")
        self.org_code = {r["id"]: r["code"] for r in orgs}
        self._org_by_ref: dict[str, int] = {r["code"]: r["id"] for r in orgs}
        self._parent = {r["id"]: r["parent_id"] for r in orgs}
        self._ancestors: dict[int, frozenset[int]] = {}
        self._categories = self._category_lookup()
        self._mediators: dict[str, tuple] | None = None
        self._by_name: dict[str, list[tuple]] = {}
        self._key_period: dict[str, str | None] = {}
        self._screenings: set[int] | None = None

    def _category_lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        rows = self.ledger.all("SELECT code, zh, en FROM category")
        codes = {r["code"] for r in rows}
        for alias, code in CATEGORY_ALIASES.items():
            if code in codes:
                table[alias.lower()] = code
        for r in rows:
            for key in (r["code"], r["zh"], r["en"]):
                table[str(key).strip().lower()] = r["code"]
        self.category_codes = [r["code"] for r in rows]
        return table

    def org_id(self, ref: str) -> int:
        found = self._org_by_ref.get(ref)
        if found is None:
            from mediation_cli.ledger.orgs import resolve_org

            found = resolve_org(self.ledger, ref)["id"]
            self._org_by_ref[ref] = found
        return found

    def ancestors(self, org_id: int) -> frozenset[int]:
        """The org and every org above it (a town's mediator may help in its village)."""
        found = self._ancestors.get(org_id)
        if found is None:
            chain, cur = [], org_id
            while cur is not None and cur not in chain:
                chain.append(cur)
                cur = self._parent.get(cur)
            found = self._ancestors[org_id] = frozenset(chain)
        return found

    def category(self, text: str) -> str:
        code = self._categories.get(str(text).strip().lower()) or self._categories.get(
            str(text).strip().lower().replace("-", "_")
        )
        if code is None:
            shown = ", ".join(self.category_codes[:40])
            raise Invalid(
                "category",
                text,
                f"a category code or 中文 name: {shown} (see `mediation config`)",
                f"纠纷类型的代码或中文名称：{shown}",
            )
        return code

    def _load_mediators(self) -> dict[str, tuple]:
        if self._mediators is None:
            self._mediators = {}
            for r in self.ledger.all("SELECT id, staff_no, name, org_id, joined_on, left_on FROM mediator"):
                t = (r["id"], r["staff_no"], r["org_id"], r["joined_on"], r["left_on"])
                self._mediators[r["staff_no"]] = t
                self._mediators.setdefault(r["staff_no"].lower(), t)
                self._by_name.setdefault(r["name"], []).append(t)
        return self._mediators

    def mediator_ids(self, refs: list[str], org_id: int, received_on: str) -> list[int]:
        """Staff numbers → ids, each active on ``received_on`` in the case's org or an org above it."""
        allowed = self.ancestors(org_id)
        out: list[int] = []
        for ref in refs:
            m = self._find_mediator(ref)
            if m is None:
                raise NotFound(
                    "mediator",
                    ref,
                    "give the staff number (see `mediation mediator list`)",
                    "请输入调解员编号（见 `mediation mediator list`）",
                )
            mid, staff_no, m_org, joined, left = m
            if not (joined <= received_on and (left is None or left > received_on)):
                raise Invalid(
                    "mediators",
                    staff_no,
                    f"a mediator active on {received_on} (joined {joined}"
                    + (f", left {left})" if left else ")"),
                    f"{received_on} 在任的调解员（{joined} 加入" + (f"，{left} 离任）" if left else "）"),
                )
            if m_org not in allowed:
                code = self.org_code.get(org_id, "?")
                raise Invalid(
                    "mediators",
                    staff_no,
                    f"a mediator of {code} or an org above it (this one is in {self.org_code.get(m_org, '?')})",
                    f"本组织（{code}）或其上级组织的调解员（该调解员属于 {self.org_code.get(m_org, '?')}）",
                )
            if mid not in out:
                out.append(mid)
        return out

    def _find_mediator(self, ref: str) -> tuple | None:
        """A mediator by staff number (any case), or by a name only one mediator has."""
        known = self._load_mediators()
        m = known.get(ref) or known.get(ref.lower())
        if m is None and len(self._by_name.get(ref, ())) == 1:
            m = self._by_name[ref][0]
        return m

    def mediator_span(self, refs: list[str], org_id: int) -> tuple[list[int], str, str] | None:
        """What ``mediator_ids`` decides for every date at once: (ids, first day, day after the last) between which
        all of ``refs`` are active, so that ``mediator_ids(refs, org_id, d)`` is ids exactly when first ≤ d < last;
        None when one of them is unknown or not of the org or an org above it (refused whatever the date)."""
        allowed = self.ancestors(org_id)
        ids: list[int] = []
        first, last = "", "9999-99-99"
        for ref in refs:
            m = self._find_mediator(ref)
            if m is None or m[2] not in allowed:
                return None
            mid, _, _, joined, left = m
            first = max(first, joined)
            if left is not None:
                last = min(last, left)
            if mid not in ids:
                ids.append(mid)
        return ids, first, last

    def screening_known(self, screening_id: int) -> bool:
        if self._screenings is None:
            self._screenings = {r[0] for r in self.ledger.all("SELECT id FROM screening")}
        return screening_id in self._screenings

    def key_period(self, received_on: str) -> str | None:
        """The key period (两会, 五一, 国庆, 春节) the day falls in; never fails for a year the calendar lacks."""
        if received_on not in self._key_period:
            kp = key_period_on(date.fromisoformat(received_on), windows=self.windows)
            self._key_period[received_on] = kp.code if kp else None
        return self._key_period[received_on]

    def check_screening(self, screening_id: int | None) -> None:
        if screening_id is None:
            return
        if not self.screening_known(screening_id):
            raise Invalid(
                "screening_id", screening_id, "the id of a recorded screening", "已登记的排查记录编号"
            )


def column_defaults(ledger: Ledger) -> dict[str, tuple[str | None, bool]]:
    """Each column of the dispute table: (its SQL default as written, NOT NULL)."""
    rows = ledger.all("SELECT name, dflt_value, \"notnull\" FROM pragma_table_info('dispute')")
    return {r["name"]: (r["dflt_value"], bool(r["notnull"])) for r in rows}


def lifecycle_status(stored) -> str:
    """The import status of a stored case: a closed case is its outcome (with closed_on)."""
    return stored["outcome"] if stored["status"] == "closed" else stored["status"]


# -- writing ----------------------------------------------------------------------------------------------------------
def next_change_seq(ledger: Ledger) -> int:
    return (ledger.scalar("SELECT max(change_seq) FROM dispute") or 0) + 1


def insert_case(
    ledger: Ledger, res: Resolver, values: dict, mediator_ids: list[int] | None
) -> tuple[int, str]:
    """Insert one case (numbering it when it has no case_no); returns (id, case_no)."""
    values = dict(values)
    if not values.get("case_no"):
        year = int(values["received_on"][:4])
        seq = next_seq(ledger, year)
        case_no = format_case_no(res.template, year, seq, res.org_code.get(values["org_id"], ""))
        while ledger.one("SELECT 1 FROM dispute WHERE case_no = ?", (case_no,)):
            seq += 1
            case_no = format_case_no(res.template, year, seq, res.org_code.get(values["org_id"], ""))
        values.update(case_no=case_no, year=year, seq=seq)
    else:
        values["year"], values["seq"] = parse_case_no(res.pattern, values["case_no"])
        if ledger.one("SELECT 1 FROM dispute WHERE case_no = ?", (values["case_no"],)):
            raise Duplicate("case_no", values["case_no"])
    values.setdefault("entered_at", None)
    values["entered_at"] = values["entered_at"] or now_iso()
    cs = next_change_seq(ledger)
    row = [values.get(c) for c in CASE_COLS] + [now_iso(), cs, cs]
    cur = ledger.conn.execute(
        f"INSERT INTO dispute({', '.join(CASE_COLS)}, updated_at, change_seq, created_seq) "
        f"VALUES ({', '.join('?' * (len(CASE_COLS) + 3))})",
        row,
    )
    case_id = cur.lastrowid
    if values.get("summary"):
        ledger.conn.execute(
            "INSERT INTO dispute_fts(rowid, summary) VALUES (?, ?)", (case_id, values["summary"])
        )
    if mediator_ids:
        set_mediators(ledger, case_id, mediator_ids)
    return case_id, values["case_no"]


def update_case(ledger: Ledger, stored, changes: dict) -> None:
    """Apply ``changes`` to a stored case, keeping the full-text index in step and bumping change_seq."""
    if not changes:
        return
    changes = dict(changes)
    changes["updated_at"] = now_iso()
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    ledger.conn.execute(
        f"UPDATE dispute SET {sets}, change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM dispute) "
        "WHERE id = :id",
        {**changes, "id": stored["id"]},
    )
    if "summary" in changes:
        _fts_replace(ledger, stored["id"], stored["summary"], changes["summary"])


def _fts_replace(ledger: Ledger, case_id: int, old: str | None, new: str | None) -> None:
    if old:
        ledger.conn.execute(
            "INSERT INTO dispute_fts(dispute_fts, rowid, summary) VALUES ('delete', ?, ?)", (case_id, old)
        )
    if new:
        ledger.conn.execute("INSERT INTO dispute_fts(rowid, summary) VALUES (?, ?)", (case_id, new))


def touch(ledger: Ledger, case_id: int) -> None:
    """A change to a case's satellites (mediators, plan, visit…) is a change of the case."""
    ledger.conn.execute(
        "UPDATE dispute SET updated_at = ?, change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM dispute) "
        "WHERE id = ?",
        (now_iso(), case_id),
    )


def set_mediators(ledger: Ledger, case_id: int, mediator_ids: list[int]) -> None:
    ledger.conn.execute("DELETE FROM case_mediator WHERE case_id = ?", (case_id,))
    ledger.conn.executemany(
        "INSERT INTO case_mediator(case_id, mediator_id) VALUES (?, ?)", [(case_id, m) for m in mediator_ids]
    )


def mediators_of(ledger: Ledger, case_id: int) -> list[sqlite3.Row]:
    return ledger.all(
        """SELECT m.id, m.staff_no, m.name, o.code AS org_code FROM case_mediator cm
           JOIN mediator m ON m.id = cm.mediator_id JOIN org o ON o.id = m.org_id
           WHERE cm.case_id = ? ORDER BY m.staff_no""",
        (case_id,),
    )


def add_event(ledger: Ledger, case_id: int, on: str, kind: str, detail: dict | None = None) -> None:
    ledger.conn.execute(
        "INSERT INTO case_event(case_id, on_date, kind, detail, at) VALUES (?,?,?,?,?)",
        (
            case_id,
            on,
            kind,
            json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None,
            now_iso(),
        ),
    )


def visit_count(ledger: Ledger, case_id: int) -> int:
    return ledger.scalar("SELECT count(*) FROM visit WHERE case_id = ?", (case_id,))


def insert_visit(
    ledger: Ledger,
    case_id: int,
    on: str,
    by: str | None,
    performed: int | None,
    satisfaction: str | None,
    new_risk: str | None,
) -> None:
    ledger.conn.execute(
        "INSERT INTO visit(case_id, visited_on, visited_by, performed, satisfaction, new_risk, at) "
        "VALUES (?,?,?,?,?,?,?)",
        (case_id, on, by, performed, satisfaction, new_risk, now_iso()),
    )


def insert_plan(ledger: Ledger, case_id: int, text: str, on: str) -> int:
    """A new version of a case's plan (一案一策); returns its version number."""
    version = (ledger.scalar("SELECT max(version) FROM case_plan WHERE case_id = ?", (case_id,)) or 0) + 1
    ledger.conn.execute(
        "INSERT INTO case_plan(case_id, version, text, written_on, at) VALUES (?,?,?,?,?)",
        (case_id, version, text, on, now_iso()),
    )
    return version


def insert_consultation(ledger: Ledger, case_id: int, on: str, participants: str, conclusion: str) -> None:
    ledger.conn.execute(
        "INSERT INTO consultation(case_id, held_on, participants, conclusion, at) VALUES (?,?,?,?,?)",
        (case_id, on, participants, conclusion, now_iso()),
    )


# -- import -----------------------------------------------------------------------------------------------------------
