"""`case attach|file`: the case file (卷宗) — documents recorded by name, size and SHA-256 where the bureau keeps
them, and what a file holds and lacks by the case's outcome."""

from pathlib import Path
from typing import Annotated

import typer

from mediation_cli.commands.case import app
from mediation_cli.commands.case.options import CaseArg
from mediation_cli.commands.common import completer_for
from mediation_cli.context import FormatOpt, OutputOpt, ctx_of, output_options, today
from mediation_cli.domain.casefiles import DOCUMENT
from mediation_cli.i18n import h, lang, tr


def doc_names(kinds: list[str]) -> str:
    sep = "、" if lang() == "zh" else ", "
    return sep.join(DOCUMENT.label(k, lang()) for k in kinds)


@app.command(
    "attach",
    help=h(
        "record a document of the case file (卷宗): its name, size and SHA-256; the file stays where it is kept",
        "登记卷宗材料：记录文件名、大小与 SHA-256，文件仍保存在原处",
    ),
)
def attach(
    ctx: typer.Context,
    case: CaseArg,
    file: Annotated[Path, typer.Argument(help=h("the document's file", "材料文件"))],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help=h(
                "application | registration | investigation | transcript | agreement | visit_record | "
                "termination_notice | withdrawal | other (or 中文)",
                "材料类型：申请书或口头申请记录、受理登记、调查记录、调解笔录、调解协议书、回访记录、告知书、撤回申请、其他材料",
            ),
            autocompletion=completer_for(DOCUMENT),
        ),
    ],
    on: Annotated[
        str | None, typer.Option("--on", help=h("date filed (default today)", "归档日期（默认今天）"))
    ] = None,
) -> None:
    from mediation_cli.services.casefiles import attach as attach_file

    got = attach_file(ctx_of(ctx).ledger(), case, file, kind, on, today=today())
    kind_label = DOCUMENT.label(got["kind"], lang())
    if got["new"]:
        typer.echo(
            tr(
                f"{got['case_no']}: {kind_label} {got['name']} ({got['size']} bytes, sha256 {got['sha256'][:12]}…)",
                f"{got['case_no']}：已登记{kind_label} {got['name']}（{got['size']} 字节，sha256 {got['sha256'][:12]}…）",
            )
        )
    else:
        typer.echo(
            tr(
                f"{got['case_no']}: {kind_label} {got['name']} was already recorded",
                f"{got['case_no']}：{kind_label} {got['name']} 已登记过",
            )
        )


@app.command(
    "file",
    help=h(
        "what the case file holds and lacks, by the case's outcome",
        "卷宗情况：按调解结果列出已有与缺少的材料",
    ),
)
def file_(ctx: typer.Context, case: CaseArg, fmt: FormatOpt = "table", output: OutputOpt = None) -> None:
    from mediation_cli.ledger import cases as store
    from mediation_cli.ledger.casefiles import file_status
    from mediation_cli.ledger.config import Config
    from mediation_cli.render.output import Col, emit_object

    opts = output_options(fmt, output)
    ledger = ctx_of(ctx).ledger()
    row = store.find_case(ledger, case, today=today())
    status = file_status(ledger, row, Config(ledger)["file_requirements"])
    present = {d["kind"] for d in status["documents"]}
    checklist = [
        {
            "kind": k,
            "present": k in present,
            "names": ";".join(d["name"] for d in status["documents"] if d["kind"] == k),
        }
        for k in status["required"]
    ] + [
        {
            "kind": k,
            "present": True,
            "names": ";".join(d["name"] for d in status["documents"] if d["kind"] == k),
        }
        for k in sorted(present - set(status["required"]))
    ]
    status["checklist"] = checklist
    kind_col = Col("kind", "document", "材料", "enum", DOCUMENT)
    shown = status if opts.format == "json" else {**status, "missing_text": doc_names(status["missing"])}
    emit_object(
        opts,
        shown,
        [
            Col("case_no", "case", "案件编号"),
            Col("complete", "complete", "卷宗齐全", "bool"),
            Col("missing_text", "missing", "缺少材料"),
        ],
        title=tr(f"Case file of {status['case_no']}", f"{status['case_no']} 卷宗"),
        sections=[
            (
                tr("Documents", "材料"),
                [kind_col, Col("present", "present", "已有", "bool"), Col("names", "files", "文件")],
                checklist,
            ),
        ],
    )
