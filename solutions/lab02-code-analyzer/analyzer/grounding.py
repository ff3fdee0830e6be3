"""Findings must point at real code: a model cites lines that do not exist, or quotes code from another line."""
from analyzer.models import Issue


def ground(issues: list[Issue], source: str) -> list[Issue]:
    """The issues whose `line` is a line of `source` (1 to the number of lines, as str.splitlines counts them)
    and whose `snippet`, stripped of surrounding whitespace, is not empty and appears exactly in that line.
    The others are dropped; the kept ones stay in order."""
    ### BEGIN SOLUTION
    lines = source.splitlines()
    kept = []
    for issue in issues:
        quoted = issue.snippet.strip()
        if 1 <= issue.line <= len(lines) and quoted and quoted in lines[issue.line - 1]:
            kept.append(issue)
    return kept
    ### END SOLUTION
