"""Case files (卷宗): `case attach` records a document of a case's file where the bureau keeps it (path, name, size,
SHA-256 — the file is not copied), and the check made when a case is closed (销号)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediation_cli.domain.casefiles import DOCUMENT
from mediation_cli.domain.dates import check_not_after_today, check_not_before, parse_date
from mediation_cli.errors import MediationError, NotFound
from mediation_cli.ledger import cases as store
from mediation_cli.ledger.casefiles import file_status, find_attachment, insert_attachment, sha256_of
from mediation_cli.ledger.config import Config
from mediation_cli.ledger.db import Ledger


def attach(ledger: Ledger, ref: str, file: Path, kind: str, on: str | None, *, today: date) -> dict:
    """Record ``file`` as a document of kind ``kind`` in the case's file. The same content under the same kind
    twice is recorded once. Returns {case_no, kind, name, size, sha256, new}."""
    row = store.find_case(ledger, ref, today=today)
    code = DOCUMENT.parse(kind, "--kind")
    path = Path(file)
    if not path.is_file():
        raise NotFound("file", str(file), "give the path of an existing file", "请给出已存在的文件路径")
    try:
        size, digest = sha256_of(path)
    except OSError as e:
        raise MediationError(
            f"{file}: cannot be read ({e.strerror})", f"{file}：无法读取（{e.strerror}）"
        ) from None
    day = parse_date(on, today=today, field="--on").isoformat() if on else today.isoformat()
    check_not_after_today("--on", day, today)
    check_not_before("--on", day, row["received_on"], "received_on", "受理日期")
    out = {"case_no": row["case_no"], "kind": code, "name": path.name, "size": size, "sha256": digest}
    if find_attachment(ledger, row["id"], code, digest) is not None:
        return {**out, "new": False}
    with ledger.write():
        insert_attachment(ledger, row["id"], code, str(path.resolve()), path.name, size, digest, day)
        store.add_event(
            ledger, row["id"], day, "attached", {"kind": code, "name": path.name, "sha256": digest}
        )
        ledger.audit(
            "case", row["case_no"], "attach", None, {"kind": code, "name": path.name, "sha256": digest}
        )
    return {**out, "new": True}


def check_before_closing(ledger: Ledger, row, config: Config | None = None) -> list[str]:
    """The documents the file of a case about to be closed lacks; refused when ``close_requires_complete_file``
    is 1, else returned for the command to warn about."""
    config = config or Config(ledger)
    missing = file_status(ledger, row, config["file_requirements"])["missing"]
    if missing and config["close_requires_complete_file"]:
        names_en = ", ".join(DOCUMENT.label(k, "en") for k in missing)
        names_zh = "、".join(DOCUMENT.label(k, "zh") for k in missing)
        raise MediationError(
            f"closed: the case file lacks {names_en} — attach them with `case attach` "
            "(setting close_requires_complete_file = 1)",
            f"销号：卷宗缺少{names_zh}——请先用 `case attach` 登记（设置 close_requires_complete_file = 1）",
        )
    return missing
