"""Django's makemessages, plus the guideline engine's texts that xgettext cannot see.

xgettext already extracts the engine's ``_()`` and ``ngettext()`` calls (its default keywords for
Python). Two kinds of text are not calls, so this command adds them to the template catalogue
before ``msguniq`` and ``msgmerge`` run:

- a rule declaration's literals: ``message=``, ``suggestion=`` and the four docs sections, read
  from the rule registry (the line is the rule's ``@rule`` decorator);
- the engine's data files (``guidelines/**/*.toml``): every string under a key in ``DATA_KEYS``.
"""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

import guidelines

# Keys of the engine's TOML files whose strings a seller reads (guidelines/i18n.py says more),
# and dotted paths for keys whose name alone says too little (a language pack's English name).
DATA_KEYS = frozenset({"message", "suggestion", "title", "summary", "section", "wording"})
DATA_PATHS = frozenset({"language.name"})
SAMPLE = "a sample message to a buyer, shown as written; translate its meaning for the seller."


@dataclass(frozen=True)
class Entry:
    msgid: str
    location: str
    comment: str = ""


def _relative(path: str | Path) -> str:
    return Path(path).resolve().relative_to(Path(settings.BASE_DIR).resolve()).as_posix()


def rule_entries() -> Iterator[Entry]:
    """Yield every rule's declared message, suggestion and docs, in registry order."""
    for rule in guidelines.all_rules():
        first = inspect.getsourcelines(rule.check)[1]
        location = f"{_relative(inspect.getsourcefile(rule.check))}:{first}"
        yield Entry(rule.message.msgid, location, f"Translators: finding message of rule {rule.id}.")
        if rule.suggestion:
            yield Entry(rule.suggestion.msgid, location)
        yield Entry(rule.docs.what, location, f"Translators: rule {rule.id} docs, “What it does”.")
        yield Entry(rule.docs.why, location, f"Translators: rule {rule.id} docs, “Why is this bad?”.")
        yield Entry(rule.docs.example, location, f"Translators: rule {rule.id}: {SAMPLE}")
        yield Entry(rule.docs.instead, location, f"Translators: rule {rule.id}: {SAMPLE}")


def _strings(value: object, path: tuple[str, ...] = ()) -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, (*path, name))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)
    elif (
        isinstance(value, str) and value and path and (path[-1] in DATA_KEYS or ".".join(path) in DATA_PATHS)
    ):
        yield value


def data_entries() -> Iterator[Entry]:
    """Yield the seller-facing strings of the engine's TOML data files."""
    engine = Path(guidelines.__file__).resolve().parent
    for path in sorted(engine.rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        lines: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                single = tomllib.loads(line.strip())
            except tomllib.TOMLDecodeError:
                continue  # a table header, a comment or part of a multi-line value
            for value in single.values():
                if isinstance(value, str):
                    lines.setdefault(value, number)
        for value in _strings(tomllib.loads(text)):
            yield Entry(value, f"{_relative(path)}:{lines.get(value, 1)}")


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def render(entries: list[Entry]) -> str:
    """Return the entries in PO syntax, with the reference and the translators' comment."""
    out = []
    for entry in entries:
        if entry.comment:
            out.append(f"#. {entry.comment}")
        out.append(f"#: {entry.location}")
        out += [f"msgid {_quoted(entry.msgid)}", 'msgstr ""', ""]
    return "\n".join(out)


class Command(makemessages.Command):
    help = (
        makemessages.Command.help + " Also extracts the guideline engine's rule declarations and data files."
    )

    def process_files(self, file_list):
        super().process_files(file_list)
        if self.domain != "django":
            return
        extra = render([*rule_entries(), *data_entries()])
        for path in self.locale_paths:
            potfile = Path(path) / f"{self.domain}.pot"
            if potfile.exists():
                with potfile.open("a", encoding="utf-8", newline="\n") as handle:
                    handle.write("\n" + extra)
