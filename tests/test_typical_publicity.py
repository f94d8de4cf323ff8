"""Typical cases and publicity (典型案例, 投稿; issue 9 item 5): the write-up kept with the case, the copy that leaves
the bureau with no personal data in it (its docx XML searched for every name and number), submissions per org and
per mediator."""

from __future__ import annotations

import zipfile

import pytest
from conftest import snapshot

from mediation_cli.domain.anonymise import anonymise
from mediation_cli.domain.idnumber import make_id_number

PARTY_ID = make_id_number("150626", __import__("datetime").date(1980, 1, 1), 123)
OLD_ID = "150626800101123"
MOBILE = "13904770001"
LANDLINE = "0477-7654321"
WRITE_UP = (
    f"2024年5月，村民张建国（身份证号{PARTY_ID}，电话{MOBILE}）与邻居苏日娜因排水沟堵塞发生争执。\n"
    f"调解员乌力吉巴图多次上门，联系电话{LANDLINE}；旧证号{OLD_ID}。\n"
    "最终张建国与苏日娜达成书面协议。\n"
)


@pytest.fixture
def featured(banner, tmp_path):
    run = banner
    assert (
        run(
            "mediator",
            "add",
            "--staff-no",
            "M1",
            "--name",
            "乌力吉巴图",
            "--org",
            "T1",
            "--employment",
            "part_time",
            "--joined-on",
            "2020-01-01",
            "--phone",
            "13904770009",
        ).exit_code
        == 0
    )
    assert (
        run(
            "mediator",
            "add",
            "--staff-no",
            "M2",
            "--name",
            "乌力吉",
            "--org",
            "T1",
            "--employment",
            "part_time",
            "--joined-on",
            "2020-01-01",
        ).exit_code
        == 0
    )
    assert (
        run(
            "case",
            "add",
            "--org",
            "T1",
            "--received-on",
            "2024-05-03",
            "--source",
            "application",
            "--category",
            "neighbour",
            "--summary",
            "张建国与苏日娜排水沟纠纷",
            "--mediators",
            "M1",
        ).exit_code
        == 0
    )
    run("case", "transition", "1", "succeeded", "--on", "2024-05-10", "--agreement", "written")
    text = tmp_path / "案例.txt"
    text.write_text(WRITE_UP, encoding="gbk")  # saved by Notepad on a Chinese Windows
    r = run(
        "case", "feature", "1", "--title", "乌力吉巴图巧解排水沟纠纷", "--file", text, "--on", "2024-06-01"
    )
    assert r.exit_code == 0, r
    return run


def test_the_typical_case_docx_holds_no_name_or_number(featured, tmp_path):
    out = tmp_path / "典型案例.docx"
    r = featured("case", "typical", "1", "--names", "张建国;苏日娜", "-o", out)
    assert r.exit_code == 0, r
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    for secret in (
        "张建国",
        "苏日娜",
        "乌力吉巴图",
        "乌力吉",
        PARTY_ID,
        OLD_ID,
        MOBILE,
        LANDLINE,
        "7654321",
        "13904770009",
        PARTY_ID[:6] + PARTY_ID[6:14],
    ):
        assert secret not in xml, secret
    for kept in ("张某", "苏某", "乌某巧解排水沟纠纷", "达成书面协议", "嘎鲁图镇人民调解委员会", "邻里关系"):
        assert kept in xml, kept


def test_markdown_and_json_copies_are_anonymised_too(featured):
    md = featured("case", "typical", "1", "--names", "张建国;苏日娜").stdout
    assert "张某（" not in md and "张某与邻居苏某" in md and MOBILE not in md
    js = featured("case", "typical", "1", "-f", "json").json()
    assert "乌力吉" not in js["write_up"] and "乌某" in js["title"]
    # without --names and no parties recorded, their names are not known to the ledger
    assert "张建国" in js["write_up"]


def test_the_parties_recorded_on_the_case_are_taken_out_without_names(featured):
    """当事人 recorded with `case party add` (issue 15) are known to the ledger: no --names needed."""
    for name in ("张建国", "苏日娜"):
        assert featured("case", "party", "add", "1", "--name", name).exit_code == 0
    js = featured("case", "typical", "1", "-f", "json").json()
    assert "张建国" not in js["write_up"] and "苏日娜" not in js["write_up"] and "张建国" not in js["summary"]
    assert "张某与邻居苏某" in js["write_up"] and js["summary"] == "张某与苏某排水沟纠纷"
    md = featured("report", "quarterly", "--org", "T1", "--quarter", "2024Q2", "-f", "markdown").stdout
    assert "典型案例" in md and "张建国" not in md and "苏日娜" not in md


