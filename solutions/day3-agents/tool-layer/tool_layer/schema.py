"""A tool's JSON Schema, written once: from a function's type hints or from a pydantic model."""
from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, create_model


@dataclass(frozen=True)
class ToolSpec:
    """What the model is told about a tool, and the pydantic model that checks the arguments it sends."""

    name: str
    description: str
    arguments: type[BaseModel]

    @property
    def parameters(self) -> dict[str, Any]:
        """The JSON Schema of the arguments (an object; required = the parameters without a default)."""
        return self.arguments.model_json_schema()


### BEGIN STARTER
# def spec_from_function(func: Callable) -> ToolSpec:
#     """The name is the function's name, the description its docstring's first paragraph, the arguments one
#     field per parameter (its type hint; required unless it has a default). Extra arguments are refused."""
#     # TODO step 1: inspect.signature + get_type_hints; pydantic.create_model(name, __config__=..., **fields)
#     # where each field is (hint, default) and the default is `...` for a required parameter
#     raise NotImplementedError("step 1: spec_from_function")
### END STARTER
### BEGIN SOLUTION
def spec_from_function(func: Callable) -> ToolSpec:
    """The name is the function's name, the description its docstring's first paragraph, the arguments one
    field per parameter (its type hint; required unless it has a default). Extra arguments are refused."""
    hints = get_type_hints(func)
    fields = {}
    for name, parameter in inspect.signature(func).parameters.items():
        if name not in hints:
            raise TypeError(f"{func.__name__}: parameter {name!r} needs a type hint to become a tool argument")
        default = ... if parameter.default is inspect.Parameter.empty else parameter.default
        fields[name] = (hints[name], default)
    arguments = create_model(f"{func.__name__}_arguments", __config__=ConfigDict(extra="forbid"), **fields)
    return ToolSpec(func.__name__, _first_paragraph(func.__doc__) or func.__name__, arguments)
### END SOLUTION


def spec_from_model(name: str, model: type[BaseModel], description: str | None = None) -> ToolSpec:
    """A tool whose arguments are one pydantic model's fields (the function takes them as keyword arguments)."""
    return ToolSpec(name, description or _first_paragraph(model.__doc__) or name, model)


def _first_paragraph(doc: str | None) -> str:
    return inspect.cleandoc(doc or "").split("\n\n")[0].replace("\n", " ").strip()
