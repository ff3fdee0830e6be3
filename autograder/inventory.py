"""A unit's graded tests and points, read from the test files' source without running pytest.

`course list` reads every unit this way in well under a second. A test's count is multiplied by each
`pytest.mark.parametrize` (a literal list, or a module-level literal named in it) and by 2 when it takes the
`provider` fixture (one run per wire format). The course's honesty test checks these figures against what
pytest itself collects, so a layout this reader cannot follow fails CI rather than misleading a reader.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PARAMETRIZED_FIXTURES = {"provider": 2}  # autograder.plugin's parametrized fixtures and their sizes


@dataclass
class Inventory:
    tests: int = 0
    points: float = 0.0

    def __add__(self, other: Inventory) -> Inventory:
        return Inventory(self.tests + other.tests, self.points + other.points)


def read_tests(folder: Path | None) -> Inventory:
    total = Inventory()
    if folder is None or not folder.is_dir():
        return total
    for path in sorted(folder.rglob("test_*.py")):
        total += read_file(path)
    return total


def read_file(path: Path) -> Inventory:
    return sum(read_file_by_test(path).values(), Inventory())


def read_points(folder: Path | None) -> dict[str, float]:
    """Each graded test function's points over all its runs, by name."""
    if folder is None or not folder.is_dir():
        return {}
    return {name: found.points for path in sorted(folder.rglob("test_*.py"))
            for name, found in read_file_by_test(path).items()}


def read_file_by_test(path: Path) -> dict[str, Inventory]:
    tree = ast.parse(path.read_text(), filename=str(path))
    constants = _module_constants(tree)
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            runs = _runs(node, constants)
            found[node.name] = Inventory(runs, runs * _points(node))
    return found


def _module_constants(tree: ast.Module) -> dict[str, object]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except (ValueError, SyntaxError, TypeError):
                pass
    return found


def _mark(decorator: ast.expr, name: str) -> ast.Call | None:
    """The call `pytest.mark.NAME(...)` if that is what this decorator is."""
    if isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) \
            and decorator.func.attr == name and ast.unparse(decorator.func.value).endswith("mark"):
        return decorator
    return None


def _points(node: ast.FunctionDef) -> float:
    for decorator in node.decorator_list:
        if (call := _mark(decorator, "points")) and call.args:
            return float(ast.literal_eval(call.args[0]))
    return 0.0


def _runs(node: ast.FunctionDef, constants: dict[str, object]) -> int:
    runs = 1
    for decorator in node.decorator_list:
        if (call := _mark(decorator, "parametrize")) and len(call.args) >= 2:
            runs *= _length(call.args[1], constants)
    for argument in node.args.args:
        runs *= PARAMETRIZED_FIXTURES.get(argument.arg, 1)
    return runs


def _length(values: ast.expr, constants: dict[str, object]) -> int:
    if isinstance(values, ast.Call) and isinstance(values.func, ast.Name) and values.func.id in ("list", "tuple", "sorted") \
            and values.args:
        values = values.args[0]
    if isinstance(values, ast.Name) and values.id in constants:
        return len(constants[values.id])  # type: ignore[arg-type]
    try:
        return len(ast.literal_eval(values))
    except (ValueError, SyntaxError, TypeError):
        raise ValueError(f"line {values.lineno}: cannot count the parameters of {ast.unparse(values)!r} "
                         "without running it; use a literal or a module-level literal") from None
