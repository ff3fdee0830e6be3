"""capstone-b: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
ANALYSIS, CHECKING, DIAGRAM, DOCUMENTER = "analysis.py", "checking.py", "diagram.py", "documenter.py"

BROKEN = {
    "imports: only the top-level import statements, not those inside a function": (ANALYSIS, [(
        "    for node in ast.walk(tree):\n        if isinstance(node, ast.Import):",
        "    for node in tree.body:\n        if isinstance(node, ast.Import):")]),
    "budget: one call more than max_calls": (DOCUMENTER, [(
        "            if run.calls >= settings.max_calls or run.tokens >= settings.max_tokens:",
        "            if run.calls > settings.max_calls or run.tokens >= settings.max_tokens:")]),
    "check: a dotted name is judged by its first part only": (CHECKING, [(
        "any(part not in known for part in mention.split(\".\"))",
        "mention.split(\".\")[0] not in known")]),
    "diagram: the model's layer name reaches the diagram uncleaned": (DIAGRAM, [(
        "            groups.setdefault(plain_label(layers[name]), []).append(name)",
        "            groups.setdefault(layers[name], []).append(name)")]),
}

CORRECT = {
    "analysis: the callee and the module prefix found recursively and with max()": (ANALYSIS, [(
        "    while isinstance(node, ast.Attribute):\n        node = node.value\n    return isinstance(node, ast.Name)",
        "    if isinstance(node, ast.Attribute):\n        return dotted(node.value)\n"
        "    return isinstance(node, ast.Name)"), (
        "    parts = dotted_name.split(\".\")\n    for end in range(len(parts), 0, -1):\n"
        "        if \".\".join(parts[:end]) in known:\n            return \".\".join(parts[:end])\n    return \"\"",
        "    parts = dotted_name.split(\".\")\n"
        "    prefixes = (\".\".join(parts[:end]) for end in range(1, len(parts) + 1))\n"
        "    return max((prefix for prefix in prefixes if prefix in known), key=len, default=\"\")")]),
}
