"""Command line: ``python -m guidelines check|rules|evaluate|bench …``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .engine import check
from .message_types import MESSAGE_TYPES
from .registry import all_rules
from .spelling import configure_from_environment


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with a clear message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _read_input(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8")


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        text = _read_input(args.file)
    except OSError as exc:
        print(f"guidelines: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"guidelines: {args.file} is not UTF-8 text", file=sys.stderr)
        return 2
    # The command line takes LANGUAGETOOL_URL (and LANGUAGETOOL_TIMEOUT) from the environment.
    configure_from_environment()
    try:
        report = check(
            text,
            message_type=args.type,
            buyer_locale=args.locale,
            order_id=args.order_id,
            html=args.html,
            context={"subject": args.subject} if args.subject else None,
        )
    except ValueError as exc:
        print(f"guidelines: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for f in report.findings:
            line = text.count("\n", 0, f.start) + 1 if f.field == "body" else 0
            where = f"{f.field}:{line}" if f.field == "body" else "subject"
            print(
                f"{where} [{f.start}-{f.end}] {f.severity} {f.rule} ({f.category}, {f.source}): {f.message}"
            )
        print("OK: no error findings." if report.ok else f"{len(report.errors)} error(s).")
    return 0 if report.ok else 1


def _cmd_rules(args: argparse.Namespace) -> int:
    for r in all_rules():
        print(f"{r.id} {r.name}  [{r.category}, {r.severity}]")
        for g in r.guidelines:
            print(f"  Guideline: {g.title} ({g.section}: “{g.wording}”)")
        print(f"  What it does: {r.docs.what}")
        print(f"  Why is this bad? {r.docs.why}")
        print(f"  Example: {r.docs.example}")
        print(f"  Use instead: {r.docs.instead}")
        print()
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_evaluation, load_cases

    try:
        cases = load_cases(args.file)
    except OSError as exc:
        print(f"guidelines: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"guidelines: {args.file} is not JSON lines: {exc}", file=sys.stderr)
        return 2
    print(format_evaluation(evaluate(cases, spelling=not args.no_spelling)))
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import SIZES, run_bench

    sizes = tuple(args.sizes) if args.sizes else SIZES
    for line in run_bench(sizes, spelling_line=not args.no_spelling):
        print(line, flush=True)
    return 0


def _cmd_checkers(args: argparse.Namespace) -> int:
    from .evaluation import load_cases
    from .spelling.precision import format_measure, measure

    cases = []
    for path in args.files:
        try:
            cases += load_cases(path)
        except (OSError, ValueError) as exc:
            print(f"guidelines: cannot read {path}: {exc}", file=sys.stderr)
            return 2
    print(format_measure(measure(cases)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m guidelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("check", help="check one message")
    p.add_argument("--type", default="order_question", choices=sorted(MESSAGE_TYPES))
    p.add_argument("--locale", default=None, help="buyer locale, e.g. de-DE")
    p.add_argument("--order-id", default=None)
    p.add_argument("--subject", default=None)
    p.add_argument("--html", action="store_true")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("file", nargs="?", default="-")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("rules", help="list every rule with its docs")
    p.set_defaults(func=_cmd_rules)
    p = sub.add_parser("evaluate", help="measure recall and precision on a labelled JSON-lines file")
    p.add_argument("file")
    p.add_argument("--no-spelling", action="store_true", help="skip the spelling and grammar backends")
    p.set_defaults(func=_cmd_evaluate)
    p = sub.add_parser(
        "checkers", help="count each grammar checker's reports per rule group on labelled sets"
    )
    p.add_argument("files", nargs="+")
    p.set_defaults(func=_cmd_checkers)
    p = sub.add_parser("bench", help="time checks of 500 to 100,000 characters")
    p.add_argument("--sizes", type=int, nargs="*", help="message lengths to time")
    p.add_argument("--no-spelling", action="store_true", help="skip the line with spelling on")
    p.set_defaults(func=_cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
