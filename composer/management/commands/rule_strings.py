"""Regenerate composer/rule_strings.py: every guideline text a seller can read, for translators.

The guideline engine is pure Python and never imports Django, so its English texts cannot carry
``gettext`` marks. This command collects them (from the rule registry, the rule modules and the
grammar data files) into one generated module wrapped in ``gettext_noop``, which ``makemessages``
extracts. Run it, then ``makemessages``, whenever a rule or its wording changes; a test fails while
the module is out of date.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

import guidelines
from guidelines.findings import CATEGORIES

ENGINE_DIR = Path(guidelines.__file__).resolve().parent
OUTPUT = Path(settings.BASE_DIR) / "composer" / "rule_strings.py"
# The rule a message belongs to when it is not yielded inside one rule's check function.
ANY_RULE = "*"
# Calls that carry a seller-facing message: keyword names, and the positional index of the message.
_MESSAGE_CALLS = {"Hit": None, "Issue": 3, "Notice": 0}
_MESSAGE_KEYWORDS = ("message", "suggestion")
_STRING_METHODS = {"lower", "upper", "title", "capitalize", "strip", "casefold"}


@dataclass
class Collected:
    rules: list[guidelines.Rule]
    messages: dict[str, list[str]] = field(default_factory=dict)
    patterns: dict[str, list[str]] = field(default_factory=dict)
    grammar: list[str] = field(default_factory=list)


def _add(bucket: dict[str, list[str]], key: str, text: str) -> None:
    items = bucket.setdefault(key, [])
    if text not in items:
        items.append(text)


def _placeholder_name(node: ast.expr) -> str:
    """Name a value in an f-string after what it holds: {link.host} → host, {len(text):,} → count."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _placeholder_name(node.slice)
    if isinstance(node, ast.IfExp):
        return "suffix"
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "len":
            return "count"
        if isinstance(node.func, ast.Attribute) and node.func.attr in _STRING_METHODS:
            return _placeholder_name(node.func.value)
    return "value"


def _template(node: ast.JoinedStr) -> str:
    """Turn an f-string into a message template with one {name} per computed value."""
    text, used = "", {}
    for part in node.values:
        if isinstance(part, ast.Constant):
            text += str(part.value)
            continue
        assert isinstance(part, ast.FormattedValue)
        expression = ast.unparse(part.value)
        name = _placeholder_name(part.value)
        if used.get(name, expression) != expression:
            name = f"{name}{sum(n.startswith(name) for n in used) + 1}"
        used.setdefault(name, expression)
        text += "{" + name + "}"
    return text


def _rule_id_of(function: ast.AST) -> str | None:
    for decorator in getattr(function, "decorator_list", []):
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "rule":
            for keyword in decorator.keywords:
                if keyword.arg == "id" and isinstance(keyword.value, ast.Constant):
                    return keyword.value.value
    return None


def _message_nodes(call: ast.Call) -> list[ast.expr]:
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    if name not in _MESSAGE_CALLS:
        return []
    nodes = [k.value for k in call.keywords if k.arg in _MESSAGE_KEYWORDS]
    position = _MESSAGE_CALLS[name]
    if position is not None and len(call.args) > position:
        nodes.append(call.args[position])
    return nodes


def _scan_module(path: Path, collected: Collected) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    owners: dict[int, str] = {}
    for function in ast.walk(tree):
        rule_id = _rule_id_of(function)
        if rule_id:
            for node in ast.walk(function):
                owners[id(node)] = rule_id
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        owner = owners.get(id(call), ANY_RULE)
        for node in _message_nodes(call):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                _add(collected.messages, owner, node.value)
            elif isinstance(node, ast.JoinedStr):
                _add(collected.patterns, owner, _template(node))


def collect() -> Collected:
    """Gather every static text of the engine, in a stable order."""
    collected = Collected(rules=guidelines.all_rules())
    for path in sorted(ENGINE_DIR.rglob("*.py")):
        _scan_module(path, collected)
    for path in sorted((ENGINE_DIR / "languages").glob("*/grammar.toml")):
        with path.open("rb") as handle:
            for entry in tomllib.load(handle).get("rule", []):
                if entry.get("message") and entry["message"] not in collected.grammar:
                    collected.grammar.append(entry["message"])
    static = {text for r in collected.rules for text in (r.message, r.suggestion) if text}
    for key, texts in list(collected.messages.items()):
        collected.messages[key] = [t for t in texts if t not in static]
        if not collected.messages[key]:
            del collected.messages[key]
    return collected


