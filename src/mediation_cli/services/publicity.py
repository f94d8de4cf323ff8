"""Typical cases (典型案例: `case feature`) and submissions to publicity columns (投稿: `publicity add|published`).

The plan, 三（三）: "提炼可借鉴、可推广的典型经验"; 四（三）: "积极向自治区司法厅《我的调解故事》《我在司法行政第一线》专栏投稿…
通过典型案例指导宣传调解工作"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.domain.dates import check_not_after_today, check_not_before, parse_date
from mediation_cli.domain.errors import Invalid
from mediation_cli.domain.taxonomy import parse_bool
from mediation_cli.domain.values import parse_text
from mediation_cli.errors import Duplicate, NotFound
from mediation_cli.ledger import cases as store
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger
from mediation_cli.ledger.mediators import find_mediator
from mediation_cli.ledger.orgs import resolve_org
from mediation_cli.ledger.publicity import (
    feature_of,
    find_publicity,
    get_publicity,
    insert_publicity,
    set_published,
    upsert_feature,
)

MAX_WRITE_UP = 200_000  # characters: a write-up, not a book


def read_write_up(file: Path) -> str:
    """A write-up file: plain text in UTF-8 (with or without BOM) or GB18030 (what Chinese Windows saves)."""
    path = Path(file)
    if not path.is_file():
        raise NotFound(
            "file", str(file), "give the path of an existing text file", "请给出已存在的文本文件路径"
        )
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Invalid(
            "--file", str(file), "a plain-text file in UTF-8 or GBK", "UTF-8 或 GBK 编码的纯文本文件"
        )
    if "\x00" in text:
        raise Invalid(
            "--file", str(file), "a plain-text file (not a .docx or .pdf)", "纯文本文件（不是 .docx 或 .pdf）"
        )
    return parse_text(text, "--file", max_len=MAX_WRITE_UP)


def feature_case(
    ledger: Ledger, ref: str, title: str, *, text: str | None, file: Path | None, on: str | None, today: date
) -> tuple[str, bool]:
    """Mark a case as typical (典型案例) with its title and write-up; again replaces the write-up. Returns
    (case number, whether it was new)."""
    row = store.find_case(ledger, ref, today=today)
    if (text is None) == (file is None):
        raise Invalid("--text/--file", "", "one of --text or --file", "--text 与 --file 二选一")
    body = read_write_up(file) if file is not None else parse_text(text, "--text", max_len=MAX_WRITE_UP)
    heading = parse_text(title, "--title", max_len=100)
    day = parse_date(on, today=today, field="--on").isoformat() if on else today.isoformat()
    check_not_after_today("--on", day, today)
    check_not_before("--on", day, row["received_on"], "received_on", "受理日期")
    before = feature_of(ledger, row["id"])
    with ledger.write():
        upsert_feature(ledger, row["id"], heading, body, day)
        store.add_event(ledger, row["id"], day, "featured", {"title": heading})
        ledger.audit(
            "case",
            row["case_no"],
            "feature",
            {"title": before["title"]} if before else None,
            {"title": heading, "featured_on": day, "chars": len(body)},
        )
    return row["case_no"], before is None


def parse_outlet(text: str, outlets: dict[str, str]) -> str:
    """A column by its key or its name, with or without 《》: stored as the name."""
    s = str(text).strip().strip("《》")
    if s in outlets:
        return outlets[s]
    if s in outlets.values():
        return s
    allowed = ", ".join(f"{k} (《{v}》)" for k, v in outlets.items())
    raise Invalid(
        "--outlet",
        text,
        f"one of {allowed} — add one with `mediation config set publicity_outlets …`",
        f"以下之一：{allowed}——可用 `mediation config set publicity_outlets …` 增加",
    )


def add_publicity(ledger: Ledger, fields: dict, *, today: date) -> int:
    """Record a submission: date, outlet, title, author (a staff number credits that mediator), the case and org
    it is about or credited to, and whether (and when) it was published. Returns its number."""
    on = parse_date(fields["on"], today=today, field="--on").isoformat()
    check_not_after_today("--on", on, today)
    outlet = parse_outlet(fields["outlet"], Config(ledger)["publicity_outlets"])
    title = parse_text(fields["title"], "--title", max_len=200)
    author = parse_text(fields["author"], "--author", max_len=100)
    mediator = None
    try:
        mediator = find_mediator(ledger, author)
    except NotFound:
        mediator = None
    case = store.find_case(ledger, fields["case"], today=today) if fields.get("case") else None
    if fields.get("org"):
        org_id = resolve_org(ledger, fields["org"])["id"]
    elif case is not None:
        org_id = case["org_id"]
    elif mediator is not None:
        org_id = mediator["org_id"]
    else:
        org_id = None
    published = parse_bool(fields["published"], "--published") if fields.get("published") else False
    published_on = None
    if fields.get("published_on"):
        published_on = parse_date(fields["published_on"], today=today, field="--published-on").isoformat()
        check_not_after_today("--published-on", published_on, today)
        check_not_before("--published-on", published_on, on, "the submission", "投稿日期")
        published = True
    if find_publicity(ledger, on, outlet, title) is not None:
        raise Duplicate("title", f"{on} {outlet} {title}")
    values = {
        "submitted_on": on,
        "outlet": outlet,
        "title": title,
        "author": mediator["name"] if mediator is not None else author,
        "mediator_id": mediator["id"] if mediator is not None else None,
        "org_id": org_id,
        "case_id": case["id"] if case is not None else None,
        "published": int(bool(published)),
        "published_on": published_on,
    }
    with ledger.write():
        pid = insert_publicity(ledger, values)
        ledger.audit("publicity", str(pid), "add", None, {k: v for k, v in values.items() if k != "at"})
    return pid


def mark_published(ledger: Ledger, pid: int, on: str, *, today: date) -> str:
    row = get_publicity(ledger, pid)
    day = parse_date(on, today=today, field="--on").isoformat()
    check_not_after_today("--on", day, today)
    check_not_before("--on", day, row["submitted_on"], "the submission", "投稿日期")
    with ledger.write():
        set_published(ledger, pid, day)
        ledger.audit(
            "publicity", str(pid), "published", {"published_on": row["published_on"]}, {"published_on": day}
        )
    return day
