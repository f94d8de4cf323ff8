"""Settings stored in the ledger (overrides of the defaults in ``domain.settings``)."""

from __future__ import annotations

import json
from typing import Any

from mediation_cli.domain.settings import SETTINGS, validate
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

    def set(self, key: str, text: str) -> Any:
        value = validate(key, text)
        before = self.get(key)
        with self.ledger.write():
            self.ledger.conn.execute(
                "INSERT INTO config(key, value, updated_at) VALUES (?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (key, json.dumps(value, ensure_ascii=False), now_iso()),
            )
            self.ledger.audit("config", key, "set", {"value": before}, {"value": value})
        self._stored[key] = value
        return value

    def reset(self, key: str) -> None:
        validate(
            key,
            json.dumps(SETTINGS[key].default)
            if SETTINGS[key].kind in ("json", "windows")
            else str(SETTINGS[key].default),
        )
        before = self.get(key)
        with self.ledger.write():
            self.ledger.conn.execute("DELETE FROM config WHERE key = ?", (key,))
            self.ledger.audit("config", key, "reset", {"value": before}, {"value": SETTINGS[key].default})
        self._stored.pop(key, None)
