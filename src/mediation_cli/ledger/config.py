"""Settings stored in the ledger (overrides of the defaults in ``domain.settings``)."""

from __future__ import annotations

import json
from typing import Any

from mediation_cli.domain.settings import SETTINGS
from mediation_cli.ledger.db import Ledger, now_iso


class Config:
    """The effective settings of one ledger, read once per command."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self._stored = {r["key"]: json.loads(r["value"]) for r in ledger.all("SELECT key, value FROM config")}

    def get(self, key: str) -> Any:
        if key in self._stored:
            return self._stored[key]
        return SETTINGS[key].default

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def items(self) -> list[tuple[str, Any, bool]]:
        return [(k, self.get(k), k in self._stored) for k in SETTINGS]

    def cadence(self, kind: str) -> str:
        return self.get(f"cadence.{kind}") if f"cadence.{kind}" in SETTINGS else "none"

    def cadences(self) -> dict[str, str]:
        return {
            k.split(".", 1)[1]: self.get(k)
            for k in SETTINGS
            if k.startswith("cadence.") and k != "cadence.key_period"
        }


def put(ledger: Ledger, key: str, value: Any) -> None:
    ledger.conn.execute(
        "INSERT INTO config(key, value, updated_at) VALUES (?,?,?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, json.dumps(value, ensure_ascii=False), now_iso()),
    )


def drop(ledger: Ledger, key: str) -> None:
    ledger.conn.execute("DELETE FROM config WHERE key = ?", (key,))


# -- the dispute category code table (纠纷类型) ------------------------------------------------------------------
def find_category(ledger: Ledger, text: str):
    """The category whose code or Chinese label is ``text``."""
    return ledger.one("SELECT code, zh, stat_category FROM category WHERE code = ? OR zh = ?", (text, text))


def category_codes(ledger: Ledger) -> list[str]:
    return [r[0] for r in ledger.all("SELECT code FROM category ORDER BY rowid")]


def set_stat_category(ledger: Ledger, code: str, stat_category: str) -> None:
    ledger.conn.execute("UPDATE category SET stat_category = ? WHERE code = ?", (stat_category, code))


def insert_category(ledger: Ledger, code: str, zh: str, en: str, stat_category: str) -> None:
    ledger.conn.execute(
        "INSERT INTO category(code, zh, en, grp, stat_category, builtin) VALUES (?,?,?,?,?,0)",
        (code, zh, en, "other", stat_category),
    )


def category_labels(ledger: Ledger) -> dict[str, tuple[str, str]]:
    """code → (中文, English) of every dispute category."""
    return {r["code"]: (r["zh"], r["en"]) for r in ledger.all("SELECT code, zh, en FROM category")}


def categories(ledger: Ledger) -> list[dict]:
    """The category code table in its order: code, zh, en, group, stat_category, builtin."""
    rows = ledger.all("SELECT code, zh, en, grp, stat_category, builtin FROM category ORDER BY rowid")
    return [
        {
            "code": r["code"],
            "zh": r["zh"],
            "en": r["en"],
            "group": r["grp"],
            "stat_category": r["stat_category"],
            "builtin": bool(r["builtin"]),
        }
        for r in rows
    ]
