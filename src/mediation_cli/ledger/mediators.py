"""Mediators (人民调解员) and their employment history (专职/兼职, with effective dates)."""

from __future__ import annotations

import sqlite3
from datetime import date

from mediation_cli.domain.idnumber import mask_id, mask_phone
from mediation_cli.errors import NotFound
from mediation_cli.ledger import predicates
from mediation_cli.ledger.db import Ledger, now_iso

MEDIATOR_COLS = [
    "staff_no",
    "name",
    "gender",
    "ethnicity",
    "org_id",
    "background",
    "appointment",
    "grade",
    "phone",
    "id_number",
    "joined_on",
    "left_on",
    "subsidy",
    "role",
]

# The rules live in domain/spans.py; these are their SQL twins over the alias m and the parameter :d.
ACTIVE_SQL = predicates.mediator_active("m", ":d")
EMPLOYMENT_ON_SQL = predicates.employment_on("m", ":d")

# A committee member (委员) for 人民调解法 art. 8: a member role, or no role recorded (domain.staffing.MEMBER_ROLES).
IS_MEMBER = predicates.committee_member("m")

# Per org: its mediators active on :d, counted (all, full-time on the date, women, minorities). The one source of
# every headcount shown: `report staffing`, `org show`, `org list --tree`.
HEADCOUNT_SQL = f"""
SELECT m.org_id, count(*) AS mediators,
       coalesce(sum(m.employment = 'full_time'), 0) AS full_time,
       coalesce(sum(m.gender = 'female'), 0) AS women,
       coalesce(sum(m.ethnicity IS NOT NULL AND m.ethnicity != '汉族'), 0) AS minority,
       coalesce(sum({IS_MEMBER}), 0) AS members,
       coalesce(sum({IS_MEMBER} AND m.gender = 'female'), 0) AS member_women,
       coalesce(sum({IS_MEMBER} AND m.ethnicity IS NOT NULL AND m.ethnicity != '汉族'), 0) AS member_minority
FROM (SELECT m.org_id, m.gender, m.ethnicity, m.role, {EMPLOYMENT_ON_SQL} AS employment FROM mediator m
      WHERE {ACTIVE_SQL} {{only}}) m
GROUP BY m.org_id"""

NO_ONE = {
    "mediators": 0,
    "full_time": 0,
    "women": 0,
    "minority": 0,
    "members": 0,
    "member_women": 0,
    "member_minority": 0,
}


def headcounts(ledger: Ledger, on: date, *, org_id: int | None = None) -> dict[int, dict[str, int]]:
    """org id → its active mediators on ``on``: mediators, full_time, women, minority (orgs with none are absent);
    ``org_id`` counts that org only (`org show`), the same way."""
    sql = HEADCOUNT_SQL.replace("{only}", "" if org_id is None else "AND m.org_id = :org")
    if not has_roles(ledger):  # a banner's older ledger read by `rollup`: no role recorded, everyone a member
        sql = sql.replace("m.ethnicity, m.role,", "m.ethnicity, NULL AS role,")
    rows = ledger.all(sql, {"d": on.isoformat(), "org": org_id})
    return {r["org_id"]: {k: r[k] for k in NO_ONE} for r in rows}


def has_roles(ledger: Ledger) -> bool:
    """The ledger keeps committee roles (schema 006 on); an older one read as it is (`rollup`) does not."""
    return bool(ledger.scalar("SELECT count(*) FROM pragma_table_info('mediator') WHERE name = 'role'"))


def find_mediator(ledger: Ledger, staff_no: str) -> sqlite3.Row:
    row = ledger.one("SELECT * FROM mediator WHERE staff_no = ?", (str(staff_no).strip(),))
    if row is None:
        row = ledger.one("SELECT * FROM mediator WHERE lower(staff_no) = lower(?)", (str(staff_no).strip(),))
    if row is None:
        rows = ledger.all("SELECT * FROM mediator WHERE name = ?", (str(staff_no).strip(),))
        if len(rows) == 1:
            row = rows[0]
    if row is None:
        raise NotFound(
            "mediator",
            staff_no,
            "give the staff number (see `mediation mediator list`)",
            "请输入调解员编号（见 `mediation mediator list`）",
        )
    return row


def all_mediators(ledger: Ledger) -> list[sqlite3.Row]:
    return ledger.all("SELECT * FROM mediator")


def staff_no_taken(ledger: Ledger, staff_no: str) -> bool:
    return ledger.one("SELECT 1 FROM mediator WHERE staff_no = ?", (staff_no,)) is not None


def by_staff_no(ledger: Ledger, text: str) -> sqlite3.Row | None:
    """The mediator whose staff number ``text`` is (any case), or None."""
    return ledger.one("SELECT * FROM mediator WHERE staff_no = ? COLLATE NOCASE", (str(text).strip(),))


def holder_of_id_number(ledger: Ledger, id_number: str) -> sqlite3.Row | None:
    """The mediator already holding this ID number, if any."""
    return ledger.one("SELECT * FROM mediator WHERE id_number = ?", (id_number,))


