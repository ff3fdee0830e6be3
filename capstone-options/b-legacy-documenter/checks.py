"""What capstone B's checks share: the legacy codebase they document, what is true of it, and readers of what the
grader recorded (requests: `trace["sent"]`) and of the Markdown the submission wrote (plain data from driver.py)."""
from __future__ import annotations

import re
from pathlib import Path

LEGACY = {path.name: path.read_text() for path in sorted((Path(__file__).parent / "legacy").glob("*.py"))}
MODULES = ["billing", "config", "customers", "db", "inventory", "main", "reports", "utils"]
IMPORTS = {  # the modules of the codebase each one imports, anywhere in the file (inventory's is inside a function)
    "billing": ["config", "customers", "db", "inventory", "utils"], "config": [],
    "customers": ["db", "utils"], "db": ["config", "utils"], "inventory": ["billing", "config", "db", "utils"],
    "main": ["billing", "config", "customers", "db", "inventory", "reports", "utils"],
    "reports": ["billing", "customers", "db", "inventory", "utils"], "utils": ["config"]}
EDGES = {(a, b) for a, targets in IMPORTS.items() for b in targets}
BROKEN = ("export_old.py", 'import db\n\ndef export(path):\n    print "exporting to", path\n')  # Python 2
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}
# The layers stockbook-docs's replies name
LAYERS = {"billing": "domain", "config": "configuration", "customers": "domain", "db": "storage",
          "inventory": "domain", "main": "interface", "reports": "reporting", "utils": "support"}


def user_text(request: dict) -> str:
    return "\n".join(text for role, text in request["messages"] if role == "user")


def requests_for(trace: dict, signature: str) -> list[dict]:
    return [r for r in trace["sent"] if signature in user_text(r)]


def ran(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run the documenter: {trace['error']}"
    result = trace["result"]
    assert result.get("raised") is None, f"main raised {result['raised']}"
    return result


def section(markdown: str, phrase: str) -> str | None:
    """The text under the first heading that contains `phrase` (any level, any case), up to the next heading."""
    lines = markdown.splitlines()
    for n, line in enumerate(lines):
        if line.lstrip().startswith("#") and phrase.lower() in line.lower():
            body = []
            for rest in lines[n + 1:]:
                if rest.lstrip().startswith("#"):
                    break
                body.append(rest)
            return "\n".join(body)
    return None


def links(markdown: str) -> set[str]:
    """Targets of Markdown links to local .md pages: [x](billing.md) -> billing.md."""
    return set(re.findall(r"\]\(\s*(?:\./)?([^)\s#]+\.md)", markdown))


def mermaid_block(markdown: str) -> str | None:
    found = re.search(r"```mermaid\s*\n(.*?)```", markdown, re.DOTALL)
    return found.group(1) if found else None


NODE = r"(\w+)(?:\[[^\]]*\]|\([^)]*\))?"
EDGE = re.compile(rf"^{NODE}\s*-->\s*{NODE}\s*;?$")


def parse_mermaid(text: str) -> dict:
    """{header, nodes, edges, groups: node -> subgraph title line, arrows: how many '-->' the text has}."""
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("%%")]
    nodes, edges, groups, stack = set(), set(), {}, []
    for line in lines[1:]:
        if line.startswith("subgraph"):
            stack.append(line[len("subgraph"):].strip())
        elif line == "end":
            if stack:
                stack.pop()
        elif (edge := EDGE.match(line)) is not None:
            edges.add((edge.group(1), edge.group(2)))
            nodes |= {edge.group(1), edge.group(2)}
        elif (node := re.fullmatch(rf"{NODE};?", line)) is not None:
            nodes.add(node.group(1))
            if stack:
                groups[node.group(1)] = stack[-1]
    return {"header": lines[0] if lines else "", "nodes": nodes, "edges": edges, "groups": groups,
            "arrows": text.count("-->")}


def signatures(source: str) -> list[str]:
    """name(arguments) of each top-level function and each method, the arguments as ast.unparse writes them."""
    import ast
    tree = ast.parse(source)
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    defs += [m for c in tree.body if isinstance(c, ast.ClassDef) for m in c.body if isinstance(m, ast.FunctionDef)]
    return [f"{d.name}({ast.unparse(d.args)})" for d in defs]


SIGNATURES = {name.removesuffix(".py"): signatures(text) for name, text in LEGACY.items()}
