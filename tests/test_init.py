"""`mediation init`: ready only once it succeeded, nothing left behind when it fails, the sample read from the package."""

import shutil

from conftest import SAMPLE, snapshot


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_the_sample_ships_in_the_package():
    from mediation_cli.services.sample import missing_files, shipped_sample

    assert missing_files(shipped_sample()) == []
    assert (shipped_sample() / "orgs.csv").read_text(encoding="utf-8-sig").startswith("code,")


def test_a_missing_sample_folder_creates_nothing(run, tmp_path):
    db = tmp_path / "new" / "ledger.db"
    r = run("--db", db, "init", "--sample-dir", tmp_path / "nowhere")
    assert r.exit_code == 1
    assert "orgs.csv" in r.stderr and "ledger ready" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not db.exists() and not db.with_name("ledger.db-wal").exists()


def test_a_sample_that_fails_halfway_removes_the_ledger_it_made(run, tmp_path):
    """A bad row in the cases (the last file loaded) rolls everything back and removes the new file and its side files."""
    broken = tmp_path / "broken"
    shutil.copytree(SAMPLE, broken)
    cases = broken / "cases.csv"
    lines = cases.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("2024-", "2024-13-", 1)
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "l" / "ledger.db"
    db.parent.mkdir()
    r = run("--db", db, "init", "--sample-dir", broken)
    assert r.exit_code == 1, r
    assert "ledger ready" not in r.stderr and "received_on" in r.stderr
    assert _files(db.parent) == []


def test_a_refused_sample_keeps_an_existing_ledger(run, db_path):
    assert run("init", "--sample").exit_code == 0
    before = snapshot(db_path)
    r = run("init", "--sample")
    assert r.exit_code == 1 and "ledger ready" not in r.stderr
    assert db_path.exists() and snapshot(db_path) == before


def test_ready_is_said_after_success(run, db_path):
    r = run("--lang", "zh", "init", "--sample")
    assert r.exit_code == 0
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("台账已就绪") and lines[1].startswith("示例数据已载入")