def mediator_ids_by_staff_no(ledger: Ledger) -> dict[str, int]:
    return {r["staff_no"]: r["id"] for r in ledger.all("SELECT id, staff_no FROM mediator")}


def case_count(ledger: Ledger, mediator_id: int) -> int:
    """Cases the mediator is (or was) assigned to."""
    return ledger.scalar("SELECT count(*) FROM case_mediator WHERE mediator_id = ?", (mediator_id,))


def mediator_on(ledger: Ledger, mediator_id: int, on: date) -> sqlite3.Row:
    """A mediator's row with org_code and the employment true on ``on``."""
    return ledger.one(LIST_SQL + " WHERE m.id = :id", {"id": mediator_id, "d": on.isoformat()})


def next_staff_no(ledger: Ledger) -> str:
    n = ledger.scalar("SELECT count(*) FROM mediator") + 1
    while ledger.one("SELECT 1 FROM mediator WHERE staff_no = ?", (f"M{n:04d}",)):
        n += 1
    return f"M{n:04d}"


def insert_mediator(ledger: Ledger, values: dict, employment: str, effective_from: str) -> int:
    row = {k: values.get(k) for k in MEDIATOR_COLS}
    row["updated_at"] = now_iso()
    cols = ", ".join(row)
    cur = ledger.conn.execute(
        f"INSERT INTO mediator({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    ledger.conn.execute(
        "INSERT INTO employment(mediator_id, effective_from, employment) VALUES (?,?,?)",
        (cur.lastrowid, effective_from, employment),
    )
    return cur.lastrowid


def update_mediator(ledger: Ledger, mediator_id: int, changes: dict) -> None:
    changes = {k: v for k, v in changes.items() if k in MEDIATOR_COLS}
    if not changes:
        return
    changes["updated_at"] = now_iso()
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    ledger.conn.execute(f"UPDATE mediator SET {sets} WHERE id = :id", {**changes, "id": mediator_id})


def employment_on(ledger: Ledger, mediator_id: int, d: date) -> str | None:
    return ledger.scalar(
        f"SELECT {EMPLOYMENT_ON_SQL} FROM mediator m WHERE m.id = :id",
        {"d": d.isoformat(), "id": mediator_id},
    )


def set_employment(ledger: Ledger, mediator_id: int, employment: str, effective_from: str) -> bool:
    """Record a change of employment from a date; False when nothing changes (already so on that date)."""
    current = ledger.scalar(
        f"SELECT {EMPLOYMENT_ON_SQL} FROM mediator m WHERE m.id = :id",
        {"d": effective_from, "id": mediator_id},
    )
    if current == employment:
        return False
    ledger.conn.execute(
        "INSERT INTO employment(mediator_id, effective_from, employment) VALUES (?,?,?) "
        "ON CONFLICT(mediator_id, effective_from) DO UPDATE SET employment = excluded.employment",
        (mediator_id, effective_from, employment),
    )
    # A later record saying the same thing is now redundant history.
    ledger.conn.execute(
        """DELETE FROM employment WHERE mediator_id = ? AND effective_from > ? AND employment = ? AND effective_from <= (
               SELECT coalesce(min(effective_from), '9999') FROM employment WHERE mediator_id = ? AND effective_from > ?
               AND employment != ?)""",
        (mediator_id, effective_from, employment, mediator_id, effective_from, employment),
    )
    return True


def history(ledger: Ledger, mediator_id: int) -> list[dict]:
    return [
        dict(r)
        for r in ledger.all(
            "SELECT effective_from, employment FROM employment WHERE mediator_id = ? ORDER BY effective_from",
            (mediator_id,),
        )
    ]


LIST_SQL = f"""SELECT m.*, o.code AS org_code, {EMPLOYMENT_ON_SQL} AS employment
    FROM mediator m JOIN org o ON o.id = m.org_id"""


def mediator_dict(row, reveal: bool) -> dict:
    return {
        "staff_no": row["staff_no"],
        "name": row["name"],
        "gender": row["gender"],
        "ethnicity": row["ethnicity"],
        "org_code": row["org_code"],
        "employment": row["employment"],
        "background": row["background"],
        "appointment": row["appointment"],
        "grade": row["grade"],
        "phone": row["phone"] if reveal else mask_phone(row["phone"]),
        "id_number": row["id_number"] if reveal else mask_id(row["id_number"]),
        "joined_on": row["joined_on"],
        "left_on": row["left_on"],
        "subsidy": row["subsidy"],
        "role": row["role"],
    }


def list_mediators(
    ledger: Ledger,
    *,
    on: date,
    reveal: bool,
    org_ids: list[int] | None = None,
    employment: str | None = None,
    active_only: bool = True,
) -> list[dict]:
    where, params = [], {"d": on.isoformat()}
    if active_only:
        where.append(ACTIVE_SQL)
    if org_ids is not None:
        where.append(f"m.org_id IN ({','.join(str(int(i)) for i in org_ids)})")
    sql = LIST_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.staff_no"
    rows = [mediator_dict(r, reveal) for r in ledger.all(sql, params)]
    if employment:
        rows = [r for r in rows if r["employment"] == employment]
    return rows
