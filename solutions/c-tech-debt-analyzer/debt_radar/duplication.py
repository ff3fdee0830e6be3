"""Duplicated functions across files: two functions with the same ast shape are copies, whatever their names."""
from __future__ import annotations

import ast

from debt_radar.models import FunctionMeasure


def shape(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """The function body's shape: the class names of every node `ast.walk` yields from each statement of the
    body, in order, statement after statement; a leading docstring statement is left out. Names, attribute
    names, constants, the function's own name, arguments and decorators do not enter it."""
    ### BEGIN SOLUTION
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return tuple(type(node).__name__ for statement in body for node in ast.walk(statement))
    ### END SOLUTION


### BEGIN SOLUTION
def code_lines(function) -> int:
    body = function.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return function.end_lineno - body[0].lineno + 1
### END SOLUTION


def duplicate_groups(files: dict[str, str], min_lines: int = 5) -> list[list[FunctionMeasure]]:
    """Groups of two or more functions (from every file in `files`, {path: source}, nested ones too) with the
    same non-empty shape and at least `min_lines` code lines each (from the first statement after the docstring
    to the function's last line); functions decorated `@overload` (a Name or an
    Attribute named overload, as in `@t.overload`) are typing stubs and never count. Each group is sorted by (path, start); the groups
    are sorted by their first member's (path, start). Files that do not parse are skipped."""
    ### BEGIN SOLUTION
    from debt_radar.measures import FUNCTIONS, measure_functions

    by_shape: dict[tuple, list[FunctionMeasure]] = {}
    for path, source in files.items():
        try:
            tree = ast.parse(source)
            measured = {(m.start, m.end): m for m in measure_functions(source, path)}
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, FUNCTIONS) and code_lines(node) >= min_lines \
                    and not any(getattr(d, "id", getattr(d, "attr", "")) == "overload" for d in node.decorator_list):
                key = shape(node)
                if key:
                    by_shape.setdefault(key, []).append(measured[(node.lineno, node.end_lineno)])
    groups = [sorted(g, key=lambda m: (m.path, m.start)) for g in by_shape.values() if len(g) > 1]
    return sorted(groups, key=lambda g: (g[0].path, g[0].start))
    ### END SOLUTION
