"""Item 4 of issue 14: the quarterly report is a document a bureau files — A4 and a 公文 layout (title, 主送, 仿宋 body
with the Chinese font set through w:eastAsia, a PAGE field in the footer), no sentence about what did not happen or
does not apply, "未登记" where performance was not recorded, dated the day it is drafted, 报告对象 filled, and the
sections 典型案例 and 存在的问题 drawn from the ledger; the clerk's edited copy is never overwritten."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

QUARTER = ("--quarter", "2024Q3")
DRAFTED = {"MEDIATION_TODAY": "2024-09-25"}
ZERO = re.compile(r"(?<![0-9.,])0[件次期名人]")  # "撤回0件", "零报告0次", "应排查0期"


@pytest.fixture
def sample(run, db_path):
    assert run("init", "--sample").exit_code == 0
    return run


def draft(run, tmp_path, org="T01", name="q.docx"):
    out = tmp_path / name
    r = run("report", "quarterly", "--org", org, *QUARTER, "-f", "docx", "-o", out, env=DRAFTED)
    assert r.exit_code == 0, r
    return Document(str(out))


def east_asia(element) -> str | None:
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


def close(a, b) -> bool:
    return abs(int(a) - int(b)) < Mm(0.5)


def test_an_a4_document_laid_out_like_a_gongwen(sample, tmp_path):
    doc = draft(sample, tmp_path)
    sec = doc.sections[0]
    assert close(sec.page_width, Mm(210)) and close(sec.page_height, Mm(297))
    assert [round(m.mm) for m in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert (
        fonts.get(qn("w:eastAsia")) == "仿宋" and fonts.get(qn("w:eastAsiaTheme")) is None
    )  # no theme font first
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16) and east_asia(normal.element) == "仿宋"
    assert normal.font.name == "Times New Roman"  # digits and letters; the Chinese text takes w:eastAsia
    paras = [p for p in doc.paragraphs if p.text.strip()]
    title, to = paras[0], paras[1]
    assert title.text == "嘎鲁图镇人民调解委员会2024年第三季度矛盾纠纷工作开展情况报告"
    assert (
        title.alignment == 1 and title.runs[0].font.size == Pt(22) and east_asia(title.runs[0]._r) == "宋体"
    )
    assert to.text == "旗司法局人民参与和促进法治股：" and not to.paragraph_format.first_line_indent
    body = paras[2]
    assert body.paragraph_format.first_line_indent == Pt(32) and east_asia(body.runs[0]._r) == "仿宋"
    headings = [p.text for p in paras if re.match("^[一二三四五六七八九十]、", p.text)]
    assert (
        headings[0] == "一、矛盾纠纷排查情况" and "七、典型案例" in headings and "八、存在的问题" in headings
    )
    assert all(east_asia(p.runs[0]._r) == "黑体" for p in paras if p.text in headings)
    assert not [p for p in doc.paragraphs if p.style.name.startswith("Heading")]  # no blue Word headings
    footer = doc.sections[0].footer._element
    assert [f.get(qn("w:fldCharType")) for f in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
    assert [t.text for t in footer.iter(qn("w:instrText"))] == [" PAGE "]
    for table in doc.tables:
        assert table.style.name == "Table Grid"
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None


def test_dated_the_day_it_is_drafted(sample, tmp_path):
    doc = draft(sample, tmp_path)
    last = [p.text for p in doc.paragraphs if p.text.strip()][-2:]
    assert last == [
        "嘎鲁图镇人民调解委员会",
        "2024年9月25日",
    ]  # not the due date (2024-09-29) nor the quarter's end
    again = sample("report", "quarterly", "--org", "T01", *QUARTER, env={"MEDIATION_TODAY": "2024-10-08"})
    assert again.stdout.rstrip().endswith("2024年10月8日")
    j = sample("report", "quarterly", "--org", "T01", *QUARTER, "-f", "json", env=DRAFTED).json()
    assert j["drafted_on"] == "2024-09-25" and j["due_on"] == "2024-09-29"  # 28th a Saturday; 29th 调休 work
    # drafted before the quarter is over: the periods owed and the staffing are counted up to the drafting day
    later = sample(
        "report", "quarterly", "--org", "T01", *QUARTER, "-f", "json", env={"MEDIATION_TODAY": "2024-10-08"}
    )
    later = later.json()
    assert (j["as_of"], later["as_of"]) == ("2024-09-25", "2024-09-30")
    assert j["screenings"]["required_periods"] < later["screenings"]["required_periods"]
    text = sample("report", "quarterly", "--org", "T01", *QUARTER, env=DRAFTED).stdout
    assert "截至2024年9月25日，应排查" in text and "截至2024年9月25日，共有人民调解员" in text


def test_no_sentence_about_what_did_not_happen(sample):
    for org in ("T01", "T06", "I01", "I03"):
        text = sample("report", "quarterly", "--org", org, *QUARTER, env=DRAFTED).stdout
        body = text.split("## 七、典型案例")[0]
        assert not ZERO.findall(body), (org, ZERO.findall(body))
        assert "已履行0件" not in text
    industry = sample("report", "quarterly", "--org", "I01", *QUARTER).stdout
    assert (
        "应排查" not in industry and "每周1次" not in industry
    )  # the plan sets an industry committee no cadence
    assert "规定普遍排查频次" in industry


def test_performance_not_recorded_is_said_so(banner, monkeypatch):
    monkeypatch.setenv("MEDIATION_TODAY", "2024-10-10")
    run = banner
    add = ("case", "add", "--org", "V1", "--source", "application", "--category", "neighbour")
    for i, summary in enumerate(("甲某与乙某排水纠纷", "丙某与丁某宅基地界址纠纷", "戊某工钱纠纷")):
        r = run(*add, "--received-on", f"2024-07-0{i + 1}", "--summary", summary)
        assert r.exit_code == 0, r
    nos = [c["case_no"] for c in run("case", "list", "-f", "json").json()]
    for no, agreement in zip(nos, ("written", "written", "oral"), strict=True):
        r = run("case", "transition", no, "succeeded", "--on", "2024-07-10", "--agreement", agreement)
        assert r.exit_code == 0, r
    text = run("report", "quarterly", "--org", "T1", *QUARTER).stdout
    assert "协议履行情况未登记" in text and "已履行" not in text.split("## 三")[0]
    assert "调解成功的3件中有3件未登记协议履行情况" in text
    assert run("case", "visit", nos[0], "--on", "2024-08-01", "--performed", "yes").exit_code == 0
    assert run("case", "visit", nos[1], "--on", "2024-08-01", "--performed", "no").exit_code == 0
    text = run("report", "quarterly", "--org", "T1", *QUARTER).stdout
    assert "已履行1件、未履行1件、履行情况未登记1件" in text
    j = run("report", "quarterly", "--org", "T1", *QUARTER, "-f", "json").json()["cases"]
    assert (
        j["agreements_performed"],
        j["agreements_not_performed"],
        j["agreements_performance_unrecorded"],
    ) == (1, 1, 1)
    # the written agreement comes first among the typical cases, performed or not as recorded
    typical = run("report", "quarterly", "--org", "T1", *QUARTER, "-f", "json").json()["typical_cases"]
    assert [t["agreement"] for t in typical] == ["written", "written", "oral"]
    assert typical[0]["performed"] is True and typical[2]["performed"] is None


def test_risk_table_names_who_was_told_and_problems_come_from_the_ledger(banner, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIATION_TODAY", "2024-10-10")
    run = banner
    add = ("case", "add", "--org", "V1", "--source", "application", "--category", "neighbour")
    r = run(*add, "--received-on", "2024-07-02", "--summary", "群体性土地纠纷", "--risk-level", "major")
    assert r.exit_code == 0, r
    told = r.stdout.strip()
    r = run(*add, "--received-on", "2024-07-03", "--summary", "扬言报复", "--risk-level", "major")
    untold = r.stdout.strip()
    r = run(*add, "--received-on", "2024-07-04", "--summary", "口角", "--risk-level", "major")
    nameless = r.stdout.strip()
    assert run("case", "report-risk", told, "--on", "2024-07-02", "--to", "旗委政法委").exit_code == 0
    assert run("case", "report-risk", nameless, "--on", "2024-07-05").exit_code == 0
    doc = draft(run, tmp_path, org="T1")
    risk = next(t for t in doc.tables if t.rows[0].cells[-1].text == "报告对象")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in risk.rows[1:]}
    assert rows[told][3:] == ["2024-07-02", "旗委政法委"]
    assert rows[untold][3:] == ["未报告", "—"]
    assert rows[nameless][3:] == ["2024-07-05", "党委、政府"]  # report-risk's default addressee
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"须向党委、政府报告的风险纠纷1件未报告（{untold}）" in text
    assert "受理超过30天仍未调结且未延期的纠纷3件" in text  # all three still pending at 2024-09-30
    assert "本季度无调解成功的案件可作典型案例。" in text
    j = run("report", "quarterly", "--org", "T1", *QUARTER, "-f", "json").json()["problems"]
    assert j["unreported_risks"] == [untold] and len(j["stalled_cases"]) == 3


def test_the_sample_risk_table_is_filled_and_an_import_without_addressee_says_so(sample, tmp_path):
    """The sample's reported risks name their addressee (sample/risk_reports.csv); a report date imported without
    one reads 未登记, not a bare dash."""
    doc = draft(sample, tmp_path)
    risk = next(t for t in doc.tables if t.rows[0].cells[-1].text == "报告对象")
    cells = [[c.text for c in r.cells] for r in risk.rows[1:]]
    reported = [row for row in cells if row[3] not in ("未报告", "无需报告")]
    assert reported and all(row[4].endswith(("党委、政府", "政法委")) for row in reported), cells
    f = tmp_path / "old.csv"
    f.write_text(
        "org_code,received_on,source,category,summary,risk_level,reported_on\n"
        "T01,2024-07-08,application,neighbour,历史数据补录,major,2024-07-09\n",
        encoding="utf-8",
    )
    assert sample("case", "import", f).exit_code == 0
    j = sample("report", "quarterly", "--org", "T01", *QUARTER, "-f", "json").json()
    row = next(x for x in j["risk_cases"] if x["reported_on"] == "2024-07-09" and not x["reported_to"])
    doc = draft(sample, tmp_path, name="again.docx")
    risk = next(t for t in doc.tables if t.rows[0].cells[-1].text == "报告对象")
    assert [c.text for c in risk.rows[[r.cells[0].text for r in risk.rows].index(row["case_no"])].cells][
        3:
    ] == [
        "2024-07-09",
        "未登记",
    ]


def test_typical_cases_are_drawn_from_the_ledger(sample, tmp_path):
    j = sample("report", "quarterly", "--org", "T01", *QUARTER, "-f", "json").json()
    assert 1 <= len(j["typical_cases"]) <= 3
    doc = draft(sample, tmp_path)
    text = "\n".join(p.text for p in doc.paragraphs)
    for case in j["typical_cases"]:
        assert case["case_no"] in text and case["summary"] in text
        assert "2024-07-01" <= case["outcome_on"] <= "2024-09-30"


def test_the_edited_copy_is_never_overwritten(sample, tmp_path):
    out = tmp_path / "嘎鲁图镇2024年第三季度报告.docx"
    draft(sample, tmp_path, name=out.name)
    out.write_bytes(b"the clerk's edited copy")
    r = sample("--lang", "zh", "report", "quarterly", "--org", "T01", *QUARTER, "-f", "docx", "-o", out)
    assert r.exit_code == 1 and "已存在" in r.stderr and "--force" in r.stderr
    assert out.read_bytes() == b"the clerk's edited copy"
    r = sample("report", "quarterly", "--org", "T01", *QUARTER, "-f", "docx", "-o", out, "--force")
    assert r.exit_code == 0 and Document(str(out)).paragraphs[0].text.startswith("嘎鲁图镇")


def test_the_clerks_own_typical_cases_come_first_without_names(sample, tmp_path):
    """A case the clerk chose as typical (`case feature`, issue 9) in the quarter is told with its own title and
    write-up, names → 某; the ledger's pick fills the rest."""
    j = sample("report", "quarterly", "--org", "T02", "--quarter", "2024Q2", "-f", "json").json()
    first = j["typical_cases"][0]
    assert first["title"] == "呼和淖尔嘎查调委会就地化解一起山林土地纠纷" and first["write_up"]
    names = {m["name"] for m in sample("mediator", "list", "--all", "-f", "json").json()}
    assert not [n for n in names if len(n) >= 2 and n in first["write_up"]]
    assert all(t["title"] is None for t in j["typical_cases"][1:])
    out = tmp_path / "t02.docx"
    r = sample("report", "quarterly", "--org", "T02", "--quarter", "2024Q2", "-f", "docx", "-o", out)
    assert r.exit_code == 0, r
    text = [p.text for p in Document(str(out)).paragraphs]
    assert f"（一）{first['title']}（{first['case_no']}）" in text
