#!/usr/bin/env python3
"""The people behind the sample banner's numbers (issue 9): training sign-in sheets, grade changes, star re-ratings,
typical cases and publicity submissions, generated from the sample's mediators, orgs and cases.

    python scripts/generate_sample_people.py      # also run at the end of scripts/generate_sample.py

Standard library only and deterministic (its own random.Random(9), so the other sample files are not touched):
running it again rewrites training.csv, grades.csv, ratings.csv, typical.csv and publicity.csv byte for byte.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "mediation_cli" / "sample"
rng = random.Random(9)


CATEGORY = {
    "marriage_family": "婚姻家庭",
    "neighbour": "邻里",
    "housing_homestead": "房屋宅基地",
    "production_business": "生产经营",
    "forest_land": "山林土地",
    "land_acquisition": "征地拆迁",
    "medical": "医疗",
    "road_traffic": "道路交通",
    "labour": "劳动争议",
    "finance_lending": "借贷",
    "consumer": "消费",
}


def read(name: str) -> list[dict]:
    with (OUT / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, fields: list[str], rows: list[dict]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def active(m: dict, day: str) -> bool:
    return m["joined_on"] <= day and (not m["left_on"] or m["left_on"] > day)


mediators = read("mediators.csv")
orgs = {o["code"]: o for o in read("orgs.csv")}
cases = read("cases.csv")

# -- training.csv: a sign-in sheet of the year's sessions (one row per attendee) --------------------------------
SESSIONS = [
    # date, organiser, topic, hours, who: a share of everyone or an org-kind prefix
    ("2024-03-20", "乌审旗司法局", "“高质量调解年”专项行动动员培训", "4", ("T", "I", "W"), 1.0),
    ("2024-04-17", "乌审旗司法局", "人民调解法与调解文书制作", "6", ("T", "V"), 0.45),
    ("2024-06-12", "鄂尔多斯市司法局", "矛盾纠纷排查化解实务（线上）", "3", ("T", "I", "W", "E"), 0.6),
    ("2024-08-22", "乌审旗司法局", "婚姻家庭与邻里纠纷调解技巧", "8", ("V",), 0.35),
    ("2024-09-26", "乌审旗司法局", "国庆前重大风险研判与上报", "2", ("T", "S"), 0.9),
    ("2024-10-30", "内蒙古自治区司法厅", "蒙汉双语调解员专题培训", "16", ("T", "V"), 0.08),
]
training = []
for day, organiser, topic, hours, prefixes, share in SESSIONS:
    pool = [m for m in mediators if active(m, day) and m["org_code"].startswith(prefixes)]
    if topic.startswith("蒙汉双语"):
        pool = [m for m in pool if m["ethnicity"] == "蒙古族"]
    chosen = sorted(rng.sample(pool, max(1, round(len(pool) * share))), key=lambda m: m["staff_no"])
    training += [
        {"held_on": day, "organiser": organiser, "topic": topic, "hours": hours, "staff_no": m["staff_no"],
         "name": m["name"]}
        for m in chosen
    ]
write("training.csv", ["held_on", "organiser", "topic", "hours", "staff_no", "name"], training)

# -- grades.csv: grades granted in 2024 (history: mediator edit --grade --grade-on) -----------------------------
ladder = ["四级", "三级", "二级", "一级"]
graded = [m for m in mediators if m["grade"] in ladder and active(m, "2024-07-01")]
grades = []
for m in sorted(rng.sample(graded, min(6, len(graded))), key=lambda m: m["staff_no"]):
    up = ladder[min(ladder.index(m["grade"]) + 1, len(ladder) - 1)]
    if up != m["grade"]:
        grades.append({"staff_no": m["staff_no"], "grade": up, "granted_on": "2024-07-01"})
fresh = [m for m in mediators if not m["grade"] and active(m, "2024-07-01") and m["joined_on"] <= "2022-06-30"]
for m in sorted(rng.sample(fresh, 8), key=lambda m: m["staff_no"]):
    grades.append({"staff_no": m["staff_no"], "grade": "四级", "granted_on": "2024-07-01"})
write("grades.csv", ["staff_no", "grade", "granted_on"], grades)

# -- ratings.csv: committees re-rated in 2024 (the rating keeps its history; the rest stay stale) ----------------
stale = sorted(
    (o for o in orgs.values() if o["star_rating"] and o["rated_on"] and o["rated_on"] < "2021-06-30"
     and not o["dissolved_on"]),
    key=lambda o: o["code"],
)
ratings = [
    {"org_code": o["code"], "star_rating": str(min(3, int(o["star_rating"]) + 1)), "rated_on": "2024-06-28"}
    for o in stale[: len(stale) // 2]
]
write("ratings.csv", ["org_code", "star_rating", "rated_on"], ratings)

# -- typical.csv and publicity.csv: typical cases of the year and submissions to the columns ---------------------
numbered = [{**c, "no": f"2024-{i}"} for i, c in enumerate(cases, start=1)]  # the order the import numbers them
good = [c for c in numbered if c["status"] == "succeeded" and c["agreement"] == "written" and c["outcome_on"] < "2024-10-01"]
picks = sorted(rng.sample(good, 5), key=lambda c: c["received_on"])
typical, publicity = [], []
for i, c in enumerate(picks, start=1):
    org = orgs[c["org_code"]]["name"].replace("人民调解委员会", "调委会")
    lead = c["mediators"].split(";")[0]
    name = next(m["name"] for m in mediators if m["staff_no"] == lead)
    title = f"{org}就地化解一起{CATEGORY.get(c['category'], '矛盾')}纠纷"
    text = (
        f"{c['received_on'][:4]}年{int(c['received_on'][5:7])}月，{org}受理一起纠纷：{c['summary']}。\n"
        f"调解员{name}当日上门了解情况，分别做双方工作，讲清法律规定与邻里情分。\n"
        "经多次调解，双方自愿达成书面调解协议并当场履行，回访时双方均表示满意。\n"
        "本案体现了“抓早抓小、就地化解”的要求，可供同类纠纷借鉴。"
    )
    day = c["outcome_on"]
    typical.append({"case": c["no"], "title": title, "text": text, "featured_on": day})
    outlet = "我的调解故事" if i % 2 else "我在司法行政第一线"
    published = i <= 3
    publicity.append(
        {"submitted_on": day, "outlet": outlet, "title": title, "author": lead, "case": c["no"],
         "published_on": (date.fromisoformat(day) + timedelta(days=20)).isoformat() if published else ""}
    )
publicity.append({"submitted_on": "2024-09-10", "outlet": "我在司法行政第一线", "title": "草原上的“和事佬”",
                  "author": "乌审旗司法局", "case": "", "published_on": ""})
write("typical.csv", ["case", "title", "text", "featured_on"], typical)
write("publicity.csv", ["submitted_on", "outlet", "title", "author", "case", "published_on"], publicity)
print(f"people: training {len(training)} rows ({len(SESSIONS)} sessions), grades {len(grades)}, ratings {len(ratings)}, "
      f"typical {len(typical)}, publicity {len(publicity)}")
