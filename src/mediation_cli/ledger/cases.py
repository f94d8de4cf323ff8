"""Dispute cases (矛盾纠纷): lookups, the ledger number, writes with their timeline and audit, lists, the import.

Table ``dispute`` (CASE is an SQL keyword). Amounts are kept in 分; key groups and risk types as ';'-joined codes.
Every write bumps ``change_seq`` (a ledger-wide counter, for "export only what changed") and ``updated_at``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from mediation_cli.domain import lifecycle
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.keyperiods import key_period_on
from mediation_cli.domain.taxonomy import (
    CATEGORY_ALIASES,
    KEY_GROUP,
    PREVENTED_COLUMNS,
    RISK_LEVEL,
    RISK_TYPE,
)
from mediation_cli.domain.values import fen_to_yuan
from mediation_cli.errors import Duplicate, MediationError, NotFound
from mediation_cli.ledger.db import Ledger, now_iso
from mediation_cli.ledger.schema import AT_RISK_D, MAJOR, PENDING
from mediation_cli.records.case import check_case, lifecycle_of

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
DEFAULT_REPORTED_TO = "党委、政府"
_NEW_CASE = {c: DEFAULTS.get(c) for c in CASE_COLS}


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

    def parse(self, raw: dict[str, str]) -> dict:
        from mediation_cli.records.case import parse_case

        return parse_case(
            raw, today=self.today, latest=self.latest, org_id_of=self.org_id, category_of=self.category
        )


def lifecycle_status(stored) -> str:
    """The import status of a stored case: a closed case is its outcome (with closed_on)."""
    return stored["outcome"] if stored["status"] == "closed" else stored["status"]


def merge(res: Resolver, given: dict, stored: dict | None) -> tuple[dict, list[int] | None]:
    """The whole case after applying ``given`` (parsed fields; empty = keep) to ``stored`` (None for a new case),
    checked across fields; and the mediator ids when the row names mediators."""
    refs = given.get("mediators")
    status_in = given.get("status") or (lifecycle_status(stored) if stored else "received")
    merged = {**(stored if stored is not None else _NEW_CASE), **given}
    if "mediators" in given:
        del merged["mediators"]
    merged["status"], merged["outcome"] = lifecycle_of(status_in, merged["closed_on"])
    if merged["major"]:
        if not merged.get("major_since"):
            since = (
                merged["received_on"] if stored is None else max(res.today.isoformat(), merged["received_on"])
            )
            merged["major_since"] = since
    else:
        merged["major_since"] = None
    merged["key_period"] = res.key_period(merged["received_on"])
    check_case(merged)
    res.check_screening(merged.get("screening_id"))
    ids = res.mediator_ids(refs, merged["org_id"], merged["received_on"]) if refs else None
    return merged, ids


# Fields that merge() or the import's numbering fill in whatever the row gives.
DERIVED = frozenset(
    {"case_no", "year", "seq", "status", "outcome", "major_since", "key_period", "entered_at"}
)


def _defaulted(ledger: Ledger, given: set[str]) -> set[str]:
    """The columns that every new case of an import leaves at _NEW_CASE's value (no row gave them, nothing derives
    them) where that value is also the table's default: the insert can leave them out."""
    out = set()
    for r in ledger.all("SELECT name, dflt_value, \"notnull\" FROM pragma_table_info('dispute')"):
        c = r["name"]
        if c not in _NEW_CASE or c in given or c in DERIVED:
            continue
        default = _NEW_CASE[c]
        if (default is None and r["dflt_value"] is None and not r["notnull"]) or (
            default is not None
            and r["dflt_value"] == (str(default) if isinstance(default, int) else f"'{default}'")
        ):
            out.add(c)
    return out


def changes_of(stored, merged: dict) -> dict:
    return {c: merged.get(c) for c in CASE_COLS if c != "case_no" and stored[c] != merged.get(c)}


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


def _not_before(fld: str, value: str, bound: str | None, what_en: str, what_zh: str) -> None:
    if bound and value < bound:
        raise Invalid(
            fld, value, f"a date on or after {what_en} ({bound})", f"不早于{what_zh}（{bound}）的日期"
        )


def _not_after_today(fld: str, value: str, today: date) -> None:
    if value > today.isoformat():
        raise Invalid(fld, value, f"a date not after today ({today})", f"不晚于今天（{today}）的日期")


