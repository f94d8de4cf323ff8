"""Mediator input: the import columns ``staff_no*,name*,gender,ethnicity,org_code*,employment*,employment_from,
background,appointment,grade,phone,id_number,joined_on*,left_on,subsidy`` → mediator column values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mediation_cli.domain.dates import parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.idnumber import id_gender, validate_id_number, validate_phone
from mediation_cli.domain.taxonomy import APPOINTMENT, BACKGROUND, EMPLOYMENT, GENDER, ROLE
from mediation_cli.domain.values import parse_code, parse_money, parse_text

COLUMNS = [
    "staff_no",
    "name",
    "gender",
    "ethnicity",
    "org_code",
    "employment",
    "employment_from",
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
REQUIRED = ["staff_no", "name", "org_code", "employment", "joined_on"]
PERSONAL = ("phone", "id_number")

# 人民调解员等级评定: the national scheme 一级 (highest) … 四级, and local titles.
GRADES = ["一级", "二级", "三级", "四级", "首席", "金牌", "银牌"]
GRADE_ALIASES = {
    "1": "一级",
    "2": "二级",
    "3": "三级",
    "4": "四级",
    "一": "一级",
    "二": "二级",
    "三": "三级",
    "四": "四级",
    "首席调解员": "首席",
    "金牌调解员": "金牌",
    "银牌调解员": "银牌",
}


def parse_grade(text: str) -> str:
    s = str(text).strip()
    s = GRADE_ALIASES.get(s, s)
    if s not in GRADES:
        raise Invalid("grade", text, "one of " + ", ".join(GRADES), "以下之一：" + "、".join(GRADES))
    return s


def parse_mediator(raw: dict[str, str], *, today: date, org_id_of: Callable[[str], int]) -> dict:
    """The given (non-empty) fields, validated; ``employment``/``employment_from`` are returned apart (history)."""
    out: dict = {}
    if raw.get("staff_no"):
        out["staff_no"] = parse_code(raw["staff_no"], "staff_no")
    if raw.get("name"):
        out["name"] = parse_text(raw["name"], "name", max_len=50)
    if raw.get("gender"):
        out["gender"] = GENDER.parse(raw["gender"], "gender")
    if raw.get("ethnicity"):
        eth = parse_text(raw["ethnicity"], "ethnicity", max_len=10)
        out["ethnicity"] = eth if eth.endswith("族") else eth + "族"
    if raw.get("org_code"):
        out["org_id"] = org_id_of(raw["org_code"])
    if raw.get("employment"):
        out["employment"] = EMPLOYMENT.parse(raw["employment"], "employment")
    if raw.get("employment_from"):
        out["employment_from"] = parse_date(
            raw["employment_from"], today=today, field="employment_from"
        ).isoformat()
    if raw.get("background"):
        out["background"] = BACKGROUND.parse(raw["background"], "background")
    if raw.get("appointment"):
        out["appointment"] = APPOINTMENT.parse(raw["appointment"], "appointment")
    if raw.get("grade"):
        out["grade"] = parse_grade(raw["grade"])
    if raw.get("phone"):
        out["phone"] = validate_phone(raw["phone"])
    if raw.get("id_number"):
        out["id_number"] = validate_id_number(raw["id_number"], today=today)
        if "gender" not in out:
            out["gender"] = id_gender(out["id_number"])
        elif out["gender"] != id_gender(out["id_number"]):
            raise Invalid(
                "gender",
                out["gender"],
                "the gender the ID number gives (its 17th digit)",
                "与身份证号第 17 位一致的性别",
            )
    for d in ("joined_on", "left_on"):
        if raw.get(d):
            out[d] = parse_date(raw[d], today=today, field=d).isoformat()
    if raw.get("role"):
        out["role"] = ROLE.parse(raw["role"], "role")
    if raw.get("subsidy"):
        out["subsidy"] = parse_money(raw["subsidy"], "subsidy") / 100
    return out


def check_mediator(values: dict) -> None:
    joined, left = values.get("joined_on"), values.get("left_on")
    if joined and left and left < joined:
        raise Invalid(
            "left_on", left, f"a date on or after joined_on ({joined})", f"不早于加入日期（{joined}）的日期"
        )
    frm = values.get("employment_from")
    if joined and frm and frm < joined:
        raise Invalid(
            "employment_from",
            frm,
            f"a date on or after joined_on ({joined})",
            f"不早于加入日期（{joined}）的日期",
        )
