"""The engine's layers (../shared/design/engine.md) read downwards only: the reading of a message
never depends on the rules that read it, so a rule can change without changing what a message is."""

import ast
from pathlib import Path

import guidelines

ENGINE = Path(guidelines.__file__).parent
# Modules that load the rules on purpose: the registry, and what runs or lists them.
RUNS_RULES = {"registry.py"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
            found.update("." * node.level + alias.name for alias in node.names if not node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_reading_of_a_message_imports_no_rule() -> None:
    readers = [p for p in ENGINE.rglob("*.py") if "rules" not in p.relative_to(ENGINE).parts]
    offenders = {
        str(path.relative_to(ENGINE)): sorted(i for i in _imports(path) if "rules" in i.split("."))
        for path in readers
        if path.name not in RUNS_RULES
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_test_sees_an_import_of_the_rules(tmp_path: Path) -> None:
    module = tmp_path / "message.py"
    module.write_text("from .rules._scope import negated\n", encoding="utf-8")
    assert ".rules._scope" in _imports(module)
