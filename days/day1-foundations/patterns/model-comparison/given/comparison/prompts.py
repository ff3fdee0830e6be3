"""The prompt set: one task of each kind, with a quality check per task that reads the reply, not the prose.

A check never runs model-written code in this process: `runs_with_tests` starts a fresh interpreter with a
time limit, because generated code can loop forever, delete files or import anything.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable

SYSTEM = ("You are a senior Python engineer. Put any code in a single ```python block. "
          "If a request is ambiguous, do not guess: ask one clarifying question on a final line that starts "
          "with QUESTION:.")
CODE_BLOCK = re.compile(r"```(?:python|py)?[ \t]*\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class PromptCase:
    name: str                     # short id: "code", "reasoning", "refactor", "ambiguous"
    prompt: str
    check: Callable[[str], bool]  # the reply's text -> did it do the task?
    max_tokens: int = 600
    system: str = SYSTEM


def code_of(text: str) -> str | None:
    """The first fenced code block of a reply, or None."""
    found = CODE_BLOCK.search(text)
    return found.group(1) if found else None


def runs_with_tests(text: str, tests: str, seconds: float = 10.0) -> bool:
    """The reply's code parses, and it and `tests` (plain asserts) run cleanly in a separate interpreter."""
    code = code_of(text)
    if code is None:
        return False
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    try:
        done = subprocess.run([sys.executable, "-I", "-c", code + "\n\n" + tests], capture_output=True,
                              timeout=seconds)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0


def final_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def answers(expected: str) -> Callable[[str], bool]:
    """A check that the reply's final line is exactly `ANSWER: expected`."""
    return lambda text: final_line(text).upper() == f"ANSWER: {expected}".upper()


LEAP_TESTS = """
assert [is_leap_year(y) for y in (1900, 2000, 2024, 2026, 2100, 2400)] == [False, True, True, False, False, True]
"""
SHIPPING_TESTS = """
assert shipping_cost(0.5, "domestic") == 4.0
assert shipping_cost(3, "domestic") == 7.5
assert shipping_cost(0.5, "international") == 12.0
assert shipping_cost(3, "international") == 21.0
assert shipping_cost(3, "domestic", express=True) == 15.0
try:
    shipping_cost(1, "moon")
except ValueError:
    pass
else:
    raise AssertionError("an unknown zone must raise ValueError")
"""
SHIPPING = '''def shipping_cost(weight_kg, zone, express=False):
    if zone == "domestic":
        if weight_kg <= 1:
            cost = 4.0
        else:
            cost = 4.0 + (weight_kg - 1) * 1.75
    else:
        if zone == "international":
            if weight_kg <= 1:
                cost = 12.0
            else:
                cost = 12.0 + (weight_kg - 1) * 4.5
        else:
            raise ValueError("unknown zone")
    if express == True:
        cost = cost * 2
    return cost'''

PROMPTS = [
    PromptCase("code", "Write a Python function is_leap_year(year: int) -> bool for the Gregorian calendar. "
               "Code only, no explanation.", lambda text: runs_with_tests(text, LEAP_TESTS)),
    PromptCase("reasoning", "A train leaves at 14:50 and the journey takes 2 hours 35 minutes, plus a 20-minute "
               "delay on the way. At what time does it arrive? Think briefly, then give the time on a final line "
               "`ANSWER: HH:MM`.", answers("17:45"), max_tokens=300),
    PromptCase("refactor", "Refactor this function for readability without changing what it does. Keep its "
               "name and signature.\n\n```python\n" + SHIPPING + "\n```",
               lambda text: runs_with_tests(text, SHIPPING_TESTS)),
    PromptCase("ambiguous", "Make the report faster.", lambda text: final_line(text).startswith("QUESTION:"),
               max_tokens=300),
]
