"""The work on a case after intake: assigning mediators, the lifecycle moves (调解结果, 销号), extensions, follow-up
visits (回访), risk reports, plans (一案一策) and consultations (定期会商). Each is one transaction that writes the change,
the case's timeline event and the audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mediation_cli.domain import lifecycle
from mediation_cli.domain.dates import check_not_after_today, check_not_before
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.taxonomy import AGREEMENT, GUIDED_TO, SATISFACTION, STATUS, parse_bool
from mediation_cli.domain.values import fen_to_yuan, parse_money, parse_text
from mediation_cli.errors import MediationError
from mediation_cli.ledger import cases as store
from mediation_cli.ledger.case_refs import Resolver
from mediation_cli.ledger.db import Ledger

DEFAULT_REPORTED_TO = "党委、政府"


def assign(ledger: Ledger, ref: str, staff: list[str], *, keep: bool, today: date) -> tuple[str, list[str]]:
    """Assign mediators (active on the day received, of the case's org or above); ``keep`` adds to those assigned.
    Returns (case number, the staff numbers now assigned)."""
    from mediation_cli.forms.cases import parse_staff_list

    row = store.find_case(ledger, ref, today=today)
    res = Resolver(ledger, today)
    refs = [s for m in staff for s in parse_staff_list(m)]
    ids = res.mediator_ids(refs, row["org_id"], row["received_on"])
    before = store.mediators_of(ledger, row["id"])
    if keep:
        ids = [r["id"] for r in before] + [i for i in ids if i not in {r["id"] for r in before}]
    with ledger.write():
        store.set_mediators(ledger, row["id"], ids)
        store.touch(ledger, row["id"])
        after = [r["staff_no"] for r in store.mediators_of(ledger, row["id"])]
        store.add_event(ledger, row["id"], today.isoformat(), "assigned", {"mediators": after})
        ledger.audit(
            "case",
            row["case_no"],
            "assign",
            {"mediators": [r["staff_no"] for r in before]},
            {"mediators": after},
        )
    return row["case_no"], after


@dataclass
class Move:
    """What `case transition` was given besides the target and the date (as typed; None = not given)."""

    agreement: str | None = None
    agreement_amount: str | None = None
    performed: str | None = None
    guided_to: str | None = None
    no_visit: bool = False
    reason: str | None = None


def transition(
    ledger: Ledger, ref: str, status: str, on: str, move: Move, *, today: date
) -> tuple[dict, str]:
    """Move a case along the lifecycle, refusing what the diagram lacks. Returns (the stored case before, target)."""
    row = store.find_case(ledger, ref, today=today)
    target = STATUS.parse(status, "status")
    agreement = AGREEMENT.parse(move.agreement, "--agreement") if move.agreement else None
    agreement_fen = (
        parse_money(move.agreement_amount, "--agreement-amount") if move.agreement_amount else None
    )
    performed = int(parse_bool(move.performed, "--performed")) if move.performed else None
    guided_to = GUIDED_TO.parse(move.guided_to, "--guided-to") if move.guided_to else None

    lifecycle.check_transition(row["status"], target)
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["received_on"], "received_on", "受理日期")
    details = {"--agreement": agreement, "--agreement-amount": agreement_fen, "--performed": performed}
    if target != "succeeded":
        for opt, v in details.items():
            if v is not None:
                raise Invalid(opt, v, "only with succeeded", "仅用于调解成功")
    if target != "failed" and guided_to is not None:
        raise Invalid("--guided-to", guided_to, "only with failed", "仅用于调解不成")
    if (move.no_visit or move.reason) and target != "closed":
        raise Invalid("--no-visit", move.reason or "", "only when closing (closed)", "仅用于销号")
    changes: dict = {"status": target}
    if target in lifecycle.OUTCOMES:
        changes.update(outcome=target, outcome_on=on)
        if target == "succeeded":
            if agreement is None:
                raise Invalid(
                    "--agreement",
                    "",
                    "written or oral (书面/口头) for a succeeded case",
                    "调解成功须注明协议形式：书面或口头",
                )
            changes.update(agreement=agreement, agreement_fen=agreement_fen, performed=performed)
        if target == "failed":
            changes["guided_to"] = guided_to
    elif target == "closed":
        check_not_before("on", on, row["outcome_on"], "outcome_on", "结案日期")
        changes["closed_on"] = on
        if row["outcome"] == "succeeded":
            if move.no_visit:
                if not move.reason or not move.reason.strip():
                    raise Invalid(
                        "--reason",
                        "",
                        "why the case is closed without a follow-up visit",
                        "未回访即销号的理由",
                    )
                changes["closed_without_visit"] = move.reason.strip()
            elif not store.visit_count(ledger, row["id"]):
                raise MediationError(
                    "closed: a succeeded case is closed after its follow-up visit — record one with `case visit`, "
                    "or give --no-visit --reason TEXT",
                    "销号：调解成功的案件须回访后销号——请先用 `case visit` 登记回访，或用 --no-visit --reason 说明理由",
                )
        elif move.no_visit:
            raise Invalid("--no-visit", "", "only when closing a succeeded case", "仅用于调解成功案件的销号")
        from mediation_cli.services.casefiles import check_before_closing

        check_before_closing(
            ledger, {**dict(row), **changes}
        )  # 卷宗: refused here only when the setting says so
    before = {k: row[k] for k in changes}
    detail = {k: v for k, v in changes.items() if k not in ("status", "outcome", "outcome_on", "closed_on")}
    if "agreement_fen" in detail:
        detail["agreement_amount"] = fen_to_yuan(detail.pop("agreement_fen"))
    with ledger.write():
        store.update_case(ledger, row, changes)
        store.add_event(
            ledger, row["id"], on, target, {k: v for k, v in detail.items() if v is not None} or None
        )
        ledger.audit("case", row["case_no"], "transition", before, changes)
    return dict(row), target


def extend(ledger: Ledger, ref: str, until: str, on: str, *, today: date) -> tuple[str, str]:
    """The parties' consent to go past the 30 days (延期调解); returns (case number, until)."""
    row = store.find_case(ledger, ref, today=today)
    if not lifecycle.is_pending(row["status"]):
        raise Invalid(
            "status", row["status"], "a pending case (received or mediating)", "未办结（受理或调解中）的案件"
        )
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["received_on"], "received_on", "受理日期")
    if until <= row["received_on"] or until < on:
        raise Invalid(
            "until",
            until,
            f"a date after received_on ({row['received_on']}) and --on",
            "晚于受理日期和同意日期的日期",
        )
    with ledger.write():
        store.update_case(ledger, row, {"extended_until": until})
        store.add_event(ledger, row["id"], on, "extended", {"until": until})
        ledger.audit(
            "case",
            row["case_no"],
            "extend",
            {"extended_until": row["extended_until"]},
            {"extended_until": until},
        )
    return row["case_no"], until


