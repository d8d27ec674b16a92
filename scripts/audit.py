"""Audit the installed environment with pip-audit and say plainly how much was audited.

The audit reads what is installed in .venv (pip, setuptools and every dependency of a
dependency included), not requirements.txt, so nothing that runs goes unaudited.

pip-audit reads PyPI's per-release advisory data. Where a package index serves the packages but not
that data (as the mirror on our build machines does), pip-audit skips the package. For those, the
project's own PyPI page still carries the advisories of its newest release, so a pin that is the
newest release is audited from there. Whatever remains unaudited is named in a loud notice instead
of a false "no known vulnerabilities". A vulnerability that is found always fails. Set
AUDIT_STRICT=1 to fail on unaudited packages too (do that where PyPI is reachable).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


PYPI = "https://pypi.org/pypi/{name}/json"


def newest_release_advisories(name: str, version: str) -> list[dict] | None:
    """Return PyPI's advisories for ``name`` when ``version`` is its newest release, else None."""
    try:
        with urllib.request.urlopen(PYPI.format(name=name), timeout=20) as response:
            project = json.load(response)
    except (OSError, ValueError):
        return None
    if project.get("info", {}).get("version") != version or "vulnerabilities" not in project:
        return None
    return [v for v in project["vulnerabilities"] if not v.get("withdrawn")]


VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
LIST_INSTALLED = (
    "import importlib.metadata as m, json; "
    "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions() if d.metadata['Name']}))"
)


def installed_versions() -> dict[str, str]:
    """Return every distribution installed in .venv with its version, by normalised name."""
    output = subprocess.run(
        [str(VENV_PYTHON), "-c", LIST_INSTALLED], capture_output=True, text=True, check=True
    )
    return {normalise(name): version for name, version in json.loads(output.stdout).items()}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> int:
    # No requirements file: pip-audit lists the environment it runs in, which is .venv.
    command = [
        str(ROOT / ".venv" / "bin" / "pip-audit"),
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr, file=sys.stderr)
        print("*** pip-audit did not produce a report; the environment is NOT audited. ***", file=sys.stderr)
        return 1
    dependencies = report["dependencies"]
    versions = installed_versions()
    for dependency in dependencies:
        if "skip_reason" not in dependency:
            continue
        version = versions.get(normalise(dependency["name"]))
        advisories = newest_release_advisories(dependency["name"], version) if version else None
        if advisories is not None:
            del dependency["skip_reason"]
            dependency.update(version=version, vulns=advisories)
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        ids = ", ".join(v.get("id", "?") for v in dependency["vulns"])
        print(f"VULNERABLE: {dependency['name']} {dependency['version']}: {ids}")
    print(
        f"pip-audit: {audited} of {len(dependencies)} installed packages audited, {len(vulnerable)} vulnerable."
    )
    if skipped:
        print(
            f"*** NOT AUDITED: {', '.join(d['name'] for d in skipped)}: the package index gives no "
            "advisory data for these installed versions. Run `AUDIT_STRICT=1 make audit` where PyPI itself "
            "is reachable. ***",
            file=sys.stderr,
        )
    if vulnerable:
        return 1
    return 1 if skipped and os.environ.get("AUDIT_STRICT") == "1" else 0


if __name__ == "__main__":
    raise SystemExit(main())
