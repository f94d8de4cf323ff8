"""Which risks must be reported (乌司发〔2024〕17号: "民转刑""刑转命"等恶性案件, 群体性事件, 个人极端案（事）件, and any major
risk): one definition for `case show`, `case list --unreported`, `remind` and the campaign."""

import pytest


def _case(run, risk_types: str, level: str = "elevated") -> str:
    r = run(
        "case", "add", "--org", "T1", "--received-on", "2024-06-01", "--source", "application",
        "--category", "neighbour", "--risk-level", level, "--risk-types", risk_types,
    )  # fmt: skip
    assert r.exit_code == 0, r
    return r.stdout.strip()


@pytest.mark.parametrize(
    ("types", "level", "must"),
    [
        ("刑转命", "elevated", True),
        ("个人极端", "elevated", True),
        ("民转刑", "normal", True),
        ("群体性事件", "normal", True),
        ("舆情", "elevated", False),
        ("舆情", "major", True),
    ],
)
def test_what_must_be_reported(banner, types, level, must):
    run = banner
    number = _case(run, types, level)
    shown = run("case", "show", number, "-f", "json").json()
    assert shown["needs_report"] is must
    listed = [c["case_no"] for c in run("case", "list", "--unreported", "-f", "json").json()]
    assert (number in listed) is must
    reminded = [
        r["ref"]
        for r in run("remind", "--as-of", "2024-06-30", "-f", "json").json()
        if r["kind"] == "risk_unreported"
    ]
    assert (number in reminded) is must
    run("case", "report-risk", number, "--on", "2024-06-02", "--to", "旗委政法委")
    assert number not in [c["case_no"] for c in run("case", "list", "--unreported", "-f", "json").json()]
