"""Org input: the import columns ``code*,name*,kind*,parent_code,has_conditions,star_rating,rated_on,field,
established_on,dissolved_on`` → org column values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mediation_cli.domain.dates import parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.taxonomy import ORG_KIND, parse_bool
from mediation_cli.domain.values import parse_code, parse_stars, parse_text

COLUMNS = [
    "code",
    "name",
    "kind",
    "parent_code",
    "has_conditions",
    "star_rating",
    "rated_on",
    "field",
    "established_on",
    "dissolved_on",
]
REQUIRED = ["code", "name", "kind"]


def parse_org(
    raw: dict[str, str], *, today: date, star_scale: int, parent_id_of: Callable[[str], int | None]
) -> dict:
    """The given (non-empty) fields of ``raw``, validated. ``parent_id_of`` resolves a parent reference."""
    out: dict = {}
    if raw.get("code"):
        out["code"] = parse_code(raw["code"], "code")
    if raw.get("name"):
        out["name"] = parse_text(raw["name"], "name", max_len=100)
    if raw.get("kind"):
        out["kind"] = ORG_KIND.parse(raw["kind"], "kind")
    if raw.get("parent_code"):
        out["parent_id"] = parent_id_of(raw["parent_code"])
    if raw.get("has_conditions"):
        out["has_conditions"] = int(parse_bool(raw["has_conditions"], "has_conditions"))
    if raw.get("star_rating"):
        out["star_rating"] = parse_stars(raw["star_rating"], "star_rating", scale=star_scale)
    if raw.get("field"):
        out["field"] = parse_text(raw["field"], "field", max_len=50)
    for d in ("rated_on", "established_on", "dissolved_on"):
        if raw.get(d):
            out[d] = parse_date(raw[d], today=today, field=d).isoformat()
    if out.get("rated_on") and out["rated_on"] > today.isoformat():
        raise Invalid("rated_on", out["rated_on"], "a date not after today", "不晚于今天的日期")
    return out


def check_org(values: dict) -> None:
    """Rules across fields, on the merged (stored + changed) values."""
    est, dis = values.get("established_on"), values.get("dissolved_on")
    if est and dis and dis <= est:
        raise Invalid(
            "dissolved_on", dis, f"a date after established_on ({est})", f"晚于成立日期（{est}）的日期"
        )
    if values.get("rated_on") and not values.get("star_rating"):
        raise Invalid(
            "rated_on",
            values["rated_on"],
            "a date only together with star_rating",
            "须与 star_rating 一起填写",
        )
