"""Which lines a unified diff really changed: the only lines a review may comment on."""
from __future__ import annotations
### BEGIN SOLUTION

import re

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
### END SOLUTION


def changed_lines(diff: str) -> dict[str, set[int]]:
    """{path in the new version: line numbers (in the new file) of the lines the diff adds}.

    Context lines and removed lines are not changes to the new file; a deleted file has none.
    """
    ### BEGIN STARTER
    # # TODO: walk the diff. "+++ b/PATH" names the file ("+++ /dev/null": deleted); "@@ -a,b +c,d @@" starts a
    # # hunk whose first new line is c, with b old and d new lines (a missing count is 1). In a hunk, "+" lines
    # # are added (record, then count), " " lines are context (count), "-" lines are removed (do not count),
    # # "\ No newline at end of file" is neither. Use the counts to know where a hunk ends: a removed line
    # # "-- a SQL comment" looks like a "--- a/file" header.
    ### END STARTER
    ### BEGIN SOLUTION
    changed: dict[str, set[int]] = {}
    path, line, old_left, new_left = None, 0, 0, 0
    for text in diff.splitlines():
        if old_left > 0 or new_left > 0:  # inside a hunk: its header said how many lines each side has
            if text.startswith("+"):
                if path is not None:
                    changed.setdefault(path, set()).add(line)
                line, new_left = line + 1, new_left - 1
            elif text.startswith("-"):
                old_left -= 1
            elif text.startswith(" ") or text == "":
                line, old_left, new_left = line + 1, old_left - 1, new_left - 1
        elif text.startswith("+++ "):
            target = text[4:].split("\t")[0]
            path = None if target == "/dev/null" else target[2:] if target.startswith("b/") else target
        elif match := HUNK.match(text):
            line = int(match.group(3))
            old_left = 1 if match.group(2) is None else int(match.group(2))
            new_left = 1 if match.group(4) is None else int(match.group(4))
    return changed
    ### END SOLUTION
