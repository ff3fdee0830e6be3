"""Per-function measures (lines, parameters, cyclomatic complexity) and TODO-style markers, from `ast` and
`tokenize`: counted, never guessed."""
from __future__ import annotations

import ast
import io
import re
import tokenize

from debt_radar.models import FunctionMeasure, Marker

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
MARKER = re.compile(r"\b(TODO|FIXME|XXX|HACK)\b")


def complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Cyclomatic complexity of one function: 1, plus one for each `if`/`elif`, `for`/`async for`, `while`,
    `except` clause, conditional expression, `case`, comprehension `for` and comprehension `if`, plus
    (operands - 1) for each `and`/`or` chain. Nested functions and classes are not counted (they are measured
    on their own); lambdas are part of the function."""
    ### BEGIN SOLUTION
    count = 1
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
    ### END SOLUTION


def measure_functions(source: str, path: str) -> list[FunctionMeasure]:
    """Every function and method in `source` (nested ones too), in order of their `def` line, with its
    qualified name (`Class.method`, `outer.inner`), span, lines, parameters and complexity. Parameters count
    every positional-only, ordinary and keyword-only parameter, `*args` and `**kwargs`, less the first
    parameter of a function defined directly in a class body (self / cls) unless it is a @staticmethod.
    Raises SyntaxError if `source` does not parse."""
    ### BEGIN SOLUTION
    found: list[FunctionMeasure] = []

    def visit(node: ast.AST, prefix: str, in_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.", True)
            elif isinstance(child, FUNCTIONS):
                found.append(measure(child, path, prefix, in_class))
                visit(child, f"{prefix}{child.name}.", False)
            else:
                visit(child, prefix, in_class)

    visit(ast.parse(source), "", False)
    return sorted(found, key=lambda f: (f.start, f.name))
    ### END SOLUTION


### BEGIN SOLUTION
def measure(node, path: str, prefix: str, in_class: bool) -> FunctionMeasure:
    args = node.args
    params = len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs) + bool(args.vararg) + bool(args.kwarg)
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
    if in_class and not static and (args.posonlyargs or args.args):
        params -= 1
    return FunctionMeasure(path=path, name=prefix + node.name, start=node.lineno, end=node.end_lineno,
                           lines=node.end_lineno - node.lineno + 1, params=params, complexity=complexity(node))
### END SOLUTION


def todo_markers(source: str, path: str) -> list[Marker]:
    """One Marker per comment that holds TODO, FIXME, XXX or HACK as a whole upper-case word (the first such
    word is the tag). Only comments count: the word inside a string is not a marker."""
    ### BEGIN SOLUTION
    markers = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and (found := MARKER.search(token.string)):
            markers.append(Marker(path=path, line=token.start[0], tag=found.group(1), text=token.string.strip()))
    return markers
    ### END SOLUTION
