#!/usr/bin/env python3
"""Generate the fictional sample ledger of Uxin Banner (乌审旗) people's mediation, 2024.

    python scripts/generate_sample.py       # rewrites the CSV files of src/mediation_cli/sample/

Standard library only and deterministic (random.Random(20240325)): running it again rewrites the
files byte for byte.  Every name, ID-card number and phone number is generated; none belongs to a
real person.  The script ends with a self-check (assertions) and prints a summary.
"""

from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "mediation_cli" / "sample"
SEED = 20240325
rng = random.Random(SEED)

YEAR_START = date(2024, 1, 1)
SNAPSHOT = date(2024, 12, 20)  # the "today" of the data set: nothing is entered after it
LAST_RECEIVED = date(2024, 11, 25)
SCREEN_END = date(2024, 11, 28)
MID_YEAR = date(2024, 6, 30)
YEAR_END = date(2024, 12, 31)
CHANGE_DAY = date(2024, 9, 1)

KEY_PERIODS = {  # official 2024 holidays, and the 两会 window
    "spring_festival": (date(2024, 2, 10), date(2024, 2, 17)),
    "two_sessions": (date(2024, 3, 3), date(2024, 3, 15)),
    "may_day": (date(2024, 5, 1), date(2024, 5, 5)),
    "national_day": (date(2024, 10, 1), date(2024, 10, 7)),
}


def d(s: str) -> date:
    return date.fromisoformat(s)


