"""Parties to a dispute (当事人): the fields kept per party, the keys a clerk may type for them, and how their
personal data is masked on output.

Personal data of a party — name, ID number, phone, address — is masked wherever it is shown unless the clerk asks
for it in full (`--reveal`, audited); gender, 民族, age and occupation are not identifying and are shown as stored.
"""

from __future__ import annotations

from mediation_cli.domain.idnumber import mask_id, mask_phone

# The columns of a party, in the order they are shown and imported (case_no and no lead an import row).
PARTY_FIELDS = ["name", "gender", "ethnicity", "age", "occupation", "phone", "id_number", "address"]
PERSONAL = ("name", "phone", "id_number", "address")
# What `party edit --clear` may empty (the name is required).
CLEARABLE = tuple(f for f in PARTY_FIELDS if f != "name")

# `--party "姓名=张三;性别=男;电话=13900000001"`: each key in English or Chinese.
PARTY_KEYS = {
    "name": "name",
    "姓名": "name",
    "gender": "gender",
    "性别": "gender",
    "ethnicity": "ethnicity",
    "民族": "ethnicity",
    "age": "age",
    "年龄": "age",
    "occupation": "occupation",
    "职业": "occupation",
    "phone": "phone",
    "电话": "phone",
    "联系方式": "phone",
    "联系电话": "phone",
    "id_number": "id_number",
    "身份证号": "id_number",
    "身份证": "id_number",
    "address": "address",
    "住址": "address",
    "地址": "address",
}
MAX_AGE = 130


def mask_name(name: str | None) -> str | None:
    """The surname's character and a '*' for each of the others: 张三 → 张*, 乌力吉 → 乌**; one character → '*'."""
    if name is None:
        return None
    s = name.strip()
    return "*" if len(s) <= 1 else s[0] + "*" * (len(s) - 1)


def mask_address(address: str | None) -> str | None:
    """The first characters (half the address, at most 6: the banner and township) and '****'."""
    if address is None:
        return None
    s = address.strip()
    return s[: min(6, len(s) // 2)] + "****"


def mask_party(values: dict) -> dict:
    """A party's fields with its personal data masked (for output and for the audit log)."""
    out = dict(values)
    for f, mask in (
        ("name", mask_name),
        ("phone", mask_phone),
        ("id_number", mask_id),
        ("address", mask_address),
    ):
        if out.get(f):
            out[f] = mask(out[f])
    return out
