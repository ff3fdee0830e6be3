"""The docs checked against the code: every module documented, and every name they mention real."""
from __future__ import annotations

import builtins
import keyword
import re

from doc_agent.models import Analysis, DocRun, ModuleInfo, Problem

CODE_SPAN = re.compile(r"`([^`\n]+)`")
NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?:\(\))?")


def module_names(module: ModuleInfo) -> set[str]:
    """The names a module's symbols list may document: its functions, classes, Class.method and globals."""
    ### BEGIN SOLUTION
    names = {f.name for f in module.functions} | set(module.globals)
    for cls in module.classes:
        names |= {cls.name, *(f"{cls.name}.{m.name}" for m in cls.methods)}
    return names
    ### END SOLUTION


def known_names(analysis: Analysis) -> set[str]:
    """Every name the code defines: module names and their parts, functions, classes, methods, globals, class
    attributes (self.NAME) and parameters; Python's keywords and builtins count as known too."""
    ### BEGIN SOLUTION
    known = set(keyword.kwlist) | set(dir(builtins))
    for module in analysis.modules.values():
        known |= set(module.name.split(".")) | set(module.globals)
        for function in module.functions:
            known |= {function.name, *function.params}
        for cls in module.classes:
            known |= {cls.name, *cls.attributes}
            for method in cls.methods:
                known |= {method.name, *method.params}
    return known
    ### END SOLUTION


def mentioned_names(text: str) -> list[str]:
    """The code names in `backticks` in a text: a span that is a name or a dotted name, with an optional "()"
    (which is dropped); other spans (`qty * price`) are not names."""
    ### BEGIN SOLUTION
    found = []
    for span in CODE_SPAN.findall(text):
        span = span.strip()
        if NAME.fullmatch(span):
            found.append(span.removesuffix("()"))
    return found
    ### END SOLUTION


def verify(analysis: Analysis, run: DocRun) -> list[Problem]:
    """Problems, modules in name order: kind "undocumented" for each module with no doc in run.docs; kind
    "unknown-name" for each symbol a doc lists that is not one of its module's module_names, and for each name
    a doc's summary or symbol docs mention (mentioned_names) of which some dotted part is not a known name."""
    ### BEGIN SOLUTION
    problems: list[Problem] = []
    known = known_names(analysis)
    for name, module in analysis.modules.items():
        doc = run.docs.get(name)
        if doc is None:
            why = run.failed.get(name) or ("not reached: the run stopped" if name in run.not_reached else "no doc")
            problems.append(Problem("undocumented", name, None, why))
            continue
        own = module_names(module)
        for symbol in doc.symbols:
            if symbol.name not in own:
                problems.append(Problem("unknown-name", name, symbol.name, f"{name} defines no {symbol.name}"))
        seen = set()
        for text in [doc.summary, *(s.doc for s in doc.symbols)]:
            for mention in mentioned_names(text):
                if mention not in seen and any(part not in known for part in mention.split(".")):
                    seen.add(mention)
                    problems.append(Problem("unknown-name", name, mention, f"the docs mention `{mention}`, which "
                                            "the code does not define"))
    return problems
    ### END SOLUTION
