"""Which SDK parameters the course's code passes, found statically, and whether the installed SDKs still take them.

Every call of an official SDK method (`client.messages.create(...)`, `client.responses.input_tokens.count(...)`,
...) in the course's Python, notebooks and lesson code blocks is found by the attribute chain it ends with. Its
keyword names (and the keys of a `**params` dict built in the same function, or returned by a function of the
same module) are checked against the installed method's signature, and a string literal passed to a parameter
typed as a `Literal[...]` against the values that type allows. An SDK upgrade that drops or renames a parameter
the course teaches then fails a test instead of a class.
"""
from __future__ import annotations

import ast
import inspect
import typing
from dataclasses import dataclass
from functools import cache

# attribute chain (the end of the call's dotted name) -> (SDK, the same chain on that SDK's client)
METHODS: dict[str, tuple[str, str]] = {
    "messages.create": ("anthropic", "messages.create"),
    "messages.stream": ("anthropic", "messages.stream"),
    "messages.count_tokens": ("anthropic", "messages.count_tokens"),
    "messages.batches.create": ("anthropic", "messages.batches.create"),
    "messages.batches.retrieve": ("anthropic", "messages.batches.retrieve"),
    "messages.batches.results": ("anthropic", "messages.batches.results"),
    "messages.batches.cancel": ("anthropic", "messages.batches.cancel"),
    "chat.completions.create": ("openai", "chat.completions.create"),
    "chat.completions.parse": ("openai", "chat.completions.parse"),
    "chat.completions.stream": ("openai", "chat.completions.stream"),
    "responses.create": ("openai", "responses.create"),
    "responses.parse": ("openai", "responses.parse"),
    "responses.stream": ("openai", "responses.stream"),
    "responses.input_tokens.count": ("openai", "responses.input_tokens.count"),
    "batches.create": ("openai", "batches.create"),
    "batches.retrieve": ("openai", "batches.retrieve"),
    "files.create": ("openai", "files.create"),
    "files.content": ("openai", "files.content"),
    "embeddings.create": ("openai", "embeddings.create"),
}
NOT_THESE = ("threads.messages.", "beta.messages.")  # other APIs whose chains end the same way
ON_PURPOSE = "wrong on purpose"  # on a call's lines: a lesson showing the error a wrong parameter gives


@dataclass(frozen=True)
class TaughtCall:
    where: str            # file:line
    method: str           # e.g. "anthropic messages.create"
    keywords: tuple[str, ...]
    literals: tuple[tuple[str, str], ...]  # (parameter, string value) passed as a literal


@cache
def sdk_method(sdk: str, chain: str):
    import anthropic
    import openai
    client = anthropic.Anthropic(api_key="unused") if sdk == "anthropic" else openai.OpenAI(api_key="unused")
    target = client
    for name in chain.split("."):
        target = getattr(target, name)
    return target


def dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call):  # e.g. anthropic.Anthropic().messages.create
        node = node.func
        while isinstance(node, ast.Attribute):
            node = node.value
    return ".".join(reversed(parts)) if parts else None


def match_method(chain: str) -> tuple[str, str] | None:
    for ending in sorted(METHODS, key=len, reverse=True):
        if chain == ending or chain.endswith("." + ending):
            before = chain[: -len(ending)]
            if any(before.endswith(prefix[: -1] + ".") or chain.startswith(prefix) for prefix in NOT_THESE):
                return None
            return METHODS[ending]
    return None


