"""The sample banner carries the people behind its numbers (issue 9 item 7): `make demo` and the reminders show
training, grades with their history, re-rated committees, typical cases and publicity."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from typer.testing import CliRunner

    from mediation_cli.app import app

    db = tmp_path_factory.mktemp("demo") / "ledger.db"
    env = {"MEDIATION_DB": str(db), "MEDIATION_TODAY": "2024-12-31", "MEDIATION_LANG": "en"}
    runner = CliRunner()
    assert runner.invoke(app, ["init", "--sample"], env=env).exit_code == 0

    def run(*args):
        r = runner.invoke(app, list(args), env=env)
        assert r.exit_code == 0, r.output
        import json

        return json.loads(r.stdout)

    return run


def test_the_sample_has_training_grades_ratings_typical_cases_and_publicity(demo):
    training = demo("report", "training", "--year", "2024", "-f", "json")
    assert len(demo("training", "list", "--year", "2024", "-f", "json")) == 6
    assert 0 < training["trained"] < training["mediators_total"] and training["untrained"]
    shown = demo("mediator", "show", "M0010", "-f", "json")
    assert shown["grade_history"][-1] == {"granted_on": "2024-07-01", "grade": "三级"}
    grades = {
        m["staff_no"]: m for m in demo("report", "grades", "--as-of", "2024-06-30", "-f", "json")["mediators"]
    }
    assert (
        grades["M0010"]["grade_held"] == "四级"
    )  # mediators.csv's grade, undated, until the promotion of 07-01
    assert shown["grade_history"][0] == {"granted_on": None, "grade": "四级"}
    stars = {o["code"]: o for o in demo("report", "stars", "--as-of", "2024-12-31", "-f", "json")["orgs"]}
    assert stars["T01"]["rating_held"] == 3 and stars["T01"]["rated_on"] == "2024-06-28"
    assert any(o["stale"] for o in stars.values())
    reminders = demo("remind", "--as-of", "2024-11-25", "-f", "json")
    stale = {r["ref"] for r in reminders if r["kind"] == "rating_stale"}
    assert stale and "T01" not in stale  # re-rated in June: no longer due
    publicity = demo("report", "publicity", "--year", "2024", "-f", "json")
    assert (
        publicity["submitted"] == 6 and publicity["published"] == 3 and len(publicity["typical_cases"]) == 5
    )
    summary = demo("report", "summary", "--year", "2024", "-f", "json")
    assert summary["committees"] and summary["mediators"] and summary["training"]["hours"] > 0
