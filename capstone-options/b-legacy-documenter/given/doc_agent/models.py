"""What the analysis finds, what the model replies, and what one run produced."""
from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, Field


@dataclass
class FunctionInfo:
    name: str                  # "create_invoice"; a method's own name ("add_line"), not "Invoice.add_line"
    signature: str             # name(arguments), the arguments as ast.unparse writes them: "f(a, b=1, *args)"
    line: int
    docstring: str | None
    params: list[str]          # every parameter's name, in order ("self" included)
    calls: list[str]           # what its body calls, as written ("db.query", "compute_totals"); sorted, unique


@dataclass
class ClassInfo:
    name: str
    line: int
    docstring: str | None
    bases: list[str]           # as written: ["Exception"], ["models.Base"]
    methods: list[FunctionInfo]
    attributes: list[str]      # names assigned as self.NAME in its methods; sorted, unique


@dataclass
class ModuleInfo:
    name: str                  # dotted, from the path under SRC: "billing", "shop.orders"
    path: str                  # relative to SRC, with "/": "billing.py", "shop/orders.py"
    docstring: str | None
    imports: list[str]         # modules of this codebase it imports, anywhere in the file; sorted, unique
    functions: list[FunctionInfo]    # top-level functions, in source order
    classes: list[ClassInfo]         # top-level classes, in source order
    globals: list[str]         # names assigned at module level; sorted, unique
    source: str


@dataclass
class Analysis:
    root: str
    modules: dict[str, ModuleInfo]                     # by module name
    skipped: dict[str, str] = field(default_factory=dict)  # relative path of a file that did not parse -> why


class SymbolDoc(BaseModel):
    name: str = Field(min_length=1)    # a function, a class, "Class.method" or a global of the module
    doc: str = Field(min_length=1)


class ModuleDoc(BaseModel):
    """One module's documentation, as the model must reply it (validated before use)."""
    layer: str = Field(min_length=1, max_length=40)    # e.g. "storage", "domain", "interface"
    summary: str = Field(min_length=1)
    symbols: list[SymbolDoc]


@dataclass
class DocRun:
    docs: dict[str, ModuleDoc]         # module name -> its validated documentation
    failed: dict[str, str]             # module -> why it has none (two invalid replies, a model error)
    not_reached: list[str]             # modules never tried because the run stopped, in order
    stopped: str | None                # None (every module tried), "budget" or "model error"
    calls: int
    tokens: int


@dataclass
class Problem:
    kind: str                  # "undocumented" | "unknown-name"
    module: str
    name: str | None           # the name that does not exist (None for "undocumented")
    detail: str
