"""Categories the statistics need (issue 15, item 10): 合同, 损害赔偿 and 物业 — columns of the statistics form that the
plan's list lacks — are accepted on a case and counted in their own column of `report statistics`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger_v1.db"


def add(run, category, *extra):
    r = run(
        "case", "add", "--org", "V1", "--received-on", "2024-05-03", "--category", category, "--source", "申请", *extra
    )  # fmt: skip
    assert r.exit_code == 0, r
    return r.stdout.strip()


@pytest.mark.parametrize(
    "typed, code",
    [("合同", "contract"), ("合同纠纷", "contract"), ("损害赔偿", "damages"), ("物业", "property_management"),
     ("物业纠纷", "property_management"), ("property_management", "property_management")],
)  # fmt: skip
def test_accepted_on_a_case(banner, typed, code):
    ref = add(banner, typed)
    assert banner("case", "show", ref, "-f", "json").json()["category"] == code


def test_counted_in_their_own_statistics_column(banner):
    run = banner
    add(run, "合同")
    ref = add(run, "物业")
    add(run, "物业")
    add(run, "损害赔偿")
    add(run, "金融借贷")  # a plan category the clerk's mapping puts under 合同
    run("case", "transition", ref, "succeeded", "--on", "2024-05-04", "--agreement", "口头")
    rows = run("report", "statistics", "--from", "2024-05-01", "--to", "2024-05-31", "-f", "json").json()
    total = rows[-1]
    assert (total["contract_received"], total["damages_received"], total["property_management_received"]) == (
        2,
        1,
        2,
    )
    assert (total["property_management_succeeded"], total["received"]) == (1, 5)


def test_listed_with_their_mapping(banner):
    rows = {r["code"]: r for r in banner("config", "categories", "-f", "json").json()}
    assert rows["damages"]["stat_category"] == "damages" and rows["damages"]["group"] == "stat_form"
    assert list(rows)[-1] == "other"


def test_an_older_ledger_gains_them_on_migration(tmp_path):
    from typer.testing import CliRunner

    from mediation_cli.app import app

    db = tmp_path / "v1.db"
    shutil.copy(FIXTURE, db)
    runner = CliRunner()
    r = runner.invoke(app, ["--db", str(db), "config", "categories", "-f", "json"])
    assert r.exit_code == 0, r.output
    codes = [c["code"] for c in json.loads(r.stdout)]
    assert {"contract", "damages", "property_management"} <= set(codes)