def visit(
    ledger: Ledger,
    ref: str,
    on: str,
    *,
    by: str | None = None,
    performed: str | None = None,
    satisfaction: str | None = None,
    new_risk: str | None = None,
    today: date,
) -> str:
    """A follow-up visit (回访) after the outcome; a visit that finds the agreement performed records it on the case."""
    row = store.find_case(ledger, ref, today=today)
    if not row["outcome"]:
        raise Invalid(
            "status",
            row["status"],
            "a case with an outcome (follow-up visits come after it)",
            "已有调解结果的案件",
        )
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["outcome_on"], "outcome_on", "结案日期")
    perf = int(parse_bool(performed, "--performed")) if performed else None
    sat = SATISFACTION.parse(satisfaction, "--satisfaction") if satisfaction else None
    who = parse_text(by, "--by", max_len=100) if by else None
    risk = parse_text(new_risk, "--new-risk", max_len=500) if new_risk else None
    detail = {
        k: v
        for k, v in {"by": who, "performed": perf, "satisfaction": sat, "new_risk": risk}.items()
        if v is not None
    }
    with ledger.write():
        store.insert_visit(ledger, row["id"], on, who, perf, sat, risk)
        if perf is not None and row["outcome"] == "succeeded" and row["performed"] != perf:
            store.update_case(ledger, row, {"performed": perf})
        else:
            store.touch(ledger, row["id"])
        store.add_event(ledger, row["id"], on, "visit", detail or None)
        ledger.audit("case", row["case_no"], "visit", None, {"visited_on": on, **detail})
    return row["case_no"]


def report_risk(ledger: Ledger, ref: str, on: str, to: str | None, *, today: date) -> tuple[str, str]:
    """The risk was reported to the Party committee and government (及时主动报告); returns (case number, to whom)."""
    row = store.find_case(ledger, ref, today=today)
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["received_on"], "received_on", "受理日期")
    whom = parse_text(to, "--to", max_len=100) if to else DEFAULT_REPORTED_TO
    changes = {"reported_on": on, "reported_to": whom}
    with ledger.write():
        store.update_case(ledger, row, changes)
        store.add_event(ledger, row["id"], on, "risk_reported", {"to": whom})
        ledger.audit("case", row["case_no"], "report_risk", {k: row[k] for k in changes}, changes)
    return row["case_no"], whom


def add_plan(ledger: Ledger, ref: str, text: str, on: str, *, today: date) -> tuple[str, int]:
    """一案一策: a new version of the case's plan; returns (case number, version)."""
    body = parse_text(text, "--text", max_len=20000)
    row = store.find_case(ledger, ref, today=today)
    check_not_after_today("on", on, today)
    with ledger.write():
        version = store.insert_plan(ledger, row["id"], body, on)
        store.touch(ledger, row["id"])
        store.add_event(ledger, row["id"], on, "plan", {"version": version})
        ledger.audit("case", row["case_no"], "plan", None, {"version": version, "written_on": on})
    return row["case_no"], version


def consult(
    ledger: Ledger, ref: str, on: str, participants: str | None, conclusion: str | None, *, today: date
) -> str:
    """定期会商: one consultation on a case; returns the case number."""
    if not participants:
        raise Invalid("--participants", "", "who took part", "参加人员，必填")
    if not conclusion:
        raise Invalid("--conclusion", "", "what was concluded", "会商结论，必填")
    who = parse_text(participants, "--participants", max_len=500)
    what = parse_text(conclusion, "--conclusion", max_len=5000)
    row = store.find_case(ledger, ref, today=today)
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["received_on"], "received_on", "受理日期")
    with ledger.write():
        store.insert_consultation(ledger, row["id"], on, who, what)
        store.touch(ledger, row["id"])
        store.add_event(ledger, row["id"], on, "consultation", {"participants": who})
        ledger.audit(
            "case", row["case_no"], "consult", None, {"held_on": on, "participants": who, "conclusion": what}
        )
    return row["case_no"]
