"""Line diffs for people: what a seller changed in a template, what an admin changed in a version."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "same" or "gap" (unchanged lines left out)
    text: str

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "−", "same": " ", "gap": "…"}[self.kind]


def line_diff(old: str, new: str, *, context: int = 2) -> list[DiffLine]:
    """Return the changed lines of ``new`` against ``old`` with a little unchanged context."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if result:
            result.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result.extend(DiffLine("same", line) for line in old_lines[i1:i2])
                continue
            result.extend(DiffLine("removed", line) for line in old_lines[i1:i2])
            result.extend(DiffLine("added", line) for line in new_lines[j1:j2])
    return result
