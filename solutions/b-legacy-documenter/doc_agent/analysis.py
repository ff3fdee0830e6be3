"""The codebase as data, from `ast` alone: modules, classes, functions, imports and call edges. No model here."""
from __future__ import annotations

import ast
from pathlib import Path

from doc_agent.errors import InputError
from doc_agent.models import Analysis, ClassInfo, FunctionInfo, ModuleInfo


def module_name(relative: Path) -> str:
    """"billing.py" -> "billing"; "shop/orders.py" -> "shop.orders"; "shop/__init__.py" -> "shop"."""
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def function_info(node: ast.FunctionDef | ast.AsyncFunctionDef) -> FunctionInfo:
    ### BEGIN SOLUTION
    signature = f"{node.name}({ast.unparse(node.args)})"
    if node.returns is not None:
        signature += f" -> {ast.unparse(node.returns)}"
    args = node.args
    params = [a.arg for a in (*args.posonlyargs, *args.args)]
    params += [args.vararg.arg] if args.vararg else []
    params += [a.arg for a in args.kwonlyargs]
    params += [args.kwarg.arg] if args.kwarg else []
    calls = {ast.unparse(call.func) for call in ast.walk(node)
             if isinstance(call, ast.Call) and dotted(call.func)}
    return FunctionInfo(name=node.name, signature=signature, line=node.lineno, docstring=ast.get_docstring(node),
                        params=params, calls=sorted(calls))
    ### END SOLUTION


def dotted(node: ast.expr) -> bool:
    """A callee written as a name or a chain of attributes on a name: f, db.query, self.x.y."""
    ### BEGIN SOLUTION
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)
    ### END SOLUTION


def class_info(node: ast.ClassDef) -> ClassInfo:
    ### BEGIN SOLUTION
    methods = [function_info(item) for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]
    attributes = {target.attr for target in ast.walk(node)
                  if isinstance(target, ast.Attribute) and isinstance(target.ctx, ast.Store)
                  and isinstance(target.value, ast.Name) and target.value.id == "self"}
    return ClassInfo(name=node.name, line=node.lineno, docstring=ast.get_docstring(node),
                     bases=[ast.unparse(base) for base in node.bases], methods=methods, attributes=sorted(attributes))
    ### END SOLUTION


def assigned_names(node: ast.stmt) -> list[str]:
    """Names a module-level statement binds by assignment (a = 1, a, b = f(), a: int = 1, a += 1)."""
    ### BEGIN SOLUTION
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
        if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else []
    return [name.id for target in targets for name in ast.walk(target)
            if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store)]
    ### END SOLUTION


def imported_modules(tree: ast.Module, name: str, is_package: bool, known: set[str]) -> list[str]:
    """Modules of this codebase (`known`) that the module `name` imports, anywhere in the file."""
    ### BEGIN SOLUTION
    found: set[str] = set()
    package = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(longest_known(alias.name, known))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level - 1 <= len(package) else []
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            for alias in node.names:
                candidate = f"{origin}.{alias.name}" if origin else alias.name
                found.add(candidate if candidate in known else longest_known(origin, known))
    found.discard("")
    found.discard(name)
    return sorted(found)
    ### END SOLUTION


def longest_known(dotted_name: str, known: set[str]) -> str:
    """The longest prefix of a.b.c that is a module of the codebase, or ""."""
    ### BEGIN SOLUTION
    parts = dotted_name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return ""
    ### END SOLUTION


def analyze(src: str | Path) -> Analysis:
    """Every .py file under `src` (sorted by path), parsed with ast. A file that does not parse (a SyntaxError, or
    bytes that are not UTF-8) goes into `skipped` with the reason and is left out. InputError if `src` is not a
    folder or has no .py file."""
    ### BEGIN SOLUTION
    root = Path(src)
    if not root.is_dir():
        raise InputError(f"{src} is not a folder")
    files = sorted(p for p in root.rglob("*.py") if p.is_file())
    if not files:
        raise InputError(f"{src} holds no Python file")
    parsed: dict[str, tuple[Path, str, ast.Module]] = {}
    skipped: dict[str, str] = {}
    for path in files:
        relative = path.relative_to(root)
        try:
            source = path.read_text(encoding="utf-8")
            tree = ast.parse(source, filename=str(relative))
        except (SyntaxError, UnicodeDecodeError, ValueError) as exc:
            skipped[relative.as_posix()] = f"{type(exc).__name__}: {exc}"
            continue
        parsed[module_name(relative)] = (relative, source, tree)
    known = set(parsed)
    modules = {}
    for name in sorted(parsed):
        relative, source, tree = parsed[name]
        modules[name] = ModuleInfo(
            name=name, path=relative.as_posix(), docstring=ast.get_docstring(tree),
            imports=imported_modules(tree, name, relative.name == "__init__.py", known),
            functions=[function_info(n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))],
            classes=[class_info(n) for n in tree.body if isinstance(n, ast.ClassDef)],
            globals=sorted({g for n in tree.body for g in assigned_names(n)}), source=source)
    return Analysis(root=str(root), modules=modules, skipped=skipped)
    ### END SOLUTION