def rand_date(lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def wchoice(weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def weekday_on_or_after(x: date) -> date:
    while x.weekday() >= 5:
        x += timedelta(days=1)
    return x


# ---------------------------------------------------------------------------------------------
# 1. Organisations
# ---------------------------------------------------------------------------------------------
ORG_FIELDS = ["code", "name", "kind", "parent_code", "has_conditions", "star_rating", "rated_on", "field",
              "established_on", "dissolved_on"]

TOWNS = [  # code, short name, committee name, judicial office name
    ("T01", "嘎鲁图镇", "嘎鲁图司法所"),
    ("T02", "乌审召镇", "乌审召司法所"),
    ("T03", "图克镇", "图克司法所"),
    ("T04", "乌兰陶勒盖镇", "乌兰陶勒盖司法所"),
    ("T05", "无定河镇", "无定河司法所"),
    ("T06", "苏力德苏木", "苏力德司法所"),
]

VILLAGES = {  # town code -> villages / communities (fictional committees with plausible names)
    "T01": ["团结社区", "萨拉乌苏社区", "苏里格社区", "文化社区", "巴音敖包嘎查", "查汗庙嘎查"],
    "T02": ["沙尔利格嘎查", "陶利嘎查", "呼和淖尔嘎查", "巴音温都尔嘎查", "乌审召嘎查", "嘎海乐嘎查"],
    "T03": ["图克嘎查", "黄陶勒盖嘎查", "梅林庙嘎查", "呼吉尔特嘎查", "葫芦素嘎查"],
    "T04": ["巴音希里嘎查", "乌兰陶勒盖嘎查", "巴彦柴达木嘎查", "布日都嘎查", "毛乌素嘎查"],
    "T05": ["河南村", "陶日木村", "排子湾村", "大沟湾村", "巴图湾村", "纳林河村"],
    "T06": ["查干淖尔嘎查", "塔来乌素嘎查", "额尔和图嘎查", "伊克乌素嘎查"],
}

NEW_VILLAGE = "文化社区"          # established 2024-04-15
DISSOLVED_VILLAGE = "大沟湾村"     # dissolved (merged into 河南村) 2024-08-31
NEW_VILLAGE_ON = d("2024-04-15")
DISSOLVED_ON = d("2024-08-31")

orgs: list[dict] = []
org_by_code: dict[str, dict] = {}
place_of: dict[str, str] = {}  # org code -> short place name used in summaries


def add_org(**kw) -> dict:
    row = {k: "" for k in ORG_FIELDS}
    row.update({k: v for k, v in kw.items() if v is not None})
    orgs.append(row)
    org_by_code[row["code"]] = row
    return row


add_org(code="WSQ", name="乌审旗司法局", kind="administrative", established_on="1990-01-01")
place_of["WSQ"] = "乌审旗"

for tcode, town, _office in TOWNS:
    add_org(code=tcode, name=f"{town}人民调解委员会", kind="township", parent_code="WSQ",
            established_on=rand_date(d("2010-03-01"), d("2012-12-31")).isoformat())
    place_of[tcode] = town
for i, (tcode, town, office) in enumerate(TOWNS, 1):
    scode = f"S{i:02d}"
    add_org(code=scode, name=office, kind="judicial_office", parent_code=tcode,
            established_on=rand_date(d("2010-01-01"), d("2011-12-31")).isoformat())
    place_of[scode] = town

vcodes_by_town: dict[str, list[str]] = defaultdict(list)
n = 0
for tcode, names in VILLAGES.items():
    for vname in names:
        n += 1
        vcode = f"V{n:02d}"
        est = rand_date(d("2010-05-01"), d("2018-10-31"))
        row = add_org(code=vcode, name=f"{vname}人民调解委员会", kind="village", parent_code=tcode,
                      established_on=est.isoformat())
        if vname == NEW_VILLAGE:
            row["established_on"] = NEW_VILLAGE_ON.isoformat()
        if vname == DISSOLVED_VILLAGE:
            row["dissolved_on"] = DISSOLVED_ON.isoformat()
        vcodes_by_town[tcode].append(vcode)
        place_of[vcode] = vname
assert n == 32

# exactly half the villages "have conditions" (有条件的), more often the communities and large 嘎查
village_codes = [o["code"] for o in orgs if o["kind"] == "village"]
with_conditions = set(rng.sample(village_codes, 16))
with_conditions |= {"V01", "V02"}  # the two big communities of the seat
with_conditions -= {"V04", "V26"}  # the brand-new one and the one being merged
for o in orgs:
    if o["kind"] == "village":
        o["has_conditions"] = "1" if o["code"] in with_conditions else "0"

for code, name, field, est in [
    ("I01", "乌审旗医疗纠纷人民调解委员会", "医患", "2015-09-18"),
    ("I02", "乌审旗道路交通事故纠纷人民调解委员会", "道路交通", "2017-06-06"),
    ("I03", "乌审旗劳动争议人民调解委员会", "劳动争议", "2018-04-12"),
]:
    add_org(code=code, name=name, kind="industry", parent_code="WSQ", field=field, established_on=est)
    place_of[code] = "乌审旗"
for code, name, field, est in [
    ("W01", "乌审旗人民法院诉前人民调解工作室", "诉调", "2018-03-20"),
    ("W02", "嘎鲁图派出所人民调解工作室", "警调", "2018-11-08"),
    ("W03", "乌审旗信访局人民调解工作室", "访调", "2019-05-15"),
]:
    add_org(code=code, name=name, kind="workroom", parent_code="WSQ", field=field, established_on=est)
    place_of[code] = "嘎鲁图镇"
add_org(code="E01", name="乌审旗能源化工企业人民调解委员会", kind="enterprise", parent_code="WSQ",
        has_conditions="1", established_on="2016-08-25")
add_org(code="E02", name="苏里格气田企业人民调解委员会", kind="enterprise", parent_code="WSQ",
        has_conditions="0", established_on="2019-10-10")
place_of["E01"] = "图克镇"
place_of["E02"] = "苏力德苏木"

COMMITTEE_KINDS = ("township", "village", "industry", "workroom", "enterprise")
committees = [o for o in orgs if o["kind"] in COMMITTEE_KINDS]

# star ratings (一星…三星): about two-thirds of the committees; four rated before 2021-06 (stale in 2024)
rateable = [o for o in committees if o["code"] != "V04"]
rated = rng.sample(rateable, round(len(committees) * 2 / 3))
stale = set(o["code"] for o in rng.sample(rated, 4))
for o in sorted(rated, key=lambda o: o["code"]):
    est = d(o["established_on"])
    if o["code"] in stale:
        when = rand_date(max(est + timedelta(days=365), d("2019-03-01")), d("2021-05-28"))
    else:
        when = rand_date(max(est + timedelta(days=365), d("2021-07-01")), d("2024-06-28"))
    o["rated_on"] = when.isoformat()
    o["star_rating"] = str(wchoice({1: 3, 2: 4, 3: 2} if o["kind"] == "village" else {1: 1, 2: 3, 3: 3}))


def is_active_org(o: dict, day: date) -> bool:
    if d(o["established_on"]) > day:
        return False
    return not (o["dissolved_on"] and d(o["dissolved_on"]) <= day)


# ---------------------------------------------------------------------------------------------
# 2. Mediators
# ---------------------------------------------------------------------------------------------
MED_FIELDS = ["staff_no", "name", "gender", "ethnicity", "org_code", "employment", "employment_from", "background",
              "appointment", "grade", "phone", "id_number", "joined_on", "left_on", "subsidy"]

HAN_SURNAMES = list("王李张刘高郝贺杨白马薛苏冯乔任呼拓陈赵黄周吴徐孙胡郭何梁宋韩曹田董袁于杜魏吕丁崔贾孟秦尹闫段雷侯史郑赵折刘王李张高")
HAN_MALE = ["建军", "志强", "海军", "永平", "国栋", "文斌", "小平", "俊峰", "红伟", "鹏飞", "利军", "春生", "保平",
            "振华", "建平", "卫东", "永军", "海涛", "继荣", "世杰", "锦程", "瑞", "勇", "刚", "强", "军", "亮", "斌",
            "宏伟", "庆丰", "德胜", "志国", "有福", "占山", "玉林", "晓东", "智勇", "国平", "长青", "金山", "忠",
            "彦军", "宝林", "建华", "振宇", "浩", "磊", "凯", "文军", "树林"]
HAN_FEMALE = ["秀英", "桂兰", "丽娟", "海燕", "玉梅", "艳", "娜", "静", "春花", "翠萍", "小燕", "丽", "霞", "红梅",
              "晓琴", "雪梅", "凤英", "彩霞", "美玲", "慧", "芳", "婷", "晓燕", "金花", "玉兰", "改莲", "润莲",
              "瑞芳", "爱琴", "丽萍", "亚楠", "悦", "佳", "海霞", "文娟"]
MONGOL_MALE = ["巴特尔", "乌力吉", "额尔敦", "宝音", "那仁满都拉", "阿拉坦仓", "朝鲁", "苏和", "巴雅尔", "孟和",
               "吉日嘎拉", "额尔德尼", "哈斯巴根", "乌日图", "毕力格", "布和", "达来", "格日勒图", "特木尔",
               "敖日格勒", "胡日查", "宝力道", "巴音孟和", "斯日古楞", "那顺", "图门", "吉雅图", "额日和木",
               "巴图", "其木德", "满都呼", "阿古拉", "道尔吉", "查干", "伊德尔", "包力高"]
MONGOL_FEMALE = ["其其格", "斯琴高娃", "萨仁", "图雅", "乌云", "娜仁花", "高娃", "阿荣", "萨日娜", "乌兰", "托娅",
                 "其木格", "格日乐", "塔娜", "苏日娜", "娜布其", "乌日娜", "敖登", "额尔登其其格", "呼和", "萨仁高娃",
                 "阿茹娜", "包金花", "斯琴"]
MONGOL_PREFIX = ["", "", "", "奇", "包", "白", "韩", "鲍"]  # many Ordos Mongolians also use a Han-style surname
HUI_SURNAMES = list("马白杨丁金")
MANCHU_SURNAMES = ["关", "佟", "那", "富", "赵"]
DAUR_SURNAMES = ["敖", "郭", "苏", "孟"]

used_names: set[str] = set()


def make_name(gender: str, ethnicity: str) -> str:
    for _ in range(200):
        if ethnicity == "蒙古族":
            base = rng.choice(MONGOL_MALE if gender == "male" else MONGOL_FEMALE)
            pre = rng.choice(MONGOL_PREFIX)
            name = base if base.startswith(pre) else pre + base
        else:
            if ethnicity == "回族":
                sur = rng.choice(HUI_SURNAMES)
            elif ethnicity == "满族":
                sur = rng.choice(MANCHU_SURNAMES)
            elif ethnicity == "达斡尔族":
                sur = rng.choice(DAUR_SURNAMES)
            else:
                sur = rng.choice(HAN_SURNAMES)
            name = sur + rng.choice(HAN_MALE if gender == "male" else HAN_FEMALE)
        if name not in used_names:
            used_names.add(name)
            return name
    raise RuntimeError("ran out of names")


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(s: str) -> bool:
    if len(s) != 18 or not s[:17].isdigit():
        return False
    try:
        date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return id_check_char(s[:17]) == s[17]


used_ids: set[str] = set()


def make_id(area: str, birth: date, gender: str) -> str:
    for _ in range(1000):
        seq = rng.randrange(1, 999)
        if (seq % 2 == 1) != (gender == "male"):
            seq += 1 if seq < 998 else -1
        first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
        number = first17 + id_check_char(first17)
        if number not in used_ids:
            used_ids.add(number)
            return number
    raise RuntimeError("ran out of ID numbers")


used_phones: set[str] = set()


def make_phone() -> str:
    while True:
        p = rng.choice(["139", "150", "152", "187"]) + f"{rng.randrange(10 ** 8):08d}"
        if p not in used_phones:
            used_phones.add(p)
            return p


def village_type(code: str) -> str:
    name = place_of[code]
    return "community" if name.endswith("社区") else "gacha" if name.endswith("嘎查") else "cun"


# --- the plan of the roster: how many per org, who is full-time, the deliberate problems ---
size: dict[str, int] = {}
for o in orgs:
    k = o["kind"]
    if k == "village":
        size[o["code"]] = rng.choice([4, 4, 5, 5, 6, 6])
    elif k == "township":
        size[o["code"]] = rng.randint(6, 9)
    elif k == "industry":
        size[o["code"]] = rng.randint(5, 7)
    elif k == "workroom":
        size[o["code"]] = rng.randint(3, 5)
    elif k == "enterprise":
        size[o["code"]] = rng.randint(3, 4)
    elif k == "judicial_office":
        size[o["code"]] = rng.randint(1, 2)
size["V04"] = 3   # the new community: all three joined in 2024
size["V26"] = 3   # merged away on 2024-08-31: all three leave that day
size["V30"] = 3   # one leaves 2024-03-31 -> only 2 active (人民调解法 art. 8: 3–9 members)
size["E02"] = 3   # one leaves 2024-06-15 -> only 2 active
size["V13"] = 4   # no woman
size["V25"] = 4   # no Mongolian member

NO_WOMAN = {"V13", "I02"}
NO_MONGOL = {"V25"}

# full-time mediators as of 2024-06-30 (before the September conversions)
FULL_TIME = {"I01": 3, "I02": 2, "I03": 3, "W01": 2, "W02": 1, "W03": 1,
             "T01": 2, "T02": 2, "T03": 1, "T04": 1, "T05": 0, "T06": 1, "V01": 1, "E01": 1}
# part-timers who become full-time on 2024-09-01 (mediator_changes.csv)
CONVERT = {"T03": 1, "T04": 1, "T05": 2, "W02": 1, "I02": 1}

BACKGROUNDS = {
    "village": {"cadre": 40, "grid_worker": 25, "other": 20, "teacher": 10, "retired_official": 5},
    "township": {"cadre": 40, "retired_official": 15, "lawyer": 10, "teacher": 10, "grid_worker": 10,
                 "retired_police": 5, "other": 10},
    "judicial_office": {"cadre": 1},
    "I01": {"doctor": 50, "lawyer": 25, "retired_official": 25},
    "I02": {"retired_police": 40, "lawyer": 30, "retired_official": 30},
    "I03": {"lawyer": 35, "retired_official": 45, "cadre": 20},
    "W01": {"retired_judge": 50, "lawyer": 40, "retired_prosecutor": 10},
    "W02": {"retired_police": 70, "lawyer": 15, "other": 15},
    "W03": {"retired_official": 50, "lawyer": 25, "cadre": 25},
    "enterprise": {"other": 50, "cadre": 25, "lawyer": 25},
}
RETIRED = {"retired_judge", "retired_prosecutor", "retired_police", "retired_official"}


def mongol_rate(o: dict) -> float:
    if o["kind"] == "village":
        return {"gacha": 0.42, "community": 0.18, "cun": 0.03}[village_type(o["code"])]
    if o["kind"] == "township":
        return 0.15 if o["code"] == "T05" else 0.28
    return 0.15


mediators: list[dict] = []
staff_counter = 0

for o in orgs:
    code = o["code"]
    if code not in size:
        continue
    n_people = size[code]
    est = d(o["established_on"])
    ft_left = FULL_TIME.get(code, 0)
    people = []
    for _ in range(n_people):
        gender = "female" if rng.random() < 0.35 else "male"
        if code in NO_WOMAN:
            gender = "male"
        r = rng.random()
        if code in NO_MONGOL:
            ethnicity = "汉族" if r < 0.9 else "回族"
        elif r < mongol_rate(o):
            ethnicity = "蒙古族"
        elif r > 0.97:
            ethnicity = rng.choice(["回族", "满族", "达斡尔族"])
        else:
            ethnicity = "汉族"
        people.append({"gender": gender, "ethnicity": ethnicity})
    # the composition rules hold everywhere except where a problem is planted on purpose
    if o["kind"] in COMMITTEE_KINDS:
        if code not in NO_WOMAN and not any(p["gender"] == "female" for p in people):
            people[-1]["gender"] = "female"
        if code not in NO_MONGOL and not any(p["ethnicity"] == "蒙古族" for p in people):
            people[0]["ethnicity"] = "蒙古族"
    for j, p in enumerate(people):
        staff_counter += 1
        kind = o["kind"]
        full = j < ft_left
        bg_table = BACKGROUNDS.get(code) or BACKGROUNDS[kind]
        background = wchoice(bg_table)
        if kind == "village" and village_type(code) == "community" and background == "cadre" and rng.random() < .5:
            background = "grid_worker"
        lo = max(est, d("2015-01-01"))
        hi = max(d("2023-12-15"), est)
        joined = rand_date(lo, hi) if rng.random() < 0.85 else rand_date(est, hi)
        if kind == "judicial_office":
            joined = rand_date(max(est, d("2012-01-01")), d("2022-12-31"))
        if background in RETIRED:
            birth = rand_date(d("1957-01-01"), d("1966-06-30"))
            # a retiree joins after retiring (at 55–60)
            joined = max(joined, date(birth.year + 56, 3, 1), est)
            if joined > hi:
                joined = rand_date(max(est, d("2022-01-01")), hi)
        else:
            birth = rand_date(d("1960-01-01"), d("1996-12-31"))
            if birth.year > joined.year - 24:
                birth = birth.replace(year=joined.year - 24 - rng.randint(0, 12), day=min(birth.day, 28))
        area = wchoice({"150626": 88, "150602": 4, "152723": 3, "610825": 5})
        if code.startswith("V") and org_by_code[code]["parent_code"] == "T05" and rng.random() < 0.25:
            area = "610825"  # the Shaanxi side of the 无定河 valley (定边县)
        if kind == "village":
            appointment = "elected" if rng.random() < 0.85 else "hired"
        elif kind in ("industry", "workroom", "judicial_office"):
            appointment = "hired"
        else:
            appointment = "hired" if rng.random() < 0.5 else "elected"
        if full:
            appointment = "hired"
        grade = ""
        if rng.random() < (0.35 if full else 0.06):
            grade = wchoice({"一级": 2, "二级": 3, "三级": 3, "四级": 2, "首席": 1, "金牌": 1, "银牌": 1})
        if kind == "judicial_office":
            subsidy = ""
        elif full:
            subsidy = str(rng.randrange(2000, 3501, 100))
        else:
            subsidy = str(rng.randrange(200, 801, 50))
        m = {
            "staff_no": f"M{staff_counter:04d}",
            "name": make_name(p["gender"], p["ethnicity"]),
            "gender": p["gender"],
            "ethnicity": p["ethnicity"],
            "org_code": code,
            "employment": "full_time" if full else "part_time",
            "employment_from": joined.isoformat() if full else "",
            "background": background,
            "appointment": appointment,
            "grade": grade,
            "phone": make_phone(),
            "id_number": make_id(area, birth, p["gender"]),
            "joined_on": joined.isoformat(),
            "left_on": "",
            "subsidy": subsidy,
        }
        mediators.append(m)

med_by_no = {m["staff_no"]: m for m in mediators}
meds_of: dict[str, list[dict]] = defaultdict(list)
for m in mediators:
    meds_of[m["org_code"]].append(m)

# --- joiners and leavers of 2024 ---
for m in meds_of["V04"]:  # the new community's committee
    m["joined_on"] = (NEW_VILLAGE_ON + timedelta(days=rng.choice([0, 0, 3]))).isoformat()
for m in meds_of["V26"]:  # merged away
    m["left_on"] = DISSOLVED_ON.isoformat()
meds_of["V30"][1]["left_on"] = "2024-03-31"
e02_leaver = [m for m in meds_of["E02"] if m["gender"] == "male" and m["ethnicity"] != "蒙古族"] or \
    [m for m in meds_of["E02"] if m["gender"] == "male"]
e02_leaver[0]["left_on"] = "2024-06-15"  # keeps its woman and its Mongolian member, but drops to 2
i03_ft = [m for m in meds_of["I03"] if m["employment"] == "full_time"]
i03_ft[-1]["left_on"] = "2024-10-31"  # a full-time labour mediator leaves: the committee falls short again
# five more people join during 2024 (two of them after mid-year)
pool = [m for m in mediators if m["employment"] == "part_time" and m["org_code"] not in
        ("V04", "V26", "V30", "E02") and not m["org_code"].startswith("S") and m["background"] not in RETIRED]
for m, when in zip(rng.sample(pool, 5), ["2024-01-08", "2024-03-18", "2024-05-06", "2024-07-15", "2024-09-23"], strict=True):
    m["joined_on"] = when

# --- the September conversions (part-time -> full-time from 2024-09-01) ---
changes: list[dict] = []
for code, k in CONVERT.items():
    cands = [m for m in meds_of[code] if m["employment"] == "part_time" and not m["left_on"]
             and d(m["joined_on"]) < YEAR_START]
    cands.sort(key=lambda m: m["staff_no"])
    for m in cands[:k]:
        m["appointment"] = "hired"
        changes.append({"staff_no": m["staff_no"], "employment": "full_time",
                        "employment_from": CHANGE_DAY.isoformat()})
changes.sort(key=lambda c: c["staff_no"])


def is_active_med(m: dict, day: date) -> bool:
    if d(m["joined_on"]) > day:
        return False
    return not (m["left_on"] and d(m["left_on"]) <= day)


def employment_on(m: dict, day: date) -> str:
    emp = m["employment"]
    for c in changes:
        if c["staff_no"] == m["staff_no"] and d(c["employment_from"]) <= day:
            emp = c["employment"]
    return emp


def share_on(day: date) -> tuple[int, int]:
    act = [m for m in mediators if is_active_med(m, day)]
    return sum(employment_on(m, day) == "full_time" for m in act), len(act)


# ---------------------------------------------------------------------------------------------
# 3. Cases
# ---------------------------------------------------------------------------------------------
CASE_FIELDS = ["case_no", "org_code", "received_on", "source", "category", "key_groups", "parties", "amount",
               "summary", "risk_level", "risk_types", "major", "status", "outcome_on", "agreement", "closed_on",
               "mediators", "reported_on", "screening_id", "entered_at"]

CASES_PER_KIND = {"village": (4, 11), "township": (9, 14), "judicial_office": (3, 5)}
CASES_FIXED = {"I01": 15, "I02": 21, "I03": 16, "W01": 15, "W02": 11, "W03": 8, "E01": 3, "E02": 2}

CAT_WEIGHTS = {
    "gacha": {"marriage_family": 32, "neighbour": 24, "forest_land": 20, "housing_homestead": 6,
              "production_business": 6, "finance_lending": 5, "labour": 3, "land_acquisition": 2, "pollution": 2,
              "insurance": 1, "other": 3, "live_streaming": 0.5, "ecommerce": 0.5, "tourism": 0.5},
    "cun": {"marriage_family": 32, "neighbour": 26, "housing_homestead": 14, "forest_land": 12,
            "production_business": 6, "finance_lending": 5, "labour": 4, "land_acquisition": 2, "pollution": 1,
            "consumer": 1, "other": 3},
    "community": {"marriage_family": 30, "neighbour": 30, "housing_homestead": 6, "consumer": 5,
                  "finance_lending": 5, "labour": 4, "delivery": 5, "ecommerce": 3, "live_streaming": 2,
                  "social_commerce": 1, "education_training": 2, "payment": 1, "sharing": 1, "other": 4},
    "township": {"marriage_family": 22, "neighbour": 17, "forest_land": 14, "housing_homestead": 8,
                 "production_business": 9, "land_acquisition": 6, "labour": 9, "construction": 5,
                 "finance_lending": 7, "pollution": 3, "consumer": 2, "road_traffic": 2, "private_enterprise": 1,
                 "delivery": 1, "other": 3},
    "judicial_office": {"marriage_family": 20, "neighbour": 15, "forest_land": 15, "housing_homestead": 8,
                        "land_acquisition": 6, "labour": 8, "finance_lending": 10, "production_business": 8,
                        "construction": 4, "other": 3},
    "I01": {"medical": 1}, "I02": {"road_traffic": 1}, "I03": {"labour": 1},
    "W01": {"finance_lending": 30, "marriage_family": 15, "construction": 10, "production_business": 10,
            "consumer": 6, "insurance": 6, "private_enterprise": 6, "intellectual_property": 4, "housing_homestead": 5,
            "ecommerce": 4, "other": 4},
    "W02": {"neighbour": 35, "marriage_family": 20, "consumer": 10, "delivery": 14, "finance_lending": 8,
            "road_traffic": 6, "payment": 4, "other": 7},
    "W03": {"land_acquisition": 35, "labour": 25, "construction": 15, "housing_homestead": 10, "forest_land": 10,
            "pollution": 5},
    "enterprise": {"labour": 3, "production_business": 1},
}

SOURCE_WEIGHTS = {
    "village": {"application": 40, "screening": 35, "proactive": 15, "assigned": 6, "referred": 4},
    "township": {"application": 38, "screening": 25, "assigned": 15, "referred": 12, "proactive": 10},
    "judicial_office": {"application": 40, "screening": 20, "assigned": 15, "referred": 15, "proactive": 10},
    "industry": {"application": 60, "referred": 35, "assigned": 5},
    "W01": {"court": 1}, "W02": {"police": 1}, "W03": {"petition": 1},
    "enterprise": {"application": 60, "screening": 30, "proactive": 10},
}

GROUP_CATS = {"labour", "construction", "land_acquisition", "forest_land", "pollution"}
BIG_AMOUNT_CATS = {"land_acquisition", "construction", "forest_land"}

MONGOL_SUR = list("巴乌其额宝萨图那斯阿孟苏包白奇")
HAN_SUR = list("王李张刘高郝贺杨马薛苏冯乔任陈赵周吴孙胡郭何韩田")

T = {  # summaries: {a},{b} = 某-style anonymous persons, {p} = place (may be empty), {n} = parties
    "marriage_family": [
        "{a}与{b}夫妻因家庭琐事长期争吵，女方提出离婚",
        "{p}村民{a}与儿媳因赡养老人问题发生矛盾",
        "{a}兄妹三人因父母赡养费分摊产生纠纷",
        "{a}与前妻{b}因子女抚养费及探视问题发生争执",
        "离婚后双方因共同财产分割发生纠纷",
        "{a}与其子因老人赡养及房屋居住问题发生矛盾",
        "{a}家兄弟因继承父亲遗留的草场经营权发生纠纷",
        "{a}、{b}两家因彩礼返还问题发生争执",
        "夫妻因丈夫酗酒引发家庭矛盾，妇联协同调解",
        "{p}{a}老人反映子女未按约定支付赡养费",
        "{a}与{b}婚后因债务承担问题产生矛盾",
    ],
    "neighbour": [
        "邻里因排水沟堵塞发生争执",
        "{a}与{b}两户因院墙滴水问题发生口角",
        "{p}{a}家牛羊进入{b}家饲草地引发邻里纠纷",
        "楼上{a}家卫生间漏水致楼下{b}家墙面受损",
        "{a}与邻居{b}因通行道路被占发生争执",
        "{a}家犬只咬伤邻居{b}，双方就医疗费发生纠纷",
        "{a}与{b}因琐事发生推搡，双方情绪激动",
        "{p}两户因围栏位置发生争执",
        "邻里因楼道堆放杂物发生矛盾",
        "因装修噪音扰民引发邻里纠纷",
        "{a}在自家门前堆放柴草，邻居{b}担心火灾隐患要求清理",
    ],
    "housing_homestead": [
        "{a}与{b}因宅基地界址不清发生纠纷",
        "{p}村民{a}翻建房屋占用公共通道引发争执",
        "兄弟二人因老宅分割发生纠纷",
        "{a}购买{b}房屋后因过户问题发生纠纷",
        "因房屋租赁合同到期押金退还发生争执",
        "{a}新建棚圈遮挡{b}家采光引发纠纷",
    ],
    "forest_land": [
        "因草场边界划分引发纠纷，双方各执一词",
        "{a}与{b}两户因草场围栏越界发生争执",
        "{p}两个牧业社因草场使用权界线发生纠纷",
        "{a}将承包草场转租{b}后因租金支付发生纠纷",
        "因草原确权登记面积不一致引发争议",
        "农户间因承包地边界及灌溉用水发生纠纷",
        "{a}与{b}因林地补偿款分配发生争执",
        "牧户间因轮牧期偷牧问题发生矛盾",
        "{p}{a}等户对草场补奖资金分配有异议",
        "{a}与{b}因承包地调整发生争执",
        "{a}将承包地流转给{b}后因流转费支付发生纠纷",
        "{p}两户因沙柳林地界线不清发生纠纷",
    ],
    "production_business": [
        "{a}与{b}合伙养殖肉羊，因利润分配发生纠纷",
        "羊绒收购款拖欠引发买卖纠纷",
        "{a}向{b}购买饲草料后因质量问题拒付货款",
        "农机作业费结算发生争议",
        "合伙经营农家乐因账目不清发生纠纷",
        "牧户与收购商因活畜交易价格发生争执",
        "{a}租用{b}的机井浇地，因电费分摊发生纠纷",
    ],
    "land_acquisition": [
        "因煤矿征地补偿标准引发部分群众不满",
        "{p}部分村民对道路建设征地补偿款分配有异议",
        "天然气输气管道占地补偿纠纷",
        "棚户区改造拆迁安置补偿纠纷",
        "{a}对承包地被占用修路的青苗补偿标准有异议",
    ],
    "pollution": [
        "养殖场异味扰民引发周边居民不满",
        "企业排放粉尘影响周边牧户草场，牧户要求赔偿",
        "餐饮店油烟噪声扰民引发纠纷",
        "{p}煤矿疏干水外排淹没部分草场引发纠纷",
    ],
    "medical": [
        "患者家属对手术效果不满，与医院发生纠纷",
        "患者住院期间摔伤，家属要求医院赔偿",
        "产妇家属认为医院延误治疗，要求赔偿",
        "患者对药物不良反应处理结果有异议",
        "患者术后感染，双方就赔偿金额协商未果",
        "患者家属对老人抢救过程存疑，要求医院说明",
        "患者认为医院误诊延误治疗，要求退还医疗费",
    ],
    "road_traffic": [
        "两车追尾事故，双方就车辆维修费用发生争议",
        "电动车与行人相撞致人受伤，就医疗费赔偿发生纠纷",
        "货车与私家车剐蹭，双方就责任划分发生争执",
        "拉煤车与越野车碰撞，就误工费及车损赔偿发生纠纷",
        "羊群横穿公路被撞死数只，牧户与司机就赔偿发生纠纷",
        "交通事故致一人受伤住院，双方就赔偿金额差距较大",
        "摩托车与三轮车相撞，双方就医疗费分担发生纠纷",
    ],
    "labour": [
        "{a}等人被拖欠工资，要求包工头支付",
        "员工在工作中受伤，与用人单位就工伤待遇发生争议",
        "{a}与餐饮店因解除劳动关系经济补偿发生纠纷",
        "{a}受雇放牧一年，雇主拖欠放牧工资",
        "装卸工与物流公司因加班费发生争议",
        "劳务派遣人员要求用人单位补缴社会保险",
        "{a}在建筑工地务工受伤，与包工头就赔偿发生争执",
    ],
    "construction": [
        "施工方与建设方因工程款结算发生纠纷",
        "房屋装修质量问题引发纠纷",
        "{a}承包的工程完工后，发包方{b}拖欠工程款",
        "棚圈建设工程款结算纠纷",
        "{p}自建房施工中工人摔伤，双方就赔偿发生纠纷",
    ],
    "finance_lending": [
        "{a}向{b}借款到期未还引发纠纷",
        "亲戚间借款因利息约定不明发生争执",
        "{a}为{b}担保贷款，因代偿问题发生纠纷",
        "民间借贷本金及利息返还纠纷",
        "{a}借款购买牛犊后无力偿还，出借人{b}要求还款",
    ],
    "consumer": [
        "消费者购买的家电出现质量问题，与商家协商退换未果",
        "顾客在理发店办理预付卡后商家停业，要求退款",
        "购买化肥后出苗率低，与农资店发生纠纷",
        "购买二手车后发现事故隐瞒，要求退车",
    ],
    "education_training": [
        "家长与培训机构因退费问题发生纠纷",
        "学生在校活动中受伤，家长与学校就赔偿发生争执",
    ],
    "insurance": [
        "牲畜保险理赔金额争议",
        "车辆保险理赔金额争议",
    ],
    "private_enterprise": [
        "两家民营企业因货款结算发生纠纷",
        "民营企业与供货商因合同违约发生争议",
    ],
    "intellectual_property": [
        "商户使用他人注册商标招牌引发侵权纠纷",
        "{a}店铺擅自使用他人拍摄的产品图片引发纠纷",
    ],
    "tourism": [
        "游客在牧家游景点骑马摔伤，与经营户就赔偿发生纠纷",
    ],
    "delivery": [
        "外卖骑手与商家因配送费结算发生纠纷",
        "快递包裹丢失，收件人与快递网点就赔偿发生争执",
        "外卖骑手送餐途中与行人发生碰撞引发赔偿纠纷",
    ],
    "live_streaming": [
        "通过网络直播购买的牛肉干质量问题引发纠纷",
        "主播与直播运营公司因提成分配发生纠纷",
    ],
    "ecommerce": [
        "网购羊绒衫与描述不符，买家与网店店主发生纠纷",
        "网店店主与供货方因退货款结算发生争议",
    ],
    "social_commerce": ["通过微信朋友圈购买保健品后要求退款引发纠纷"],
    "payment": ["扫码支付时错转款项，要求收款方返还"],
    "sharing": ["共享电动车押金退还纠纷"],
    "other": [
        "村民对集体收益分配方案有异议",
        "{p}两户因共用饮水井维修费用发生矛盾",
        "{a}借用{b}的车辆后发生损坏，双方就修理费发生争执",
        "{a}与{b}因宠物丢失引发纠纷",
    ],
}

GROUP_T = {  # disputes with many parties ({n} = parties)
    "labour": ["{n}名农民工被拖欠工资，要求包工头支付", "某劳务公司{n}名员工因停工期间工资发放问题发生争议"],
    "construction": ["{n}名工人因工程项目拖欠劳务费讨要工资",
                     "{p}易地搬迁安置房项目{n}户业主因工程质量问题与施工方发生纠纷"],
    "land_acquisition": ["{p}{n}户村民对光伏项目占用草场补偿有异议", "{p}{n}户牧民对征地补偿标准有异议",
                         "{p}{n}户村民对征地补偿标准有异议",                          "{n}户居民对棚户区改造安置方案有异议"],
    "forest_land": ["{p}{n}户牧民因草场边界与相邻嘎查发生争议", "{p}{n}户牧民对草场补奖资金分配有异议",
                    "两个牧业社{n}户牧民因草场使用权界线发生纠纷", "{p}{n}户村民因承包地边界与邻村发生争议",
                    "{p}{n}户村民对退耕还林补助资金分配有异议"],
    "pollution": ["{p}{n}户牧民反映煤矿疏干水外排淹没草场，要求赔偿", "{p}{n}户居民反映企业粉尘污染，要求治理并赔偿"],
}

MASS_T = {  # group disputes judged at risk of a mass incident (群体性事件)
    "labour": ["{n}名农民工聚集讨要拖欠工资，情绪激动"],
    "construction": ["某工程项目{n}名农民工聚集讨要拖欠劳务费，扬言集体上访"],
    "land_acquisition": ["{p}{n}户牧民对征地补偿不满，酝酿集体上访", "{p}{n}户村民对征地补偿不满，酝酿集体上访"],
    "forest_land": ["{p}{n}户牧民因草场边界与相邻嘎查对峙，有发生群体冲突苗头",
                    "{p}{n}户村民因承包地边界与邻村对峙，有发生群体冲突苗头"],
    "pollution": ["{p}{n}户牧民反映煤矿疏干水淹没草场，聚集企业门口要求赔偿"],
}

RISK_T = {
    "civil_to_criminal": ["{a}与{b}因{x}积怨已久，一方扬言报复，存在民转刑风险",
                          "{a}与{b}因{x}发生肢体冲突致轻微伤，矛盾有激化苗头",
                          "{a}与{b}因{x}多次争吵，一方持械威胁，存在民转刑风险",
                          "{a}酒后到{b}家中滋事，双方因{x}矛盾激化"],
    "individual_extreme": ["{a}因{x}情绪激动，多次扬言采取极端行为",
                           "{a}因{x}诉求未获满足，扬言采取过激行为"],
    "public_opinion": ["当事人家属在网络发布信息，引发舆情关注",
                       "{a}因{x}在短视频平台发布视频，引发网民关注"],
    "criminal_to_homicide": ["{a}与{b}因{x}曾发生持械伤人，矛盾持续激化",
                             "{a}与{b}因{x}发生斗殴致一方受伤住院，矛盾尚未化解"],
}
RISK_X = {"marriage_family": "婚姻家庭矛盾", "neighbour": "邻里琐事", "forest_land": "草场边界",
          "housing_homestead": "宅基地界址", "finance_lending": "借款偿还", "labour": "拖欠工资",
          "land_acquisition": "征地补偿", "construction": "工程款", "medical": "诊疗结果",
          "road_traffic": "交通事故赔偿", "production_business": "合伙账目"}


def anon(pastoral: bool, exclude: str = "") -> str:
    for _ in range(20):
        s = rng.choice(MONGOL_SUR if pastoral and rng.random() < 0.6 else HAN_SUR) + "某"
        if s != exclude:
            return s
    return "刘某"


PASTORAL_WORDS = ("草场", "牧", "牛犊", "羊")
FARMING_WORDS = ("承包地", "农户", "浇地", "化肥")
URBAN_WORDS = ("楼", "装修", "棚户区")


def suits(template: str, code: str) -> bool:
    """Keep grassland stories out of the farming villages and the town, and field stories out of the 嘎查."""
    kind = (village_type(code) if code.startswith("V") else "town" if code[0] in "WE"
            else "cun" if code in ("T05", "S05") else "mixed")  # 无定河镇: the Han farming south
    if kind in ("cun", "gacha") and any(w in template for w in URBAN_WORDS):
        return False
    if kind in ("cun", "community", "town"):
        return not any(w in template for w in PASTORAL_WORDS)
    if kind == "gacha":
        return not any(w in template for w in FARMING_WORDS)
    return True


def pick_template(code: str, *choices: list[str] | None) -> str:
    """The first list with a template that suits the place; else anything from the first list."""
    lists = [c for c in choices if c]
    for options in lists:
        fitting = [t for t in options if suits(t, code)]
        if fitting:
            return rng.choice(fitting)
    return rng.choice(lists[0])


def fill(template: str, code: str, parties: int, category: str = "") -> str:
    pastoral = code.startswith("V") and village_type(code) == "gacha" or code in ("T02", "T04", "T06", "S02",
                                                                                  "S04", "S06")
    a = anon(pastoral)
    b = anon(pastoral, exclude=a)
    p = place_of[code] if rng.random() < 0.45 and code not in ("WSQ",) else ""
    return template.format(a=a, b=b, p=p, n=parties, x=RISK_X.get(category, "琐事"))


def case_date(lo: date, hi: date) -> date:
    """Weekdays three times as likely; spring/summer a little busier (grazing, construction season)."""
    while True:
        day = rand_date(lo, hi)
        w = (1.0 if day.weekday() < 5 else 0.35) * (1.25 if 4 <= day.month <= 8 else 1.0)
        if rng.random() < w / 1.25:
            return day


cases: list[dict] = []
for o in orgs:
    code, kind = o["code"], o["kind"]
    if kind in CASES_PER_KIND:
        lo_n, hi_n = CASES_PER_KIND[kind]
        count = rng.randint(lo_n, hi_n)
    elif code in CASES_FIXED:
        count = CASES_FIXED[code]
    else:
        continue
    if code in ("V04", "V26"):
        count = 4
    lo = max(d("2024-01-02"), d(o["established_on"]))
    hi = LAST_RECEIVED if not o["dissolved_on"] else d(o["dissolved_on"]) - timedelta(days=1)
    cat_w = CAT_WEIGHTS.get(code) or (CAT_WEIGHTS[village_type(code)] if kind == "village" else CAT_WEIGHTS[kind])
    src_w = SOURCE_WEIGHTS.get(code) or SOURCE_WEIGHTS[kind]
    for _ in range(count):
        cases.append({"org_code": code, "received_on": case_date(lo, hi), "category": wchoice(cat_w),
                      "source": wchoice(src_w)})

# make sure every key period has cases in it: re-date a few cases of orgs active then
for name, (k_lo, k_hi) in KEY_PERIODS.items():
    want = {"spring_festival": 6, "two_sessions": 8, "may_day": 5, "national_day": 6}[name]
    have = [c for c in cases if k_lo <= c["received_on"] <= k_hi]
    cands = [c for c in cases if not (k_lo <= c["received_on"] <= k_hi) and c["org_code"] not in ("V04", "V26")
             and not any(a <= c["received_on"] <= b for a, b in KEY_PERIODS.values())]
    for c in rng.sample(cands, max(0, want - len(have))):
        c["received_on"] = rand_date(k_lo, k_hi)

cases.sort(key=lambda c: (c["received_on"], c["org_code"]))

# a handful of new-business-form disputes (新业态), handled where they turn up: communities, the police workroom
NEW_FORMS = ["ecommerce", "live_streaming", "delivery", "ecommerce", "live_streaming", "social_commerce"]
nbf_pool = [c for c in cases if c["org_code"] in ("V01", "V02", "V03", "W02", "T01")
            and c["category"] in ("consumer", "other", "neighbour", "finance_lending")]
for cat, c in zip(NEW_FORMS, rng.sample(nbf_pool, len(NEW_FORMS)), strict=True):
    c["category"] = cat

# --- group disputes, major difficult cases, risk ---
for c in cases:
    cat = c["category"]
    if cat in GROUP_CATS and rng.random() < 0.12:
        c["parties"] = rng.randint(10, 40)
    else:
        c["parties"] = wchoice({2: 70, 3: 14, 4: 8, 5: 5, 6: 3})
    c["key_groups"] = []
    c["risk_level"] = "normal"
    c["risk_types"] = []
    c["major"] = False
    c["template"] = None

major_cands = [c for c in cases if c["category"] in ("land_acquisition", "construction", "forest_land", "labour")
               and c["org_code"][0] in "TSWIV" and c["org_code"] != "V26" and c["received_on"] < d("2024-10-15")]
major_cands.sort(key=lambda c: (c["category"] not in ("land_acquisition", "construction"), c["org_code"][0] == "V"))
major_cases = major_cands[:3] + rng.sample(major_cands[3:], 5)
for c in major_cases:
    c["major"] = True
    c["parties"] = max(c["parties"], rng.randint(8, 35))

# risk: ~6 major, ~15 elevated; plus normal-level group disputes typed as mass incidents
risky_major = rng.sample([c for c in cases if c["parties"] >= 10 or c["major"]], 6)
for c in risky_major:
    c["risk_level"] = "major"
    c["risk_types"] = ["mass_incident"] if c["parties"] >= 10 else ["civil_to_criminal"]
    if rng.random() < 0.3:
        c["risk_types"].append("public_opinion")
# a fresh group dispute from late November, still open and not yet reported upward
hot = rng.choice([c for c in cases if c["received_on"] >= d("2024-11-01") and c["risk_level"] == "normal"
                  and c["category"] in ("labour", "construction", "land_acquisition") and not c["major"]
                  and c["org_code"][0] in "TSWI"])
hot.update(parties=rng.randint(15, 30), risk_level="major", risk_types=["mass_incident"])
elev_pool = [c for c in cases if c["risk_level"] == "normal" and c["category"] in RISK_X and c["org_code"][0] != "E"]
for c in rng.sample(elev_pool, 15):
    c["risk_level"] = "elevated"
    if c["parties"] >= 10:
        c["risk_types"] = ["mass_incident"]
    elif c["category"] == "medical":
        c["risk_types"] = ["public_opinion"]
    else:
        c["risk_types"] = [wchoice({"civil_to_criminal": 6, "individual_extreme": 3, "criminal_to_homicide": 1})]
for c in cases:
    if c["risk_level"] == "normal" and c["parties"] >= 10 and rng.random() < 0.5:
        c["risk_types"] = ["mass_incident"]

# key groups
for c in cases:
    groups = []
    if c["category"] in ("labour", "construction") and (c["parties"] >= 10 or rng.random() < 0.5):
        groups.append("migrant_workers")
    r = rng.random()
    if r < 0.05:
        groups.append("elderly")
    elif r < 0.09:
        groups.append("hardship")
    elif r < 0.12 and c["category"] == "marriage_family":
        groups.append("women_children")
    elif r < 0.135:
        groups.append("veterans")
    elif r < 0.15:
        groups.append("disabled")
    elif r < 0.20 and c["category"] in ("education_training", "marriage_family", "delivery", "live_streaming"):
        groups.append("youth")
    if c["category"] == "marriage_family" and "women_children" not in groups and rng.random() < 0.10:
        groups.append("women_children")
    if c["category"] == "marriage_family" and "elderly" not in groups and rng.random() < 0.06:
        groups.append("elderly")
    c["key_groups"] = groups[:2]

# amounts


def money(x: float) -> str:
    """At most two decimals, no trailing zeros: 12800.5, 3500."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text


for c in cases:
    cat = c["category"]
    if cat == "marriage_family" and rng.random() < 0.75 or cat == "neighbour" and rng.random() < 0.55:
        c["amount"] = None
        continue
    if cat in BIG_AMOUNT_CATS:
        base = rng.choice([5000, 12000, 30000, 60000, 150000]) * (1 + rng.random())
        if c["major"] or c["parties"] >= 10:
            base = rng.randint(150000, 800000)
    elif cat in ("medical", "road_traffic", "labour"):
        base = rng.choice([3000, 8000, 20000, 50000]) * (0.6 + rng.random())
        if c["parties"] >= 10:
            base = rng.randint(60000, 400000)
    elif cat == "finance_lending":
        base = rng.choice([5000, 20000, 50000, 100000]) * (0.5 + rng.random())
    else:
        base = rng.choice([500, 1500, 3500, 8000]) * (0.5 + rng.random())
    if c["parties"] >= 10:
        base = max(base, rng.randint(50000, 600000))
    base = min(base, 800000)
    style = rng.random()
    if style < 0.7:
        amount = round(base / 100) * 100 or 100
        c["amount"] = f"{amount}"
    elif style < 0.85:
        c["amount"] = f"{round(base)}"
    elif style < 0.93:
        c["amount"] = money(round(base, 1))
    else:
        c["amount"] = money(round(base, 2))

# summaries
for c in cases:
    code = c["org_code"]
    if c["risk_types"] and c["risk_level"] != "normal":
        rt = c["risk_types"][0]
        if rt == "mass_incident" or c["parties"] >= 8:
            tmpl = pick_template(code, MASS_T.get(c["category"]), GROUP_T.get(c["category"]), T[c["category"]])
        else:
            tmpl = rng.choice(RISK_T[rt])
    elif c["parties"] >= 8 and c["category"] in GROUP_T:
        tmpl = pick_template(code, GROUP_T[c["category"]], T[c["category"]])
    else:
        tmpl = pick_template(code, T[c["category"]])
    c["summary"] = fill(tmpl, code, c["parties"], c["category"])

# --- status and outcome ---
pre_oct = [c for c in cases if c["received_on"] < d("2024-10-01")]
stalled = set(id(c) for c in rng.sample([c for c in pre_oct if not c["major"] and c["org_code"] not in
                                         ("V26",)], 6))
stalled |= set(id(c) for c in [c for c in major_cases if c["received_on"] < d("2024-10-01")][:4])


def settle_status() -> str:
    return wchoice({"succeeded": 90, "failed": 6.5, "withdrawn": 3.5})


for c in cases:
    r = c["received_on"]
    if id(c) in stalled or c is hot:
        c["status"] = "mediating"
    elif r >= d("2024-11-01"):
        c["status"] = wchoice({"received": 30, "mediating": 40, "settled": 30})
    elif r >= d("2024-10-01"):
        c["status"] = "mediating" if rng.random() < 0.04 else "settled"
    else:
        c["status"] = "settled"
    if c["status"] == "settled":
        c["status"] = settle_status()
    c["outcome_on"] = c["agreement"] = c["closed_on"] = None
    if c["status"] in ("succeeded", "failed", "withdrawn"):
        if c["major"]:
            lag = rng.randint(25, 90)
        elif c["parties"] == 2 and rng.random() < 0.3:
            lag = 0  # settled on the spot
        else:
            lag = wchoice({rng.randint(1, 7): 60, rng.randint(8, 20): 35, rng.randint(21, 30): 5})
        c["outcome_on"] = min(r + timedelta(days=lag), SNAPSHOT - timedelta(days=3))
        if c["status"] == "succeeded":
            small = c["amount"] is None or float(c["amount"]) < 3000
            c["agreement"] = "oral" if (small and c["parties"] <= 3 and rng.random() < 0.6) else "written"
        if r < d("2024-10-01") and rng.random() < 0.88:
            c["closed_on"] = min(c["outcome_on"] + timedelta(days=rng.choice([0, 0, 3, 7, 10, 15, 30])),
                                 SNAPSHOT - timedelta(days=1))
        elif r >= d("2024-10-01") and rng.random() < 0.15:
            c["closed_on"] = min(c["outcome_on"] + timedelta(days=rng.randint(0, 10)), SNAPSHOT - timedelta(days=1))

# --- risk reporting: most must-report cases reported; 3 left unreported, all still pending ---
must_report = [c for c in cases if c["risk_level"] == "major"
               or "civil_to_criminal" in c["risk_types"] or "mass_incident" in c["risk_types"]]
pending_must = [c for c in must_report if c["status"] in ("received", "mediating")]
for c in must_report:
    c["reported_on"] = min(c["received_on"] + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3])), SNAPSHOT)
unreported = [hot] + rng.sample([c for c in pending_must if c is not hot], min(2, len(pending_must) - 1))
if len(unreported) < 3:  # make up the number with recent cases that we keep pending
    extra = [c for c in must_report if c not in unreported and c["received_on"] >= d("2024-11-01")]
    for c in extra[: 3 - len(unreported)]:
        c["status"] = "mediating"
        c["outcome_on"] = c["agreement"] = c["closed_on"] = None
        unreported.append(c)
for c in unreported:
    c["reported_on"] = None
# one more unreported: an elevated civil-to-criminal case from this autumn, still mediating
late_one = [c for c in must_report if c not in unreported and c["risk_level"] == "elevated"
            and c["received_on"] >= d("2024-09-01")]
if late_one:
    c = late_one[0]
    c["status"] = "mediating"
    c["outcome_on"] = c["agreement"] = c["closed_on"] = None
    c["reported_on"] = None
    unreported.append(c)

# --- mediators assigned ---
for c in cases:
    code = c["org_code"]
    r = c["received_on"]
    own = [m for m in meds_of[code] if is_active_med(m, r)]
    parent = org_by_code[code]["parent_code"]
    up = [m for m in meds_of.get(parent, []) if is_active_med(m, r)] if parent != "WSQ" else []
    k = 1 if rng.random() < 0.55 else 2
    chosen = rng.sample(own, min(k, len(own)))
    if (len(chosen) < k or (code.startswith("S") or rng.random() < 0.08)) and up and len(chosen) < 2:
        chosen.append(rng.choice(up))
    c["mediators"] = [m["staff_no"] for m in chosen]

# --- entered_at: the data-entry timeliness story ---
LATE_ORGS = {"V19", "V29", "V31"}    # habitually 10–40 days late
RUSH_ORGS = ["V10", "V22", "T06", "S05", "V03", "V16"]  # saved up a pile for the December rush (年底突击录入)


def at_office_hours(day: date) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 17), rng.choice([0, 5, 10, 12, 15, 20, 25, 30, 40, 45, 50])))


rush_pool = [c for c in cases if c["org_code"] in RUSH_ORGS and c["received_on"] <= d("2024-10-31")]
rush = set(id(c) for c in rng.sample(rush_pool, min(20, len(rush_pool))))
for c in cases:
    r = c["received_on"]
    if id(c) in rush:
        day = rand_date(d("2024-12-02"), SNAPSHOT)
    elif c["org_code"] in LATE_ORGS and rng.random() < 0.75:
        day = r + timedelta(days=rng.randint(10, 40))
    else:
        day = r + timedelta(days=wchoice({0: 35, 1: 25, 2: 15, 3: 10, 4: 8, 5: 7}))
    day = min(day, SNAPSHOT)
    if day.weekday() >= 5 and day + timedelta(days=2) <= SNAPSHOT and rng.random() < 0.8:
        day = weekday_on_or_after(day)
    c["entered_at"] = at_office_hours(day)

# ---------------------------------------------------------------------------------------------
# 4. Screenings
# ---------------------------------------------------------------------------------------------
SCR_FIELDS = ["org_code", "screened_on", "kind", "found", "screened_by", "note"]
NOTES_ZERO = ["", "", "", "零报告", "未发现矛盾纠纷", "入户走访，未发现纠纷", "零报告，已上报司法所"]
NOTES_FOUND = ["发现纠纷{n}起，已登记受理", "排查发现{n}起苗头性问题，持续跟踪", "发现{n}起，已当场化解",
               "发现{n}起，已建账", "排查出{n}起草场边界问题", "发现邻里矛盾{n}起"]

screenings: list[dict] = []
scr_keys: set[tuple] = set()

POOR_VILLAGES = {"V12": 0.22, "V19": 0.20, "V29": 0.25}   # several missed weeks
GONE_QUIET = "V31"                                        # nothing in the last 3 weeks
TOWNSHIP_GAP = ("T06", 7)                                 # 苏力德苏木 missed July


def screener(code: str, day: date) -> str:
    act = [m for m in meds_of[code] if is_active_med(m, day)]
    if not act or rng.random() < 0.1:
        return ""
    return rng.choice(act)["staff_no"]


def add_screen(code: str, day: date, kind: str, note: str | None = None) -> None:
    o = org_by_code[code]
    if not is_active_org(o, day) or day > SCREEN_END or day < YEAR_START:
        return
    key = (code, day, kind)
    if key in scr_keys:
        return
    scr_keys.add(key)
    found = wchoice({0: 80, 1: 14, 2: 4, 3: 2}) if kind == "routine" else wchoice({0: 55, 1: 25, 2: 12, 3: 8})
    if note is None:
        note = rng.choice(NOTES_ZERO) if found == 0 else rng.choice(NOTES_FOUND).format(n=found)
    screenings.append({"org_code": code, "screened_on": day, "kind": kind, "found": found,
                       "screened_by": screener(code, day), "note": note})


mondays = [YEAR_START + timedelta(weeks=i) for i in range(53) if YEAR_START + timedelta(weeks=i) <= SCREEN_END]
for o in orgs:
    code = o["code"]
    if o["kind"] == "village":
        miss = POOR_VILLAGES.get(code, rng.choice([0, 0, 0.02, 0.03, 0.05]))
        for mon in mondays:
            if rng.random() < miss:
                continue
            if code == GONE_QUIET and mon >= mondays[-3]:
                continue
            add_screen(code, mon + timedelta(days=wchoice({0: 25, 1: 25, 2: 20, 3: 15, 4: 12, 5: 3})), "routine")
    elif o["kind"] in ("township", "judicial_office"):
        for month in range(1, 12):
            if (code, month) == TOWNSHIP_GAP:
                continue
            day = weekday_on_or_after(date(2024, month, rng.randint(3, 25)))
            add_screen(code, day, "routine", rng.choice(["", "", "月度普遍排查", "汇总各嘎查村排查情况"]))

# concentrated rounds before key periods, key rounds before 两会
for o in orgs:
    code = o["code"]
    if o["kind"] not in ("township", "judicial_office", "village"):
        continue
    take = 1.0 if o["kind"] != "village" else 0.7
    for lo, hi, label in [("2024-01-22", "2024-02-02", "春节前集中排查"), ("2024-04-22", "2024-04-29", "五一前集中排查"),
                          ("2024-09-19", "2024-09-29", "国庆前集中排查")]:
        if rng.random() < take:
            add_screen(code, weekday_on_or_after(rand_date(d(lo), d(hi))), "concentrated", label)
    if o["kind"] != "village" or rng.random() < 0.25:
        add_screen(code, weekday_on_or_after(rand_date(d("2024-02-26"), d("2024-03-01"))), "key",
                   rng.choice(["两会期间重点排查", "两会前重点人员稳控排查"]))
    if o["code"] in ("T02", "T04", "T06") or (o["kind"] == "village" and village_type(code) == "gacha"
                                               and rng.random() < 0.2):
        add_screen(code, weekday_on_or_after(rand_date(d("2024-04-08"), d("2024-04-19"))), "key",
                   "春季草场边界及禁牧休牧期纠纷重点排查")
# the labour committee and the petition workroom check wage arrears before the Spring Festival
add_screen("I03", d("2024-01-15"), "key", "春节前农民工工资拖欠重点排查")
add_screen("W03", d("2024-01-17"), "key", "春节前信访矛盾重点排查")
add_screen("I03", d("2024-11-18"), "key", "岁末年初欠薪问题重点排查")

screenings.sort(key=lambda s: (s["screened_on"], s["org_code"], s["kind"]))

# ---------------------------------------------------------------------------------------------
# Write
# ---------------------------------------------------------------------------------------------


def cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, datetime):
        return v.isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return ";".join(v)
    return str(v)


def write(name: str, fields: list[str], rows: list[dict]) -> None:
    with open(OUT / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            w.writerow([cell(r.get(f)) for f in fields])


for c in cases:
    c["case_no"] = ""
    c["screening_id"] = ""

write("orgs.csv", ORG_FIELDS, orgs)
write("mediators.csv", MED_FIELDS, mediators)
write("mediator_changes.csv", ["staff_no", "employment", "employment_from"], changes)
write("cases.csv", CASE_FIELDS, cases)
write("screenings.csv", SCR_FIELDS, screenings)

# ---------------------------------------------------------------------------------------------
# Self-check (reads the files back, so it checks what was written)
# ---------------------------------------------------------------------------------------------


def read(name: str) -> list[dict]:
    raw = (OUT / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw, name
    with open(OUT / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


R_orgs, R_meds, R_chg, R_cases, R_scr = (read(f) for f in ("orgs.csv", "mediators.csv", "mediator_changes.csv",
                                                           "cases.csv", "screenings.csv"))
OR = {o["code"]: o for o in R_orgs}
M = {m["staff_no"]: m for m in R_meds}
assert len(OR) == len(R_orgs) and len(M) == len(R_meds), "duplicate org code / staff_no"
KINDS = {"township", "village", "industry", "workroom", "enterprise", "judicial_office", "administrative", "commerce"}
for o in R_orgs:
    assert o["kind"] in KINDS
    assert o["parent_code"] == "" or o["parent_code"] in OR, o
    if o["dissolved_on"]:
        assert o["established_on"] < o["dissolved_on"]
    if o["rated_on"]:
        assert o["established_on"] <= o["rated_on"] and o["star_rating"] in ("1", "2", "3")
assert sum(o["kind"] == "village" for o in R_orgs) == 32

ids = [m["id_number"] for m in R_meds]
assert all(id_is_valid(x) for x in ids), "invalid ID number"
assert len(set(ids)) == len(ids), "duplicate ID number"
assert len({m["phone"] for m in R_meds}) == len(R_meds)
for m in R_meds:
    assert m["org_code"] in OR and m["org_code"] != "WSQ"
    assert m["gender"] in ("male", "female") and m["employment"] in ("full_time", "part_time")
    assert (int(m["id_number"][16]) % 2 == 1) == (m["gender"] == "male"), "sequence parity vs gender"
    birth = date(int(m["id_number"][6:10]), int(m["id_number"][10:12]), int(m["id_number"][12:14]))
    age = (MID_YEAR - birth).days // 365.25
    assert 25 <= age <= 68, (m["staff_no"], age)
    assert len(m["phone"]) == 11 and m["phone"].isdigit()
    assert OR[m["org_code"]]["established_on"] <= m["joined_on"]
    assert not m["left_on"] or m["joined_on"] < m["left_on"]
    assert not m["employment_from"] or m["employment_from"] >= m["joined_on"]
for c in R_chg:
    m = M[c["staff_no"]]
    assert m["employment"] == "part_time" and m["employment_from"] == "" and m["joined_on"] < c["employment_from"]


def r_active(m: dict, day: str) -> bool:
    return m["joined_on"] <= day and (not m["left_on"] or m["left_on"] > day)


def r_share(day: str) -> tuple[int, int]:
    ft = tot = 0
    for m in R_meds:
        if not r_active(m, day):
            continue
        tot += 1
        emp = m["employment"]
        for c in R_chg:
            if c["staff_no"] == m["staff_no"] and c["employment_from"] <= day:
                emp = c["employment"]
        ft += emp == "full_time"
    return ft, tot


ft_mid, tot_mid = r_share("2024-06-30")
ft_end, tot_end = r_share("2024-12-31")
assert ft_mid * 10 < tot_mid, "share on 2024-06-30 must be under 10%"
assert ft_end * 10 >= tot_end, "share on 2024-12-31 must be at least 10%"

STATUSES = ("received", "mediating", "succeeded", "failed", "withdrawn")
for c in R_cases:
    o = OR[c["org_code"]]
    assert c["case_no"] == "" and c["screening_id"] == ""
    assert "2024-01-02" <= c["received_on"] <= "2024-11-25"
    assert o["established_on"] <= c["received_on"] and (not o["dissolved_on"] or c["received_on"] < o["dissolved_on"])
    assert c["status"] in STATUSES
    settled = c["status"] in ("succeeded", "failed", "withdrawn")
    assert bool(c["outcome_on"]) == settled
    assert (c["agreement"] in ("written", "oral")) == (c["status"] == "succeeded")
    if settled:
        assert c["received_on"] <= c["outcome_on"]
    if c["closed_on"]:
        assert settled and c["outcome_on"] <= c["closed_on"]
    if c["reported_on"]:
        assert c["received_on"] <= c["reported_on"]
    assert c["entered_at"][:10] >= c["received_on"] and c["entered_at"][:10] <= SNAPSHOT.isoformat()
    staff = c["mediators"].split(";")
    assert 1 <= len(staff) <= 2 and len(set(staff)) == len(staff)
    for s in staff:
        m = M[s]
        assert m["org_code"] in (c["org_code"], o["parent_code"]), (c, s)
        assert r_active(m, c["received_on"]), (c, s)
    if c["org_code"] in ("I01", "I02", "I03"):
        assert c["category"] == {"I01": "medical", "I02": "road_traffic", "I03": "labour"}[c["org_code"]]
    assert (c["source"] == "court") == (c["org_code"] == "W01") or c["source"] != "court"
    assert c["source"] not in ("court", "police", "petition") or c["org_code"] == {"court": "W01", "police": "W02",
                                                                                   "petition": "W03"}[c["source"]]
    assert c["amount"] == "" or (float(c["amount"]) > 0 and len(c["amount"].partition(".")[2]) <= 2)
    assert 2 <= int(c["parties"]) <= 40
unrep = [c for c in R_cases if not c["reported_on"] and (c["risk_level"] == "major" or "civil_to_criminal" in
                                                          c["risk_types"] or "mass_incident" in c["risk_types"])]
assert 3 <= len(unrep) <= 4 and all(c["status"] in ("received", "mediating") for c in unrep)

skeys = [(s["org_code"], s["screened_on"], s["kind"]) for s in R_scr]
assert len(set(skeys)) == len(skeys), "duplicate screening key"
for s in R_scr:
    o = OR[s["org_code"]]
    assert o["established_on"] <= s["screened_on"] and (not o["dissolved_on"] or s["screened_on"] < o["dissolved_on"])
    assert "2024-01-01" <= s["screened_on"] <= "2024-11-28"
    assert s["kind"] in ("routine", "concentrated", "key")
    if s["screened_by"]:
        m = M[s["screened_by"]]
        assert m["org_code"] == s["org_code"] and r_active(m, s["screened_on"])

# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.2f}%"


print("sample written to", OUT)
print(f"  orgs.csv              {len(R_orgs):4d} rows  " + ", ".join(
    f"{k} {v}" for k, v in Counter(o["kind"] for o in R_orgs).items()))
print(f"  mediators.csv         {len(R_meds):4d} rows  "
      f"women {sum(m['gender'] == 'female' for m in R_meds)}, 蒙古族 {sum(m['ethnicity'] == '蒙古族' for m in R_meds)}, "
      f"joined 2024 {sum(m['joined_on'] >= '2024' for m in R_meds)}, left 2024 {sum(bool(m['left_on']) for m in R_meds)}")
print(f"  mediator_changes.csv  {len(R_chg):4d} rows  (part_time -> full_time from 2024-09-01)")
st = Counter(c["status"] for c in R_cases)
print(f"  cases.csv             {len(R_cases):4d} rows  " + ", ".join(f"{k} {st[k]}" for k in STATUSES))
print(f"  screenings.csv        {len(R_scr):4d} rows  " + ", ".join(
    f"{k} {v}" for k, v in Counter(s["kind"] for s in R_scr).items()))
print("full-time share (专职占比):")
print(f"  2024-06-30  {pct(ft_mid, tot_mid)}   (target 10%: not met)")
print(f"  2024-12-31  {pct(ft_end, tot_end)}   (target 10%: met)")
succ, fail = st["succeeded"], st["failed"]
print(f"success rate {pct(succ, succ + fail)}; major difficult {sum(c['major'] == '1' for c in R_cases)}; "
      f"risk elevated {sum(c['risk_level'] == 'elevated' for c in R_cases)}, "
      f"major {sum(c['risk_level'] == 'major' for c in R_cases)}; unreported must-report {len(unrep)}")
stalled_n = sum(c["status"] in ("received", "mediating") and c["received_on"] < "2024-10-01" for c in R_cases)
rush_n = sum(c["received_on"] <= "2024-10-31" and c["entered_at"] >= "2024-12" for c in R_cases)
print(f"pending received before October {stalled_n}; received Jan–Oct but entered in December {rush_n}")
cats = Counter(c["category"] for c in R_cases)
print("categories: " + ", ".join(f"{k} {v}" for k, v in cats.most_common()))


# ---------------------------------------------------------------------------------------------
# risk_reports.csv (issue 14): to whom each reported risk went (报告对象). Written from the files above, without the
# random stream, so that adding it changed none of them. The program numbers the unnumbered cases in file order, so
# the N-th row of cases.csv is (2024)乌人调字第N号.
# ---------------------------------------------------------------------------------------------


def township_of(code: str) -> dict | None:
    walk = OR.get(code)
    while walk is not None and walk["kind"] != "township":
        walk = OR.get(walk["parent_code"])
    return walk


def risk_reports() -> list[dict]:
    rows = []
    for n, c in enumerate(R_cases, start=1):
        if not c["reported_on"]:
            continue
        town = township_of(c["org_code"])
        if c["risk_level"] == "major" or "mass_incident" in c["risk_types"].split(";") or town is None:
            to = "旗委政法委"  # 重大、群体性: the banner's political-legal committee
        else:
            to = town["name"].removesuffix("人民调解委员会") + "党委、政府"
        rows.append({"case_no": f"(2024)乌人调字第{n}号", "reported_on": c["reported_on"], "reported_to": to})
    return rows


RISK_REPORTS = risk_reports()
write("risk_reports.csv", ["case_no", "reported_on", "reported_to"], RISK_REPORTS)
print(f"  risk_reports.csv      {len(RISK_REPORTS):4d} rows  (to whom each reported risk went)")

# The people behind the numbers (issue 9): training, grades, ratings, typical cases, publicity — from the files above.
import runpy  # noqa: E402

runpy.run_path(str(Path(__file__).with_name("generate_sample_people.py")), run_name="__main__")
