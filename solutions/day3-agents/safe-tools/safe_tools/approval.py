"""Dangerous tools run only after an approval step (a person, a policy) has seen the exact call and said yes."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from safe_tools.workspace import Refused


class ApprovalDenied(Refused):
    """The approval step refused the call (or failed: that counts as no)."""


### BEGIN STARTER
# def needs_approval(tool: Callable, approve: Callable[[str, dict], bool]) -> Callable:
#     """`tool`, called only after `approve(tool_name, arguments)` returned True."""
#     # TODO step 3: a wrapper taking keyword arguments; ask approve(name, dict(kwargs)) first; anything but
#     # True (False, None, "yes", an exception inside approve) -> ApprovalDenied and the tool does not run
#     raise NotImplementedError("step 3: needs_approval")
### END STARTER
### BEGIN SOLUTION
def needs_approval(tool: Callable, approve: Callable[[str, dict], bool]) -> Callable:
    """`tool`, called only after `approve(tool_name, arguments)` returned True."""
    name = tool.__name__

    @functools.wraps(tool)
    def guarded(**arguments: Any) -> Any:
        try:
            verdict = approve(name, dict(arguments))
        except Exception as exc:  # noqa: BLE001 - an approval step that fails has not approved
            raise ApprovalDenied(f"{name} was not approved: the approval step failed ({exc})") from exc
        if verdict is not True:
            raise ApprovalDenied(f"{name} was not approved")
        return tool(**arguments)

    return guarded
### END SOLUTION
