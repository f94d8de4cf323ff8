"""Dispute cases (矛盾纠纷): the columns, the ledger number, lookups, and the writes of one case (its row, search
index, mediators, timeline events, visits, plans, consultations). Lists are read in ledger/case_queries.py, one case whole in ledger/case_record.py.

Table ``dispute`` (CASE is an SQL keyword). Amounts are kept in 分; key groups and risk types as ';'-joined codes.
Every write bumps ``change_seq`` (a ledger-wide counter, for "export only what changed") and ``updated_at``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from mediation_cli.domain.taxonomy import (
    PREVENTED_COLUMNS,
)
from mediation_cli.errors import Duplicate, NotFound
from mediation_cli.ledger.db import Ledger, now_iso

if TYPE_CHECKING:  # the resolver reads the template and org codes it numbers with
    from mediation_cli.ledger.case_refs import Resolver

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


def parse_case_no_org(pattern: re.Pattern, case_no: str) -> str | None:
    """The committee's code in a number written to a template that names it ({org}), else None."""
    m = pattern.fullmatch(case_no.translate(_FULL_WIDTH))
    return m.groupdict().get("org") if m else None


def numbered_per_org(template: str) -> bool:
    """A template that names the committee ({org}) numbers each committee's cases in its own yearly sequence
    (乌人调字 → 巴音敖包嘎查 2024 No. 1, 2, …); otherwise one sequence per year for the whole ledger."""
    return "{org}" in template


def next_seq(ledger: Ledger, year: int, org_id: int | None = None) -> int:
    """The next number of the year: of the whole ledger, or (``org_id``) of that committee."""
    if org_id is None:
        return (ledger.scalar("SELECT max(seq) FROM dispute WHERE year = ?", (year,)) or 0) + 1
    return (
        ledger.scalar("SELECT max(seq) FROM dispute WHERE org_id = ? AND year = ?", (org_id, year)) or 0
    ) + 1


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
            row = _one_short(ledger, text, int(m.group(1)), int(m.group(2)))
        elif text.isdecimal() and len(text) <= 7:
            row = _one_short(ledger, text, today.year, int(text))
    if row is None:
        raise NotFound(
            "case",
            text,
            "give the ledger number, or year-number like 2024-17, or the number within this year",
            "请输入案件编号，或“年份-序号”如 2024-17，或本年序号",
        )
    return row


def _one_short(ledger: Ledger, text: str, year: int, seq: int) -> sqlite3.Row | None:
    """The case a short reference (year and number) names; refused when committees number apart and several have it."""
    rows = ledger.all(
        "SELECT * FROM dispute WHERE year = ? AND seq = ? ORDER BY case_no LIMIT 6", (year, seq)
    )
    if len(rows) > 1:
        from mediation_cli.errors import MediationError

        shown = ", ".join(r["case_no"] for r in rows[:5]) + ("…" if len(rows) > 5 else "")
        raise MediationError(
            f"case: {text!r} names several cases ({shown}) — give the full number",
            f"案件：{text!r} 对应多件案件（{shown}）——请输入完整编号",
        )
    return rows[0] if rows else None


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
        seq = next_seq(ledger, year, values["org_id"] if numbered_per_org(res.template) else None)
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
    parties: str | None = None,
) -> None:
    ledger.conn.execute(
        "INSERT INTO visit(case_id, visited_on, visited_by, performed, satisfaction, new_risk, parties, at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        (case_id, on, by, performed, satisfaction, new_risk, parties, now_iso()),
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
