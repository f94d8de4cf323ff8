"""The use cases of services/, called directly on a ledger (no CLI, no patching): each is one transaction with its
checks, its audit entry and, for a case, its timeline event; a refusal writes nothing."""

from datetime import date

import pytest

from mediation_cli.domain.errors import Invalid
from mediation_cli.errors import Duplicate, MediationError
from mediation_cli.ledger.db import open_ledger
from mediation_cli.services import cases, casework, mediators, orgs, screenings, settings, submissions

TODAY = date(2024, 6, 30)


@pytest.fixture
def ledger(tmp_path):
    ledger = open_ledger(tmp_path / "ledger.db", "clerk")
    orgs.add_org(ledger, {"code": "B", "name": "旗司法局", "kind": "administrative"}, today=TODAY)
    orgs.add_org(
        ledger,
        {"code": "T1", "name": "嘎鲁图镇人民调解委员会", "kind": "township", "parent_code": "B"},
        today=TODAY,
    )
    yield ledger
    ledger.close()


def audit(ledger, entity=None):
    sql = (
        "SELECT entity, ref, action, operator FROM audit"
        + (" WHERE entity = ?" if entity else "")
        + " ORDER BY id"
    )
    return [tuple(r) for r in ledger.all(sql, (entity,) if entity else ())]


def events(ledger, case_no):
    return [
        r[0]
        for r in ledger.all(
            "SELECT e.kind FROM case_event e JOIN dispute d ON d.id = e.case_id WHERE d.case_no = ? ORDER BY e.id",
            (case_no,),
        )
    ]


def test_org_and_mediator_use_cases_audit_each_write(ledger):
    staff = mediators.add_mediator(
        ledger,
        {
            "name": "乌力吉",
            "org_code": "T1",
            "employment": "part_time",
            "joined_on": "2024-01-01",
            "gender": "male",
        },
        today=TODAY,
    )
    assert staff == "M0001"
    mediators.edit_mediator(
        ledger, staff, {"employment": "full_time", "employment_from": "2024-03-01"}, today=TODAY
    )
    assert mediators.leave(ledger, staff, "2024-06-01", today=TODAY) == (staff, "2024-06-01")
    assert audit(ledger, "mediator") == [
        ("mediator", staff, "add", "clerk"),
        ("mediator", staff, "edit", "clerk"),
        ("mediator", staff, "leave", "clerk"),
    ]
    with pytest.raises(Duplicate):
        orgs.add_org(ledger, {"code": "T1", "name": "别的镇", "kind": "township"}, today=TODAY)


def test_a_case_from_intake_to_closing(ledger):
    number = cases.add_case(
        ledger,
        {"org_code": "T1", "received_on": "2024-05-03", "source": "application", "category": "neighbour"},
        today=TODAY,
    )
    casework.transition(ledger, number, "mediating", "2024-05-04", casework.Move(), today=TODAY)
    casework.transition(
        ledger, number, "succeeded", "2024-05-10", casework.Move(agreement="书面"), today=TODAY
    )
    casework.visit(ledger, number, "2024-05-20", performed="是", today=TODAY)
    casework.transition(ledger, number, "closed", "2024-05-21", casework.Move(), today=TODAY)
    row = ledger.one("SELECT status, outcome, performed, closed_on FROM dispute WHERE case_no = ?", (number,))
    assert tuple(row) == ("closed", "succeeded", 1, "2024-05-21")
    assert events(ledger, number) == ["mediating", "succeeded", "visit", "closed"]
    assert [a[2] for a in audit(ledger, "case")] == ["add", "transition", "transition", "visit", "transition"]


def test_a_refused_use_case_writes_nothing(ledger):
    number = cases.add_case(
        ledger,
        {"org_code": "T1", "received_on": "2024-05-03", "source": "application", "category": "neighbour"},
        today=TODAY,
    )
    before = (audit(ledger), ledger.all("SELECT * FROM dispute"), ledger.all("SELECT * FROM case_event"))
    with pytest.raises(Invalid):  # a move the lifecycle lacks
        casework.transition(ledger, number, "closed", "2024-05-04", casework.Move(), today=TODAY)
    with pytest.raises(Invalid):  # an outcome without its agreement form
        casework.transition(ledger, number, "succeeded", "2024-05-04", casework.Move(), today=TODAY)
    with pytest.raises(Invalid):  # a date after today
        casework.report_risk(ledger, number, "2024-07-01", None, today=TODAY)
    after = (audit(ledger), ledger.all("SELECT * FROM dispute"), ledger.all("SELECT * FROM case_event"))
    assert [list(map(tuple, x)) for x in after] == [list(map(tuple, x)) for x in before]
    assert not ledger.conn.in_transaction


def test_plans_consultations_and_risk_reports(ledger):
    number = cases.add_case(
        ledger,
        {
            "org_code": "T1",
            "received_on": "2024-05-03",
            "source": "application",
            "category": "neighbour",
            "risk_level": "major",
            "major": "yes",
        },
        today=TODAY,
    )
    assert casework.add_plan(ledger, number, "先稳控，再调解", "2024-05-04", today=TODAY) == (number, 1)
    assert casework.add_plan(ledger, number, "第二版", "2024-05-08", today=TODAY) == (number, 2)
    casework.consult(ledger, number, "2024-05-06", "司法所;派出所", "分头做工作", today=TODAY)
    assert casework.report_risk(ledger, number, "2024-05-04", None, today=TODAY) == (number, "党委、政府")
    assert events(ledger, number) == ["plan", "plan", "consultation", "risk_reported"]
    with pytest.raises(Invalid):
        casework.consult(ledger, number, "2024-05-06", "", "x", today=TODAY)


def test_screenings_settings_and_submissions(ledger):
    sid = screenings.record_screening(
        ledger, {"org_code": "T1", "screened_on": "2024-06-03", "found": "0"}, today=TODAY
    )
    with pytest.raises(Duplicate):
        screenings.record_screening(ledger, {"org_code": "T1", "screened_on": "2024-06-03"}, today=TODAY)
    assert settings.set_setting(ledger, "stalled_days", "45") == 45
    settings.reset_setting(ledger, "stalled_days")
    assert submissions.record_submission(ledger, "T1", "2024Q1", "2024-03-27", today=TODAY) == (
        "T1",
        "2024Q1",
        "2024-03-27",
    )
    orgs.add_org(ledger, {"code": "V1", "name": "嘎查", "kind": "village", "parent_code": "T1"}, today=TODAY)
    with pytest.raises(Invalid):  # a village committee does not report each quarter
        submissions.record_submission(ledger, "V1", "2024Q1", "2024-03-27", today=TODAY)
    with pytest.raises((Invalid, MediationError)):  # no such setting
        settings.set_setting(ledger, "no_such_key", "1")
    assert [a[:3] for a in audit(ledger) if a[0] != "org"] == [
        ("screening", str(sid), "add"),
        ("config", "stalled_days", "set"),
        ("config", "stalled_days", "reset"),
        ("report_submission", "T1/2024Q1", "submitted"),
    ]
