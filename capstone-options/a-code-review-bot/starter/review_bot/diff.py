"""Which lines a unified diff really changed: the only lines a review may comment on."""
from __future__ import annotations


def changed_lines(diff: str) -> dict[str, set[int]]:
    """{path in the new version: line numbers (in the new file) of the lines the diff adds}.

    Context lines and removed lines are not changes to the new file; a deleted file has none.
    """
    # TODO: walk the diff. "+++ b/PATH" names the file ("+++ /dev/null": deleted); "@@ -a,b +c,d @@" starts a
    # hunk whose first new line is c, with b old and d new lines (a missing count is 1). In a hunk, "+" lines
    # are added (record, then count), " " lines are context (count), "-" lines are removed (do not count),
    # "\ No newline at end of file" is neither. Use the counts to know where a hunk ends: a removed line
    # "-- a SQL comment" looks like a "--- a/file" header.