def add_plan(ledger: Ledger, row, text: str, day: str) -> int:
    """一案一策: store a new version of the case's plan; returns its version number."""
    with ledger.write():
        version = (
            ledger.scalar("SELECT max(version) FROM case_plan WHERE case_id = ?", (row["id"],)) or 0
        ) + 1
        ledger.conn.execute(
            "INSERT INTO case_plan(case_id, version, text, written_on, at) VALUES (?,?,?,?,?)",
            (row["id"], version, text, day, now_iso()),
        )
        touch(ledger, row["id"])
        add_event(ledger, row["id"], day, "plan", {"version": version})
        ledger.audit("case", row["case_no"], "plan", None, {"version": version, "written_on": day})
    return version


def add_consultation(ledger: Ledger, row, day: str, participants: str, conclusion: str) -> None:
    """定期会商: record one consultation on a case."""
    with ledger.write():
        ledger.conn.execute(
            "INSERT INTO consultation(case_id, held_on, participants, conclusion, at) VALUES (?,?,?,?,?)",
            (row["id"], day, participants, conclusion, now_iso()),
        )
        touch(ledger, row["id"])
        add_event(ledger, row["id"], day, "consultation", {"participants": participants})
        ledger.audit(
            "case",
            row["case_no"],
            "consult",
            None,
            {"held_on": day, "participants": participants, "conclusion": conclusion},
        )


@dataclass
class Move:
    """What `case transition` was given besides the target and the date."""

    agreement: str | None = None
    agreement_fen: int | None = None
    performed: int | None = None
    guided_to: str | None = None
    no_visit: bool = False
    reason: str | None = None


def transition(ledger: Ledger, res: Resolver, row, target: str, on: str, move: Move) -> dict:
    """Move a case along the lifecycle (refusing what the diagram lacks); returns the changed fields."""
    lifecycle.check_transition(row["status"], target)
    _not_after_today("on", on, res.today)
    _not_before("on", on, row["received_on"], "received_on", "受理日期")
    details = {
        "--agreement": move.agreement,
        "--agreement-amount": move.agreement_fen,
        "--performed": move.performed,
    }
    if target != "succeeded":
        for opt, v in details.items():
            if v is not None:
                raise Invalid(opt, v, "only with succeeded", "仅用于调解成功")
    if target != "failed" and move.guided_to is not None:
        raise Invalid("--guided-to", move.guided_to, "only with failed", "仅用于调解不成")
    if (move.no_visit or move.reason) and target != "closed":
        raise Invalid("--no-visit", move.reason or "", "only when closing (closed)", "仅用于销号")
    changes: dict = {"status": target}
    if target in lifecycle.OUTCOMES:
        changes.update(outcome=target, outcome_on=on)
        if target == "succeeded":
            if move.agreement is None:
                raise Invalid(
                    "--agreement",
                    "",
                    "written or oral (书面/口头) for a succeeded case",
                    "调解成功须注明协议形式：书面或口头",
                )
            changes.update(
                agreement=move.agreement, agreement_fen=move.agreement_fen, performed=move.performed
            )
        if target == "failed":
            changes["guided_to"] = move.guided_to
    elif target == "closed":
        _not_before("on", on, row["outcome_on"], "outcome_on", "结案日期")
        changes["closed_on"] = on
        if row["outcome"] == "succeeded":
            visited = ledger.scalar("SELECT count(*) FROM visit WHERE case_id = ?", (row["id"],))
            if move.no_visit:
                if not move.reason or not move.reason.strip():
                    raise Invalid(
                        "--reason",
                        "",
                        "why the case is closed without a follow-up visit",
                        "未回访即销号的理由",
                    )
                changes["closed_without_visit"] = move.reason.strip()
            elif not visited:
                raise MediationError(
                    "closed: a succeeded case is closed after its follow-up visit — record one with `case visit`, "
                    "or give --no-visit --reason TEXT",
                    "销号：调解成功的案件须回访后销号——请先用 `case visit` 登记回访，或用 --no-visit --reason 说明理由",
                )
        elif move.no_visit:
            raise Invalid("--no-visit", "", "only when closing a succeeded case", "仅用于调解成功案件的销号")
    before = {k: row[k] for k in changes}
    update_case(ledger, row, changes)
    detail = {k: v for k, v in changes.items() if k not in ("status", "outcome", "outcome_on", "closed_on")}
    if "agreement_fen" in detail:
        detail["agreement_amount"] = fen_to_yuan(detail.pop("agreement_fen"))
    add_event(ledger, row["id"], on, target, {k: v for k, v in detail.items() if v is not None} or None)
    ledger.audit("case", row["case_no"], "transition", before, changes)
    return changes


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
    if f.statuses and sorted(f.statuses) == ["mediating", "received"]:
        where.append("d." + PENDING)  # verbatim, for the partial index dispute_pending
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
        # 一般在一个月内调结: pending, received more than N days before, and not extended up to the date.
        where.append(
            "d." + PENDING + " AND d.received_on < :stall_before "
            "AND (d.extended_until IS NULL OR d.extended_until < :stall_as_of)"
        )
        p["stall_before"] = lifecycle.stalled_before(f.stalled_as_of, f.stalled_days).isoformat()
        p["stall_as_of"] = f.stalled_as_of.isoformat()
    if f.unreported:
        where.append(
            "d.reported_on IS NULL AND (d.risk_level = 'major' OR instr(';' || coalesce(d.risk_types, '') || ';', "
            "';civil_to_criminal;') > 0 OR instr(';' || coalesce(d.risk_types, '') || ';', ';mass_incident;') > 0)"
        )
    if f.key_period:
        if f.key_period == "any":
            where.append("d.key_period IS NOT NULL")
        else:
            where.append("d.key_period = :key_period")
            p["key_period"] = f.key_period
    if f.start:
        where.append("d.received_on >= :start")
        p["start"] = f.start.isoformat()
    if f.end:
        where.append("d.received_on <= :end")
        p["end"] = f.end.isoformat()
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
    if as_of is not None:
        out["stalled"] = lifecycle.is_stalled(
            r["status"],
            date.fromisoformat(r["received_on"]),
            as_of,
            date.fromisoformat(r["extended_until"]) if r["extended_until"] else None,
            stalled_days,
        )
    return out


