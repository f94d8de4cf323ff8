"""The root of the ``mediation`` command: global options, the command groups, and known errors → one line + exit code."""

import functools
import os
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit, TyperException

from mediation_cli import __version__, cliparams, clitext
from mediation_cli.context import AppContext
from mediation_cli.i18n import LANGS, detect_lang, h, set_lang


class LedgerGroup(TyperGroup):
    """The root group: a known refusal becomes its message on stderr and exit 1 (no traceback); anything unknown
    becomes one line and exit 70 — unless MEDIATION_DEBUG=1 asks for the traceback."""

    def list_commands(self, ctx) -> list[str]:
        return list(GROUPS)

    def get_command(self, ctx, name: str):
        """A command group is imported and built the first time it is asked for: a clerk's `case list` pays for the
        case commands only, not for the whole tree (~0.2 s of start-up at region scale, where the rest is ~0.3 s)."""
        if name not in self.commands and name in GROUPS:
            self.commands[name] = _load(name)
        return self.commands.get(name)

    def resolve_command(self, ctx, args):
        if args and args[0] not in GROUPS:
            self.load_all()  # a mistyped name: the "did you mean" suggestion is drawn from the loaded commands
        return super().resolve_command(ctx, args)

    def load_all(self):
        for name in GROUPS:
            self.get_command(None, name)
        _fill_short_help(self)
        return self

    def format_commands(self, ctx, formatter):
        self.load_all()
        return super().format_commands(ctx, formatter)

    def main(self, args=None, *rest, **kwargs):
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        bad = _not_utf8(argv)
        if bad is not None:
            from mediation_cli.errors import quote
            from mediation_cli.i18n import detect_lang, tr

            set_lang(detect_lang(argv))
            typer.echo(
                tr(
                    f"argument {quote(bad)} is not valid UTF-8 text — retype it, or set the terminal to UTF-8",
                    f"参数 {quote(bad)} 不是有效的 UTF-8 文本——请重新输入，或把终端设为 UTF-8",
                ),
                err=True,
            )
            sys.exit(1)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (Exit, Abort, TyperException):  # usage errors and exits keep their own handling
            raise
        except BrokenPipeError:
            # `mediation … | head`: the reader left; stop quietly as a shell tool would.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            raise Exit(141) from None
        except Exception as e:
            from mediation_cli.errors import message_of

            if os.environ.get("MEDIATION_DEBUG") == "1":
                raise
            message = message_of(e)
            code = getattr(e, "exit_code", 1)
            # Let what the failed command left half-built (openpyxl's streaming writers after a full disk) go now and
            # quietly, not from a finaliser printing "Exception ignored in …" after the message.
            from mediation_cli.files import collect_quietly

            e.__traceback__ = e.__context__ = None
            collect_quietly()
            if message is None:
                message = f"internal error: {type(e).__name__} (MEDIATION_DEBUG=1 shows the traceback)"
                code = 70
            typer.echo(message, err=True)
            raise typer.Exit(code) from None


def _not_utf8(argv: list[str]) -> str | None:
    """The first argument holding bytes that were not UTF-8 (Python keeps them as lone surrogates), or None."""
    for arg in argv:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            return arg
    return None


def _add_force_options_to(command) -> None:
    """Every command that writes a file (an --output or --rejects option) takes --force the same way."""
    from mediation_cli.context import force_option

    if hasattr(command, "commands"):
        for sub in command.commands.values():
            _add_force_options_to(sub)
        return
    names = {p.name for p in command.params}
    if names & {"output", "rejects"} and "force" not in names:
        command.params.append(force_option())


app = typer.Typer(
    rich_markup_mode=None,
    cls=LedgerGroup,
    name="mediation",
    help=h(
        "mediation-cli — the people's-mediation ledger of a banner judicial bureau: committees, mediators, disputes, "
        "screenings, reports and reminders.",
        "mediation-cli —— 旗司法局人民调解台账：调解组织、调解员、矛盾纠纷、排查、报表与提醒。",
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,  # a traceback must never print personal data held in local variables
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mediation-cli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help=h(
                "ledger file (else $MEDIATION_DB, else the user data dir)",
                "台账文件（否则用 $MEDIATION_DB，再否则用用户数据目录）",
            ),
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=h(
                "zh | en (else $MEDIATION_LANG, else $LANG)",
                "界面语言 zh | en（否则用 $MEDIATION_LANG 或 $LANG）",
            ),
        ),
    ] = None,
    operator: Annotated[
        str | None,
        typer.Option("--operator", help=h("who is working, for the audit log", "操作人（记入审计日志）")),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=h("show the version", "显示版本")),
    ] = False,
) -> None:
    if lang is not None and lang not in LANGS:
        raise typer.BadParameter(f"{lang!r} — zh | en", param_hint="--lang")
    set_lang(lang or detect_lang([]))
    obj = AppContext(db_path=db)
    if operator:
        obj.operator = operator
    ctx.obj = obj
    ctx.call_on_close(obj.close)


