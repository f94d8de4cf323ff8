"""Party input (当事人): `--party "姓名=张三;性别=男;…"`, the `party add|edit` options and the rows of a parties
file (``case_no*,no,name*,gender,ethnicity,age,occupation,phone,id_number,address``) → party column values.

A refused value of personal data is quoted masked: a party's name, ID number, phone or address never appears in full
in a message."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.idnumber import id_gender, validate_id_number, validate_phone
from mediation_cli.domain.parties import MAX_AGE, PARTY_FIELDS, PARTY_KEYS, mask_address, mask_name
from mediation_cli.domain.taxonomy import GENDER
from mediation_cli.domain.values import parse_int

COLUMNS = ["case_no", "no", *PARTY_FIELDS]
REQUIRED = ["case_no", "name"]
TEXT_MAX = {"name": 50, "ethnicity": 10, "occupation": 50, "address": 200}


def parse_party_spec(text: str, opt: str = "--party") -> dict[str, str]:
    """``姓名=张三;性别=男;电话=139…`` (also ``；`` between fields, ``＝`` or ``：`` for ``=``) → raw fields."""
    raw: dict[str, str] = {}
    for part in str(text).replace("；", ";").split(";"):
        if not part.strip():
            continue
        for sep in ("=", "＝", "：", ":"):
            if sep in part:
                key, value = part.split(sep, 1)
                break
        else:
            raise Invalid(opt, part.strip()[:10], "KEY=VALUE pairs separated by ';'", "以 ; 分隔的“项=值”")
        fld = PARTY_KEYS.get(key.strip().lower())
        if fld is None:
            allowed = ", ".join(PARTY_FIELDS)
            raise Invalid(
                opt,
                key.strip(),
                f"a key among {allowed} (or 姓名, 性别, 民族, 年龄, 职业, 电话, 身份证号, 住址)",
                "以下之一：姓名、性别、民族、年龄、职业、电话、身份证号、住址",
            )
        raw[fld] = value.strip()
    return raw


def _text(v: str, fld: str, mask=None) -> str:
    s = str(v).strip()
    if not s:
        raise Invalid(fld, "", "a non-empty text", "非空文字")
    if len(s) > TEXT_MAX[fld]:
        shown = mask(s) if mask else s[:20] + "…"
        raise Invalid(fld, shown, f"at most {TEXT_MAX[fld]} characters", f"不超过 {TEXT_MAX[fld]} 个字")
    return s


def parse_party(raw: dict[str, str], *, today: date) -> dict:
    """The given (non-empty) fields of one party, validated. The gender must match the ID number's; without a
    gender the ID number gives it."""
    out: dict = {}
    if raw.get("name"):
        out["name"] = _text(raw["name"], "name", mask_name)
    if raw.get("gender"):
        out["gender"] = GENDER.parse(raw["gender"], "gender")
    if raw.get("ethnicity"):
        eth = _text(raw["ethnicity"], "ethnicity")
        out["ethnicity"] = eth if eth.endswith("族") else eth + "族"
    if raw.get("age"):
        out["age"] = parse_int(raw["age"], "age", minimum=0, maximum=MAX_AGE)
    if raw.get("occupation"):
        out["occupation"] = _text(raw["occupation"], "occupation")
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
    if raw.get("address"):
        out["address"] = _text(raw["address"], "address", mask_address)
    return out


def parse_no(text: str, fld: str = "no") -> int:
    return parse_int(text, fld, minimum=1, maximum=10_000)
