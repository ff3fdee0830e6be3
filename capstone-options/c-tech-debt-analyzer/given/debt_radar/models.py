"""The data the analyzer passes between its stages (plain dataclasses, and the model's reply schema)."""
from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, Field


@dataclass(frozen=True)
class Span:
    """Lines `start`..`end` (from 1, inclusive) of `path` (relative to the analysed folder, with `/`)."""
    path: str
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.path}:{self.start}-{self.end}"


@dataclass(frozen=True)
class FunctionMeasure:
    path: str
    name: str        # qualified: `Class.method`, `outer.inner`
    start: int       # the `def` line
    end: int         # the last line of the body
    lines: int       # end - start + 1
    params: int      # every parameter, less a method's first (self / cls)
    complexity: int  # cyclomatic complexity by the README's rule

    @property
    def span(self) -> Span:
        return Span(self.path, self.start, self.end)


@dataclass(frozen=True)
class Marker:
    path: str
    line: int
    tag: str    # TODO, FIXME, XXX or HACK
    text: str   # the whole comment, `#` included, stripped


@dataclass
class Finding:
    kind: str         # complexity | long-function | long-parameter-list | duplication | todo | outdated-dependency
    span: Span        # where it is
    symbol: str       # the function's qualified name, the package's name, or "" (a marker outside functions)
    measure: float    # the number the kind is about: complexity, lines, parameters, copies, majors behind ...
    detail: str       # one line for the report
    impact: float = 0.0
    likelihood: float = 1.0
    priority: float = 0.0
    related: list[Span] = field(default_factory=list)  # other places that belong to it (a duplicate's copies)


class Advice(BaseModel):
    """What the model is asked for, per finding."""
    explanation: str = Field(description="Why this is debt here, in two to four sentences")
    fix: str = Field(description="A concrete change that pays it down")
    citations: list[str] = Field(description="The lines the explanation relies on, each as path:start-end")


@dataclass
class Explained:
    finding: Finding
    status: str                  # explained | ungrounded | model-error | over-budget
    explanation: str = ""
    fix: str = ""
    citations: list[Span] = field(default_factory=list)  # only the ones that checked out
    note: str = ""               # why it is not explained, for the report
