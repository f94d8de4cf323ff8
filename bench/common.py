"""Shared helpers for the benchmarks: a synthetic banner of ~1,000 orgs and its cases (fixed seed)."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
MEDIATION = str(Path(sys.executable).parent / "mediation")
# Where a timed command writes its output (with --force): `-o /dev/null` is refused now that --output writes whole
# files only (a device is never replaced, even with --force).
SCRATCH = str(OUT / "scratch.out")

TOWNS = 20
VILLAGES_PER_TOWN = 49  # 1 root + 20 towns + 980 villages = 1,001 orgs
CATEGORIES = [
    "marriage_family",
    "neighbour",
    "housing_homestead",
    "production_business",
    "forest_land",
    "land_acquisition",
    "labour",
    "finance_lending",
    "road_traffic",
    "medical",
    "consumer",
    "other",
]
SOURCES = ["screening", "assigned", "referred", "application", "court", "police", "petition", "proactive"]
KEY_GROUPS = ["", "", "", "", "elderly", "veterans", "migrant_workers", "hardship;elderly", "women_children"]
SUMMARIES = [
    "{a}某与{b}某因草场边界发生争执",
    "{a}某家兄弟因继承父亲遗留的草场经营权发生纠纷",
    "{a}某受雇放牧一年，雇主{b}某拖欠工资",
    "{a}某与邻居{b}某因排水沟堵塞引发纠纷",
    "{a}某为{b}某担保贷款，因代偿问题发生纠纷",
    "{a}某与{b}某因房屋租赁押金退还发生争执",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文巴包宝额其那斯乌"


def org_rows() -> list[dict]:
    rows = [{"code": "ROOT", "name": "旗司法局", "kind": "administrative", "parent_code": ""}]
    for t in range(1, TOWNS + 1):
        rows.append(
            {"code": f"T{t:02d}", "name": f"第{t}镇人民调解委员会", "kind": "township", "parent_code": "ROOT"}
        )
        for v in range(1, VILLAGES_PER_TOWN + 1):
            rows.append(
                {
                    "code": f"V{t:02d}{v:02d}",
                    "name": f"第{t}镇第{v}嘎查人民调解委员会",
                    "kind": "village",
                    "parent_code": f"T{t:02d}",
                }
            )
    return rows


def mediator_of(org_code: str) -> str:
    return f"M{org_code}"


def case_rows(n: int, seed: int, start: date = date(2024, 1, 1), days: int = 366):
    """n synthetic cases: (org_code, received_on, source, category, key_groups, parties, amount, summary, status,
    outcome_on, agreement, closed_on, mediators, entered_at)."""
    rnd = random.Random(seed)
    villages = [r["code"] for r in org_rows() if r["kind"] == "village"]
    towns = [r["code"] for r in org_rows() if r["kind"] == "township"]
    orgs = villages + towns
    r_ = rnd.random
    choice = rnd.choice
    for _ in range(n):
        org = choice(orgs)
        received = start + timedelta(days=int(r_() * days))
        x = r_()
        outcome_on = agreement = closed_on = ""
        if x < 0.80:
            status, agreement = "succeeded", ("written" if r_() < 0.8 else "oral")
        elif x < 0.88:
            status = "failed"
        elif x < 0.91:
            status = "withdrawn"
        elif x < 0.96:
            status = "mediating"
        else:
            status = "received"
        if status in ("succeeded", "failed", "withdrawn"):
            od = received + timedelta(days=int(r_() * 20))
            outcome_on = od.isoformat()
            if r_() < 0.7:
                closed_on = (od + timedelta(days=int(r_() * 20))).isoformat()
        amount = "" if r_() < 0.3 else f"{int(r_() * 5_000_000) / 100:.2f}"
        summary = choice(SUMMARIES).format(a=choice(SURNAMES), b=choice(SURNAMES))
        yield (
            org,
            received.isoformat(),
            choice(SOURCES),
            choice(CATEGORIES),
            choice(KEY_GROUPS),
            2 + int(r_() * 3),
            amount,
            summary,
            status,
            outcome_on,
            agreement,
            closed_on,
            mediator_of(org),
            f"{(received + timedelta(days=int(r_() * 5))).isoformat()}T09:00:00",
        )


def timed(args: list[str], env: dict | None = None, runs: int = 3) -> float:
    """Median wall time of ``runs`` runs of the installed command (a subprocess, start-up included)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run([MEDIATION, *args], env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            raise SystemExit(f"failed: mediation {' '.join(args)}\n{p.stderr}")
    return statistics.median(times)