class _DictKeys(ast.NodeVisitor):
    """The keys a function puts into each local dict variable: literals, subscript stores, update(...)."""

    def __init__(self):
        self.keys: dict[str, set[str]] = {}
        self.returned: set[str] = set()

    def _literal(self, value: ast.AST) -> set[str] | None:
        if isinstance(value, ast.Dict):
            keys = set()
            for key in value.keys:
                options = [key.body, key.orelse] if isinstance(key, ast.IfExp) else [key]  # ("a" if x else "b"): v
                keys |= {k.value for k in options if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            return keys
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict":
            return {k.arg for k in value.keywords if k.arg}
        return None

    def visit_Assign(self, node: ast.Assign) -> None:
        found = self._literal(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name) and found is not None:
                self.keys.setdefault(target.id, set()).update(found)
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                    and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str):
                self.keys.setdefault(target.value.id, set()).add(target.slice.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        found = self._literal(node.value) if node.value else None
        if isinstance(node.target, ast.Name) and found is not None:
            self.keys.setdefault(node.target.id, set()).update(found)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "update" and isinstance(func.value, ast.Name):
            keys = {k.arg for k in node.keywords if k.arg}
            for arg in node.args:
                keys |= self._literal(arg) or set()
            self.keys.setdefault(func.value.id, set()).update(keys)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if isinstance(node.value, ast.Name):
            self.returned |= self.keys.get(node.value.id, set())
        elif node.value is not None:
            self.returned |= self._literal(node.value) or set()


def _keys_of(scope: ast.AST) -> _DictKeys:
    visitor = _DictKeys()
    visitor.visit(scope)
    return visitor


def calls_in(source: str, where: str) -> list[TaughtCall]:
    """Every SDK method call in `source` (one module, cell or code block), with its keywords resolved."""
    tree = ast.parse(source)
    lines = source.splitlines()
    returned = {f.name: _keys_of(f).returned for f in ast.walk(tree)
                if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    scopes = [tree, *(f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)))]
    found: dict[tuple[int, int], TaughtCall] = {}
    for scope in scopes:
        local = _keys_of(scope).keys
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call) or (node.lineno, node.col_offset) in found:
                continue
            chain = dotted(node.func)
            method = match_method(chain) if chain else None
            if method is None or any(ON_PURPOSE in line for line in lines[node.lineno - 1:node.end_lineno]):
                continue
            keywords, literals = set(), []
            for keyword in node.keywords:
                if keyword.arg:
                    keywords.add(keyword.arg)
                    if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                        literals.append((keyword.arg, keyword.value.value))
                elif isinstance(keyword.value, ast.Name):
                    keywords |= local.get(keyword.value.id, set())
                elif isinstance(keyword.value, ast.Call):
                    name = dotted(keyword.value.func) or getattr(keyword.value.func, "id", "")
                    keywords |= returned.get(name.split(".")[-1], set())
            found[(node.lineno, node.col_offset)] = TaughtCall(
                f"{where}:{node.lineno}", f"{method[0]} {method[1]}", tuple(sorted(keywords)), tuple(literals))
    return list(found.values())


def _allowed_literals(annotation) -> set[str] | None:
    """The strings a parameter's type allows if it is (a union holding) Literal[...] of strings only, else None."""
    if typing.get_origin(annotation) is typing.Literal:
        values = typing.get_args(annotation)
        return set(values) if all(isinstance(v, str) for v in values) else None
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        allowed: set[str] = set()
        for member in typing.get_args(annotation):
            if member is type(None) or getattr(member, "__name__", "") in ("Omit", "NotGiven"):
                continue
            inner = _allowed_literals(member)
            if inner is None:
                return None
            allowed |= inner
        return allowed or None
    return None


@cache
def _hints(sdk: str, chain: str) -> dict:
    try:
        return typing.get_type_hints(sdk_method(sdk, chain))
    except Exception:  # noqa: BLE001 - unresolvable forward references: check names only
        return {}


def problems_with(call: TaughtCall) -> list[str]:
    sdk, chain = call.method.split(" ")
    method = sdk_method(sdk, chain)
    parameters = inspect.signature(method).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    problems = []
    if not takes_any:
        problems += [f"{call.where}: {call.method} has no parameter {name!r} in the installed {sdk} SDK"
                     for name in call.keywords if name not in parameters]
    hints = _hints(sdk, chain)
    for name, value in call.literals:
        allowed = _allowed_literals(hints.get(name)) if name in hints else None
        if allowed is not None and value not in allowed:
            problems.append(f"{call.where}: {call.method}({name}={value!r}): the installed {sdk} SDK allows "
                            f"{sorted(allowed)}")
    return problems
