"""Tools that touch the machine, made safe to hand to a model: paths confined to a workspace, commands from an
allow-list with a timeout and no shell, and dangerous tools behind an approval step that can refuse."""
from safe_tools.approval import ApprovalDenied, needs_approval
from safe_tools.commands import CommandRefused, CommandResult, CommandRunner, CommandTimeout
from safe_tools.workspace import PathEscape, Refused, Workspace

__all__ = ["Refused", "PathEscape", "Workspace", "CommandRunner", "CommandResult", "CommandRefused", "CommandTimeout",
           "needs_approval", "ApprovalDenied"]
