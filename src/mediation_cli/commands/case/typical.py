"""`case feature|typical`: typical cases (典型案例) — the write-up kept with the case, and the copy that leaves the
bureau with personal data removed (names → 某, ID and phone numbers dropped)."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import CaseArg
from mediation_cli.context import OutputOpt, ctx_of, today
from mediation_cli.i18n import h, tr


@app.command(
    "feature",
    help=h(
        "mark a case as typical (典型案例) with a title and a write-up (--file or --text)",
        "列为典型案例：标题与案例材料（--file 文本文件或 --text）",
    ),
)
def feature(
    ctx: typer.Context,
    case: CaseArg,
    title: Annotated[str, typer.Option("--title", help=h("title of the typical case", "典型案例标题"))],
    file: Annotated[
        Path | None,
        typer.Option("--file", help=h("the write-up, a text file (UTF-8 or GBK)", "案例材料（文本文件）")),
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help=h("the write-up as text", "案例材料（直接输入）"))
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help=h("date selected (default today)", "选定日期（默认今天）"))
    ] = None,
) -> None:
    from mediation_cli.services.publicity import feature_case

    case_no, new = feature_case(ctx_of(ctx).ledger(), case, title, text=text, file=file, on=on, today=today())
    typer.echo(
        tr(f"{case_no}: marked as a typical case", f"{case_no}：已列为典型案例")
        if new
        else tr(f"{case_no}: write-up replaced", f"{case_no}：典型案例材料已更新")
    )


@app.command(
    "typical",
    help=h(
        "a typical case with personal data removed (names → 某, ID and phone numbers dropped), as docx or markdown",
        "导出典型案例，去除个人信息（姓名改为某、删去身份证号与电话），docx 或 markdown",
    ),
)
def typical(
    ctx: typer.Context,
    case: CaseArg,
    names: Annotated[
        str | None,
        typer.Option(
            "--names",
            help=h(
                "the parties' names to replace as well, separated by ; (mediators' names are always replaced)",
                "另需替换的当事人姓名，以 ; 分隔（调解员姓名总会替换）",
            ),
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="docx | markdown | json")] = "markdown",
    output: OutputOpt = None,
) -> None:
    import json

    from mediation_cli.domain.errors import Invalid
    from mediation_cli.errors import MediationError
    from mediation_cli.render.document import to_docx, to_markdown, typical_case_blocks
    from mediation_cli.render.output import OutputOptions, open_text
    from mediation_cli.reports.publicity import typical_case
    from mediation_cli.services.training import staff_list

    fmt = fmt.lower()
    if output is not None and output.suffix.lower() == ".docx":
        fmt = "docx"
    if fmt not in ("docx", "markdown", "json"):
        raise Invalid("--format", fmt, "docx, markdown or json", "docx、markdown 或 json")
    opts = OutputOptions(fmt, output)
    opts.check()
    t = typical_case(ctx_of(ctx).ledger(), case, staff_list(names or ""), today=today())
    if fmt == "docx":
        if output is None:
            raise MediationError(
                "--output: a .docx needs --output FILE.docx", "--output：docx 须用 --output 指定文件"
            )
        to_docx(typical_case_blocks(t), output)
        typer.echo(str(output))
        return
    with open_text(opts) as fh:
        if fmt == "json":
            fh.write(json.dumps(t, ensure_ascii=False, indent=2) + "\n")
        else:
            fh.write(to_markdown(typical_case_blocks(t)) + "\n")
