"""司法确认 (人民调解法 art. 33): the parties' wish to confirm a written agreement, their joint application to a court,
and the court's decision — `case confirm request|apply|decide`. Each is one transaction with a timeline event and an
audit entry. The window (30 days from the agreement) is a reminder, not a refusal: an application after it is recorded
as late, since the ledger records what happened."""

from __future__ import annotations

from datetime import date

from mediation_cli.domain.confirmation import DECISION, applied_in_time, last_day
from mediation_cli.domain.dates import check_not_after_today, check_not_before
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.values import parse_text
from mediation_cli.errors import MediationError
from mediation_cli.ledger import cases as store
from mediation_cli.ledger import confirmations as ledger_rows
from mediation_cli.ledger.db import Ledger


def _written_agreement(ledger: Ledger, ref: str, today: date):
    row = store.find_case(ledger, ref, today=today)
    if row["outcome"] != "succeeded" or row["agreement"] != "written" or not row["outcome_on"]:
        raise MediationError(
            f"{row['case_no']}: 司法确认 is for a written agreement (人民调解法 art. 33) — the case must have succeeded "
            "with --agreement written and an outcome date",
            f"{row['case_no']}：司法确认仅适用于书面调解协议（人民调解法第三十三条）——案件须调解成功、协议形式为书面并有结案日期",
        )
    return row


def _write(ledger: Ledger, row, changes: dict, on: str, kind: str, action: str, detail: dict) -> None:
    stored = ledger_rows.confirmation_of(ledger, row["id"])
    before = {k: stored[k] for k in changes} if stored else None
    with ledger.write():
        ledger_rows.save(ledger, row["id"], changes)
        store.touch(ledger, row["id"])
        store.add_event(ledger, row["id"], on, kind, detail or None)
        ledger.audit("case", row["case_no"], action, before, changes)


def request(ledger: Ledger, ref: str, on: str, *, today: date) -> tuple[str, str]:
    """The parties asked to have their written agreement confirmed; returns (case number, the last day to apply)."""
    row = _written_agreement(ledger, ref, today)
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["outcome_on"], "outcome_on", "结案日期")
    _write(ledger, row, {"requested_on": on}, on, "confirmation_requested", "confirm_request", {})
    return row["case_no"], last_day(row["outcome_on"]).isoformat()


def apply(ledger: Ledger, ref: str, on: str, court: str | None, *, today: date) -> tuple[str, bool]:
    """The joint application to a court; returns (case number, whether it was within the 30 days)."""
    row = _written_agreement(ledger, ref, today)
    if not court:
        raise Invalid(
            "--court",
            "",
            "the court applied to (e.g. 乌审旗人民法院)",
            "受理申请的人民法院（如 乌审旗人民法院），必填",
        )
    where = parse_text(court, "--court", max_len=100)
    check_not_after_today("on", on, today)
    check_not_before("on", on, row["outcome_on"], "outcome_on", "结案日期")
    stored = ledger_rows.confirmation_of(ledger, row["id"])
    changes = {"applied_on": on, "court": where}
    if stored is None or stored["requested_on"] is None or stored["requested_on"] > on:
        changes["requested_on"] = on  # applying jointly is asking
    in_time = applied_in_time(row["outcome_on"], on)
    _write(
        ledger,
        row,
        changes,
        on,
        "confirmation_applied",
        "confirm_apply",
        {"court": where, "in_time": in_time},
    )
    return row["case_no"], in_time


def decide(ledger: Ledger, ref: str, on: str, decision: str | None, *, today: date) -> tuple[str, str]:
    """The court's decision (裁定有效 / 驳回申请); returns (case number, decision)."""
    row = _written_agreement(ledger, ref, today)
    if not decision:
        raise Invalid(
            "--decision", "", "confirmed | rejected (确认有效/驳回申请)", "确认有效 或 驳回申请，必填"
        )
    code = DECISION.parse(decision, "--decision")
    stored = ledger_rows.confirmation_of(ledger, row["id"])
    if stored is None or stored["applied_on"] is None:
        raise MediationError(
            f"{row['case_no']}: no application recorded — `case confirm apply` first",
            f"{row['case_no']}：尚未登记司法确认申请——请先用 `case confirm apply`",
        )
    check_not_after_today("on", on, today)
    check_not_before("on", on, stored["applied_on"], "applied_on", "申请日期")
    _write(
        ledger, row, {"decided_on": on, "decision": code}, on, "confirmation_decided", "confirm_decide",
        {"decision": code},
    )  # fmt: skip
    return row["case_no"], code
