"""d2-personas: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CONTEXT, PERSONA, REVIEW = "context.py", "persona.py", "review.py"

BROKEN = {
    "inject: a file is numbered from 0": (CONTEXT, [(
        'enumerate(body.split("\\n"), start=1)', 'enumerate(body.split("\\n"))')]),
    "inject: a diff is numbered like a file": (CONTEXT, [(
        '        if artifact.kind == "file":', '        if artifact.kind in ("file", "diff"):')]),
    "parse_review: a line one past the end of the file is kept": (REVIEW, [(
        "    if not 1 <= int(number) <= lines_in[path]:", "    if not 1 <= int(number) <= lines_in[path] + 1:")]),
    "parse_review: a message holding | is rejected": (REVIEW, [(
        '    parts = fields.split("|", 2)', '    parts = fields.split("|")')]),
    "parse_review: approve stands next to a major finding": (REVIEW, [(
        'BLOCKING = ("critical", "major")', 'BLOCKING = ("critical",)')]),
}

CORRECT = {
    "_finding: one regular expression for the three fields": (REVIEW, [(
        '''    parts = fields.split("|", 2)
    if len(parts) != 3:
        return None
    severity, location, message = (part.strip() for part in parts)
    path, _, number = (part.strip() for part in location.rpartition(":"))
    severity = severity.lower()''', '''    match = re.fullmatch(r"\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*:\\s*([0-9]+)\\s*\\|\\s*(.*?)\\s*", fields, re.DOTALL)
    if match is None:
        return None
    severity, path, number, message = match.groups()
    severity = severity.lower()''')]),
}