def _quote(text: str) -> str:
    """Quote a string the way ruff format writes it: the quote that needs fewer escapes, else double."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    escaped = escaped.replace("\n", "\\n").replace("\t", "\\t")
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group(0)):02x}", escaped)
    return quote + escaped + quote


def _noop(
    text: str, indent: str, *, comment: str = "", brace_format: bool = True, key: str = ""
) -> list[str]:
    # xgettext reads translator comments and format flags only right before the string itself.
    inner = indent + "    "
    lines = [f"{indent}{_quote(key) + ': ' if key else ''}gettext_noop("]
    if comment:
        lines.append(f"{inner}# Translators: {comment}")
    if not brace_format:
        lines.append(f"{inner}# xgettext:no-python-brace-format")
    if "%" in text:
        # "10% off" is not a format: these strings are only looked up, never %-formatted.
        lines.append(f"{inner}# xgettext:no-python-format")
    return [*lines, f"{inner}{_quote(text)},", f"{indent}),"]


def _entry(key: str, text: str, indent: str, **options) -> list[str]:
    return _noop(text, indent, key=key, **options)


def render(collected: Collected | None = None) -> str:
    """Return the source of composer/rule_strings.py."""
    collected = collected or collect()
    out = [
        '"""Every guideline text a seller can read, marked for translation.',
        "",
        "Generated by ``manage.py rule_strings`` from the rule registry, the rule modules and the",
        "grammar data files: do not edit by hand. ``composer.rule_text`` translates these at render time.",
        '"""',
        "",
        "from django.utils.translation import gettext_noop",
        "",
        "# Each rule's own texts: its message, its suggestion and the four sections of its docs.",
        "RULES: dict[str, dict[str, str]] = {",
    ]
    for rule in collected.rules:
        out.append(f"    {_quote(rule.id)}: {{")
        out += _entry("message", rule.message, " " * 8, comment=f"finding message of rule {rule.id}.")
        if rule.suggestion:
            out += _entry("suggestion", rule.suggestion, " " * 8)
        out += _entry("what", rule.docs.what, " " * 8, comment=f"rule {rule.id} docs, “What it does”.")
        out += _entry("why", rule.docs.why, " " * 8, comment=f"rule {rule.id} docs, “Why is this bad?”.")
        sample = "a sample message to a buyer, shown as written; translate its meaning for the seller."
        out += _entry("example", rule.docs.example, " " * 8, comment=f"rule {rule.id}: {sample}")
        out += _entry("instead", rule.docs.instead, " " * 8, comment=f"rule {rule.id}: {sample}")
        out.append("    },")
    out += [
        "}",
        "",
        '# Fixed messages a rule yields in place of its own ("*": messages of the spelling backends).',
        "MESSAGES: dict[str, tuple[str, ...]] = {",
    ]
    for key in sorted(collected.messages):
        out.append(f"    {_quote(key)}: (")
        for text in collected.messages[key]:
            out += _noop(text, " " * 8)
        out.append("    ),")
    out += [
        "}",
        "",
        "# Messages built per text: {name} stands for a computed value (a host, a count, a language).",
        "PATTERNS: dict[str, tuple[str, ...]] = {",
    ]
    for key in sorted(collected.patterns):
        out.append(f"    {_quote(key)}: (")
        for text in collected.patterns[key]:
            comment = "keep each {name}; it is replaced by a value computed for the seller's text."
            out += _noop(text, " " * 8, comment=comment, brace_format=False)
        out.append("    ),")
    out += [
        "}",
        "",
        "# The offline grammar patterns' explanations, per buyer language.",
        "GRAMMAR: tuple[str, ...] = (",
    ]
    for text in collected.grammar:
        out += _noop(text, " " * 4, comment="explains a grammar mistake in the buyer's language.")
    out += [
        ")",
        "",
        "# The public finding categories (shared/reference/categories.md).",
        "CATEGORIES: dict[str, str] = {",
    ]
    for category in sorted(CATEGORIES):
        label = category.replace("_", " ")
        out += _entry(category, label[:1].upper() + label[1:], " " * 4, comment="a finding category.")
    out += [
        "}",
        "",
        "# The permitted message types, as Seller Central names them.",
        "MESSAGE_TYPES: dict[str, str] = {",
    ]
    for key, message_type in guidelines.MESSAGE_TYPES.items():
        out += _entry(key, message_type.label, " " * 4, comment="a permitted message type.")
    out += ["}", ""]
    return "\n".join(out)


class Command(BaseCommand):
    help = "Regenerate composer/rule_strings.py from the guideline engine, for makemessages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Exit 1 when the module is out of date.")

    def handle(self, *args, check: bool = False, **options) -> None:
        source = render()
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if check:
            if current != source:
                self.stderr.write("composer/rule_strings.py is out of date: run manage.py rule_strings")
                raise SystemExit(1)
            return
        if current != source:
            OUTPUT.write_text(source, encoding="utf-8")
            self.stdout.write(f"Wrote {OUTPUT.relative_to(settings.BASE_DIR)}")
        else:
            self.stdout.write("composer/rule_strings.py is up to date")
