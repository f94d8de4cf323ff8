"""What each exportable field is in the ledger: its SQL expression, its kind and its value labels; and the SQL of one
column under a profile. A profile (io/profiles.py, parsed from TOML) names fields; this module is where they become
SQL, so that a million-row export streams from one SELECT (every field an expression, every value label a CASE)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from mediation_cli.domain.taxonomy import (
    AGREEMENT,
    CASE_SOURCE,
    GUIDED_TO,
    KEY_GROUP,
    RISK_LEVEL,
    RISK_TYPE,
    SOURCE_STAT,
    SOURCE_STAT_LABELS,
    STAT_CATEGORY,
    STATUS,
)


class Profile(Protocol):
    """What the SQL needs of a profile (io/profiles.Profile has it all)."""

    name: str
    columns: list[tuple[str, str]]  # (header, field)
    labels: str  # code | zh
    date_format: str  # iso | slash | chinese
    values: dict[str, dict[str, str]]
    category_map: dict[str, str]
    bool_labels: tuple[str, str]


KEY_PERIOD_ZH = {"two_sessions": "两会", "may_day": "五一", "national_day": "国庆", "spring_festival": "春节"}


# A guard against spreadsheet formulas, in SQL: a text starting with = + - @ tab or CR gets a leading apostrophe, and
# so does one that already starts with apostrophes before such a character, so that the importer, which removes one
# apostrophe from exactly these, gives back the stored text (render/output.py guard_formula does the same in Python).
def _guard(expr: str) -> str:
    starts = "('=', '+', '-', '@', char(9), char(13))"
    return (
        f"CASE WHEN substr({expr}, 1, 1) IN {starts} OR (substr({expr}, 1, 1) = '''' "
        f"AND substr(ltrim({expr}, ''''), 1, 1) IN {starts}) "
        f"THEN '''' || {expr} ELSE {expr} END"
    )


def _yuan(col: str) -> str:
    """分 → 元: a whole number stays an integer (3500, not 3500.0)."""
    return f"CASE WHEN {col} % 100 = 0 THEN {col} / 100 ELSE {col} / 100.0 END"


@dataclass(frozen=True)
class FieldDef:
    sql: str
    kind: str = "text"  # text | date | enum | list | bool | number
    labels: dict[str, str] | None = None  # code -> 中文, for labels = "zh"
    # plain text that can never hold a comma, a quote or a line break (validated codes, ISO timestamps)
    csv_safe: bool = False


def _zh(table) -> dict[str, str]:
    return {code: zh for code, (zh, _en) in table.members.items()}


# status as the import columns have it: a closed case keeps its outcome (closed_on says it was 销号)
IMPORT_STATUS = "CASE WHEN d.status = 'closed' THEN d.outcome ELSE d.status END"

FIELDS: dict[str, FieldDef] = {
    "case_no": FieldDef("d.case_no"),
    "org_code": FieldDef("o.code", csv_safe=True),
    "org_name": FieldDef("o.name"),
    "township": FieldDef("u.unit_name"),
    "received_on": FieldDef("d.received_on", "date"),
    "source": FieldDef("d.source", "enum", _zh(CASE_SOURCE)),
    "stat_source": FieldDef(
        "CASE d.source " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in SOURCE_STAT.items()) + " END",
        "enum",
        {k: v[0] for k, v in SOURCE_STAT_LABELS.items()},
    ),
    "category": FieldDef("d.category", "enum", None),  # labels from the ledger's category table
    "stat_category": FieldDef(
        "coalesce(cm.stat_category, c.stat_category, 'other')", "enum", _zh(STAT_CATEGORY)
    ),
    "key_groups": FieldDef("d.key_groups", "list", _zh(KEY_GROUP)),
    "parties": FieldDef("d.parties", "number"),
    "amount": FieldDef(_yuan("d.amount_fen"), "number"),
    "summary": FieldDef(_guard("d.summary")),
    "risk_level": FieldDef("d.risk_level", "enum", _zh(RISK_LEVEL)),
    "risk_types": FieldDef("d.risk_types", "list", _zh(RISK_TYPE)),
    "major": FieldDef("d.major", "bool"),
    "status": FieldDef(IMPORT_STATUS, "enum", _zh(STATUS)),
    "lifecycle_status": FieldDef("d.status", "enum", _zh(STATUS)),
    "outcome": FieldDef(IMPORT_STATUS, "enum", _zh(STATUS)),
    "outcome_on": FieldDef("d.outcome_on", "date"),
    "agreement": FieldDef("d.agreement", "enum", _zh(AGREEMENT)),
    "agreement_amount": FieldDef(_yuan("d.agreement_fen"), "number"),
    "performed": FieldDef("d.performed", "bool"),
    "guided_to": FieldDef("d.guided_to", "enum", _zh(GUIDED_TO)),
    "closed_on": FieldDef("d.closed_on", "date"),
    "extended_until": FieldDef("d.extended_until", "date"),
    "major_since": FieldDef("d.major_since", "date"),
    "reported_on": FieldDef("d.reported_on", "date"),
    "reported_to": FieldDef(_guard("d.reported_to")),
    "screening_id": FieldDef("d.screening_id", "number"),
    "key_period": FieldDef("d.key_period", "enum", KEY_PERIOD_ZH),
    # from temp.case_staff, built once per export (a correlated subquery per row cost 2.5 s a million rows)
    "mediators": FieldDef("st.staff", csv_safe=True),
    "mediator_names": FieldDef("st.names"),
    "entered_at": FieldDef("d.entered_at", csv_safe=True),
    "updated_at": FieldDef("d.updated_at", csv_safe=True),
    **{
        f"prevented_{p}_{x}": FieldDef(f"d.prevented_{p}_{x}", "number")
        for p in ("criminal", "petition", "suicide", "fight")
        for x in ("cases", "persons")
    },
}


def _q(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def column_sql(profile: Profile, fld: str, category_labels: dict[str, str]) -> str:
    """The SQL expression of one column under this profile."""
    f = FIELDS[fld]
    expr = f.sql
    if f.kind == "date":
        if profile.date_format == "slash":
            expr = f"replace({expr}, '-', '/')"
        elif profile.date_format == "chinese":
            expr = (
                f"CASE WHEN {expr} IS NULL THEN NULL ELSE substr({expr},1,4) || '年' || "
                f"CAST(substr({expr},6,2) AS INTEGER) || '月' || CAST(substr({expr},9,2) AS INTEGER) || '日' END"
            )
        return expr
    if f.kind == "bool":
        yes, no = profile.bool_labels
        if (yes, no) == ("1", "0"):
            return expr
        return f"CASE {expr} WHEN 1 THEN {_q(yes)} WHEN 0 THEN {_q(no)} END"
    if f.kind in ("enum", "list"):
        labels: dict[str, str] = {}
        if profile.labels == "zh":
            labels.update(category_labels if fld == "category" else (f.labels or {}))
        labels.update({str(k): str(v) for k, v in profile.values.get(fld, {}).items()})
        if not labels:
            return expr
        if f.kind == "enum":
            whens = " ".join(f"WHEN {_q(k)} THEN {_q(v)}" for k, v in labels.items())
            return f"CASE {expr} {whens} ELSE {expr} END"
        # a ';'-joined list: replace each code by its label (codes are distinct words, longest first)
        for k in sorted(labels, key=len, reverse=True):
            expr = f"replace({expr}, {_q(k)}, {_q(labels[k])})"
        return f"replace({expr}, ';', '、')" if profile.labels == "zh" else expr
    return expr


UNSAFE_CHARS = (",", '"', "\n", "\r")


def csv_safe(profile: Profile, fld: str, category_labels: dict[str, str]) -> bool:
    """True when the column's values can be written into a CSV line unquoted, whatever the ledger holds."""
    f = FIELDS[fld]
    if f.csv_safe or f.kind in ("date", "number"):
        return True
    if f.kind == "bool":
        return not any(c in label for label in profile.bool_labels for c in UNSAFE_CHARS)
    if f.kind in ("enum", "list"):
        labels: dict[str, str] = {}
        if profile.labels == "zh":
            labels.update(category_labels if fld == "category" else (f.labels or {}))
        labels.update({str(k): str(v) for k, v in profile.values.get(fld, {}).items()})
        return not any(c in label for label in labels.values() for c in UNSAFE_CHARS)
    return False
