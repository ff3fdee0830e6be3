"""run_agent: call the model, run the tools it asks for, feed the results back, until it answers or a budget
or an error stops the run."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from agentkit import Client, LLMError, Message

from agent_loop.tools import ToolBox

StopReason = Literal["answered", "step_budget", "cost_budget", "error"]
STOP_REASONS: tuple[str, ...] = ("answered", "step_budget", "cost_budget", "error")


@dataclass
class Step:
    """One model call and what came of it."""

    text: str
    tool_calls: list[dict]                                # {"id", "name", "arguments"} as the model asked
    results: list[dict] = field(default_factory=list)     # {"id", "content", "is_error"} as fed back
    cost_usd: float | None = None


@dataclass
class AgentRun:
    """The trace of one run: why it stopped, the answer (if any), each step, what it cost, the conversation."""

    stop_reason: StopReason
    answer: str | None
    steps: list[Step]
    cost_usd: float
    messages: list[Message]
    error: str | None = None


def run_agent(client: Client, task: str, tools: ToolBox, *, system: str | None = None, max_steps: int = 8,
              max_cost_usd: float | None = None, max_tokens: int = 1024) -> AgentRun:
    """Run `task` to a stop.

    Each step sends the whole conversation (the task, every assistant turn, every tool result) with the system
    prompt and every tool offered, and `max_tokens`. A reply without tool calls is the answer ("answered"). A
    reply with tool calls: each call is run through `tools` in the order given, and the assistant turn and then
    one tool result per call are appended before the next step.

    Budgets: at most `max_steps` model calls; when the last one allowed still asks for tools, the run stops with
    "step_budget". With `max_cost_usd`, the model must have a price (client.require_price(), before any call:
    UnknownModelError otherwise); once what the run has spent (the sum of its replies' cost_usd) is at or above
    the budget, the run stops with "cost_budget" instead of making another call (cost is checked before steps).
    A model call that fails (agentkit.LLMError) stops the run with "error" and its message; nothing is raised.
    """
    ### BEGIN SOLUTION
    if max_cost_usd is not None:
        client.require_price()
    messages = [Message.user(task)]
    steps: list[Step] = []
    spent = 0.0

    def stop(reason: StopReason, answer: str | None = None, error: str | None = None) -> AgentRun:
        return AgentRun(reason, answer, steps, spent, messages, error)

    while True:
        try:
            reply = client.chat(messages, system=system, tools=tools.tools, max_tokens=max_tokens)
        except LLMError as exc:
            return stop("error", error=str(exc))
        spent += reply.cost_usd or 0.0
        step = Step(reply.text, [call.model_dump() for call in reply.tool_calls], cost_usd=reply.cost_usd)
        steps.append(step)
        messages.append(reply.as_message())
        if not reply.tool_calls:
            return stop("answered", answer=reply.text)
        if max_cost_usd is not None and spent >= max_cost_usd:
            return stop("cost_budget")
        if len(steps) >= max_steps:
            return stop("step_budget")
        for call in reply.tool_calls:
            result = tools.run(call)
            messages.append(result)
            step.results.append({"id": call.id, "content": result.content, "is_error": result.is_error})
    ### END SOLUTION
