"""Personal data removed from a text that leaves the bureau (a typical case, 典型案例): each known name becomes its first
character and 某 (乌力吉 → 乌某, the convention of published cases), ID-card numbers and phone numbers are dropped."""

from __future__ import annotations

import re

# GB 11643 numbers (18 characters, the last may be X; and the old 15-digit ones), mobile and fixed-line phones.
ID_NUMBER_RE = re.compile(r"(?<![0-9])(?:[1-9]\d{16}[\dXx]|[1-9]\d{14})(?![0-9Xx])")
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])")
LANDLINE_RE = re.compile(r"(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])")
# a label left with nothing after it: "身份证号：" / "电话:" / "联系电话 "
EMPTY_LABEL_RE = re.compile(
    r"(?:公民身份号码|身份证号码?|联系电话|手机号码?|电话)[：:]?\s*(?=[，,。；;）)\s]|$)"
)


def pseudonym(name: str) -> str:
    return name[0] + "某"


def anonymise(text: str, names: list[str]) -> str:
    """``text`` with every name in ``names`` (two characters or more) replaced, longest first so that 乌力吉巴图 is not
    cut by 乌力吉, and every ID number and phone number dropped."""
    out = ID_NUMBER_RE.sub("", text)
    out = MOBILE_RE.sub("", out)
    out = LANDLINE_RE.sub("", out)
    out = EMPTY_LABEL_RE.sub("", out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, pseudonym(name))
    out = re.sub(r"[（(]\s*[，,、]?\s*[）)]", "", out)  # brackets emptied by the above
    out = re.sub(r"[，,、]\s*(?=[。；;！!？?]|$)", "", out)  # and commas left before the end of a sentence
    out = re.sub(r"([，,])\s*[，,]", r"\1", out)
    return out
