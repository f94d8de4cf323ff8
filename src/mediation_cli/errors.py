"""Typed refusals. Each knows its one- or two-line message in both languages and its exit code.

Raised before anything is written; the root app turns them into stderr lines and an exit code (no traceback unless
``MEDIATION_DEBUG=1``). Personal data is masked by whoever raises: a message never carries an ID number or a phone.
"""

from __future__ import annotations

from mediation_cli.domain.errors import Invalid
from mediation_cli.i18n import tr

QUOTE_LIMIT = 80


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr`` of a value for a message, cut to about ``limit`` characters (a hostile 50,000-character value is not
    echoed back whole); bytes that were not valid UTF-8 on the command line show as ``\\xNN``."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + f"…(+{len(text) - limit} chars)"
    text = value
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if len(text) > limit:
        return repr(text[:limit]) + f"…(+{len(text) - limit} chars)"
    return repr(text)


class MediationError(Exception):
    exit_code = 1

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(en)
        self.en = en
        self.zh = zh or en

    def message(self) -> str:
        return tr(self.en, self.zh)


class NotFound(MediationError):
    def __init__(self, what: str, value: str, hint_en: str = "", hint_zh: str = ""):
        what_zh = {
            "org": "调解组织",
            "mediator": "调解员",
            "case": "案件",
            "screening": "排查记录",
            "training session": "培训记录",
            "file": "文件",
            "submission": "投稿记录",
        }.get(what, what)
        super().__init__(
            f"unknown {what}: {quote(value)}" + (f" — {hint_en}" if hint_en else ""),
            f"找不到{what_zh}：{quote(value)}" + (f"——{hint_zh}" if hint_zh else ""),
        )


class Duplicate(MediationError):
    def __init__(self, field: str, value: str):
        super().__init__(
            f"{field}: {quote(value)} already exists — choose another {field}",
            f"{field}：{quote(value)} 已存在——请换一个",
        )


class LedgerRefused(MediationError):
    """The file is not a ledger, or is newer than this program: refused, left untouched."""


class ImportRefused(MediationError):
    """A file with bad rows, refused whole. Names every bad row."""

    def __init__(self, problems: list[tuple[int, str, str, str]], path: str):
        self.problems = problems
        shown = problems[:50]
        more = len(problems) - len(shown)
        lines_en = [
            f"{path}: {len(problems)} bad row(s), nothing imported (use --skip-bad --rejects FILE to import the rest):"
        ]
        lines_zh = [
            f"{path}：{len(problems)} 行有误，未导入任何数据（可用 --skip-bad --rejects 文件 导入其余各行）："
        ]
        for line, column, value, why in shown:
            lines_en.append(f"  line {line}, {column} = {quote(value)}: {why}")
            lines_zh.append(f"  第 {line} 行，{column} = {quote(value)}：{why}")
        if more:
            lines_en.append(f"  … and {more} more")
            lines_zh.append(f"  ……另有 {more} 行")
        super().__init__("\n".join(lines_en), "\n".join(lines_zh))


def invalid_message(e: Invalid) -> str:
    allowed = tr(e.allowed, e.allowed_zh or e.allowed)
    return tr(
        f"{e.field}: {quote(e.value)} is not valid — expected {allowed}",
        f"{e.field}：{quote(e.value)} 无效——应为{allowed}",
    )


# What SQLite says when the trouble is the file or the disk, not the program: refused with exit 1 and the real reason.
_SQLITE_TROUBLE = (
    ("readonly", "the ledger file is read-only — check its permissions", "台账文件为只读——请检查文件权限"),
    (
        "disk is full",
        "the disk is full — free some space and run the command again",
        "磁盘已满——请腾出空间后重试",
    ),
    (
        "database is locked",
        "the ledger is busy (another program holds it) — try again",
        "台账正被其他程序占用——请稍后重试",
    ),
    ("disk i/o error", "the disk could not be read or written (I/O error)", "磁盘读写出错（I/O 错误）"),
    ("unable to open database", "the ledger file cannot be opened", "无法打开台账文件"),
    (
        "malformed",
        "the ledger file is damaged — restore a backup (`mediation db restore`)",
        "台账文件已损坏——请用 `mediation db restore` 恢复备份",
    ),
    (
        "not a database",
        "the ledger file is damaged — restore a backup (`mediation db restore`)",
        "台账文件已损坏——请用 `mediation db restore` 恢复备份",
    ),
)


def message_of(exc: BaseException) -> str | None:
    """The one-line message for a known refusal, None for anything else."""
    import sqlite3

    if isinstance(exc, MediationError):
        return exc.message()
    if isinstance(exc, Invalid):
        return invalid_message(exc)
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.ProgrammingError
    ):
        text = str(exc).lower()
        for needle, en, zh in _SQLITE_TROUBLE:
            if needle in text:
                return tr(f"ledger: {en} ({exc}); nothing was changed", f"台账：{zh}（{exc}）；未作任何改动")
        return None
    if isinstance(exc, OSError) and exc.filename is not None:
        name = quote(str(exc.filename))
        return tr(f"{name}: {exc.strerror or exc}", f"{name}：{exc.strerror or exc}")
    return None
