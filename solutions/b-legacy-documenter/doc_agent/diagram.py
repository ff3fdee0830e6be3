"""The architecture diagram: Mermaid, drawn from the analysis only, so every box and arrow is true. The model's
only part is the name of each module's layer, which is untrusted text: it is reduced to plain words."""
from __future__ import annotations

import re

from doc_agent.models import Analysis


def node_id(module: str) -> str:
    """A Mermaid node id for a module name: "shop.orders" -> "shop_orders"."""
    return re.sub(r"\W", "_", module)


def plain_label(text: str) -> str:
    """Only letters, digits, spaces, "-" and "_" of a label; "other" if nothing is left."""
    ### BEGIN SOLUTION
    label = " ".join(re.sub(r"[^\w -]", " ", text, flags=re.ASCII).split())[:40]
    return label or "other"
    ### END SOLUTION


def mermaid(analysis: Analysis, layers: dict[str, str]) -> str:
    """`graph TD`: one node per module (id node_id(name), labelled with the name), an arrow `a --> b` for each
    module a imports b (from analysis.modules[a].imports), and each module that has a layer in `layers` inside a
    `subgraph` titled with that layer's plain_label (modules of the same label share one subgraph)."""
    ### BEGIN SOLUTION
    lines = ["graph TD"]
    groups: dict[str, list[str]] = {}
    for name in analysis.modules:
        if name in layers:
            groups.setdefault(plain_label(layers[name]), []).append(name)
    grouped = {name for members in groups.values() for name in members}
    for number, (label, members) in enumerate(sorted(groups.items()), start=1):
        lines.append(f'    subgraph layer{number}["{label}"]')
        lines += [f'        {node_id(m)}["{m}"]' for m in members]
        lines.append("    end")
    lines += [f'    {node_id(m)}["{m}"]' for m in analysis.modules if m not in grouped]
    for name, module in analysis.modules.items():
        lines += [f"    {node_id(name)} --> {node_id(target)}" for target in module.imports]
    return "\n".join(lines) + "\n"
    ### END SOLUTION
