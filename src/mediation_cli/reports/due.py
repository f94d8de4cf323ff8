"""Screenings due on a date: the orgs active then, with a cadence and no screening yet in the period containing the
date — ``overdue`` when the previous period (one it owed) was missed too, else ``due``. Screenings dated after the
date are not seen.

During a key period (重要时间节点: 两会, 五一, 国庆, 春节) a bureau may ask everyone for more: when the setting
``cadence.key_period`` is a cadence (e.g. ``weekly``) and the period of that cadence containing the date overlaps a key
period, every org with a cadence of its own owes that finer cadence for it (a coarser key cadence changes nothing);
the previous period then counts as owed only if it overlapped a key period too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date, timedelta

from mediation_cli.domain.cadence import due_state, finer, overlaps
from mediation_cli.domain.keyperiods import key_periods_between
from mediation_cli.domain.periods import Period, cadence_period_kind, period_containing
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import ACTIVE_SQL, added_on

FIELDS = ["code", "name", "kind", "cadence", "period", "last_screened_on", "state"]

# The latest screening on or before the date, per org: a lookup in UNIQUE(org_id, screened_on, kind) each.
ORGS_SQL = f"""SELECT o.id, o.code, o.name, o.kind, o.established_on,
       (SELECT max(s.screened_on) FROM screening s WHERE s.org_id = o.id AND s.screened_on <= :d) AS last
    FROM org o WHERE {ACTIVE_SQL}"""


def effective_cadence(own: str, as_of: date, config: Config) -> tuple[str, Callable[[Period], bool] | None]:
    """The cadence an org of cadence ``own`` owes for the period containing ``as_of``, and what its previous period
    must satisfy to have been owed (None: nothing more than lying in the active span)."""
    key_cadence = config["cadence.key_period"]
    if key_cadence in (None, "none") or not finer(key_cadence, own):
        return own, None
    around = timedelta(days=200)  # covers the previous period of any cadence
    kps = key_periods_between(
        as_of - around,
        as_of + around,
        windows=config["key_period_windows"],
        spring=config["spring_festival_window"],
    )
    if not overlaps(period_containing(cadence_period_kind(key_cadence), as_of), kps):
        return own, None
    return key_cadence, lambda prev: overlaps(prev, kps)


def due_screenings(
    ledger: Ledger,
    as_of: date,
    config: Config,
    *,
    org_ids: Collection[int] | None = None,
    kinds: Collection[str] | None = None,
) -> list[dict]:
    """The orgs with nothing yet in the period containing ``as_of``: overdue first, then by code.

    Each row: ``code, name, kind, cadence, period, last_screened_on, state`` (the contract's fields; ``cadence`` and
    ``period`` are the ones owed on the date, ``last_screened_on`` the latest screening on or before it, or None).
    """
    cadences = {k: c for k, c in config.cadences().items() if c != "none" and (kinds is None or k in kinds)}
    if not cadences:
        return []
    sql = ORGS_SQL + f" AND o.kind IN ({','.join(f':k{i}' for i in range(len(cadences)))})"
    params: dict = {"d": as_of.isoformat(), **{f"k{i}": k for i, k in enumerate(cadences)}}
    if org_ids is not None:
        sql += " AND o.id IN (SELECT value FROM json_each(:ids))"
        params["ids"] = json.dumps(list(org_ids))
    effective = {own: effective_cadence(own, as_of, config) for own in set(cadences.values())}
    rows = []
    orgs = ledger.all(sql, params)
    added = added_on(ledger, [o["code"] for o in orgs if o["established_on"] is None])
    for o in orgs:
        cadence, owes = effective[cadences[o["kind"]]]
        last = o["last"]
        est = o["established_on"] or added.get(o["code"])  # no founding date: owed from when it was entered
        period, state = due_state(
            cadence,
            as_of,
            date.fromisoformat(last) if last else None,
            date.fromisoformat(est) if est else None,
            owes,
        )
        if state is None:
            continue
        rows.append(
            {
                "code": o["code"],
                "name": o["name"],
                "kind": o["kind"],
                "cadence": cadence,
                "period": period.label,
                "last_screened_on": last,
                "state": state,
            }
        )
    rows.sort(key=lambda r: (r["state"] != "overdue", r["code"]))
    return rows
