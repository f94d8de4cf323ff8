"""The year-end summary (工作总结, issue 9 item 6): the year's figures, candidates ranked by configurable weights,
typical cases and publicity, as markdown, json and docx."""

from __future__ import annotations

import json
import zipfile

import pytest


@pytest.fixture
def year(banner, tmp_path):
    run = banner
    for staff, org in (("M1", "T1"), ("M2", "T1"), ("M3", "V1")):
        assert (
            run(
                "mediator",
                "add",
                "--staff-no",
                staff,
                "--name",
                f"调解员{staff}",
                "--org",
                org,
                "--employment",
                "part_time",
                "--joined-on",
                "2020-01-01",
            ).exit_code
            == 0
        )
    rows = [
        "T1,2024-01-05,application,neighbour,一,succeeded,2024-01-10,written,M1",
        "T1,2024-02-05,application,neighbour,二,succeeded,2024-02-10,oral,M1",
        "T1,2024-03-05,application,neighbour,三,failed,2024-03-10,,M2",
        "V1,2024-03-05,application,neighbour,四,succeeded,2024-03-10,written,M3",
        "V1,2023-12-05,application,neighbour,去年,succeeded,2023-12-10,written,M3",
    ]
    path = tmp_path / "cases.csv"
    path.write_text(
        "org_code,received_on,source,category,summary,status,outcome_on,agreement,mediators\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    assert run("case", "import", path).exit_code == 0
    assert (
        run("mediator", "train", "M2", "--on", "2024-04-01", "--topic", "培训", "--hours", "10").exit_code
        == 0
    )
    assert (
        run(
            "publicity",
            "add",
            "--on",
            "2024-05-01",
            "--outlet",
            "my_story",
            "--title",
            "故事",
            "--author",
            "M3",
        ).exit_code
        == 0
    )
    assert run("case", "feature", "(2024)乌人调字第4号", "--title", "典型", "--text", "经过").exit_code == 0
    weights = {"cases": 1, "success_rate": 10, "training_hours": 0.5, "publicity": 2, "typical": 3}
    assert run("config", "set", "summary_weights", json.dumps(weights)).exit_code == 0
    return run


def test_figures_and_ranking_by_the_weights(year):
    rep = year("report", "summary", "--year", "2024", "-f", "json").json()
    assert (rep["cases"]["received"], rep["cases"]["succeeded"], rep["cases"]["failed"]) == (4, 3, 1)
    assert rep["training"]["hours"] == 10 and rep["publicity"]["submitted"] == 1
    assert [t["case_no"] for t in rep["typical_cases"]] == ["(2024)乌人调字第4号"]
    people = {m["staff_no"]: m for m in rep["mediators"]}
    # M1: 2 cases + 10 × 1.0 = 12; M2: 1 case + 10 × 0 + 0.5 × 10 = 6; M3: 1 + 10 + 2 × 1 + 3 × 1 = 16
    assert (people["M1"]["score"], people["M2"]["score"], people["M3"]["score"]) == (12, 6, 16)
    assert [m["staff_no"] for m in rep["mediators"]] == ["M3", "M1", "M2"]
    orgs = {o["code"]: o for o in rep["committees"]}
    # T1: 3 cases + 10 × 2/3; V1: 1 case + 10 × 1 + 2 (its mediator's story) + 3 (typical)
    assert orgs["T1"]["score"] == pytest.approx(3 + 10 * 2 / 3, abs=0.01) and orgs["V1"]["score"] == 16
    assert rep["committees"][0]["code"] == "V1"
    assert (
        len(year("report", "summary", "--year", "2024", "--top", "1", "-f", "json").json()["mediators"]) == 1
    )


def test_docx_and_markdown(year, tmp_path):
    out = tmp_path / "2024年工作总结.docx"
    r = year("report", "summary", "--year", "2024", "-o", out)
    assert r.exit_code == 0, r
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "2024年人民调解工作总结" in xml and "先进个人候选" in xml and "调解员M3" in xml and "典型" in xml
    md = year("report", "summary", "--year", "2024").stdout
    assert "全年受理矛盾纠纷4件" in md and "| 1 | M3 |" in md


def test_bad_options_are_refused(year):
    assert year("report", "summary", "--year", "2024", "-f", "xlsx").exit_code == 1
    assert year("report", "summary", "--year", "2024", "-f", "docx").exit_code == 1  # needs --output
    assert year("report", "summary", "--year", "2024", "--top", "0").exit_code == 1
    bad = year("config", "set", "summary_weights", '{"beauty": 3}')
    assert bad.exit_code == 1 and "summary_weights" in bad.stderr
