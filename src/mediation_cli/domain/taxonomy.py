"""The code tables of the campaign plan: every enumeration with its English code and Chinese label.

Input accepts the code or the Chinese label (or a listed alias), case-insensitively; output in JSON/CSV always uses the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mediation_cli.domain.errors import Invalid


@dataclass(frozen=True)
class CodeTable:
    name: str
    # code -> (中文, English)
    members: dict[str, tuple[str, str]]
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        return list(self.members)

    def label(self, code: str | None, lang: str) -> str:
        if code is None:
            return ""
        zh, en = self.members.get(code, (code, code))
        return zh if lang == "zh" else en

    def lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for code, (zh, en) in self.members.items():
            table[code.lower()] = code
            table[zh.lower()] = code
            table[en.lower()] = code
        for alias, code in self.aliases.items():
            table[alias.lower()] = code
        return table

    def parse(self, text: str, fld: str | None = None) -> str:
        key = str(text).strip().lower().replace("-", "_") if text is not None else ""
        # keyed by content, not by name: two tables may share a name (ORG_KIND and SCREENING_KIND are both "kind")
        cache_key = (self.name, tuple(self.members), tuple(self.aliases.items()))
        table = _lookups.get(cache_key)
        if table is None:
            table = _lookups[cache_key] = self.lookup()
        code = table.get(key) or table.get(str(text).strip().lower())
        if code is None:
            allowed = ", ".join(f"{c} ({zh})" for c, (zh, _) in self.members.items())
            allowed_zh = "、".join(f"{zh}（{c}）" for c, (zh, _) in self.members.items())
            raise Invalid(fld or self.name, text, f"one of {allowed}", f"以下之一：{allowed_zh}")
        return code


_lookups: dict[tuple, dict[str, str]] = {}

ORG_KIND = CodeTable(
    "kind",
    {
        "township": ("苏木镇", "township committee"),
        "village": ("嘎查村", "village/community committee"),
        "industry": ("行业性专业性", "industry committee"),
        "workroom": ("派驻工作室", "stationed workroom"),
        "enterprise": ("企事业单位", "enterprise committee"),
        "judicial_office": ("司法所", "judicial office"),
        "administrative": ("行政调解", "administrative mediation"),
        "commerce": ("商会", "chamber of commerce"),
    },
    {
        "苏木镇人民调解委员会": "township",
        "乡镇": "township",
        "苏木": "township",
        "镇": "township",
        "嘎查村（社区）": "village",
        "嘎查村(社区)": "village",
        "村": "village",
        "嘎查": "village",
        "社区": "village",
        "行业性": "industry",
        "专业性": "industry",
        "行业性专业性人民调解委员会": "industry",
        "人民调解工作室": "workroom",
        "工作室": "workroom",
        "企业": "enterprise",
        "企（事）业单位": "enterprise",
        "行政": "administrative",
    },
)

EMPLOYMENT = CodeTable(
    "employment",
    {"full_time": ("专职", "full-time"), "part_time": ("兼职", "part-time")},
    {"fulltime": "full_time", "parttime": "part_time"},
)

GENDER = CodeTable(
    "gender", {"male": ("男", "male"), "female": ("女", "female")}, {"m": "male", "f": "female"}
)

BACKGROUND = CodeTable(
    "background",
    {
        "lawyer": ("律师", "lawyer"),
        "doctor": ("医生", "doctor"),
        "teacher": ("教师", "teacher"),
        "retired_judge": ("退休法官", "retired judge"),
        "retired_prosecutor": ("退休检察官", "retired prosecutor"),
        "retired_police": ("退休民警", "retired police officer"),
        "retired_official": ("行业主管部门退休人员", "retired official"),
        "cadre": ("基层干部", "grass-roots cadre"),
        "grid_worker": ("网格员", "grid worker"),
        "other": ("其他", "other"),
    },
    {"其它": "other"},
)

APPOINTMENT = CodeTable("appointment", {"hired": ("聘用", "hired"), "elected": ("推选", "elected")})

# A mediator's place in the committee (人民调解法 art. 8: 委员会由委员三至九人组成，设主任一人，必要时可以设副主任若干人;
# art. 13: 人民调解员由人民调解委员会委员和人民调解委员会聘任的人员担任). Only the first three are 委员.
ROLE = CodeTable(
    "role",
    {
        "director": ("主任", "director (主任)"),
        "deputy": ("副主任", "deputy director (副主任)"),
        "member": ("委员", "member (委员)"),
        "hired": ("聘任调解员", "hired mediator (聘任调解员)"),
    },
    {
        "调委会主任": "director",
        "副主任委员": "deputy",
        "调委会委员": "member",
        "聘任": "hired",
        "聘任人员": "hired",
    },
)

CASE_SOURCE = CodeTable(
    "source",
    {
        "screening": ("排查发现", "found by screening"),
        "assigned": ("党委政府交办", "assigned by Party/government"),
        "referred": ("有关部门委托移送", "referred by a department"),
        "application": ("当事人申请", "parties' application"),
        "court": ("诉调对接", "court referral"),
        "police": ("警调对接", "police referral"),
        "petition": ("访调对接", "petition-office referral"),
        "proactive": ("主动调解", "proactive mediation"),
    },
    {
        "排查": "screening",
        "交办": "assigned",
        "移送": "referred",
        "申请": "application",
        "申请调解": "application",
    },
)

# The statistics form knows three sources: 主动调解, 申请调解, 接受委托移送调解.
SOURCE_STAT = {
    "screening": "proactive",
    "proactive": "proactive",
    "application": "application",
    "assigned": "entrusted",
    "referred": "entrusted",
    "court": "entrusted",
    "police": "entrusted",
    "petition": "entrusted",
}
SOURCE_STAT_LABELS = {
    "proactive": ("主动调解", "proactive"),
    "application": ("申请调解", "on application"),
    "entrusted": ("接受委托移送调解", "entrusted/referred"),
}

STAT_FORM_CATEGORIES: list[tuple[str, str, str, str, str]] = [
    ("contract", "合同", "contract", "stat_form", "contract"),
    ("damages", "损害赔偿", "damages", "stat_form", "damages"),
    ("property_management", "物业", "property management", "stat_form", "property_management"),
]

# 纠纷类型, grouped as the plan groups them; the last element is the statistics category it maps onto by default.
CATEGORIES: list[tuple[str, str, str, str, str]] = [
    # code, 中文, English, group, statistics category
    ("marriage_family", "婚姻家庭", "marriage & family", "grassroots", "marriage_family"),
    ("neighbour", "邻里关系", "neighbours", "grassroots", "neighbour"),
    ("housing_homestead", "房屋宅基地", "housing & homestead", "grassroots", "housing_homestead"),
    ("production_business", "生产经营", "production & business", "grassroots", "production_business"),
    ("forest_land", "山林土地", "forest & land", "grassroots", "forest_land"),
    ("land_acquisition", "征地拆迁", "land acquisition & demolition", "grassroots", "land_acquisition"),
    ("pollution", "环境污染", "pollution", "grassroots", "pollution"),
    ("medical", "医患医疗", "medical", "key_field", "medical"),
    ("intellectual_property", "知识产权", "intellectual property", "key_field", "contract"),
    ("construction", "建设工程", "construction", "key_field", "contract"),
    ("road_traffic", "道路交通", "road traffic", "key_field", "road_traffic"),
    ("labour", "劳动争议", "labour", "key_field", "labour"),
    ("finance_lending", "金融借贷", "finance & lending", "key_field", "contract"),
    ("education_training", "教育培训", "education & training", "key_field", "contract"),
    ("private_enterprise", "民营企业", "private enterprise", "key_field", "production_business"),
    ("consumer", "消费", "consumer", "key_field", "consumer"),
    ("tourism", "旅游", "tourism", "key_field", "consumer"),
    ("insurance", "保险", "insurance", "key_field", "contract"),
    ("iot", "物联网", "internet of things", "new_business", "contract"),
    ("ecommerce", "电子商务", "e-commerce", "new_business", "consumer"),
    ("connected_vehicles", "智能网联", "connected vehicles", "new_business", "contract"),
    ("sharing", "共享交换", "sharing economy", "new_business", "consumer"),
    ("online_education", "在线教育", "online education", "new_business", "consumer"),
    ("payment", "便捷支付", "mobile payment", "new_business", "contract"),
    ("social_commerce", "微商电商", "social commerce", "new_business", "consumer"),
    ("live_streaming", "网络直播", "live streaming", "new_business", "consumer"),
    ("delivery", "外卖快递", "delivery", "new_business", "consumer"),
    # The statistics form's own categories that the plan's list lacks (人民调解统计 纠纷类型), so that a clerk can
    # enter a case as the monthly statistics count it (issue 15, item 10); each maps onto itself.
    *STAT_FORM_CATEGORIES,
    ("other", "其他", "other", "other", "other"),
]
CATEGORY_GROUPS = {
    "grassroots": ("基层常见多发", "common at the grass roots"),
    "key_field": ("重点领域", "key fields"),
    "new_business": ("新业态", "new business forms"),
    "stat_form": ("统计表类别", "statistics-form categories"),
    "other": ("其他", "other"),
}
CATEGORY_ALIASES = {
    "邻里": "neighbour",
    "医疗": "medical",
    "医患": "medical",
    "草场": "forest_land",
    "其它": "other",
    "道路交通事故": "road_traffic",
    "劳动": "labour",
    "合同纠纷": "contract",
    "损害赔偿纠纷": "damages",
    "人身损害赔偿": "damages",
    "物业纠纷": "property_management",
    "物业管理": "property_management",
}

# 人民调解统计 纠纷类型 (the columns of the monthly statistics form)
STAT_CATEGORY = CodeTable(
    "stat_category",
    {
        "marriage_family": ("婚姻家庭", "marriage & family"),
        "neighbour": ("邻里", "neighbours"),
        "housing_homestead": ("房屋宅基地", "housing & homestead"),
        "contract": ("合同", "contract"),
        "production_business": ("生产经营", "production & business"),
        "damages": ("损害赔偿", "damages"),
        "forest_land": ("山林土地", "forest & land"),
        "land_acquisition": ("征地拆迁", "land acquisition"),
        "pollution": ("环境污染", "pollution"),
        "labour": ("劳动争议", "labour"),
        "consumer": ("消费", "consumer"),
        "medical": ("医疗", "medical"),
        "road_traffic": ("道路交通事故", "road traffic accidents"),
        "property_management": ("物业", "property management"),
        "other": ("其它", "other"),
    },
)

KEY_GROUP = CodeTable(
    "key_group",
    {
        "veterans": ("退役军人", "veterans"),
        "hardship": ("困难群众", "people in hardship"),
        "women_children": ("妇女儿童", "women & children"),
        "youth": ("青少年", "youth"),
        "elderly": ("老年人", "elderly"),
        "disabled": ("残疾人", "disabled"),
        "migrant_workers": ("农民工", "migrant workers"),
    },
)

RISK_LEVEL = CodeTable(
    "risk_level",
    {"normal": ("一般", "normal"), "elevated": ("较大", "elevated"), "major": ("重大", "major")},
)

RISK_TYPE = CodeTable(
    "risk_type",
    {
        "civil_to_criminal": ("民转刑", "civil to criminal"),
        "criminal_to_homicide": ("刑转命", "criminal to homicide"),
        "mass_incident": ("群体性事件", "mass incident"),
        "individual_extreme": ("个人极端", "individual extreme act"),
        "public_opinion": ("舆情", "public opinion"),
    },
    {"群体性": "mass_incident"},
)

STATUS = CodeTable(
    "status",
    {
        "received": ("受理", "received"),
        "mediating": ("调解中", "mediating"),
        "succeeded": ("调解成功", "succeeded"),
        "failed": ("调解不成", "failed"),
        "withdrawn": ("撤回", "withdrawn"),
        "closed": ("销号", "closed"),
    },
    {"成功": "succeeded", "不成": "failed", "调解不成功": "failed", "已销号": "closed"},
)

AGREEMENT = CodeTable("agreement", {"written": ("书面", "written"), "oral": ("口头", "oral")})

GUIDED_TO = CodeTable(
    "guided_to",
    {
        "litigation": ("诉讼", "litigation"),
        "arbitration": ("仲裁", "arbitration"),
        "administrative": ("行政途径", "administrative channel"),
        "petition": ("信访", "petition (信访)"),
        "none": ("未引导", "none"),
    },
    {"行政": "administrative", "信访途径": "petition", "诉讼途径": "litigation", "仲裁途径": "arbitration"},
)

SCREENING_KIND = CodeTable(
    "kind",
    {"routine": ("日常", "routine"), "concentrated": ("集中", "concentrated"), "key": ("重点", "key")},
    {
        "普遍": "routine",
        "日常排查": "routine",
        "普遍排查": "routine",
        "集中排查": "concentrated",
        "重点排查": "key",
    },
)

CADENCE = CodeTable(
    "cadence",
    {
        "weekly": ("每周", "weekly"),
        "monthly": ("每月", "monthly"),
        "quarterly": ("每季度", "quarterly"),
        "none": ("不要求", "none"),
    },
)

SATISFACTION = CodeTable(
    "satisfaction",
    {
        "satisfied": ("满意", "satisfied"),
        "basically": ("基本满意", "basically satisfied"),
        "dissatisfied": ("不满意", "dissatisfied"),
    },
)

# 防止民转刑, 防止群体性上访, 防止自杀, 制止群体性械斗: what mediation prevented, in cases and persons.
PREVENTED_COLUMNS = [
    f"{p}_{x}"
    for p in ("prevented_criminal", "prevented_petition", "prevented_suicide", "prevented_fight")
    for x in ("cases", "persons")
]
PREVENTED = {
    "prevented_criminal": ("防止民转刑", "prevented civil-to-criminal"),
    "prevented_petition": ("防止群体性上访", "prevented group petitions"),
    "prevented_suicide": ("防止自杀", "prevented suicide"),
    "prevented_fight": ("制止群体性械斗", "stopped group fights"),
}

TABLES = {
    t.name: t
    for t in (
        ORG_KIND,
        EMPLOYMENT,
        GENDER,
        BACKGROUND,
        APPOINTMENT,
        ROLE,
        CASE_SOURCE,
        KEY_GROUP,
        RISK_LEVEL,
        RISK_TYPE,
        STATUS,
        AGREEMENT,
        GUIDED_TO,
        CADENCE,
        SATISFACTION,
    )
}


def parse_bool(text: object, fld: str) -> bool:
    key = str(text).strip().lower()
    if key in ("1", "true", "yes", "y", "是", "有", "t"):
        return True
    if key in ("0", "false", "no", "n", "否", "无", "f"):
        return False
    raise Invalid(fld, text, "1/0, true/false, yes/no or 是/否", "1/0、true/false、yes/no 或 是/否")


def parse_list(text: str | None, table: CodeTable, fld: str) -> list[str]:
    """A ';'-separated list of codes or labels (also '；', ',' and '、'), de-duplicated, in table order."""
    if text is None or str(text).strip() == "":
        return []
    raw = str(text)
    for sep in ("；", ",", "，", "、"):
        raw = raw.replace(sep, ";")
    codes = {table.parse(part, fld) for part in raw.split(";") if part.strip()}
    return [c for c in table.codes if c in codes]


# The statistics form's (人民调解统计表) columns beside the categories: how cases came (主动调解, 申请调解, 接受委托移送调解)
# and what mediation prevented (防止民转刑, 防止群体性上访, 防止自杀, 制止群体性械斗), each counted in 件 and 人.
STAT_SOURCES = ["proactive", "application", "entrusted"]
STAT_PREVENTED = ["prevented_criminal", "prevented_petition", "prevented_suicide", "prevented_fight"]
