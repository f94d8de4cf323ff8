"""Reminders as of a date (rule 4): everything the clerk should act on, each a row ``kind, ref, what, due_on, severity``.

Computed from dates, never stored (Taskwarrior's way): running it writes nothing. Each kind is one function
``(ledger, as_of, config) -> rows``, gathered in REMINDERS (beancount's checks, applied to deadlines).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from mediation_cli.domain.keyperiods import KEY_PERIOD_LABELS, KEY_PERIOD_LABELS_EN, key_periods_between
from mediation_cli.domain.periods import Period, period_containing
from mediation_cli.i18n import lang, tr
from mediation_cli.ledger import predicates
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import ACTIVE_SQL
from mediation_cli.ledger.schema import AT_RISK_D
from mediation_cli.reports.confirmations import KINDS as CONFIRMATION_KINDS
from mediation_cli.reports.confirmations import confirmation_reminders
from mediation_cli.reports.due import due_screenings

KINDS = (
    "screening_due",
    "screening_overdue",
    "case_stalled",
    "risk_unreported",
    "major_no_plan",
    "major_no_consultation",
    "screening_no_case",
    "report_due",
    "report_late",
    "rating_stale",
    "key_period",
    *CONFIRMATION_KINDS,
)
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# 各苏木镇人民调解委员会、行业性专业性人民调解委员会每季度向旗司法局……报送本季度矛盾纠纷工作开展情况报告
REPORTING_KINDS = ("township", "industry")


def _row(kind: str, ref: str, what: str, due_on: date | str | None, severity: str) -> dict:
    # in the order of the table's columns (commands/remind.py), so that JSON writes the row as it is
    return {
        "severity": severity,
        "kind": kind,
        "ref": ref,
        "what": what,
        "due_on": due_on.isoformat() if isinstance(due_on, date) else due_on,
    }


def screenings(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    rows = []
    for r in due_screenings(ledger, as_of, config):
        period = _period_of_label(r["cadence"], r["period"], as_of)
        if r["state"] == "overdue":
            prev = period.prev()
            rows.append(
                _row(
                    "screening_overdue",
                    r["code"],
                    tr(
                        f"{r['name']}: no {r['cadence']} screening in {prev.label} nor yet in {r['period']}",
                        f"{r['name']}：{prev.label} 未排查，{r['period']} 也尚未排查",
                    ),
                    prev.end,
                    "high",
                )
            )
        else:
            rows.append(
                _row(
                    "screening_due",
                    r["code"],
                    tr(
                        f"{r['name']}: {r['cadence']} screening due in {r['period']}",
                        f"{r['name']}：{r['period']} 尚未开展排查",
                    ),
                    period.end,
                    "medium",
                )
            )
    return rows


def _period_of_label(cadence: str, label: str, as_of: date) -> Period:
    from mediation_cli.domain.periods import cadence_period_kind

    return period_containing(cadence_period_kind(cadence), as_of)


def stalled_cases(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    days = int(config["stalled_days"])
    # 人民调解工作若干规定 第33条: 一般在一个月内调结 — pending past it, and not extended with the parties' consent,
    # both as they stood on the date (a case settled later was still pending then). A region has tens of thousands:
    # the rows are built from tuples, the due day computed by SQLite, the language chosen once.
    sql = f"""SELECT d.case_no, d.received_on, o.name, date(d.received_on, '+{days} days')
              FROM dispute d JOIN org o ON o.id = d.org_id
              WHERE {predicates.stalled_on("d", before=":cutoff", on=":d")}"""  # reminders() sorts them all
    cutoff = (as_of - timedelta(days=days)).isoformat()
    cursor = ledger.conn.execute(sql, {"cutoff": cutoff, "d": as_of.isoformat()})
    cursor.row_factory = None
    if lang() == "zh":
        what = "{}：{} 受理，超过 " + str(days) + " 天未调结"
    else:
        what = "{}: pending since {}, more than " + str(days) + " days"
    return [
        {
            "severity": "medium",
            "kind": "case_stalled",
            "ref": case_no,
            "what": what.format(name, received),
            "due_on": due,
        }
        for case_no, received, name, due in cursor
    ]


def unreported_risks(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    # 对……“民转刑”案件和涉群体性事件等矛盾纠纷，及时主动向党委、政府和有关部门报告
    sql = f"""SELECT d.case_no, d.received_on, d.risk_level, d.risk_types, o.name FROM dispute d
              JOIN org o ON o.id = d.org_id
              WHERE {predicates.pending_on("d", ":d")} AND {AT_RISK_D} AND {predicates.unreported("d", ":d")}
              ORDER BY d.received_on"""
    return [
        _row(
            "risk_unreported",
            r["case_no"],
            tr(
                f"{r['name']}: {r['risk_level']} risk ({_risk_types_en(r['risk_types'])}) not reported to the Party "
                "committee and government",
                f"{r['name']}：{_risk_zh(r['risk_level'], r['risk_types'])} 尚未向党委、政府报告",
            ),
            r["received_on"],
            "high",
        )
        for r in ledger.all(sql, {"d": as_of.isoformat()})
    ]


def _risk_types_en(types: str | None) -> str:
    from mediation_cli.domain.taxonomy import RISK_TYPE

    return ", ".join(RISK_TYPE.label(t, "en") for t in (types or "").split(";") if t) or "-"


def _risk_zh(level: str, types: str | None) -> str:
    from mediation_cli.domain.taxonomy import RISK_LEVEL, RISK_TYPE

    parts = [RISK_LEVEL.label(level, "zh") + "风险"]
    parts += [RISK_TYPE.label(t, "zh") for t in (types or "").split(";") if t]
    return "、".join(parts)


def major_cases(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    """重大疑难: one case, one plan (一案一策), and regular consultations (定期会商)."""
    days = config["consultation_days"]
    sql = f"""SELECT d.case_no, d.received_on, coalesce(d.major_since, d.received_on) AS since, o.name,
                     {predicates.planned_on("d", ":d")} AS has_plan,
                     (SELECT max(c.held_on) FROM consultation c WHERE c.case_id = d.id AND c.held_on <= :d) AS last
              FROM dispute d JOIN org o ON o.id = d.org_id
              WHERE {predicates.pending_on("d", ":d")} AND {predicates.major_on("d", ":d")}
              ORDER BY d.received_on"""
    rows = []
    for r in ledger.all(sql, {"d": as_of.isoformat()}):
        if not r["has_plan"]:
            rows.append(
                _row(
                    "major_no_plan",
                    r["case_no"],
                    tr(
                        f"{r['name']}: major difficult case without a written plan (one case, one plan)",
                        f"{r['name']}：重大疑难纠纷尚未制定“一案一策”调解方案",
                    ),
                    r["since"],
                    "high",
                )
            )
        clock = date.fromisoformat(r["last"] or r["since"])
        if (as_of - clock).days > days:
            what = (
                tr(f"{r['name']}: no consultation since {r['last']}", f"{r['name']}：自 {r['last']} 起未会商")
                if r["last"]
                else tr(f"{r['name']}: no consultation yet", f"{r['name']}：尚未会商")
            )
            rows.append(
                _row("major_no_consultation", r["case_no"], what, clock + timedelta(days=days), "medium")
            )
    return rows


# How far back `remind` looks for screenings whose disputes were never entered (db check lists them all).
SCREENING_CASE_LOOKBACK_DAYS = 90


def screenings_without_cases(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    """应录必录: a screening that found disputes and, entry_within_days later, had opened no case (as of the date)."""
    days = config["entry_within_days"]
    sql = """SELECT s.id, s.screened_on, s.found, o.code, o.name FROM screening s JOIN org o ON o.id = s.org_id
             WHERE s.screened_on BETWEEN :since AND :late AND s.found > 0
             AND NOT EXISTS (SELECT 1 FROM dispute d WHERE d.screening_id = s.id AND d.received_on <= :d)
             ORDER BY s.screened_on, o.code"""
    params = {
        "since": (as_of - timedelta(days=SCREENING_CASE_LOOKBACK_DAYS)).isoformat(),
        "late": (as_of - timedelta(days=days + 1)).isoformat(),
        "d": as_of.isoformat(),
    }
    return [
        _row(
            "screening_no_case",
            f"{r['code']}/{r['screened_on']}#{r['id']}",
            tr(
                f"{r['name']}: the screening of {r['screened_on']} found {r['found']} dispute(s), none entered as a case",
                f"{r['name']}：{r['screened_on']} 排查发现纠纷 {r['found']} 件，尚未建账录入",
            ),
            date.fromisoformat(r["screened_on"]) + timedelta(days=days),
            "high",
        )
        for r in ledger.all(sql, params)
    ]


def report_due_date(period: Period, config: Config) -> date:
    """报送时间：每月28日 — the given day of the period's last month (domain/reporting.py: the quarter's, or each month's
    under ``report_cycle`` monthly); on a weekend or holiday the next working day unless ``deadlines_on_working_days``
    is 0."""
    from mediation_cli.domain.reporting import report_due_on

    return report_due_on(period, config["report_due_day"], bool(config["deadlines_on_working_days"]))


def quarterly_reports(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    from mediation_cli.domain.reporting import report_period_containing

    warn = config["report_warn_days"]
    monthly = config["report_cycle"] == "monthly"
    current = report_period_containing(config["report_cycle"], as_of)
    rows = []
    orgs = ledger.all(
        f"""SELECT o.id, o.code, o.name FROM org o
                          WHERE o.kind IN ('township', 'industry') AND {ACTIVE_SQL} ORDER BY o.code""",
        {"d": as_of.isoformat()},
    )
    submitted = {
        (r["org_id"], r["quarter"])
        for r in ledger.all(
            "SELECT org_id, quarter FROM report_submission WHERE quarter IN (?, ?) AND submitted_on <= ?",
            (current.label, current.prev().label, as_of.isoformat()),
        )
    }
    for quarter in (current.prev(), current):
        due = report_due_date(quarter, config)
        for o in orgs:
            if (o["id"], quarter.label) in submitted:
                continue
            ref = f"{o['code']}/{quarter.label}"
            if as_of > due:
                rows.append(
                    _row(
                        "report_late",
                        ref,
                        tr(
                            f"{o['name']}: {quarter.label} report not received (due {due})",
                            f"{o['name']}：{quarter.label} {'月度' if monthly else '季度'}报告逾期未报送（应于 {due}）",
                        ),
                        due,
                        "high",
                    )
                )
            elif quarter == current and (due - as_of).days <= warn:
                rows.append(
                    _row(
                        "report_due",
                        ref,
                        tr(
                            f"{o['name']}: {quarter.label} report due on {due}",
                            f"{o['name']}：{quarter.label} {'月度' if monthly else '季度'}报告应于 {due} 报送",
                        ),
                        due,
                        "medium",
                    )
                )
    return rows


def stale_ratings(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    years = config["rating_years"]
    rows = []
    from mediation_cli.ledger.ratings import ratings_on

    held = ratings_on(ledger, as_of)  # the rating as it stood on as_of (its history: migration 005)
    orgs = ledger.all(f"SELECT o.id, o.code, o.name FROM org o WHERE {ACTIVE_SQL}", {"d": as_of.isoformat()})
    rated = [
        {"code": o["code"], "name": o["name"], "star_rating": held[o["id"]][0], "rated_on": held[o["id"]][1]}
        for o in orgs
        if o["id"] in held and held[o["id"]][0] is not None and held[o["id"]][1] is not None
    ]
    for r in sorted(rated, key=lambda r: (r["rated_on"], r["code"])):
        due = date.fromisoformat(r["rated_on"]) + relativedelta(years=years)
        if due <= as_of:
            rows.append(
                _row(
                    "rating_stale",
                    r["code"],
                    tr(
                        f"{r['name']}: {r['star_rating']}-star rating of {r['rated_on']} is older than {years} years",
                        f"{r['name']}：{r['rated_on']} 评定的{r['star_rating']}星级已超过 {years} 年，应复评",
                    ),
                    due,
                    "low",
                )
            )
    return rows


def key_periods_ahead(ledger: Ledger, as_of: date, config: Config) -> list[dict]:
    warn = config["key_period_warn_days"]
    rows = []
    for kp in key_periods_between(
        as_of,
        as_of + timedelta(days=warn),
        windows=config["key_period_windows"],
        spring=config["spring_festival_window"],
    ):
        if as_of < kp.start <= as_of + timedelta(days=warn):
            name = tr(KEY_PERIOD_LABELS_EN[kp.code], KEY_PERIOD_LABELS[kp.code])
            rows.append(
                _row(
                    "key_period",
                    f"{kp.start.year}-{kp.code}",
                    tr(
                        f"{name} {kp.start}–{kp.end} is coming: plan a concentrated screening",
                        f"{name}（{kp.start} 至 {kp.end}）即将到来，建议开展集中排查",
                    ),
                    kp.start,
                    "low",
                )
            )
    return rows


REMINDERS: list[Callable[[Ledger, date, Config], list[dict]]] = [
    screenings,
    stalled_cases,
    unreported_risks,
    major_cases,
    screenings_without_cases,
    quarterly_reports,
    stale_ratings,
    key_periods_ahead,
    confirmation_reminders,
]


def reminders(ledger: Ledger, as_of: date, config: Config | None = None) -> list[dict]:
    config = config or Config(ledger)
    rows = [row for check in REMINDERS for row in check(ledger, as_of, config)]
    kind_order = {k: i for i, k in enumerate(KINDS)}
    rows.sort(
        key=lambda r: (SEVERITY_ORDER[r["severity"]], kind_order[r["kind"]], r["due_on"] or "", r["ref"])
    )
    return rows
