"""What every command needs: the ledger (opened lazily), the operator, today's date and the output options."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mediation_cli.i18n import h

if TYPE_CHECKING:
    from mediation_cli.ledger.db import Ledger


def default_db_path() -> Path:
    env = os.environ.get("MEDIATION_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("mediation-cli", appauthor=False)) / "mediation.db"


def default_operator() -> str:
    env = os.environ.get("MEDIATION_OPERATOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no user name on some containers
        return "unknown"


def today() -> date:
    """Today, or $MEDIATION_TODAY (a fixed clock for tests, demos and replaying a past week)."""
    fixed = os.environ.get("MEDIATION_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


# The commands (by their last word) that write to the ledger, and so may create it where there is none.
WRITING_COMMANDS = frozenset(
    {
        "init",
        "add",
        "edit",
        "leave",
        "assign",
        "transition",
        "extend",
        "visit",
        "report-risk",
        "plan",
        "consult",
        "import",
        "record",
        "submitted",
        "set",
        "reset",
        "category-map",
        "category-add",
        "restore",
        "train",
        "attach",
        "feature",
        "published",
    }
)


def _current_context():
    try:
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover
        from click import get_current_context
    return get_current_context(silent=True)


def _check_file_targets() -> None:
    ctx = _current_context()
    if ctx is None:
        return
    from mediation_cli.files import check_target

    for name, opt in (("output", "--output"), ("rejects", "--rejects")):
        value = ctx.params.get(name)
        if value is not None:
            check_target(Path(value), opt=opt)


def _running_command() -> str | None:
    try:
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover
        from click import get_current_context
    ctx = get_current_context(silent=True)
    return None if ctx is None else ctx.info_name


@dataclass
class AppContext:
    db_path: Path | None = None
    operator: str = field(default_factory=default_operator)
    _ledger: Ledger | None = None

    @property
    def path(self) -> Path:
        return self.db_path or default_db_path()

    def ledger(self, *, create: bool | None = None) -> Ledger:
        """The ledger, opened on first use. Only a command that writes (``WRITING_COMMANDS``) creates one where there
        is none: a mistyped ``--db`` on a read command is refused, not answered from a new empty ledger. A read
        command reads in one snapshot (Ledger.begin_snapshot)."""
        if self._ledger is None:
            from mediation_cli.ledger.db import open_ledger

            _check_file_targets()  # a refused --output/--rejects is refused before anything is read or written
            writing = _running_command() in WRITING_COMMANDS
            self._ledger = open_ledger(self.path, self.operator, create=writing if create is None else create)
            if not writing:
                self._ledger.begin_snapshot()
        return self._ledger

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None


def ctx_of(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if obj is None:
        obj = AppContext()
        ctx.find_root().obj = obj
    return obj


# -- options shared by every command that prints --------------------------------------------------------------------
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", help=h("table | csv | json | markdown", "输出格式：table | csv | json | markdown")
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help=h("write to this file instead of the terminal", "写入文件而不是屏幕")
    ),
]


def force_option():
    """``--force``: replace an existing output file. Added by the root group (app.py) to every command that writes a
    file (an ``--output`` or ``--rejects`` option), so all of them take it the same way; the file writer
    (files.py) reads it from the command's context. Built by Typer itself from ``ForceOpt`` (on a throw-away
    command), so that it is the same kind of option as all the others."""
    import copy

    from mediation_cli.files import FORCE_KEY

    global _FORCE_TEMPLATE
    if _FORCE_TEMPLATE is None:
        probe = typer.Typer()

        @probe.command()
        def _probe(force: ForceOpt = False) -> None:  # pragma: no cover - never run
            pass

        _FORCE_TEMPLATE = typer.main.get_command(probe).params[0]

    def remember(ctx, _param, value):
        if value:
            ctx.meta[FORCE_KEY] = True
        return value

    option = copy.copy(_FORCE_TEMPLATE)
    option.expose_value = False
    option.callback = remember
    return option


_FORCE_TEMPLATE = None
ForceOpt = Annotated[
    bool, typer.Option("--force", help=h("replace the file if it exists", "文件已存在时覆盖它"))
]
EncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding",
        help=h(
            "CSV encoding: utf-8 | utf-8-sig | gbk (Excel/WPS on Chinese Windows)",
            "CSV 编码：utf-8 | utf-8-sig | gbk（中文 Windows 上的 Excel/WPS 用后两者）",
        ),
    ),
]
RevealOpt = Annotated[
    bool, typer.Option("--reveal", help=h("show ID numbers and phones in full", "完整显示身份证号和电话"))
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help=h("the date to compute for (default today)", "统计日期（默认今天）")),
]


def output_options(fmt: str, output: Path | None, encoding: str = "utf-8"):
    from mediation_cli.render.output import OutputOptions

    opts = OutputOptions(format=fmt.lower(), output=output, encoding=encoding.lower())
    opts.check()
    if output is not None:  # refuse a bad target before any work
        from mediation_cli.files import check_target

        check_target(output)
    return opts


def parse_day(text: str | None, fld: str):
    """A date option: None stays None; else any accepted form (2024-03-25, 2024年3月25日, today)."""
    if text is None:
        return None
    from mediation_cli.domain.dates import parse_date

    return parse_date(text, today=today(), field=fld)
