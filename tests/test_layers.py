"""The arrows between packages point one way (README "How the code is laid out"), checked on the source.

domain ← forms ← ledger (the store) ← services, reports ← commands; io and render sit beside them. A package
may import only the packages listed for it, and no module imports another module's ``_private`` name.
"""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mediation_cli"
# Leaf modules every layer may use: the typed refusals, the language of messages, and writing a file whole.
SHARED = {"errors", "i18n", "files"}
ALLOWED = {
    "domain": set(),
    "forms": {"domain"},
    "ledger": {"domain", "ledger"},
    "io": {"domain", "forms", "io", "render"},
    "render": {"domain", "render"},
    "reports": {"domain", "ledger", "reports"},
    "services": {"domain", "forms", "ledger", "io", "services"},
    "commands": {
        "domain",
        "forms",
        "ledger",
        "io",
        "render",
        "reports",
        "services",
        "commands",
        "context",
        "app",
    },
}


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names imported, line) for every `from mediation_cli… import …` and `import mediation_cli…`."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mediation_cli"):
            out.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("mediation_cli")]
    return out


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def modules():
    return sorted(p for p in SRC.rglob("*.py") if p.parent != SRC or p.name not in ("__init__.py",))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_package_imports_only_what_lies_below_it(layer):
    bad = []
    for path in sorted((SRC / layer).rglob("*.py")):
        for module, _names, line in imports(path):
            target = package_of(module)
            if target in SHARED or target == "" or target == layer:
                continue
            if target not in ALLOWED[layer]:
                bad.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert bad == []


def test_no_module_imports_a_private_name():
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        for module, names, line in imports(path):
            for name in names:
                if name.startswith("_") and not name.startswith("__"):
                    bad.append(f"{path.relative_to(SRC)}:{line} imports {module}.{name}")
    assert bad == []


def test_commands_hold_no_sql_and_open_no_transaction():
    bad = []
    # SQL reaches SQLite through the ledger's connection or its query helpers: none of them in a command.
    words = ("ledger.write(", "ledger.one(", "ledger.all(", "ledger.scalar(", ".conn.", "execute(")
    for path in sorted((SRC / "commands").rglob("*.py")):
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(w in text for w in words):
                bad.append(f"{path.relative_to(SRC)}:{n}: {text.strip()}")
    assert bad == []


def test_no_module_is_a_room_too_big():
    sizes = {
        str(p.relative_to(SRC)): len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")
    }
    assert {k: v for k, v in sizes.items() if v > 450} == {}
