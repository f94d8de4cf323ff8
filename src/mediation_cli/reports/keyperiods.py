"""Cases by key period (重要时间节点) and by category group (issue 15 item 8): "紧盯'两会''五一''国庆''春节'等重要时间节点，
全力做好防风险、保安全、护稳定各项工作" and "突出重点领域重点时段矛盾纠纷化解" (乌司发〔2024〕17号 二（二）).

One row per key period overlapping the range — its window as the settings give it now (春节 from `spring_festival_window`,
两会 and 地方两会 from `key_period_windows`), not the flag stored on each case at entry — and a last row ``none`` for the
cases received outside every window. A case in two overlapping windows counts in both rows. Statuses are the cases'
status now (a closed case under its outcome)."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.keyperiods import KEY_PERIOD_LABELS, KEY_PERIOD_LABELS_EN, key_periods_between
from mediation_cli.ledger import predicates
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger

# The plan's category groups (二（二）): 重点领域, 新业态, the common grass-roots disputes, and the rest.
GROUPS = {
    "key_field": ("key fields", "重点领域"),
    "new_business": ("new business forms", "新业态"),
    "grassroots": ("common at the grass roots", "基层常见多发"),
    "other": ("other", "其他"),
}
FIELDS = [
    "key",
    "code",
    "label",
    "start",
    "end",
    "source",
    "received",
    "succeeded",
    "failed",
    "pending",
    "must_report",
    "major",
    *GROUPS,
]
_EFF = "(CASE WHEN d.status = 'closed' THEN d.outcome ELSE d.status END)"
_COUNTS = f"""count(*) AS received, coalesce(sum({_EFF} = 'succeeded'), 0) AS succeeded,
    coalesce(sum({_EFF} = 'failed'), 0) AS failed, coalesce(sum({predicates.pending("d")}), 0) AS pending,
    coalesce(sum({predicates.must_report("d")}), 0) AS must_report, coalesce(sum(d.major), 0) AS major,
    {", ".join(f"coalesce(sum(coalesce(c.grp, 'other') = '{g}'), 0) AS {g}" for g in GROUPS if g != "other")},
    coalesce(sum(coalesce(c.grp, 'other') NOT IN ({", ".join(f"'{g}'" for g in GROUPS if g != "other")})), 0)
        AS other
FROM dispute d LEFT JOIN category c ON c.code = d.category"""


def key_period_report(ledger: Ledger, start: date, end: date, config: Config | None = None) -> list[dict]:
    """One pass over the range's cases, grouped by the windows each falls in (a key such as ``0,3,``; ``''`` outside
    every window), then each window's row added up from the groups that hold it. A query per window and one more for
    the rest read the year's cases twice, the second time through the index: 2.67 s for a region's 1,000,000."""
    from mediation_cli.ledger.case_queries import wide_range

    config = config or Config(ledger)
    kps = key_periods_between(
        start, end, windows=config["key_period_windows"], spring=config["spring_festival_window"]
    )
    params = {"start": start.isoformat(), "end": end.isoformat()}
    member = []
    for i, kp in enumerate(kps):
        params.update({f"a{i}": max(start, kp.start).isoformat(), f"b{i}": min(end, kp.end).isoformat()})
        member.append(f"CASE WHEN d.received_on BETWEEN :a{i} AND :b{i} THEN '{i},' ELSE '' END")
    windows = " || ".join(member) or "''"
    table = "dispute d NOT INDEXED" if wide_range(ledger, start, end) else "dispute d"
    counts = _COUNTS.replace("FROM dispute d ", f"FROM {table} ", 1)
    groups = ledger.conn.execute(
        f"SELECT {windows} AS windows, {counts} WHERE d.received_on BETWEEN :start AND :end GROUP BY 1",
        params,
    ).fetchall()
    keys = FIELDS[6:]

    def added(where) -> dict:
        return {k: sum(g[k] for g in groups if where(g["windows"])) for k in keys}

    rows = [
        {
            "key": f"{kp.start.year}-{kp.code}",
            "code": kp.code,
            "label": (KEY_PERIOD_LABELS_EN[kp.code], KEY_PERIOD_LABELS[kp.code]),
            "start": kp.start.isoformat(),
            "end": kp.end.isoformat(),
            "source": kp.source,
            **added(lambda w, i=i: str(i) in w.split(",")),
        }
        for i, kp in enumerate(kps)
    ]
    rows.append(
        {
            "key": "none",
            "code": "none",
            "label": ("outside the key periods", "其他时段"),
            "start": None,
            "end": None,
            "source": None,
            **added(lambda w: w == ""),
        }
    )
    return rows
