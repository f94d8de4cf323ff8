"""Staffing rules: full-time mediator minimums, the 10% full-time share, committee composition.

The plan: "行业性专业性人民调解委员会配备3名以上专职人民调解员，苏木镇人民调解委员会和派驻有关单位和部门的
人民调解工作室配备2名以上专职人民调解员，有条件的嘎查村（社区）和企（事）业单位人民调解委员会配备1名以上
专职人民调解员。年末实现专职人民调解员数量占比达到10%以上。"

All share arithmetic is exact (integers and Fraction): DOMAIN asks for "no floating-point
off-by-one at exactly 10%".
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil

from .errors import Invalid

ORG_KINDS = (
    "township",
    "village",
    "industry",
    "workroom",
    "enterprise",
    "judicial_office",
    "administrative",
    "commerce",
)

# "配备3名以上" / "配备2名以上": unconditional minimums.
_REQUIRED = {"industry": 3, "township": 2, "workroom": 2}
# "有条件的嘎查村（社区）和企（事）业单位人民调解委员会配备1名以上": only where it has conditions.
_REQUIRED_IF_CONDITIONS = {"village": 1, "enterprise": 1}

# "年末实现专职人民调解员数量占比达到10%以上"
TARGET_SHARE = Fraction(1, 10)

# 人民调解法 第八条: "人民调解委员会由委员三至九人组成…人民调解委员会应当有妇女成员，
# 多民族居住的地区应当有人数较少民族的成员。" Judicial offices, administrative and chamber-of-commerce
# bodies are not people's mediation committees.
COMMITTEE_KINDS = frozenset({"township", "village", "industry", "enterprise", "workroom"})
# 人民调解法 art. 8 is the composition of a 人民调解委员会: a stationed workroom (派驻工作室) is not one.
COMPOSITION_KINDS = COMMITTEE_KINDS - {"workroom"}
# The roles that are 委员 of the committee; hired mediators (聘任调解员, art. 13) are not. A mediator with no role
# recorded counts as a member, as every mediator did before roles were kept.
MEMBER_ROLES = ("director", "deputy", "member")
# What counts as 人民调解 (issue 15): 人民调解委员会 (人民调解法 第七条: "依法设立的调解民间纠纷的群众性组织") and the
# workrooms they post, and 商会人民调解委员会, are people's mediation. A 司法所 is the township's judicial-administration
# office, which guides people's mediation (第五条) — its staff are civil servants, not 人民调解员 — and 行政调解 is
# mediation by an administrative organ: neither is counted in the 人民调解 statistics table, its 合计 or the 10% share;
# they get their own table. The SQL twin is ledger.predicates.peoples_mediation_org.
OUTSIDE_PEOPLES_MEDIATION = ("judicial_office", "administrative")


def is_peoples_mediation(kind: str) -> bool:
    """An org of this kind does 人民调解 (its cases and mediators count in the 人民调解 figures)."""
    return kind not in OUTSIDE_PEOPLES_MEDIATION


MIN_MEMBERS = 3
MAX_MEMBERS = 9

Target = Fraction | int | float | str


def _fraction(target: Target) -> Fraction:
    # A float such as 0.1 from a config file would be 0.1000000000000000055…; read it as the
    # decimal the user wrote so that exactly 10% stays exactly 10%.
    if isinstance(target, float):
        return Fraction(repr(target))
    return Fraction(target)


def _check_counts(full_time: int, total: int) -> None:
    if full_time < 0 or total < 0 or full_time > total:
        raise ValueError(f"need 0 <= full_time <= total, got {full_time} of {total}")


def required_full_time(kind: str, has_conditions: bool) -> int:
    """Minimum number of full-time mediators an org of `kind` must have."""
    if kind not in ORG_KINDS:
        raise Invalid("kind", kind, "one of " + ", ".join(ORG_KINDS), "调解组织类别代码")
    if kind in _REQUIRED:
        return _REQUIRED[kind]
    if kind in _REQUIRED_IF_CONDITIONS:
        return _REQUIRED_IF_CONDITIONS[kind] if has_conditions else 0
    return 0


def full_time_share(full_time: int, total: int) -> Fraction | None:
    """full_time ÷ total as an exact Fraction; None when there are no mediators."""
    _check_counts(full_time, total)
    if total == 0:
        return None
    return Fraction(full_time, total)


def meets_share(full_time: int, total: int, target: Target = TARGET_SHARE) -> bool:
    """True when full_time ÷ total ≥ target; no mediators at all never meets it."""
    _check_counts(full_time, total)
    if total == 0:
        return False
    return Fraction(full_time, total) >= _fraction(target)


def convert_needed(full_time: int, total: int, target: Target = TARGET_SHARE) -> int:
    """Part-timers to convert to full-time: max(0, ceil(target × total) − full_time)."""
    _check_counts(full_time, total)
    return max(0, ceil(_fraction(target) * total) - full_time)  # Fraction.__ceil__ is exact


def hire_needed(full_time: int, total: int, target: Target = TARGET_SHARE) -> int:
    """The least h ≥ 0 with (full_time + h) ÷ (total + h) ≥ target (target must be < 1)."""
    _check_counts(full_time, total)
    t = _fraction(target)
    if not 0 <= t < 1:
        raise ValueError(f"target must be in [0, 1), got {t}")
    # (f + h)/(n + h) ≥ t  ⇔  h·(1 − t) ≥ t·n − f  ⇔  h ≥ (t·n − f)/(1 − t)
    # 0 of 0 needs nobody: a share of no mediators is not a shortfall (the orgs' own minimums say whom to hire).
    return max(0, ceil((t * total - full_time) / (1 - t)))


def composition_problems(members: int, women: int, minority: int, *, multi_ethnic: bool = True) -> list[str]:
    """Codes for breaches of 人民调解法 art. 8: too_few_members, too_many_members, no_woman, no_minority."""
    problems: list[str] = []
    if members < MIN_MEMBERS:
        problems.append("too_few_members")
    elif members > MAX_MEMBERS:
        problems.append("too_many_members")
    if women <= 0:
        problems.append("no_woman")
    # Uxin Banner is a multi-ethnic area (about 3万 of 10万 people are Mongolian).
    if multi_ethnic and minority <= 0:
        problems.append("no_minority")
    return problems


def is_member(role: str | None) -> bool:
    """A 委员 for art. 8: a member role (主任, 副主任, 委员), or no role recorded."""
    return role is None or role in MEMBER_ROLES
