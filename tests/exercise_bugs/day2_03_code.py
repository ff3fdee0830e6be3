"""Plausible mistakes in Day 2 notebook 03's exercises (code and multimodal); each check cell must catch every one."""
EXERCISE_BUGS = {
    "d2-03-new-lines": {
        "numbers the old side": """
lines, number = {}, None
for line in diff.splitlines():
    header = re.match(r"^@@ -(\\d+)(?:,\\d+)? \\+\\d+(?:,\\d+)? @@", line)
    if header:
        number = int(header.group(1))
    elif number is None or line.startswith(("---", "+++", "-")):
        continue
    else:
        lines[number] = line[1:]
        number += 1
return lines""",
        "counts removed lines": """
lines, number = {}, None
for line in diff.splitlines():
    header = re.match(r"^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@", line)
    if header:
        number = int(header.group(1))
    elif number is None or line.startswith(("---", "+++")):
        continue
    elif line.startswith("-"):
        number += 1
    else:
        lines[number] = line[1:]
        number += 1
return lines""",
        "only added lines": """
lines, number = {}, None
for line in diff.splitlines():
    header = re.match(r"^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@", line)
    if header:
        number = int(header.group(1))
    elif number is None or line.startswith(("---", "+++", "-")):
        continue
    else:
        if line.startswith("+"):
            lines[number] = line[1:]
        number += 1
return lines""",
        "only the first hunk": """
lines, number = {}, None
for line in diff.splitlines():
    header = re.match(r"^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@", line)
    if header and number is not None:
        break
    if header:
        number = int(header.group(1))
    elif number is None or line.startswith(("---", "+++", "-")):
        continue
    else:
        lines[number] = line[1:]
        number += 1
return lines""",
    },
    "d2-03-names": {
        "walks the whole tree (methods and nested functions too)": """
return [node.name for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]""",
        "forgets async def": """
return [node.name for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]""",
        "functions only": """
return [node.name for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]""",
        "reads lines that start with def": """
return [line.split()[1].split("(")[0].split(":")[0] for line in source.splitlines()
        if line.startswith(("def ", "class "))]""",
    },
}
