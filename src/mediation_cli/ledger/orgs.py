"""Organisations (调解组织): lookup by code, name or pinyin initials; writes; the active-on-a-date rule."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from mediation_cli.errors import MediationError, NotFound
from mediation_cli.ledger import predicates
from mediation_cli.ledger.db import Ledger, now_iso

ORG_FIELDS = [
    "code",
    "name",
    "kind",
    "parent_id",
    "has_conditions",
    "star_rating",
    "rated_on",
    "field",
    "established_on",
    "dissolved_on",
]

# Quotas count only orgs active on the date (domain/spans.py): its SQL twin over the alias o and the parameter :d.
ACTIVE_SQL = predicates.org_active("o", ":d")


def initials(name: str) -> str:
    """Pinyin initials of a name (嘎鲁图镇 → gltz), for typing an org fast."""
    from pypinyin import Style, lazy_pinyin

    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default") if p).lower()


MAX_ORG_TEXT = 200  # a code, a name or initials: anything longer names no org


def find_org(ledger: Ledger, text: str) -> sqlite3.Row | None:
    """The org named by code, exact name, or unambiguous pinyin initials; None when nothing matches."""
    if len(str(text)) > MAX_ORG_TEXT:
        return None
    text = str(text).strip()
    row = ledger.one("SELECT * FROM org WHERE code = ?", (text,))
    if row is None:
        row = ledger.one("SELECT * FROM org WHERE lower(code) = lower(?)", (text,))
    if row is None:
        rows = ledger.all("SELECT * FROM org WHERE name = ?", (text,))
        if len(rows) == 1:
            row = rows[0]
    if row is None and text and not text.isascii():
        row = _by_short_name(ledger, text)
    if row is None and text.isascii() and text.isalpha():
        key = text.lower()
        exact = ledger.all("SELECT * FROM org WHERE initials = ?", (key,))
        rows = exact or ledger.all(
            "SELECT * FROM org WHERE initials LIKE ? ESCAPE '\\' ORDER BY code", (key + "%",)
        )
        if len(rows) == 1:
            row = rows[0]
        elif len(rows) > 1:
            raise _ambiguous(text, rows)
    return row


def _ambiguous(text: str, rows) -> MediationError:
    shown = ", ".join(f"{r['name']} ({r['code']})" for r in rows[:6])
    more = f" … +{len(rows) - 6}" if len(rows) > 6 else ""
    return MediationError(
        f"org: {text!r} matches several: {shown}{more} — type more of the name, or the code",
        f"调解组织：{text!r} 可指多个组织：{shown}{more}——请多输入几个字或输入编号",
    )


def _by_short_name(ledger: Ledger, text: str) -> sqlite3.Row | None:
    """The one org whose short name (domain/orgnames.py: 嘎鲁图镇人民调解委员会 → 嘎鲁图镇) is ``text``, else the one
    whose name begins with it; several are refused with the candidates named."""
    from mediation_cli.domain.orgnames import short_name

    rows = ledger.all("SELECT * FROM org WHERE name LIKE ? ESCAPE '\\' ORDER BY code", (_like_prefix(text),))
    exact = [r for r in rows if short_name(r["name"]) == text]
    if len(exact) == 1:
        return exact[0]
    candidates = exact or rows
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise _ambiguous(text, candidates)
    return None


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def near_orgs(ledger: Ledger, text: str, n: int = 3) -> list[str]:
    """Orgs whose code, name or short name is close to ``text`` (difflib), as "name (code)"."""
    import difflib

    from mediation_cli.domain.orgnames import short_name

    keys: dict[str, sqlite3.Row] = {}
    for r in ledger.all("SELECT code, name FROM org ORDER BY code"):
        for key in (r["code"], r["name"], short_name(r["name"])):
            keys.setdefault(key, r)
    out: list[str] = []
    for key in difflib.get_close_matches(str(text), list(keys), n=n * 2, cutoff=0.6):
        shown = f"{keys[key]['name']} ({keys[key]['code']})"
        if shown not in out:
            out.append(shown)
    return out[:n]


def added_on(ledger: Ledger, codes: list[str]) -> dict[str, str]:
    """The day each org (by code) was entered in the ledger — its first audit entry, by `org add` or an import: an
    org with no established_on owes screenings from then (domain/cadence.py), not from the beginning of time."""
    if not codes:
        return {}
    rows = ledger.all(
        "SELECT ref, substr(min(at), 1, 10) FROM audit WHERE entity = 'org' AND action IN ('add', 'import') "
        "AND ref IN (SELECT value FROM json_each(?)) GROUP BY ref",
        (json.dumps(codes),),
    )
    return {r[0]: r[1] for r in rows}


def get_org(ledger: Ledger, code: str) -> sqlite3.Row | None:
    """The org with exactly this code."""
    return ledger.one("SELECT * FROM org WHERE code = ?", (code,))


def all_orgs(ledger: Ledger) -> list[sqlite3.Row]:
    return ledger.all("SELECT * FROM org")


def org_ids_by_code(ledger: Ledger) -> dict[str, int]:
    return {r["code"]: r["id"] for r in ledger.all("SELECT id, code FROM org")}


def org_names_by_code(ledger: Ledger) -> dict[str, str]:
    return {r["code"]: r["name"] for r in ledger.all("SELECT code, name FROM org")}


def org_count(ledger: Ledger) -> int:
    return ledger.scalar("SELECT count(*) FROM org")


def codes_starting(ledger: Ledger, prefix: str, limit: int = 200) -> list[tuple[str, str]]:
    """(code, name) of the orgs whose code starts with ``prefix`` (shell completion)."""
    rows = ledger.all(
        "SELECT code, name FROM org WHERE code LIKE ? ORDER BY code LIMIT ?", (prefix + "%", limit)
    )
    return [(r["code"], r["name"]) for r in rows]


def parent_code(ledger: Ledger, row: sqlite3.Row) -> str | None:
    if not row["parent_id"]:
        return None
    return ledger.scalar("SELECT code FROM org WHERE id = ?", (row["parent_id"],))


def children(ledger: Ledger, org_id: int) -> list[dict]:
    rows = ledger.all("SELECT code, name, kind FROM org WHERE parent_id = ? ORDER BY code", (org_id,))
    return [{"code": r["code"], "name": r["name"], "kind": r["kind"]} for r in rows]


def set_parent(ledger: Ledger, org_id: int, parent_id: int | None) -> None:
    ledger.conn.execute(
        "UPDATE org SET parent_id = ?, updated_at = ? WHERE id = ?", (parent_id, now_iso(), org_id)
    )


def resolve_org(ledger: Ledger, text: str) -> sqlite3.Row:
    row = find_org(ledger, text)
    if row is None:
        near = near_orgs(ledger, text) if len(str(text)) <= MAX_ORG_TEXT else []
        raise NotFound(
            "org",
            text,
            (f"did you mean {'; '.join(near)}? " if near else "")
            + "give its code, its name or short name, or its pinyin initials (see `mediation org list`)",
            (f"是否要找：{'；'.join(near)}？" if near else "")
            + "请输入编号、名称或简称、拼音首字母（见 `mediation org list`）",
        )
    return row


def org_row_dict(row: sqlite3.Row, parent_code: str | None = None) -> dict:
    return {
        "code": row["code"],
        "name": row["name"],
        "kind": row["kind"],
        "parent_code": parent_code,
        "has_conditions": bool(row["has_conditions"]),
        "star_rating": row["star_rating"],
        "rated_on": row["rated_on"],
        "field": row["field"],
        "established_on": row["established_on"],
        "dissolved_on": row["dissolved_on"],
    }


LIST_SQL = """SELECT o.*, p.code AS parent_code FROM org o LEFT JOIN org p ON p.id = o.parent_id"""


def list_orgs(
    ledger: Ledger, *, kind: str | None = None, active_on: date | None = None, under: int | None = None
) -> list[dict]:
    where, params = [], {}
    if kind:
        where.append("o.kind = :kind")
        params["kind"] = kind
    if active_on:
        where.append(ACTIVE_SQL)
        params["d"] = active_on.isoformat()
    if under is not None:
        where.append("o.id IN (SELECT id FROM subtree)")
        params["root"] = under
    sql = LIST_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY o.code"
    if under is not None:
        sql = SUBTREE_CTE + sql
    return [org_row_dict(r, r["parent_code"]) for r in ledger.all(sql, params)]


SUBTREE_CTE = """WITH RECURSIVE subtree(id) AS (
    SELECT :root UNION ALL SELECT o2.id FROM org o2 JOIN subtree s ON o2.parent_id = s.id
) """


def subtree_ids(ledger: Ledger, root_id: int) -> list[int]:
    return [r[0] for r in ledger.all(SUBTREE_CTE + "SELECT id FROM subtree", {"root": root_id})]


def check_parent(ledger: Ledger, org_id: int | None, parent_id: int | None) -> None:
    """A parent may not be the org itself or one of its descendants (no cycles in the tree)."""
    if org_id is None or parent_id is None:
        return
    if parent_id in subtree_ids(ledger, org_id):
        raise MediationError(
            "parent_code: an org cannot be placed under itself or one of its own children",
            "parent_code：不能把组织挂在它自己或它的下级之下",
        )


def insert_org(ledger: Ledger, values: dict) -> int:
    values = {**values, "initials": initials(values["name"]), "updated_at": now_iso()}
    cols = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    cur = ledger.conn.execute(f"INSERT INTO org({cols}) VALUES ({marks})", values)
    return cur.lastrowid


def update_org(ledger: Ledger, org_id: int, changes: dict) -> None:
    if not changes:
        return
    changes = dict(changes)
    if "name" in changes:
        changes["initials"] = initials(changes["name"])
    changes["updated_at"] = now_iso()
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    ledger.conn.execute(f"UPDATE org SET {sets} WHERE id = :id", {**changes, "id": org_id})


def reporting_units(ledger: Ledger, by: str) -> dict[int, tuple[str, str]]:
    """org id → (unit code, unit name): with ``township`` an org rolls up to its nearest township ancestor (itself
    included); orgs under no township stand alone. With ``org`` every org is its own unit."""
    orgs = {r["id"]: r for r in ledger.all("SELECT id, code, name, kind, parent_id FROM org")}
    units: dict[int, tuple[str, str]] = {}
    for org_id, r in orgs.items():
        unit = r
        if by == "township":
            walk, seen = r, set()
            while walk is not None and walk["id"] not in seen:
                seen.add(walk["id"])
                if walk["kind"] == "township":
                    unit = walk
                    break
                walk = orgs.get(walk["parent_id"])
        units[org_id] = (unit["code"], unit["name"])
    return units
