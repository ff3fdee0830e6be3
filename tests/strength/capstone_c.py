"""capstone-c: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
MEASURES, SCORING, EXPLAIN = "measures.py", "scoring.py", "explain.py"

BROKEN = {
    "complexity: an and/or chain counts one, whatever its operands": (MEASURES, [(
        "            count += len(node.values) - 1", "            count += 1")]),
    "params: a @staticmethod loses its first parameter too": (MEASURES, [(
        "    if in_class and not static and (args.posonlyargs or args.args):",
        "    if in_class and (args.posonlyargs or args.args):")]),
    "likelihood: a function's calls to itself count in its fan-in": (SCORING, [(
        "               if called == short and not (path == span.path and span.start <= line <= span.end))",
        "               if called == short)")]),
    "citations: a citation that starts inside a span shown but runs past it is kept": (EXPLAIN, [(
        "        inside = any(s.path == span.path and s.start <= span.start <= span.end <= s.end for s in shown)",
        "        inside = any(s.path == span.path and s.start <= span.start <= s.end for s in shown)")]),
}

CORRECT = {
    "complexity: a recursive count over the child nodes instead of a work list": (MEASURES, [(
        """    count = 1
    todo = list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        if isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            continue
        if isinstance(node, (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.IfExp,
                             ast.match_case)):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += 1 + len(node.ifs)
        todo.extend(ast.iter_child_nodes(node))
    return count
""", """    branches = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.IfExp, ast.match_case)

    def decisions(node: ast.AST) -> int:
        if isinstance(node, (*FUNCTIONS, ast.ClassDef)) and node is not function:
            return 0
        own = (isinstance(node, branches) + (len(node.values) - 1 if isinstance(node, ast.BoolOp) else 0)
               + (1 + len(node.ifs) if isinstance(node, ast.comprehension) else 0))
        return own + sum(decisions(child) for child in ast.iter_child_nodes(node))

    return 1 + decisions(function)
""")]),
}