def test_anonymise_replaces_longest_names_first():
    assert anonymise("乌力吉巴图和乌力吉", ["乌力吉", "乌力吉巴图"]) == "乌某和乌某"
    assert anonymise(f"电话：{MOBILE}。", []) == "。"


def test_a_case_not_featured_and_bad_write_ups_are_refused(featured, tmp_path, db_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # file names short enough to be quoted whole
    featured(
        "case",
        "add",
        "--org",
        "T1",
        "--received-on",
        "2024-05-03",
        "--source",
        "application",
        "--category",
        "neighbour",
        "--summary",
        "另一件",
    )
    r = featured("case", "typical", "2")
    assert r.exit_code == 1 and "case feature" in r.stderr
    before = snapshot(db_path)
    missing = featured("case", "feature", "2", "--title", "T", "--file", "nope.txt")
    assert missing.exit_code == 1 and "nope.txt" in missing.stderr
    binary = tmp_path / "x.docx"
    binary.write_bytes(b"PK\x03\x04\x00\x00\xff\xfe")
    assert featured("case", "feature", "2", "--title", "T", "--file", binary).exit_code == 1
    both = featured("case", "feature", "2", "--title", "T", "--text", "a", "--file", tmp_path / "案例.txt")
    assert both.exit_code == 1 and "--text" in both.stderr
    assert snapshot(db_path) == before


def test_submissions_per_org_and_mediator(featured, db_path):
    run = featured
    assert (
        run(
            "publicity",
            "add",
            "--on",
            "2024-06-05",
            "--outlet",
            "《我的调解故事》",
            "--title",
            "排水沟",
            "--author",
            "M1",
            "--case",
            "1",
        ).exit_code
        == 0
    )
    assert (
        run(
            "publicity",
            "add",
            "--on",
            "2024-06-06",
            "--outlet",
            "frontline",
            "--title",
            "基层一线",
            "--author",
            "M2",
            "--org",
            "V1",
            "--published-on",
            "2024-06-20",
        ).exit_code
        == 0
    )
    assert (
        run(
            "publicity",
            "add",
            "--on",
            "2024-06-07",
            "--outlet",
            "我的调解故事",
            "--title",
            "记者稿",
            "--author",
            "旗融媒体中心",
        ).exit_code
        == 0
    )
    assert run("publicity", "published", "1", "--on", "2024-06-25").exit_code == 0
    rep = run("report", "publicity", "--year", "2024", "-f", "json").json()
    assert rep["submitted"] == 3 and rep["published"] == 2
    assert {o["code"]: (o["submitted"], o["published"]) for o in rep["orgs"]} == {"T1": (1, 1), "V1": (1, 1)}
    assert {m["staff_no"]: m["submitted"] for m in rep["mediators"]} == {"M1": 1, "M2": 1}
    assert {o["outlet"]: o["submitted"] for o in rep["outlets"]} == {
        "我的调解故事": 2,
        "我在司法行政第一线": 1,
    }
    assert [t["case_no"] for t in rep["typical_cases"]] == ["(2024)乌人调字第1号"]
    assert len(run("publicity", "list", "--year", "2024", "-f", "json").json()) == 3
    assert "各调解员" in run("--lang", "zh", "report", "publicity", "--year", "2024").stdout
    # refusals: an outlet not configured, a duplicate, publication before submission, an unknown number
    before = snapshot(db_path)
    for args, needle in (
        (["--outlet", "人民日报", "--title", "x"], "--outlet"),
        (["--outlet", "frontline", "--title", "基层一线", "--on", "2024-06-06"], "title"),
        (["--outlet", "frontline", "--title", "y", "--published-on", "2024-06-01"], "--published-on"),
    ):
        base = {"--on": "2024-06-10", "--author": "M1"}
        opts = {**base, **dict(zip(args[::2], args[1::2], strict=True))}
        r = run("publicity", "add", *[x for kv in opts.items() for x in kv])
        assert r.exit_code == 1 and needle in r.stderr, (args, r)
    assert run("publicity", "published", "99").exit_code == 1
    assert snapshot(db_path) == before
    # the bureau adds a column of its own
    assert (
        run(
            "config", "set", "publicity_outlets", '{"my_story": "我的调解故事", "local": "乌审旗融媒"}'
        ).exit_code
        == 0
    )
    assert (
        run(
            "publicity", "add", "--on", "2024-06-10", "--outlet", "local", "--title", "z", "--author", "M1"
        ).exit_code
        == 0
    )
