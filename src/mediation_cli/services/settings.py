"""The ledger's own settings and code tables: `config set|reset`, `config category-map|category-add`."""

from __future__ import annotations

import json
from typing import Any

from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.settings import SETTINGS, validate
from mediation_cli.domain.taxonomy import STAT_CATEGORY
from mediation_cli.domain.values import parse_code, parse_text
from mediation_cli.errors import Duplicate
from mediation_cli.ledger import config as store
from mediation_cli.ledger.db import Ledger


def set_setting(ledger: Ledger, key: str, text: str) -> Any:
    """Change one setting (validated against its definition); returns the value stored."""
    value = validate(key, text)
    before = store.Config(ledger).get(key)
    with ledger.write():
        store.put(ledger, key, value)
        ledger.audit("config", key, "set", {"value": before}, {"value": value})
    return value


def reset_setting(ledger: Ledger, key: str) -> None:
    """Back to the program's default."""
    if key not in SETTINGS:
        validate(key, "")  # raises the refusal that names the allowed keys
    default = SETTINGS[key].default
    validate(key, json.dumps(default) if SETTINGS[key].kind in ("json", "windows") else str(default))
    before = store.Config(ledger).get(key)
    with ledger.write():
        store.drop(ledger, key)
        ledger.audit("config", key, "reset", {"value": before}, {"value": default})


def map_category(ledger: Ledger, category: str, stat: str) -> tuple[str, str]:
    """Map a dispute category onto a statistics category; returns (category code, statistics category)."""
    row = store.find_category(ledger, category)
    if row is None:
        codes = store.category_codes(ledger)
        raise Invalid("category", category, "one of " + ", ".join(codes), "以下之一：" + "、".join(codes))
    target = STAT_CATEGORY.parse(stat, "stat_category")
    with ledger.write():
        store.set_stat_category(ledger, row["code"], target)
        ledger.audit(
            "category", row["code"], "map", {"stat_category": row["stat_category"]}, {"stat_category": target}
        )
    return row["code"], target


def add_category(ledger: Ledger, code: str, zh: str, stat: str, en: str | None = None) -> str:
    """A local dispute category (e.g. 消防, 拖欠农民工工资) with the statistics category it maps onto."""
    code = parse_code(code, "code")
    zh = parse_text(zh, "zh", max_len=20)
    target = STAT_CATEGORY.parse(stat, "stat")
    if store.find_category(ledger, code) is not None or store.find_category(ledger, zh) is not None:
        raise Duplicate("code", code)
    with ledger.write():
        store.insert_category(ledger, code, zh, en or code, target)
        ledger.audit("category", code, "add", None, {"zh": zh, "stat_category": target})
    return code
