"""The prompts each strategy sends. Given: the unit is about the control flow around them."""
from __future__ import annotations

import json

from pydantic import BaseModel, Field

from agentkit import Tool

REACT_SYSTEM = ("You are an SRE assistant with tools. Work in steps: before each tool call, say in one sentence "
                "what you need and why. When you have what you need, answer in at most three sentences, with the "
                "numbers.")
PLANNER_SYSTEM = ("You are an SRE assistant. Write the whole plan before anything runs: the tool calls, in order, "
                  "that gather every number the task needs. Do not answer the task.")
SOLVER_SYSTEM = ("You are an SRE assistant. Answer the task from the results of the plan's tool calls only, in at "
                 "most three sentences, with the numbers. If a result is missing or failed, say what is unknown.")
VERIFIER_SYSTEM = ("You check a draft answer against the tool results it was based on. Recompute every number. "
                   "ok is true only if the draft's conclusion and numbers follow from the results; otherwise say "
                   "what is wrong in problem.")
REVISE = "A check of your answer found a problem: {problem}\nCorrect your answer."


class PlannedCall(BaseModel):
    tool: str
    arguments: dict = Field(default_factory=dict)


class Plan(BaseModel):
    """The planner's output: every tool call, decided before any runs."""
    steps: list[PlannedCall]


class Verdict(BaseModel):
    """The verifier's output."""
    ok: bool
    problem: str = ""


def planner_prompt(task: str, tools: list[Tool]) -> str:
    listed = "\n".join(f"- {t.name}: {t.description} Arguments: {json.dumps(t.parameters['properties'])}"
                       for t in tools)
    return f"Task: {task}\n\nTools:\n{listed}"


def solver_prompt(task: str, results: list[tuple[str, str]]) -> str:
    """`results`: (the call as written by `action`, its result text) for each call that ran, in order."""
    lines = "\n".join(f"{n}. {call} -> {text}" for n, (call, text) in enumerate(results, start=1))
    return f"Task: {task}\n\nResults of the plan's tool calls:\n{lines or '(none)'}"


def verify_prompt(task: str, observations: list[str], draft: str) -> str:
    lines = "\n".join(f"{n}. {text}" for n, text in enumerate(observations, start=1))
    return f"Task: {task}\n\nTool results:\n{lines or '(none)'}\n\nDraft answer:\n{draft}"
