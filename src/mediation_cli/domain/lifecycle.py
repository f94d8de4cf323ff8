"""The life of a dispute case (建账销号), as pure rules: the transition table, pending and settled, the success rate,
the stalled rule and the risks that must be reported.

```
received 受理 ─┬─▶ mediating 调解中 ─┬─▶ succeeded | failed | withdrawn
               └─▶ succeeded | failed | withdrawn directly (当场调解)
succeeded | failed | withdrawn ──▶ closed 销号 (keeps the outcome)
```
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from mediation_cli.domain.errors import Invalid

PENDING = ("received", "mediating")
OUTCOMES = ("succeeded", "failed", "withdrawn")
# 调解成功率 = succeeded ÷ (succeeded + failed): withdrawn cases are not settled by mediation.
SETTLED = ("succeeded", "failed")
STATUSES = ("received", "mediating", "succeeded", "failed", "withdrawn", "closed")

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("mediating", "succeeded", "failed", "withdrawn"),
    "mediating": ("succeeded", "failed", "withdrawn"),
    "succeeded": ("closed",),
    "failed": ("closed",),
    "withdrawn": ("closed",),
    "closed": (),  # 销号 is final
}

_ZH = {
    "received": "受理",
    "mediating": "调解中",
    "succeeded": "调解成功",
    "failed": "调解不成",
    "withdrawn": "撤回",
    "closed": "销号",
}

# A major risk must be reported, and so must the risk types the plan names: "对排查出的可能引发“民转刑”“刑转命”等
# 恶性案件……和涉群体性事件等矛盾纠纷……及时主动向党委、政府和有关部门报告", and 个人极端案（事）件 (乌司发〔2024〕17号).
# One definition: ``needs_report`` here, and its SQL twin ``ledger.predicates.must_report`` built from these tuples.
REPORTABLE_LEVELS = ("major",)
REPORTABLE_TYPES = ("civil_to_criminal", "criminal_to_homicide", "mass_incident", "individual_extreme")

DEFAULT_STALLED_DAYS = 30  # 一般在一个月内调结


def allowed_moves(status: str) -> tuple[str, ...]:
    """The statuses a case in ``status`` may move to (empty for closed)."""
    return TRANSITIONS.get(status, ())


def can_move(current: str, target: str) -> bool:
    return target in allowed_moves(current)


def check_transition(current: str, target: str) -> None:
    """Refuse a move the lifecycle lacks, naming the allowed moves in both languages."""
    if target not in TRANSITIONS:
        allowed = ", ".join(STATUSES)
        raise Invalid(
            "status", target, f"one of {allowed}", "以下之一：" + "、".join(_ZH[s] for s in STATUSES)
        )
    if current not in _ZH:  # a stored status no program wrote (edited behind its back): refuse, don't crash
        raise Invalid(
            "status",
            current,
            f"a stored status of {', '.join(STATUSES)} — run `mediation db check`",
            "台账中的状态应为以下之一：" + "、".join(STATUSES) + "——请运行 `mediation db check`",
        )
    if can_move(current, target):
        return
    moves = allowed_moves(current)
    if moves:
        en = f"a move from {current} to one of: {', '.join(moves)}"
        zh = f"从「{_ZH[current]}」只能转为：" + "、".join(f"{_ZH[m]}（{m}）" for m in moves)
    else:
        en = f"no move at all — a {current} case is final"
        zh = f"「{_ZH[current]}」的案件不能再变更状态"
    raise Invalid("status", f"{current} → {target}", en, zh)


def is_pending(status: str) -> bool:
    return status in PENDING


def effective_status(status: str, outcome: str | None) -> str:
    """The status a report counts: a closed case counts under the outcome it kept."""
    if status == "closed" and outcome:
        return outcome
    return status


def success_rate_exact(succeeded: int, failed: int) -> Fraction | None:
    """调解成功率 as an exact fraction; None (empty) when nothing succeeded or failed."""
    if succeeded < 0 or failed < 0:
        raise ValueError("counts must be ≥ 0")
    total = succeeded + failed
    return None if total == 0 else Fraction(succeeded, total)


def success_rate(succeeded: int, failed: int) -> float | None:
    """调解成功率 as an unrounded float (the correctly rounded value of the exact fraction), None when empty."""
    exact = success_rate_exact(succeeded, failed)
    return None if exact is None else exact.numerator / exact.denominator


def success_rate_of_received(succeeded: int, received: int) -> float | None:
    """成功 ÷ 受理: the success rate as published county statistics compute it (every case received counts, settled
    or not); None when nothing was received. ``success_rate`` is 成功 ÷ 办结 (succeeded ÷ succeeded + failed)."""
    if succeeded < 0 or received < succeeded:
        raise ValueError("need 0 <= succeeded <= received")
    if received == 0:
        return None
    exact = Fraction(succeeded, received)
    return exact.numerator / exact.denominator


def stalled_before(as_of: date, stalled_days: int = DEFAULT_STALLED_DAYS) -> date:
    """A pending case received before this date has been pending more than ``stalled_days`` days on ``as_of``."""
    return as_of - timedelta(days=stalled_days)


def is_stalled(
    status: str,
    received_on: date,
    as_of: date,
    extended_until: date | None = None,
    stalled_days: int = DEFAULT_STALLED_DAYS,
) -> bool:
    """Pending for more than ``stalled_days`` days on ``as_of`` and not extended up to it (人民调解工作若干规定 第33条)."""
    if not is_pending(status):
        return False
    if received_on >= stalled_before(as_of, stalled_days):
        return False
    return not (extended_until is not None and extended_until >= as_of)


# -- as of a past date ------------------------------------------------------------------------------------------------
# A report or a reminder "as of D" is a picture of D (issue 15): a case counts as it stood on D, from its own dates —
# received_on, outcome_on (else closed_on: historical rows may lack the outcome date), the extensions granted by D
# (its timeline's `extended` events), reported_on, major_since, the plans written and consultations held by D.
# Dates are ISO strings, which compare as dates. A settled case without any outcome or closing date counts as settled.


def settled_date(outcome_on: str | None, closed_on: str | None) -> str | None:
    """The day a case left the pending statuses: its outcome date, else its closing date."""
    return outcome_on or closed_on


def is_pending_on(
    status: str, received_on: str, outcome_on: str | None, closed_on: str | None, on: str
) -> bool:
    """Received by ``on`` and not yet settled on it: pending now, or settled after ``on``."""
    if received_on > on:
        return False
    if status in PENDING:
        return True
    settled = settled_date(outcome_on, closed_on)
    return settled is not None and settled > on


def status_on(
    status: str, outcome: str | None, received_on: str, outcome_on: str | None, closed_on: str | None, on: str
) -> str | None:
    """The status a report counts as of ``on``: None before the case was received, ``pending`` while it was (受理 and
    调解中 are not told apart in the past), else its outcome (a closed case under the outcome it kept)."""
    if received_on > on:
        return None
    if is_pending_on(status, received_on, outcome_on, closed_on, on):
        return "pending"
    return effective_status(status, outcome)


def extension_on(granted: list[tuple[str, str]], stored_until: str | None, on: str) -> str | None:
    """The extension in force on ``on``: the ``until`` of the latest extension granted on or before it (``granted`` =
    (granted_on, until) in the order recorded). A case with no recorded grant (imported with ``extended_until``)
    keeps its stored date: when it was granted is unknown."""
    if not granted:
        return stored_until
    past = [g for g in sorted(granted, key=lambda g: g[0]) if g[0] <= on]
    return past[-1][1] if past else None


def is_stalled_on(
    status: str,
    received_on: str,
    outcome_on: str | None,
    closed_on: str | None,
    extended_until_then: str | None,
    as_of: date,
    stalled_days: int = DEFAULT_STALLED_DAYS,
) -> bool:
    """``is_stalled`` as of a date, the status and the extension being the ones of that date."""
    on = as_of.isoformat()
    if not is_pending_on(status, received_on, outcome_on, closed_on, on):
        return False
    return is_stalled(
        "received",
        date.fromisoformat(received_on),
        as_of,
        date.fromisoformat(extended_until_then) if extended_until_then else None,
        stalled_days,
    )


def needs_report(risk_level: str | None, risk_types: list[str] | tuple[str, ...] | None) -> bool:
    """A major risk, or one of REPORTABLE_TYPES, must be reported to the Party committee and government."""
    return risk_level in REPORTABLE_LEVELS or any(t in REPORTABLE_TYPES for t in (risk_types or ()))


def is_unreported(
    risk_level: str | None, risk_types: list[str] | tuple[str, ...] | None, reported_on: str | None, on: str
) -> bool:
    """Must be reported and had not been by ``on`` (an ISO date)."""
    return needs_report(risk_level, risk_types) and (reported_on is None or reported_on > on)


def check_dates(
    received_on: str | None,
    outcome_on: str | None,
    closed_on: str | None,
) -> None:
    """received_on ≤ outcome_on ≤ closed_on (ISO strings compare as dates)."""
    if received_on and outcome_on and outcome_on < received_on:
        raise Invalid(
            "outcome_on",
            outcome_on,
            f"a date on or after received_on ({received_on})",
            f"不早于受理日期（{received_on}）的日期",
        )
    if outcome_on and closed_on and closed_on < outcome_on:
        raise Invalid(
            "closed_on",
            closed_on,
            f"a date on or after outcome_on ({outcome_on})",
            f"不早于结案日期（{outcome_on}）的日期",
        )
    if received_on and closed_on and closed_on < received_on:
        raise Invalid(
            "closed_on",
            closed_on,
            f"a date on or after received_on ({received_on})",
            f"不早于受理日期（{received_on}）的日期",
        )


# An open ledger entry (建账 and not yet 销号): pending, or settled and not yet closed — a failed case stays open until
# it is closed with where it went (化解一件、销号一件). The duplicate-party check and the open failed cases use it.
def is_open(status: str) -> bool:
    return status != "closed"


# 调解不成 is not the end of a dispute: it stays on the ledger, guided to one of these channels (人民调解法 art. 26:
# "告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"; the plan adds 信访), and is cancelled (销号) once resolved there —
# "化解一件、销号一件". Closing a failed case names its channel.
REFERRAL_CHANNELS = ("litigation", "arbitration", "administrative", "petition")
