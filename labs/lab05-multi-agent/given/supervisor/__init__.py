"""A supervisor that plans a task, routes subtasks to worker agents and synthesises the answer, within a budget."""
from supervisor.core import Ledger, Supervisor
from supervisor.models import Budget, Plan, Result, Step, Subtask

__all__ = ["Supervisor", "Budget", "Result", "Step", "Plan", "Subtask", "Ledger"]