def list_cases(ledger: Ledger, f: CaseFilter, *, as_of: date) -> Iterator[dict]:
    """Cases matching every filter, oldest first, streamed from the cursor."""
    where, p = where_of(f)
    # Walking dispute_received in order reads the table row by row, all of it when nothing narrows the dates or the
    # orgs: without a limit, a scan of the table and a sort of what matches is several times faster (`+` tells
    # SQLite not to read the ORDER BY from an index).
    narrowed = f.limit or f.start or f.end or f.org_ids is not None
    order = "d.received_on, d.id" if narrowed else "+d.received_on, d.id"
    select = SELECT_SQL
    if _scan_is_cheaper(ledger, f):
        select = SELECT_SQL.replace("FROM dispute d ", "FROM dispute d NOT INDEXED ")
    sql = select + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order}"
    if f.limit:
        sql += f" LIMIT {int(f.limit)}"
    for r in _dicts(ledger.conn.execute(sql, p)):
        yield case_dict(r, as_of=as_of, stalled_days=f.stalled_days)


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
    # two subqueries: min and max in one SELECT would scan a whole index instead of reading its two ends
    lo, hi = ledger.one(
        "SELECT (SELECT min(received_on) FROM dispute), (SELECT max(received_on) FROM dispute)"
    )
    if lo is None:
        return False
    first, last = date.fromisoformat(lo), date.fromisoformat(hi)
    start = max(f.start or first, first)
    end = min(f.end or last, last)
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


def timeline(ledger: Ledger, row) -> list[dict]:
    """Everything that happened to a case, in date order: received, the recorded events, and — for historical
    imports that carry only dates — the outcome and closing they imply."""
    events = [
        {
            "on": e["on_date"],
            "kind": e["kind"],
            "detail": json.loads(e["detail"]) if e["detail"] else None,
            "at": e["at"],
        }
        for e in ledger.all("SELECT * FROM case_event WHERE case_id = ? ORDER BY on_date, id", (row["id"],))
    ]
    kinds = {e["kind"] for e in events}
    out = [{"on": row["received_on"], "kind": "received", "detail": None, "at": row["entered_at"]}]
    if row["outcome"] and row["outcome"] not in kinds and row["outcome_on"]:
        out.append({"on": row["outcome_on"], "kind": row["outcome"], "detail": None, "at": None})
    if row["closed_on"] and "closed" not in kinds:
        out.append({"on": row["closed_on"], "kind": "closed", "detail": None, "at": None})
    out.extend(events)
    out.sort(key=lambda e: (e["on"], 0 if e["kind"] == "received" else 1))
    return out


# -- import -----------------------------------------------------------------------------------------------------------
__all__ = [
    "CASE_COLS",
    "CaseFilter",
    "KEY_GROUP",
    "Move",
    "RISK_LEVEL",
    "RISK_TYPE",
    "Resolver",
    "find_case",
    "insert_case",
    "list_cases",
    "merge",
    "transition",
    "update_case",
]
