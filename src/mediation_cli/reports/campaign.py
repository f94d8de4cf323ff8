"""The campaign at a glance (三、时间步骤): which phase a date is in, and each target of the plan against the figure of
the day, red/amber/green. The campaign's dates are a setting (`config set campaign …`): the next one will differ."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from mediation_cli.domain import lifecycle
from mediation_cli.domain.reporting import report_period_containing
from mediation_cli.ledger import predicates
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.orgs import ACTIVE_SQL
from mediation_cli.reports.compliance import screening_compliance
from mediation_cli.reports.remind import report_due_date
from mediation_cli.reports.staffing import minimum_met, staffing_report

PHASES = {
    "not_started": ("not started", "尚未开始"),
    "mobilisation": ("mobilisation (动员部署)", "动员部署阶段"),
    "implementation": ("implementation (开展实施)", "开展实施阶段"),
    "summary": ("summary (工作总结)", "工作总结阶段"),
    "ended": ("ended", "已结束"),
}


@dataclass(frozen=True)
class Target:
    key: str
    en: str
    zh: str
    target: float
    amber: float  # at or above this: amber; below: red
    # "plan": the plan sets the target (its clause below); "bureau": the plan sets no figure, the bureau's own setting
    set_by: str = "plan"


TARGETS = [
    # 年末实现专职人民调解员数量占比达到10%以上
    Target("full_time_share", "full-time mediators' share", "专职人民调解员占比", 0.10, 0.08),
    # 配备3/2/1名以上专职人民调解员
    Target("staffing_minimum", "orgs meeting their full-time minimum", "专职配备达标组织占比", 1.0, 0.8),
    # 嘎查村（社区）调委会每周1次、苏木镇调委会、司法所每月1次普遍排查
    Target("screening_compliance", "screenings held on cadence", "按期排查完成率", 1.0, 0.9),
    # 依法及时就地有效化解 — the plan sets no figure: the target is the bureau's setting `success_rate_target`
    # (percent; 0 leaves the row out), on 成功 ÷ 办结; 成功 ÷ 受理 is reported beside it (success_rates)
    Target(
        "success_rate",
        "mediation success rate (succeeded ÷ settled)",
        "调解成功率（成功÷办结）",
        0.9,
        0.8,
        "bureau",
    ),
    # 按照“一案一策”原则，逐一制定详细周密的调解方案
    Target("major_with_plan", "major difficult cases with a plan", "重大疑难纠纷制定方案比例", 1.0, 0.8),
    # 及时主动向党委、政府和有关部门报告
    Target("risks_reported", "reportable risks reported", "风险纠纷报告比例", 1.0, 0.9),
    # 每季度向旗司法局……报送本季度矛盾纠纷工作开展情况报告
    Target("reports_submitted", "quarterly reports submitted on time", "季度报告按时报送率", 1.0, 0.8),
    # 全面准确、规范及时地录入调解数据 (the days that count as 及时 are the setting entry_within_days)
    Target("entries_on_time", "cases entered on time", "调解数据及时录入率", 1.0, 0.9),
]
SET_BY = {"plan": ("the plan", "实施方案"), "bureau": ("the bureau's own setting", "本局自定")}


def phase_of(d: date, c: dict) -> tuple[str, str | None, str | None]:
    start, mob, impl, end = (
        date.fromisoformat(c[k]) for k in ("start", "mobilisation_end", "implementation_end", "end")
    )
    if d < start:
        return "not_started", None, c["start"]
    if d <= mob:
        return "mobilisation", c["start"], c["mobilisation_end"]
    if d <= impl:
        return "implementation", (mob + timedelta(days=1)).isoformat(), c["implementation_end"]
    if d <= end:
        return "summary", (impl + timedelta(days=1)).isoformat(), c["end"]
    return "ended", c["end"], None


def _status(value: float | None, t: Target) -> str:
    if value is None:
        return "none"
    if value >= t.target:
        return "green"
    return "amber" if value >= t.amber else "red"


def campaign_report(ledger: Ledger, as_of: date, config: Config | None = None) -> dict:
    config = config or Config(ledger)
    c = config["campaign"]
    start = date.fromisoformat(c["start"])
    end = min(as_of, date.fromisoformat(c["end"]))
    phase, phase_start, phase_end = phase_of(as_of, c)
    span = {"start": start.isoformat(), "end": end.isoformat(), "d": as_of.isoformat()}
    figures: dict[str, tuple[float | None, str]] = {}

    staffing = staffing_report(ledger, as_of)
    figures["full_time_share"] = (
        staffing["full_time_share"],
        f"{staffing['full_time']}/{staffing['total_mediators']}",
    )
    meeting, owing = minimum_met(staffing["orgs"])  # the figure `report staffing` gives for the same date
    figures["staffing_minimum"] = (meeting / owing if owing else None, f"{meeting}/{owing}")

    comp = screening_compliance(ledger, start, end, config) if end >= start else []
    req, done = sum(r["required"] for r in comp), sum(r["done"] for r in comp)
    figures["screening_compliance"] = (done / req if req else None, f"{done}/{req}")

    # as the cases stood on the date: their status then, major and planned by then, reported by then
    eff = predicates.status_on("d", ":d")
    r = ledger.one(
        f"""SELECT coalesce(sum({eff} = 'succeeded'), 0) AS s, coalesce(sum({eff} = 'failed'), 0) AS f,
            coalesce(sum({predicates.major_on("d", ":d")}), 0) AS major,
            coalesce(sum({predicates.major_on("d", ":d")} AND {predicates.planned_on("d", ":d")}), 0) AS planned,
            coalesce(sum({predicates.must_report("d")}), 0) AS risky,
            coalesce(sum({predicates.must_report("d")} AND NOT {predicates.unreported("d", ":d")}), 0) AS reported,
            count(*) AS cases,
            coalesce(sum(julianday(substr(d.entered_at, 1, 10)) - julianday(d.received_on) <= :within), 0) AS on_time
        FROM dispute d WHERE d.received_on BETWEEN :start AND :end""",
        {**span, "within": config["entry_within_days"]},
    )
    settled = r["s"] + r["f"]
    figures["success_rate"] = (lifecycle.success_rate(r["s"], r["f"]), f"{r['s']}/{settled}")
    success_rates = {
        "success_rate_of_settled": lifecycle.success_rate(r["s"], r["f"]),
        "success_rate_of_received": lifecycle.success_rate_of_received(r["s"], r["cases"]),
        "cases_received": r["cases"],
        "cases_succeeded": r["s"],
        "cases_settled": settled,
    }
    figures["major_with_plan"] = (
        r["planned"] / r["major"] if r["major"] else None,
        f"{r['planned']}/{r['major']}",
    )
    figures["risks_reported"] = (
        r["reported"] / r["risky"] if r["risky"] else None,
        f"{r['reported']}/{r['risky']}",
    )
    figures["entries_on_time"] = (
        r["on_time"] / r["cases"] if r["cases"] else None,
        f"{r['on_time']}/{r['cases']}",
    )

    expected = on_time = 0
    quarter = report_period_containing(config["report_cycle"], start)  # a month under report_cycle monthly
    while quarter.start <= end:
        due = report_due_date(quarter, config)
        if due <= as_of:
            orgs = ledger.all(
                f"SELECT o.id FROM org o WHERE o.kind IN ('township', 'industry') AND {ACTIVE_SQL}",
                {"d": due.isoformat()},
            )
            expected += len(orgs)
            on_time += ledger.scalar(
                f"SELECT count(*) FROM report_submission WHERE quarter = ? AND submitted_on <= ? AND org_id IN "
                f"({','.join(str(o['id']) for o in orgs) or 'NULL'})",
                (quarter.label, due.isoformat()),
            )
        quarter = quarter.next()
    figures["reports_submitted"] = (on_time / expected if expected else None, f"{on_time}/{expected}")

    targets = []
    for t in _targets(config):
        value, detail = figures[t.key]
        targets.append(
            {
                "key": t.key,
                "en": t.en,
                "zh": t.zh,
                "value": value,
                "target": t.target,
                "status": _status(value, t),
                "detail": detail,
                "set_by": t.set_by,
            }
        )
    return {
        "year": c.get("year"),
        "as_of": as_of.isoformat(),
        "phase": phase,
        "phase_start": phase_start,
        "phase_end": phase_end,
        "campaign_start": c["start"],
        "campaign_end": c["end"],
        **success_rates,
        "targets": targets,
    }


def _targets(config: Config) -> list[Target]:
    """The targets, the bureau's own taken from its settings: `success_rate_target` (percent; 0 drops the row)."""
    out = []
    for t in TARGETS:
        if t.key == "success_rate":
            pct = config["success_rate_target"]
            if not pct:
                continue
            t = replace(t, target=pct / 100, amber=max(0.0, (pct - 10) / 100))
        out.append(t)
    return out
