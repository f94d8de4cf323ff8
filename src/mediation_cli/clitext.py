"""The command-line framework's own words in Chinese: Usage/Options/required in help, and its usage errors
("No such option", "Missing option" …), so that a clerk working under zh never meets an English sentence.

Typer and its bundled click write these texts themselves (typer.core through gettext, click's exceptions and help
formatter as literals); ``install()`` puts a translating layer over exactly those places. Under en nothing changes.
"""

from __future__ import annotations

import re

from mediation_cli.i18n import lang

# typer.core's gettext messages
WORDS = {
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "required": "必填",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
    "Missing command.": "缺少子命令。",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
}

# click's usage errors, as they are formatted, and their Chinese
MESSAGES = [
    (re.compile(r"^No such option: (.+?)(?: \(Possible options: (.+)\))?$"), "没有这个选项：{0}{1}"),
    (re.compile(r"^No such command '(.+)'\.(?: Did you mean (.+)\?)?$"), "没有这个命令：{0}{1}"),
    (re.compile(r"^Missing option (.+)\.(?: .*)?$"), "缺少必填选项 {0}"),
    (re.compile(r"^Missing argument (.+)\.(?: .*)?$"), "缺少参数 {0}"),
    (re.compile(r"^Missing parameter: (.+)$"), "缺少参数 {0}"),
    (re.compile(r"^Option (.+) requires an argument\.$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Option (.+) requires (\d+) arguments\.$"), "选项 {0} 需要 {1} 个值"),
    (re.compile(r"^Option (.+) does not take a value\.$"), "选项 {0} 不接受值"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Invalid value for (.+?): (.+)$"), "{0} 的值无效：{1}"),
    (re.compile(r"^Invalid value: (.+)$"), "值无效：{0}"),
]


# what typer's value checks (pydantic) say of a bad value, inside "Invalid value for …"
VALUE_ERRORS = [
    ("Input should be a valid integer", "应为整数"),
    ("Input should be a valid number", "应为数字"),
    ("Input should be a valid boolean", "应为是/否"),
]


def zh_message(text: str) -> str:
    """One of click's usage messages in Chinese (as it is when no pattern knows it)."""
    for english, zh in VALUE_ERRORS:
        if english in text:
            text = re.sub(re.escape(english) + r"[^.]*\.?", zh, text)
    for pattern, zh in MESSAGES:
        m = pattern.match(text)
        if m is None:
            continue
        groups = [g or "" for g in m.groups()]
        if "没有这个选项" in zh or "没有这个命令" in zh:
            extra = groups[1] if len(groups) > 1 else ""
            return zh.format(groups[0], f"（可能是：{extra}）" if extra else "")
        return zh.format(*groups)
    return text


def install() -> None:
    import typer.core
    from typer._click import exceptions, formatting
    from typer._click.utils import echo

    english = typer.core._

    def translate(message: str) -> str:
        return WORDS.get(message, message) if lang() == "zh" else english(message)

    typer.core._ = translate

    write_usage = formatting.HelpFormatter.write_usage

    def usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None and lang() == "zh":
            prefix = "用法："
        write_usage(self, prog, args, prefix)

    formatting.HelpFormatter.write_usage = usage

    usage_show = exceptions.UsageError.show
    click_show = exceptions.ClickException.show

    def show_usage(self, file=None) -> None:
        if lang() != "zh":
            return usage_show(self, file)
        from typer._click._compat import get_text_stderr

        file = file or get_text_stderr()
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = f"用 '{self.ctx.command_path} {self.ctx.help_option_names[0]}' 查看帮助。\n"
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=self.ctx.color)
        echo(f"错误：{zh_message(self.format_message())}", file=file, color=None)

    def show_error(self, file=None) -> None:
        if lang() != "zh":
            return click_show(self, file)
        from typer._click._compat import get_text_stderr

        echo(f"错误：{zh_message(self.format_message())}", file=file or get_text_stderr())

    exceptions.UsageError.show = show_usage
    exceptions.ClickException.show = show_error

    from typer._click import core

    help_option = core.Command.get_help_option

    def help_in_chinese(self, ctx):
        option = help_option(self, ctx)
        if option is not None and lang() == "zh":
            option.help = "显示本帮助并退出"
        return option

    core.Command.get_help_option = help_in_chinese


COMPLETION_HELP = {
    "install_completion": "为当前 shell 安装命令补全",
    "show_completion": "显示当前 shell 的命令补全脚本（可复制或自行安装）",
}


def translate_tree(root) -> None:
    """The options typer adds to the root command (shell completion) in Chinese, under zh."""
    if lang() != "zh":
        return
    for param in root.params:
        if param.name in COMPLETION_HELP:
            param.help = COMPLETION_HELP[param.name]
