"""Typed refusals. Each knows its one- or two-line message in both languages and its exit code.

Raised before anything is written; the root app turns them into stderr lines and an exit code (no traceback unless
``MEDIATION_DEBUG=1``). Personal data is masked by whoever raises: a message never carries an ID number or a phone.
"""

from __future__ import annotations

from mediation_cli.domain.errors import Invalid
from mediation_cli.i18n import tr


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
        what_zh = {"org": "调解组织", "mediator": "调解员", "case": "案件", "screening": "排查记录"}.get(
            what, what
        )
        super().__init__(
            f"unknown {what}: {value!r}" + (f" — {hint_en}" if hint_en else ""),
            f"找不到{what_zh}：{value!r}" + (f"——{hint_zh}" if hint_zh else ""),
        )


class Duplicate(MediationError):
    def __init__(self, field: str, value: str):
        super().__init__(
            f"{field}: {value!r} already exists — choose another {field}",
            f"{field}：{value!r} 已存在——请换一个",
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
            lines_en.append(f"  line {line}, {column} = {value!r}: {why}")
            lines_zh.append(f"  第 {line} 行，{column} = {value!r}：{why}")
        if more:
            lines_en.append(f"  … and {more} more")
            lines_zh.append(f"  ……另有 {more} 行")
        super().__init__("\n".join(lines_en), "\n".join(lines_zh))


def invalid_message(e: Invalid) -> str:
    allowed = tr(e.allowed, e.allowed_zh or e.allowed)
    return tr(
        f"{e.field}: {e.value!r} is not valid — expected {allowed}",
        f"{e.field}：{e.value!r} 无效——应为{allowed}",
    )


def message_of(exc: BaseException) -> str | None:
    """The one-line message for a known refusal, None for anything else."""
    if isinstance(exc, MediationError):
        return exc.message()
    if isinstance(exc, Invalid):
        return invalid_message(exc)
    return None
