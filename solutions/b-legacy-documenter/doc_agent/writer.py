"""The Markdown: one page per documented module, an index, and the architecture page with its Mermaid diagram."""
from __future__ import annotations

from pathlib import Path

from doc_agent.diagram import mermaid
from doc_agent.models import Analysis, DocRun, ModuleDoc, ModuleInfo, Problem


def called_by(analysis: Analysis, module: ModuleInfo) -> list[str]:
    """Modules of the codebase that import this one."""
    return [name for name, other in analysis.modules.items() if module.name in other.imports]


def module_page(analysis: Analysis, module: ModuleInfo, doc: ModuleDoc, problems: list[Problem]) -> str:
    """`# name`, the layer, the model's summary, each symbol's signature in a code span with the model's doc,
    the imports, importers and call edges from the analysis, and this module's flagged names."""
    ### BEGIN SOLUTION
    signatures = {f.name: f.signature for f in module.functions}
    for cls in module.classes:
        signatures[cls.name] = f"class {cls.name}" + (f"({', '.join(cls.bases)})" if cls.bases else "")
        signatures |= {f"{cls.name}.{m.name}": f"{cls.name}.{m.signature}" for m in cls.methods}
    docs = {s.name: s.doc for s in doc.symbols}
    lines = [f"# {module.name}", "", f"`{module.path}` · layer: {doc.layer}", "", doc.summary, "",
             "## Imports", "", f"Imports: {', '.join(module.imports) or 'nothing from this codebase'}.",
             f"Imported by: {', '.join(called_by(analysis, module)) or 'no module of this codebase'}.", "",
             "## Functions and classes", ""]
    for name, signature in signatures.items():
        lines += [f"### `{signature}`", "", docs.get(name, "*Not documented by the model.*"), ""]
    functions = [*module.functions, *(m for c in module.classes for m in c.methods)]
    edges = [f"- `{f.name}` calls {', '.join(f'`{c}`' for c in f.calls)}" for f in functions if f.calls]
    if edges:
        lines += ["## Calls", "", *edges, ""]
    flagged = [p for p in problems if p.module == module.name and p.kind == "unknown-name"]
    if flagged:
        lines += ["## Flagged", "", *(f"- `{p.name}`: {p.detail}" for p in flagged), ""]
    return "\n".join(lines)
    ### END SOLUTION


def index_page(analysis: Analysis, run: DocRun, problems: list[Problem]) -> str:
    """A link [name](name.md) with its layer for each documented module; a "Not documented" section naming every
    other module and why; the stop reason when the run stopped; a "Skipped files" section; a "Problems"
    section listing each problem's module and name; a link to architecture.md."""
    ### BEGIN SOLUTION
    lines = ["# Documentation index", ""]
    if run.stopped:
        lines += [f"**Partial:** the run stopped early ({run.stopped}) after {run.calls} model calls.", ""]
    lines += [f"{len(run.docs)} of {len(analysis.modules)} modules documented in {run.calls} model calls "
              f"({run.tokens} tokens). See the [architecture](architecture.md).", "", "## Modules", ""]
    lines += [f"- [{name}]({name}.md) ({run.docs[name].layer})" for name in analysis.modules if name in run.docs]
    missing = [name for name in analysis.modules if name not in run.docs]
    if missing:
        lines += ["", "## Not documented", ""]
        lines += [f"- {name}: {run.failed.get(name) or 'not reached: the run stopped'}" for name in missing]
    if analysis.skipped:
        lines += ["", "## Skipped files", ""]
        lines += [f"- `{path}`: {why}" for path, why in analysis.skipped.items()]
    lines += ["", "## Problems", ""]
    lines += [f"- {p.kind} in {p.module}" + (f": `{p.name}`" if p.name else "") + f" ({p.detail})"
              for p in problems] or ["None."]
    return "\n".join(lines) + "\n"
    ### END SOLUTION


def architecture_page(analysis: Analysis, run: DocRun) -> str:
    """The diagram in a ```mermaid block, from the analysis; the layers are the model's."""
    ### BEGIN SOLUTION
    layers = {name: doc.layer for name, doc in run.docs.items()}
    return ("# Architecture\n\nEach arrow is an import found in the code (a → b: a imports b); the groups are the "
            "layers the model named.\n\n```mermaid\n" + mermaid(analysis, layers) + "```\n")
    ### END SOLUTION


def write_docs(analysis: Analysis, run: DocRun, problems: list[Problem], out: str | Path) -> None:
    """OUT/index.md, OUT/architecture.md and OUT/<module>.md for each documented module (OUT is created)."""
    ### BEGIN SOLUTION
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, doc in run.docs.items():
        page = module_page(analysis, analysis.modules[name], doc, problems)
        (folder / f"{name}.md").write_text(page, encoding="utf-8")
    (folder / "architecture.md").write_text(architecture_page(analysis, run), encoding="utf-8")
    (folder / "index.md").write_text(index_page(analysis, run, problems), encoding="utf-8")
    ### END SOLUTION
