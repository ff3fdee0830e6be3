"""From measures to ranked findings: priority = impact x likelihood of change (see the brief's table)."""
from __future__ import annotations

import ast

from debt_radar.dependencies import outdated
from debt_radar.duplication import duplicate_groups
from debt_radar.measures import measure_functions, todo_markers
from debt_radar.models import Finding, Span
from debt_radar.settings import Settings


def call_sites(files: dict[str, str]) -> list[tuple[str, int, str]]:
    """(path, line, name) of every `ast.Call` in `files` whose callee is `Name(id=name)` or `Attribute(attr=name)`
    (other callees, such as `f()()`, are left out); files that do not parse are skipped. Computed once per scan."""
    ### BEGIN SOLUTION
    sites = []
    for path, source in files.items():
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                callee = node.func
                name = callee.id if isinstance(callee, ast.Name) else \
                    callee.attr if isinstance(callee, ast.Attribute) else None
                if name:
                    sites.append((path, node.lineno, name))
    return sites
    ### END SOLUTION


def fan_in(sites: list[tuple[str, int, str]], name: str, span: Span) -> int:
    """How many call sites name the function: the last part of its qualified name (`Context.invoke` -> `invoke`),
    or for a constructor (`Context.__init__`) its class's name (`Context`). Sites inside `span` (the function
    itself) do not count."""
    ### BEGIN SOLUTION
    parts = name.split(".")
    short = parts[-2] if parts[-1] == "__init__" and len(parts) > 1 else parts[-1]
    return sum(1 for path, line, called in sites
               if called == short and not (path == span.path and span.start <= line <= span.end))
    ### END SOLUTION


def priority(finding: Finding) -> float:
    """impact x likelihood."""
    ### BEGIN SOLUTION
    return finding.impact * finding.likelihood
    ### END SOLUTION


def rank(findings: list[Finding]) -> list[Finding]:
    """Highest priority first; ties by path, then start line, then kind (alphabetical)."""
    ### BEGIN SOLUTION
    return sorted(findings, key=lambda f: (-f.priority, f.span.path, f.span.start, f.kind))
    ### END SOLUTION


def scan(files: dict[str, str], settings: Settings = Settings(), requirements: tuple[str, str] | None = None,
         latest: dict[str, str] | None = None) -> list[Finding]:
    """Every finding in `files` ({path: source}; files that do not parse are skipped) and, given
    `requirements` = (path, text) and `latest` = {name: version}, in the pins; each with its impact,
    likelihood and priority set; ranked."""
    ### BEGIN SOLUTION
    findings: list[Finding] = []
    sites = call_sites(files)
    parsed: dict[str, list] = {}
    for path, source in files.items():
        try:
            parsed[path] = measure_functions(source, path)
        except SyntaxError:
            continue
        for m in parsed[path]:
            if m.complexity > settings.max_complexity:
                findings.append(Finding("complexity", m.span, m.name, m.complexity,
                                        f"cyclomatic complexity {m.complexity} (over {settings.max_complexity})",
                                        impact=m.complexity / settings.max_complexity))
            if m.lines > settings.max_function_lines:
                findings.append(Finding("long-function", m.span, m.name, m.lines,
                                        f"{m.lines} lines (over {settings.max_function_lines})",
                                        impact=m.lines / settings.max_function_lines))
            if m.params > settings.max_params:
                findings.append(Finding("long-parameter-list", m.span, m.name, m.params,
                                        f"{m.params} parameters (over {settings.max_params})",
                                        impact=m.params / settings.max_params))
        for marker in todo_markers(source, path):
            around = [m for m in parsed[path] if m.start <= marker.line <= m.end]
            symbol = max(around, key=lambda m: m.start).name if around else ""
            finding = Finding("todo", Span(path, marker.line, marker.line), symbol, 1, marker.text, impact=1.0)
            if around:
                finding.likelihood = 1 + fan_in(sites, symbol, max(around, key=lambda m: m.start).span)
            findings.append(finding)
    for group in duplicate_groups({p: files[p] for p in parsed}, settings.min_duplicate_lines):
        first = group[0]
        findings.append(Finding("duplication", first.span, first.name, len(group),
                                f"{len(group)} copies of the same {first.lines}-line shape",
                                impact=(len(group) - 1) * first.lines / 10, related=[m.span for m in group[1:]]))
    for finding in findings:
        if finding.kind != "todo":
            finding.likelihood = 1 + fan_in(sites, finding.symbol, finding.span)
    if requirements is not None and latest is not None:
        findings.extend(outdated(requirements[1], latest, requirements[0]))
    for finding in findings:
        finding.priority = priority(finding)
    return rank(findings)
    ### END SOLUTION