# The command groups in the order `mediation --help` lists them: name → (module under commands/, the function of a
# single command or None for a group). Each is loaded by LedgerGroup.get_command when asked for.
GROUPS: dict[str, tuple[str, str | None]] = {
    "init": ("init", "init"),
    "remind": ("remind", "remind"),
    "rollup": ("rollup", "rollup"),
    "org": ("org", None),
    "mediator": ("mediator", None),
    "case": ("case", None),
    "screen": ("screen", None),
    "training": ("training", None),
    "publicity": ("publicity", None),
    "report": ("report", None),
    "config": ("config", None),
    "db": ("db", None),
}


def typer_of(name: str) -> typer.Typer:
    """The Typer app of one command group (a single command gets an app of its own, named by GROUPS)."""
    import importlib

    module_name, function = GROUPS[name]
    module = importlib.import_module(f"mediation_cli.commands.{module_name}")
    if function is None:
        module.app.pretty_exceptions_show_locals = False  # a traceback must never print personal data
        return module.app
    single = typer.Typer(pretty_exceptions_show_locals=False)
    single.command(name, help=module.HELP)(getattr(module, function))
    return single


def _load(name: str):
    """Build one group's click command exactly as the whole tree would: through a root of the same settings."""
    import typer.main

    holder = typer.Typer(
        rich_markup_mode=None, pretty_exceptions_enable=False, pretty_exceptions_show_locals=False
    )
    holder.callback()(lambda: None)
    sub = typer_of(name)
    if GROUPS[name][1] is None:
        holder.add_typer(sub, name=name)
    else:
        holder.registered_commands.extend(sub.registered_commands)
    cmd = typer.main.get_command(holder).commands[name]
    _add_force_options_to(cmd)
    _short_help_when_listed(cmd)
    return cmd


def _short_help_when_listed(cmd) -> None:
    """A group's listing fills in its commands' one-line helps when it is shown (wcwidth is not imported by a command
    that lists nothing: ~15–35 ms of its start)."""
    if not hasattr(cmd, "commands"):
        return
    shown = cmd.format_commands

    def format_commands(ctx, formatter):
        _fill_short_help(cmd)
        return shown(ctx, formatter)

    cmd.format_commands = format_commands
    for sub in cmd.commands.values():
        _short_help_when_listed(sub)


clitext.install()
cliparams.install()


def short_help(text: str | None, width: int = 60) -> str:
    """A command's one line in a listing: its help's first line, cut at the first clause break when it is wider than
    ``width`` columns. Click's own shortener counts characters and breaks at spaces, so a Chinese sentence (no spaces)
    became "..."."""
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    if 2 * len(line) <= width:
        return line  # fits even if every character is wide (wcwidth not imported: ~14 ms of each command's start)
    from wcwidth import wcswidth

    if wcswidth(line) <= width or not any(
        "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in line
    ):
        return line  # it fits, or it has spaces for click to wrap at
    for mark in ("：", "（", "；", "，"):
        at = line.find(mark)
        if at >= 4:
            line = line[:at]
            break
    return line


def _fill_short_help(cmd) -> None:
    for sub in getattr(cmd, "commands", {}).values():
        if not sub.short_help:
            sub.short_help = short_help(sub.help)
        _fill_short_help(sub)


@functools.cache
def command():
    """The click command tree, built once per process (tests reuse it; typer rebuilds it on every ``app()``)."""
    import typer.main

    cmd = typer.main.get_command(app)
    clitext.translate_tree(cmd)
    return cmd


def full_command():
    """The tree with every group loaded (the help walk, and tests that look at every command)."""
    return command().load_all()


def main() -> None:
    """Console-script entry."""
    command()()
