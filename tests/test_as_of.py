"""`--as-of D` is a picture of date D (issue 15 item 2): `remind`, `case list --stalled`, `report campaign` and
`report quarterly` count each case by its status, extensions, risk report, plan and consultations as they stood on D,
from the case's own dates and timeline. Hand-computed answers on both sides of every later event."""

from __future__ import annotations

import pytest


def _add(run, *args: str) -> str:
    r = run("case", "add", "--org", "T1", "--source", "application", "--category", "neighbour", *args)
    assert r.exit_code == 0, r
    return r.stdout.strip().splitlines()[-1]


@pytest.fixture
def ledger(banner):
    """Today is 2024-06-30 (conftest). S: received 05-01, mediating 05-02, settled 06-20. X: received 04-01,
    extended on 05-20 until 06-30. M: received 06-01, major, plan written 06-10, consultation 06-12.
    R: received 06-01, major risk, reported 06-15, settled 06-25."""
    cases = {}
    cases["S"] = _add(banner, "--received-on", "2024-05-01", "--summary", "settled on 06-20")
    assert banner("case", "transition", cases["S"], "mediating", "--on", "2024-05-02").exit_code == 0
    r = banner("case", "transition", cases["S"], "succeeded", "--on", "2024-06-20", "--agreement", "written")
    assert r.exit_code == 0, r
    cases["X"] = _add(banner, "--received-on", "2024-04-01", "--summary", "extended on 05-20")
    r = banner("case", "extend", cases["X"], "--until", "2024-06-30", "--on", "2024-05-20")
    assert r.exit_code == 0, r
    cases["M"] = _add(banner, "--received-on", "2024-06-01", "--major", "yes", "--summary", "major")
    assert banner("case", "plan", cases["M"], "--text", "一案一策", "--on", "2024-06-10").exit_code == 0
    r = banner(
        "case", "consult", cases["M"], "--on", "2024-06-12", "--participants", "甲", "--conclusion", "继续"
    )
    assert r.exit_code == 0, r
    cases["R"] = _add(banner, "--received-on", "2024-06-01", "--risk-level", "major", "--summary", "risk")
    assert banner("case", "report-risk", cases["R"], "--on", "2024-06-15").exit_code == 0
    assert banner("case", "transition", cases["R"], "failed", "--on", "2024-06-25").exit_code == 0
    banner.cases = cases
    return banner


def _remind(run, on: str) -> set[tuple[str, str]]:
    r = run("remind", "--as-of", on, "-f", "json")
    assert r.exit_code == 0, r
    return {(x["kind"], x["ref"]) for x in r.json()}


def _stalled(run, on: str) -> list[str]:
    r = run("case", "list", "--stalled", "--as-of", on, "-f", "json")
    assert r.exit_code == 0, r
    return [x["case_no"] for x in r.json()]


def test_a_case_settled_later_was_stalled_before(ledger):
    s = ledger.cases["S"]
    # received 05-01: 30 days later (05-31) it is not yet past the month; 06-01 it is; settled 06-20
    assert s not in _stalled(ledger, "2024-05-31")
    assert s in _stalled(ledger, "2024-06-01")
    assert s in _stalled(ledger, "2024-06-05")
    assert s in _stalled(ledger, "2024-06-19")
    assert s not in _stalled(ledger, "2024-06-20")
    assert s not in [x["case_no"] for x in ledger("case", "list", "--stalled", "-f", "json").json()]
    assert ("case_stalled", s) in _remind(ledger, "2024-06-05")
    assert ("case_stalled", s) not in _remind(ledger, "2024-06-20")
    # the stalled flag of a plain list is the one of its date too
    rows = ledger("case", "list", "--as-of", "2024-06-05", "-f", "json").json()
    assert {x["case_no"]: x["stalled"] for x in rows}[s] is True
    rows = ledger("case", "list", "-f", "json").json()
    assert {x["case_no"]: x["stalled"] for x in rows}[s] is False


def test_an_extension_counts_from_the_day_it_was_granted(ledger):
    x = ledger.cases["X"]
    # received 04-01, stalled from 05-02; the parties agreed on 05-20 to go on until 06-30
    assert x in _stalled(ledger, "2024-05-10")
    assert ("case_stalled", x) in _remind(ledger, "2024-05-19")
    assert x not in _stalled(ledger, "2024-05-20")
    assert x not in _stalled(ledger, "2024-06-30")
    assert ("case_stalled", x) not in _remind(ledger, "2024-06-30")


def test_a_plan_dated_06_10_does_not_clear_major_no_plan_on_06_09(ledger):
    m = ledger.cases["M"]
    assert ("major_no_plan", m) in _remind(ledger, "2024-06-09")
    assert ("major_no_plan", m) not in _remind(ledger, "2024-06-10")
    # not major before it was received
    assert ("major_no_plan", m) not in _remind(ledger, "2024-05-31")


