"""d2-large-transformations: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
MIGRATE = "migrate.py"

BROKEN = {
    "split_module: a function's decorators are left behind": (MIGRATE, [(
        "        first = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1",
        "        first = node.lineno - 1")]),
    "public_names: annotated assignments are not names": (MIGRATE, [(
        "        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):",
        "        elif False:")]),
    "decisions_in: a DECISION line inside the code block counts": (MIGRATE, [(
        '    outside = FENCE.sub("", text)', "    outside = text")]),
    "migrate: a failing chunk is retried twice": (MIGRATE, [(
        "        for attempt in (1, 2):", "        for attempt in (1, 2, 3):")]),
    "migrate: a retry does not say what was wrong": (MIGRATE, [(
        '            user = request if attempt == 1 else f"{request}\\n\\n<error>\\n{problem}\\n</error>"',
        "            user = request")]),
}

CORRECT = {
    "decisions_in: lines read one by one, tracking the fence": (MIGRATE, [(
        '''    outside = FENCE.sub("", text)
    return [m.group(1).strip() for m in re.finditer(r"^\\s*DECISION:\\s*(.+)$", outside, re.MULTILINE)]''',
        '''    found, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
            continue
        match = re.match(r"\\s*DECISION:\\s*(.+)$", line)
        if match and not inside:
            found.append(match.group(1).strip())
    return found''')]),
}
