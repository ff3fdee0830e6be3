"""Code-aware chunking: one chunk per function, class and method, found with `ast`."""
import ast

from coderag.chunk import Chunk


def is_overload(node: ast.AST) -> bool:
    """`@overload` / `@typing.overload` stubs: type hints only, the implementation follows them."""
    for decorator in getattr(node, "decorator_list", []):
        name = decorator.attr if isinstance(decorator, ast.Attribute) else getattr(decorator, "id", None)
        if name == "overload":
            return True
    return False


def chunk_source(path: str, source: str) -> list[Chunk]:
    """The chunks of one file, in file order.

    Every `def` and `class` directly in the module's body is a chunk, and so is every `def` directly in a class's
    body (symbol `Class.method`). A chunk starts at its first decorator and ends at the node's last line. A
    class's own chunk covers the class statement up to the line before its first method (its docstring and
    attributes), or the whole class when it has no method. Overload stubs are not chunks; nested functions stay
    inside their parent's chunk."""
    ### BEGIN SOLUTION
    lines = source.splitlines()
    chunks: list[Chunk] = []

    def add(symbol: str, start: int, end: int) -> None:
        chunks.append(Chunk(path, symbol, start, end, "\n".join(lines[start - 1:end])))

    def first_line(node) -> int:
        return min([node.lineno, *(d.lineno for d in node.decorator_list)])

    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in ast.parse(source).body:
        if isinstance(node, functions) and not is_overload(node):
            add(node.name, first_line(node), node.end_lineno)
        elif isinstance(node, ast.ClassDef):
            methods = [m for m in node.body if isinstance(m, functions) and not is_overload(m)]
            header_end = first_line(methods[0]) - 1 if methods else node.end_lineno
            add(node.name, first_line(node), header_end)
            for method in methods:
                add(f"{node.name}.{method.name}", first_line(method), method.end_lineno)
    return sorted(chunks, key=lambda c: c.start)
    ### END SOLUTION