def test_a_consultation_counts_from_the_day_it_was_held(ledger):
    m = ledger.cases["M"]
    # received (and major) 06-01, 30 days without a consultation on 07-02 at the earliest; held 06-12
    rows = {(x["kind"], x["ref"]): x for x in ledger("remind", "--as-of", "2024-06-30", "-f", "json").json()}
    assert ("major_no_consultation", m) not in rows
    rows = {(x["kind"], x["ref"]): x for x in ledger("remind", "--as-of", "2024-07-13", "-f", "json").json()}
    assert rows[("major_no_consultation", m)]["due_on"] == "2024-07-12"


def test_a_risk_reported_later_was_unreported_before_and_a_settled_case_was_pending(ledger):
    r = ledger.cases["R"]
    assert ("risk_unreported", r) in _remind(ledger, "2024-06-14")
    assert ("risk_unreported", r) not in _remind(ledger, "2024-06-15")
    unreported = ledger("case", "list", "--unreported", "--as-of", "2024-06-14", "-f", "json").json()
    assert r in [x["case_no"] for x in unreported]
    assert ledger("case", "list", "--unreported", "-f", "json").json() == []


def test_campaign_counts_the_status_of_its_date(ledger):
    def figures(on):
        rep = ledger("report", "campaign", "--as-of", on, "-f", "json").json()
        return rep, {t["key"]: t for t in rep["targets"]}

    # 06-19: nothing settled yet (S settles 06-20, R fails 06-25); 4 received
    rep, t = figures("2024-06-19")
    assert t["success_rate"]["detail"] == "0/0" and t["success_rate"]["value"] is None
    assert (rep["cases_received"], rep["cases_succeeded"], rep["cases_settled"]) == (4, 0, 0)
    assert rep["success_rate_of_received"] == 0
    # 06-30: S succeeded, R failed: 1 of 2 settled, 1 of 4 received
    rep, t = figures("2024-06-30")
    assert t["success_rate"]["detail"] == "1/2"
    assert rep["success_rate_of_settled"] == pytest.approx(0.5)
    assert rep["success_rate_of_received"] == pytest.approx(0.25)
    # major_with_plan: M is planned from 06-10; risks_reported: R from 06-15
    _, t = figures("2024-06-09")
    assert t["major_with_plan"]["detail"] == "0/1" and t["risks_reported"]["detail"] == "0/1"
    _, t = figures("2024-06-15")
    assert t["major_with_plan"]["detail"] == "1/1" and t["risks_reported"]["detail"] == "1/1"


def test_quarterly_as_of_a_date_inside_the_quarter(ledger):
    def cases(*extra):
        r = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "-f", "json", *extra)
        assert r.exit_code == 0, r
        return r.json()

    for on in ("2024-06-03", "2024-06-20"):
        assert ledger("screen", "record", "--org", "V1", "--on", on, "--found", "0").exit_code == 0
    end = cases()
    assert end["as_of"] == "2024-06-30"
    assert end["screenings"]["rounds"] == 2 and cases("--as-of", "2024-06-12")["screenings"]["rounds"] == 1
    c = end["cases"]
    assert (c["received"], c["succeeded"], c["failed"], c["pending"]) == (4, 1, 1, 2)
    assert c["success_rate"] == pytest.approx(0.5) and c["success_rate_of_received"] == pytest.approx(0.25)
    mid = cases("--as-of", "2024-06-12")
    c = mid["cases"]
    assert mid["as_of"] == "2024-06-12"
    assert (c["received"], c["succeeded"], c["failed"], c["pending"]) == (4, 0, 0, 4)
    assert c["success_rate"] is None and c["success_rate_of_received"] == 0
    risk = {x["case_no"]: x for x in mid["risk_cases"]}[ledger.cases["R"]]
    assert risk["reported_on"] is None and risk["status_then"] == "pending"
    major = {x["case_no"]: x for x in cases("--as-of", "2024-06-09")["major_cases"]}[ledger.cases["M"]]
    assert major["has_plan"] == 0 and major["consultations"] == 0
    # a date past the quarter's end is the quarter's end
    assert cases("--as-of", "2024-07-15")["as_of"] == "2024-06-30"
    md = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "--as-of", "2024-06-30").stdout
    assert "调解成功率（成功÷办结）50.0%、（成功÷受理）25.0%" in md
    # nothing settled by 06-12: no rate to state (no sentence of a figure that does not apply, issue 14)
    md = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "--as-of", "2024-06-12").stdout
    assert "调解成功率" not in md and "尚在调解4件" in md
    bad = ledger("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "--as-of", "2024-13-01")
    assert bad.exit_code == 1 and "as_of" in bad.stderr and "Traceback" not in bad.stderr
