"""What the graders call: run the student's `supervisor` package and hand back plain JSON data only."""
from __future__ import annotations

import agentkit


def run_task(submission, provider: str, task: str, max_steps: int = 8, max_cost_usd: float = 0.10) -> dict:
    """One `Supervisor(...).run(task)`; `spent_usd` is what the client itself counted."""
    client = agentkit.Client(provider)
    budget = submission.Budget(max_steps=max_steps, max_cost_usd=max_cost_usd)
    result = submission.Supervisor(client, budget).run(task)
    return {
        "answer": str(result.answer),
        "status": str(result.status),
        "stop_reason": None if result.stop_reason is None else str(result.stop_reason),
        "cost_usd": float(result.cost_usd),
        "spent_usd": float(client.total_cost_usd),
        "steps": [{"agent": str(s.agent), "instruction": str(s.instruction), "output": str(s.output),
                   "ok": bool(s.ok)} for s in result.steps],
    }
