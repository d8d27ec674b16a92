"""Write down which lint kinds each Harper rule reports: guidelines/spelling/data/harper_rule_kinds.toml.

English grammar keeps only some of Harper's lint kinds (``kinds`` in languages/en/grammar.toml).
A rule that only ever reports other kinds costs time on every check and is never shown, so the
checker switches it off (guidelines/spelling/checkers.py). Harper does not say which kinds a rule
reports before it fires, so this script makes each rule fire: it reads the example sentences of
Harper's own tests (``assert_…("text", …)`` in the Rust rules, ``test "text" …`` in the Weir
rules) from a checkout of Harper's source, lints every one with every rule on, using the
installed harper-py, and records each rule's kinds. Rules no example makes fire are not listed
(and stay on). Run it again when harper-py is upgraded:

    .venv/bin/python scripts/harper_rule_kinds.py PATH/TO/harper
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import harper

OUTPUT = (
    Path(__file__).resolve().parent.parent / "guidelines" / "spelling" / "data" / "harper_rule_kinds.toml"
)
_STRING = r'(?:r#"(.*?)"#|"((?:[^"\\]|\\.)*)")'
_RUST_EXAMPLE = re.compile(r"assert_[a-z0-9_]+\(\s*" + _STRING, re.S)
_WEIR_EXAMPLE = re.compile(r"^test\s+" + _STRING, re.M)
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "'": "'", "\\": "\\"}


def examples(source: Path) -> set[str]:
    """Return the example texts of Harper's rule tests under ``source``."""
    found = set()
    for path in (source / "harper-core" / "src" / "linting").rglob("*"):
        expression = {".rs": _RUST_EXAMPLE, ".weir": _WEIR_EXAMPLE}.get(path.suffix)
        if expression is None:
            continue
        for match in expression.finditer(path.read_text(errors="replace")):
            raw, quoted = match.groups()
            text = raw if raw is not None else re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[0]), quoted)
            if text.strip():
                found.add(text)
    return found


def rule_kinds(texts: set[str]) -> dict[str, set[str]]:
    """Lint each text with every rule on; return the kinds each rule reported."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config(dict.fromkeys(linter.get_lint_config(), True))
    kinds: dict[str, set[str]] = defaultdict(set)
    for text in sorted(texts):
        for rule, lints in linter.organized_lints(text, language="plaintext", dedup=False).items():
            kinds[rule].update(lint.lint_kind for lint in lints)
    return kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a checkout of https://github.com/Automattic/harper")
    source = parser.parse_args().source
    texts = examples(source)
    kinds = rule_kinds(texts)
    lines = [
        "# The lint kinds each Harper rule reported on the examples of Harper's own tests.",
        f"# Written by scripts/harper_rule_kinds.py for harper-py {version('harper-py')}, from {len(texts):,}",
        "# examples; rules that no example made fire are not listed. Do not edit by hand.",
        "",
    ]
    fired = {rule: sorted(found) for rule, found in sorted(kinds.items()) if found}
    lines += [f"{rule} = {json.dumps(found)}" for rule, found in fired.items()]  # a TOML array
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(fired):,} rules of {len(harper.get_default_lint_config()):,} written to {OUTPUT}")


if __name__ == "__main__":
    main()
