"""Committee roles (issue 15, item 5): 主任/副主任/委员/聘任调解员 on a mediator; 人民调解法 art. 8 (3–9 委员, a woman, a
minority member) counts the committee's 委员 only — not hired mediators, not workrooms."""

from __future__ import annotations

import sqlite3

from mediation_cli.ledger import seal


def hire(run, org, n, *, prefix, role=None, gender="male", ethnicity="汉族"):
    for i in range(n):
        args = ["--staff-no", f"{prefix}{i:02d}", "--name", f"调解员{prefix}{i}", "--org", org]
        args += [
            "--employment",
            "part_time",
            "--joined-on",
            "2020-01-01",
            "--gender",
            gender,
            "--ethnicity",
            ethnicity,
        ]
        if role:
            args += ["--role", role]
        r = run("mediator", "add", *args)
        assert r.exit_code == 0, r


def org_row(run, code):
    rows = run("report", "staffing", "--as-of", "2024-06-30", "-f", "json").json()["orgs"]
    return next(o for o in rows if o["code"] == code)


def test_ten_mediators_of_whom_five_are_members(banner):
    run = banner
    hire(run, "I1", 1, prefix="D", role="主任", gender="female")
    hire(run, "I1", 1, prefix="E", role="副主任", ethnicity="蒙古族")
    hire(run, "I1", 3, prefix="M", role="委员")
    hire(run, "I1", 5, prefix="H", role="聘任调解员")
    row = org_row(run, "I1")
    assert (row["mediators"], row["members"], row["member_women"], row["member_minority"]) == (10, 5, 1, 1)
    assert row["composition_problems"] == []


def test_without_roles_every_mediator_counts_as_before(banner):
    hire(banner, "I1", 10, prefix="X", gender="female", ethnicity="蒙古族")
    row = org_row(banner, "I1")
    assert row["members"] == 10 and row["composition_problems"] == ["too_many_members"]


def test_hired_women_and_minorities_do_not_make_the_committee(banner):
    run = banner
    hire(run, "T1", 3, prefix="M", role="member")
    hire(run, "T1", 2, prefix="H", role="hired", gender="female", ethnicity="蒙古族")
    row = org_row(run, "T1")
    assert row["members"] == 3 and row["women"] == 2
    assert row["composition_problems"] == ["no_woman", "no_minority"]
    # one of them appointed a member: 4 members, a woman and a minority among them
    assert run("mediator", "edit", "H00", "--role", "委员").exit_code == 0
    assert org_row(run, "T1")["composition_problems"] == []
    assert run("mediator", "edit", "H00", "--clear", "role").exit_code == 0  # no role: counted as a member
    assert org_row(run, "T1")["members"] == 4


def test_a_workroom_is_not_a_committee(banner):
    run = banner
    run("org", "add", "--code", "W1", "--name", "法院诉前调解工作室", "--kind", "workroom", "--parent", "B")
    hire(run, "W1", 1, prefix="W")
    row = org_row(run, "W1")
    assert row["composition_problems"] == [] and row["members"] is None


def test_role_in_import_and_bad_role(banner, tmp_path):
    run = banner
    sheet = tmp_path / "m.csv"
    sheet.write_text(
        "staff_no,name,org_code,employment,joined_on,role\nA1,甲,T1,兼职,2020-01-01,调委会主任\n",
        encoding="utf-8",
    )
    assert run("mediator", "import", sheet).exit_code == 0
    assert run("mediator", "show", "A1", "-f", "json").json()["role"] == "director"
    r = run("mediator", "edit", "A1", "--role", "会计")
    assert r.exit_code == 1 and r.stderr.startswith("role") and "聘任调解员" in r.stderr
    r = run("--lang", "zh", "mediator", "edit", "A1", "--role", "会计")
    assert r.exit_code == 1 and "以下之一" in r.stderr


def test_the_migration_step_reseals_the_honest_rows_only(banner, db_path):
    """Migration 008's step on mediator rows sealed without ``role``, one of them edited behind the program's back:
    the honest rows are resealed, the edited one still shows in `db check`."""
    from mediation_cli.ledger.migrate_steps import reseal_mediator_role

    hire(banner, "T1", 3, prefix="M")
    conn = sqlite3.connect(db_path)
    conn.create_function("row_seal", -1, seal.row_seal)
    conn.execute("ALTER TABLE mediator DROP COLUMN role")
    conn.execute(
        f"UPDATE mediator SET seal = {seal.seal_expr(conn, 'mediator')}"
    )  # sealed as before the column
    conn.execute("UPDATE mediator SET name = '改过' WHERE staff_no = 'M01'")
    conn.execute("ALTER TABLE mediator ADD COLUMN role TEXT")
    reseal_mediator_role(conn)
    conn.commit()
    conn.close()
    r = banner("db", "check", "-f", "json")
    assert r.exit_code == 1
    assert [(p["check"], p["ref"]) for p in r.json()] == [("row_seal", "mediator M01")]


def test_db_check_names_a_stored_role_outside_its_codes(banner, db_path):
    hire(banner, "T1", 1, prefix="M", role="member")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE mediator SET role = 'boss'")
    conn.commit()
    conn.close()
    problems = banner("db", "check", "-f", "json").json()
    assert ("code", "mediator M00") in [(p["check"], p["ref"]) for p in problems]


def test_rollup_reads_a_ledger_from_before_roles(banner, db_path, tmp_path):
    """A banner's ledger written before roles were kept (no ``role`` column): every mediator counts as a member."""
    hire(banner, "T1", 10, prefix="M", role="hired")
    old = tmp_path / "old.db"
    conn = sqlite3.connect(db_path)
    conn.execute(f"VACUUM INTO '{old}'")
    conn.close()
    conn = sqlite3.connect(old)
    conn.execute("ALTER TABLE mediator DROP COLUMN role")
    conn.commit()
    conn.close()
    r = banner("rollup", old, "--year", "2024", "--as-of", "2024-06-30", "-f", "json")
    assert r.exit_code == 0, r
    assert r.json()["staffing"][0]["total_mediators"] == 10
