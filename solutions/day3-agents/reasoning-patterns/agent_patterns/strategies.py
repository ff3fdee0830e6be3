"""Three ways to run the same task over agentkit.Client: ReAct, plan-and-execute, verify-then-answer."""
from __future__ import annotations

import agentkit
from agentkit import Message
from agent_patterns.prompts import (PLANNER_SYSTEM, REACT_SYSTEM, REVISE, SOLVER_SYSTEM, VERIFIER_SYSTEM, Plan,
                                    PlannedCall, Verdict, planner_prompt, solver_prompt, verify_prompt)
from agent_patterns.tools import TASK, TOOLS, run_tool
from agent_patterns.trace import Run, Step, action, finish


def react_turns(client: agentkit.Client, messages: list[Message], steps: list[Step], max_steps: int) -> tuple[str, bool]:
    """The ReAct loop on `messages` (extended in place), at most `max_steps` model calls, each with
    system=REACT_SYSTEM and tools=TOOLS. A reply with tool calls: its text (if any) is a "thought" step, the
    reply goes into `messages`, and each call is an "action" step, run with run_tool, an "observation" step,
    and a tool result message (is_error when it failed). A reply without tool calls is the answer: it goes into
    `messages` too. Returns (the answer, False), or (the last reply's text, True) when the budget runs out."""
    ### BEGIN STARTER
    # # TODO: for each of at most max_steps calls: reply = client.chat(messages, system=REACT_SYSTEM, tools=TOOLS)
    # #   - no tool calls: messages.append(reply.as_message()); return reply.text, False
    # #   - otherwise: a "thought" step if reply.text, messages.append(reply.as_message()), then per call an
    # #     "action" step (action(name, arguments)), run_tool(...), an "observation" step and
    # #     Message.tool_result(call, text, is_error=failed)
    # # TODO: budget spent: return the last reply's text, True
    # raise NotImplementedError("react_turns")
    ### END STARTER
    ### BEGIN SOLUTION
    text = ""
    for _ in range(max_steps):
        reply = client.chat(messages, system=REACT_SYSTEM, tools=TOOLS)
        text = reply.text
        messages.append(reply.as_message())
        if not reply.tool_calls:
            return text, False
        if text.strip():
            steps.append(Step("thought", text))
        for call in reply.tool_calls:
            result, failed = run_tool(call.name, call.arguments)
            steps += [Step("action", action(call.name, call.arguments)), Step("observation", result)]
            messages.append(Message.tool_result(call, result, is_error=failed))
    return text, True
    ### END SOLUTION


def react(client: agentkit.Client, task: str = TASK, max_steps: int = 6) -> Run:
    """ReAct: think, act, observe, repeat; the model decides each next step after seeing the last result."""
    ### BEGIN SOLUTION
    since, steps = len(client.calls), []
    answer, stopped = react_turns(client, [Message.user(task)], steps, max_steps)
    steps.append(Step("answer", answer))
    return finish("react", client, since, answer, steps, stopped)
    ### END SOLUTION


def execute_plan(plan: Plan, max_steps: int) -> list[tuple[PlannedCall, str, bool]]:
    """Run the first `max_steps` planned calls with run_tool, in order, without the model:
    (the call, its result text, whether it failed) for each. A failed call does not stop the others."""
    ### BEGIN SOLUTION
    return [(call, *run_tool(call.tool, call.arguments)) for call in plan.steps[:max_steps]]
    ### END SOLUTION


def plan_and_execute(client: agentkit.Client, task: str = TASK, max_steps: int = 6) -> Run:
    """Plan-and-execute: one planner call writes every tool call (client.structured with Plan, the
    planner_prompt and PLANNER_SYSTEM); the plan runs without the model (execute_plan); one solver call, with no
    tools, answers from the results (solver_prompt, SOLVER_SYSTEM). Steps: a "plan" step per planned call, then
    "action" and "observation" per call run, then the "answer". stopped when the plan had more than max_steps."""
    ### BEGIN STARTER
    # # TODO: since = len(client.calls); plan = client.structured(planner_prompt(task, TOOLS), Plan, system=...)
    # # TODO: "plan" steps; execute_plan(plan, max_steps); "action"/"observation" steps
    # # TODO: reply = client.chat(solver_prompt(task, [(action(...), text), ...]), system=SOLVER_SYSTEM)
    # # TODO: the "answer" step; return finish("plan_and_execute", client, since, ...)
    # raise NotImplementedError("plan_and_execute")
    ### END STARTER
    ### BEGIN SOLUTION
    since = len(client.calls)
    plan = client.structured(planner_prompt(task, TOOLS), Plan, system=PLANNER_SYSTEM)
    steps = [Step("plan", action(call.tool, call.arguments)) for call in plan.steps]
    results = []
    for call, text, _failed in execute_plan(plan, max_steps):
        written = action(call.tool, call.arguments)
        steps += [Step("action", written), Step("observation", text)]
        results.append((written, text))
    answer = client.chat(solver_prompt(task, results), system=SOLVER_SYSTEM).text
    steps.append(Step("answer", answer))
    return finish("plan_and_execute", client, since, answer, steps, stopped=len(plan.steps) > max_steps)
    ### END SOLUTION


def verify_then_answer(client: agentkit.Client, task: str = TASK, max_steps: int = 6, max_revisions: int = 1) -> Run:
    """Verify-then-answer: a ReAct draft, then a verifier call (client.structured with Verdict, verify_prompt of
    the task, every observation so far and the draft, VERIFIER_SYSTEM). Each answer checked is a "draft" step,
    each verdict a "verdict" step ("ok", or "rejected: <problem>"). Rejected: the ReAct conversation goes on
    with REVISE.format(problem=...) as a user message, and the new answer is checked again, at most
    `max_revisions` times. The answer is the last draft; stopped when it was never passed (or ReAct ran out)."""
    ### BEGIN STARTER
    # # TODO: a ReAct draft with react_turns, then loop: a "draft" step, the verdict, a "verdict" step;
    # #   ok -> done; revisions used up -> stopped; else REVISE as a user message and react_turns again
    # raise NotImplementedError("verify_then_answer")
    ### END STARTER
    ### BEGIN SOLUTION
    since, steps = len(client.calls), []
    messages = [Message.user(task)]
    answer, stopped = react_turns(client, messages, steps, max_steps)
    revisions = 0
    while not stopped:
        steps.append(Step("draft", answer))
        observations = [step.content for step in steps if step.kind == "observation"]
        verdict = client.structured(verify_prompt(task, observations, answer), Verdict, system=VERIFIER_SYSTEM)
        steps.append(Step("verdict", "ok" if verdict.ok else f"rejected: {verdict.problem}"))
        if verdict.ok:
            break
        if revisions == max_revisions:
            stopped = True
            break
        revisions += 1
        messages.append(Message.user(REVISE.format(problem=verdict.problem)))
        answer, stopped = react_turns(client, messages, steps, max_steps)
    steps.append(Step("answer", answer))
    return finish("verify_then_answer", client, since, answer, steps, stopped)
    ### END SOLUTION
