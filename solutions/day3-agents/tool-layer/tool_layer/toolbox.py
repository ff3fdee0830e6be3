"""Running the tools the model asked for: arguments checked, every call answered, errors reported, not raised."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from tool_layer.schema import ToolSpec, spec_from_function
from tool_layer.wire import ToolCall


@dataclass(frozen=True)
class Result:
    """The answer to one tool call, matched to it by `call_id`. `is_error` tells the model the call failed."""

    call_id: str
    content: str
    is_error: bool = False


class Toolbox:
    """Tools by name. `max_failures` is how many times one tool may fail in a conversation: a call past that is
    not run, and the model is told to stop calling it."""

    def __init__(self, tools: list[Callable | tuple[ToolSpec, Callable]], max_failures: int = 2):
        self.specs: dict[str, ToolSpec] = {}
        self.functions: dict[str, Callable] = {}
        for tool in tools:
            spec, func = tool if isinstance(tool, tuple) else (spec_from_function(tool), tool)
            self.specs[spec.name], self.functions[spec.name] = spec, func
        self.max_failures = max_failures
        self.failures: dict[str, int] = {}

    ### BEGIN STARTER
    # def run(self, call: ToolCall) -> Result:
    #     """One call's Result; never raises for a bad call."""
    #     # TODO step 4: unknown tool -> error Result; a tool at its failure limit -> error Result (not run);
    #     # arguments checked with spec.arguments.model_validate (ValidationError -> error Result, counts as a
    #     # failure); the function called with the validated fields; an exception -> error Result (a failure);
    #     # a value -> Result(call.id, as_text(value))
    #     raise NotImplementedError("step 4: Toolbox.run")
    ### END STARTER
    ### BEGIN SOLUTION
    def run(self, call: ToolCall) -> Result:
        """One call's Result; never raises for a bad call."""
        if call.name not in self.functions:
            return Result(call.id, f"Error: there is no tool named {call.name!r}; the tools are "
                                   f"{', '.join(sorted(self.functions))}", is_error=True)
        failed = self.failures.get(call.name, 0)
        if failed >= self.max_failures:
            return Result(call.id, f"Error: {call.name} has failed {failed} times, its limit; do not call it again "
                                   "in this conversation", is_error=True)
        spec = self.specs[call.name]
        try:
            checked = spec.arguments.model_validate(call.arguments)
            value = self.functions[call.name](**{name: getattr(checked, name) for name in type(checked).model_fields})
        except ValidationError as exc:
            return self._failed(call, f"invalid arguments for {call.name}: {exc}")
        except Exception as exc:  # noqa: BLE001 - any tool failure goes back to the model, not up the stack
            return self._failed(call, f"{call.name} failed: {type(exc).__name__}: {exc}")
        return Result(call.id, as_text(value))

    def _failed(self, call: ToolCall, message: str) -> Result:
        self.failures[call.name] = self.failures.get(call.name, 0) + 1
        return Result(call.id, f"Error: {message}", is_error=True)
    ### END SOLUTION

    def run_all(self, calls: list[ToolCall]) -> list[Result]:
        """Every call of one turn, answered in the order asked."""
        return [self.run(call) for call in calls]


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return json.dumps(value, ensure_ascii=False, default=str)
