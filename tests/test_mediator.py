"""`mediation mediator`: personal data validated and masked, employment history, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import snapshot

from mediation_cli.domain.idnumber import make_id_number

ID_M = make_id_number("150626", date(1975, 4, 12), 123)  # odd sequence: male
ID_F = make_id_number("150626", date(1982, 9, 3), 246)


@pytest.fixture
def staffed(banner):
    assert (
        banner(
            "mediator",
            "add",
            "--staff-no",
            "M001",
            "--name",
            "巴特尔",
            "--org",
            "T1",
            "--employment",
            "part_time",
            "--joined-on",
            "2020-01-01",
            "--id-number",
            ID_M,
            "--phone",
            "13904770001",
            "--ethnicity",
            "蒙古族",
        ).exit_code
        == 0
    )
    assert (
        banner(
            "mediator",
            "add",
            "--name",
            "王秀英",
            "--org",
            "T1",
            "--employment",
            "专职",
            "--joined-on",
            "2021-05-01",
            "--id-number",
            ID_F,
        ).stdout.strip()
        == "M0002"
    )
    return banner


def test_masked_by_default_and_revealed_on_request(staffed):
    m = staffed("mediator", "show", "M001", "-f", "json").json()
    assert m["id_number"] == ID_M[:6] + "********" + ID_M[-4:]
    assert m["phone"] == "139****0001"
    assert m["gender"] == "male"  # from the ID number
    listed = staffed("mediator", "list", "-f", "csv").stdout
    assert ID_M not in listed and "13904770001" not in listed
    assert staffed("mediator", "show", "M001", "--reveal", "-f", "json").json()["id_number"] == ID_M


def test_bad_id_number_refused_without_leaking_it(staffed, db_path):
    before = snapshot(db_path)
    bad = ID_M[:-1] + ("0" if ID_M[-1] != "0" else "1")
    r = staffed(
        "mediator",
        "add",
        "--name",
        "x",
        "--org",
        "T1",
        "--employment",
        "part_time",
        "--joined-on",
        "2020-01-01",
        "--id-number",
        bad,
    )
    assert r.exit_code == 1 and "id_number" in r.stderr
    assert bad not in r.stderr and bad[6:14] not in r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(db_path) == before


def test_gender_must_match_id(staffed):
    r = staffed(
        "mediator",
        "add",
        "--name",
        "x",
        "--org",
        "T1",
        "--employment",
        "part_time",
        "--joined-on",
        "2020-01-01",
        "--id-number",
        make_id_number("150626", date(1990, 1, 1), 11),
        "--gender",
        "female",
    )
    assert r.exit_code == 1 and "gender" in r.stderr


def test_unknown_org_and_bad_dates_refused(staffed, db_path):
    before = snapshot(db_path)
    r = staffed(
        "mediator",
        "add",
        "--name",
        "x",
        "--org",
        "NOWHERE",
        "--employment",
        "part_time",
        "--joined-on",
        "2020-01-01",
    )
    assert r.exit_code == 1 and "NOWHERE" in r.stderr
    r = staffed(
        "mediator",
        "add",
        "--name",
        "x",
        "--org",
        "T1",
        "--employment",
        "sometimes",
        "--joined-on",
        "2020-01-01",
    )
    assert r.exit_code == 1 and "employment" in r.stderr
    r = staffed("mediator", "leave", "M001", "--on", "2019-01-01")
    assert r.exit_code == 1 and "left_on" in r.stderr
    assert snapshot(db_path) == before


def test_employment_history_as_of(staffed):
    assert (
        staffed("mediator", "edit", "M001", "--employment", "full_time", "--from", "2024-09-01").exit_code
        == 0
    )
    hist = staffed("mediator", "show", "M001", "-f", "json").json()["employment_history"]
    assert hist == [
        {"effective_from": "2020-01-01", "employment": "part_time"},
        {"effective_from": "2024-09-01", "employment": "full_time"},
    ]
    before = staffed(
        "mediator", "list", "--as-of", "2024-08-31", "--employment", "full_time", "-f", "json"
    ).json()
    after = staffed(
        "mediator", "list", "--as-of", "2024-09-01", "--employment", "full_time", "-f", "json"
    ).json()
    assert [m["staff_no"] for m in before] == ["M0002"]
    assert [m["staff_no"] for m in after] == ["M0002", "M001"]


def test_leave(staffed):
    assert staffed("mediator", "leave", "M001", "--on", "2024-05-01").exit_code == 0
    assert [m["staff_no"] for m in staffed("mediator", "list", "-f", "json").json()] == ["M0002"]
    assert len(staffed("mediator", "list", "--all", "-f", "json").json()) == 2


def test_import_keeps_history_and_is_idempotent(banner, tmp_path):
    f = tmp_path / "m.csv"
    f.write_text(
        f"staff_no,name,org_code,employment,joined_on,id_number\nM1,张三,T1,part_time,2020-01-01,{ID_M}\n",
        encoding="utf-8",
    )
    assert "1 added" in banner("mediator", "import", f).stdout
    assert "1 unchanged" in banner("mediator", "import", f).stdout
    f.write_text(
        "staff_no,name,org_code,employment,employment_from,joined_on\n"
        "M1,张三,T1,full_time,2024-09-01,2020-01-01\n",
        encoding="utf-8",
    )
    assert "1 updated" in banner("mediator", "import", f).stdout
    hist = banner("mediator", "show", "M1", "-f", "json").json()["employment_history"]
    assert [h["employment"] for h in hist] == ["part_time", "full_time"]


def test_import_bad_id_row_named_without_number(banner, tmp_path, db_path):
    bad = ID_M[:-1] + ("0" if ID_M[-1] != "0" else "1")
    f = tmp_path / "m.csv"
    f.write_text(
        "staff_no,name,org_code,employment,joined_on,id_number\n"
        f"M1,张三,T1,part_time,2020-01-01,{ID_F}\nM2,李四,T1,part_time,2020-01-01,{bad}\n",
        encoding="utf-8",
    )
    before = snapshot(db_path)
    r = banner("mediator", "import", f)
    assert r.exit_code == 1 and "line 3" in r.stderr and "id_number" in r.stderr and bad not in r.stderr
    assert snapshot(db_path) == before


def test_export_masked_unless_reveal(staffed, tmp_path):
    out = tmp_path / "m.csv"
    staffed("mediator", "export", "-o", out)
    assert ID_M not in out.read_text(encoding="utf-8")
    staffed("mediator", "export", "-o", out, "--reveal", "--force")
    assert ID_M in out.read_text(encoding="utf-8")
