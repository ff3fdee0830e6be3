"""Lab 05's tests are strong and fair: a submission that breaks one contract rule loses points, and a correct
submission worded or built differently from the reference scores full marks.

Each submission is a copy of the reference package with one edit; all are graded, visible and hidden tests.
"""
from __future__ import annotations


import pytest

from autograder.units import find_unit
from tests.helpers import grade_variants

UNIT = find_unit("lab05")
CORE, PROMPTS = "core.py", "prompts.py"

SYNTHESIS_CALL = ("reply = ledger.chat(synthesis_brief(task, steps), system=prompts.SYNTHESISER, "
                  "max_tokens=self.max_tokens)\n        return text_of(reply)")
WORKER_CALL = ("reply = ledger.chat(worker_brief(task, subtask, steps), system=prompts.WORKERS[subtask.agent],\n"
               "                            max_tokens=self.max_tokens)")
SUBTASK_FAILED = ("                # Later subtasks build on this one (the writer needs the research), so stop here.\n"
                  "                return self._finish(task, steps, ledger, stop)")

# name -> (file, [(old, new), ...]): each edit must apply exactly once
BROKEN = {
    # a retried subtask is one Step: this records a failed Step for each failed attempt as well
    "step per attempt": (CORE, [(WORKER_CALL, "try:\n            " + WORKER_CALL.replace("\n", "\n    ") +
                                 "\n        except LLMError as error:\n            steps.append(Step(subtask.agent, "
                                 "subtask.instruction, describe(error), ok=False))\n            raise")]),
    "partial result reports no cost": (CORE, [('return Result(fallback, "partial", steps, ledger.cost_usd, stop)\n',
                                               'return Result(fallback, "partial", steps, 0.0, stop)\n')]),
    "cost budget stops only above the limit": (CORE, [("self.cost_usd >= self.budget.max_cost_usd",
                                                       "self.cost_usd > self.budget.max_cost_usd")]),
    "plans before checking the budget": (CORE, [("plan, stop, _ = self._attempt(ledger, self.plan, task, ledger)",
                                                 "plan, stop, _ = self.plan(task, ledger), None, None")]),
    "runs on after a failed subtask": (CORE, [
        ("steps: list[Step] = []\n", "steps: list[Step] = []\n        failed = None\n"),
        (SUBTASK_FAILED, "                if stop != WORKER_FAILED:\n"
                         "                    return self._finish(task, steps, ledger, stop)\n"
                         "                failed = stop\n                continue"),
        ("return self._finish(task, steps, ledger, None)", "return self._finish(task, steps, ledger, failed)")]),
    "retries a 401": (CORE, [("if not exc.retryable:", "if False:")]),
    "three attempts": (CORE, [("max_attempts = 2", "max_attempts = 3")]),
    "no retry on a timeout": (CORE, [("if not exc.retryable:",
                                      'if not exc.retryable or type(exc).__name__ == "TimeoutError":')]),
    "workers not sent earlier outputs": (CORE, [(
        'if any(s.ok for s in steps):\n        parts.append("Results of the earlier steps',
        'if False:\n        parts.append("Results of the earlier steps')]),
    "plan run backwards": (CORE, [("for subtask in plan.subtasks:", "for subtask in reversed(plan.subtasks):")]),
    "max_steps off by one": (CORE, [("self.calls >= self.budget.max_steps", "self.calls > self.budget.max_steps")]),
    "cost not summed": (CORE, [("self.cost_usd += reply.cost_usd or 0.0", "self.cost_usd = reply.cost_usd or 0.0")]),
    "answer not stripped": (CORE, [(SYNTHESIS_CALL, SYNTHESIS_CALL.replace("return text_of(reply)",
                                                                           "text_of(reply)\n        return reply.text"))]),
    "failed attempts not counted": (CORE, [(
        "self.calls += 1  # counted before the call: a request that fails still used a step\n"
        "        reply = self.client.chat(messages, **options)",
        "reply = self.client.chat(messages, **options)\n        self.calls += 1")]),
    "synthesis not sent the task": (CORE, [('parts = [f"Task: {task}"]', "parts = []")]),
    "no back-off before a retry": (CORE, [("time.sleep(self._delay(exc, attempt))", "pass")]),
    "retry_after ignored": (CORE, [('hint = getattr(error, "retry_after", None)', "hint = None")]),
    "retry_after not capped": (CORE, [("max_backoff_s: float = 8.0", "max_backoff_s: float = 60.0")]),
    "replies not capped at 1024 tokens": (CORE, [("max_tokens = 1024", "max_tokens = 4096")]),
    "empty reply not retried": (CORE, [("    retryable = True\n", "    retryable = False\n")]),
    "failed Step without the error": (CORE, [('return f"{type(error).__name__}: {error}"',
                                              'return "the worker failed"')]),
    "synthesis not told what failed": (CORE, [("failed = [s for s in steps if not s.ok]", "failed = []")]),
    "Step for a subtask never started": (CORE, [("if error is not None:", "if True:")]),
}

CORRECT = {
    # the planner may say "synthesise"; the synthesis prompt need not
    "planner says synthesise": (PROMPTS, [
        ("you will combine the results yourself", "you will synthesise the results yourself"),
        ("Synthesise the team's results into the final answer", "Combine the team's results into the final answer")]),
    # the plan may be parsed from JSON text instead of client.structured
    "plan parsed from JSON text": (CORE, [(
        "return ledger.structured(task, Plan, system=prompts.PLANNER, max_tokens=self.max_tokens)",
        'reply = ledger.chat(task + "\\n\\nAnswer with the plan as JSON only.", system=prompts.PLANNER, '
        "max_tokens=self.max_tokens)\n        try:\n            return Plan.model_validate_json(reply.text)\n"
        "        except ValueError as exc:  # pydantic's ValidationError\n"
        "            raise StructuredOutputError(str(exc), provider=reply.provider) from exc")]),
    # max_tokens may be left to the client, which sends 1024
    "max_tokens left to the client": (CORE, [
        ("system=prompts.PLANNER, max_tokens=self.max_tokens)", "system=prompts.PLANNER)"),
        ("system=prompts.WORKERS[subtask.agent],\n                            max_tokens=self.max_tokens)",
         "system=prompts.WORKERS[subtask.agent])"),
        ("system=prompts.SYNTHESISER, max_tokens=self.max_tokens)", "system=prompts.SYNTHESISER)")]),
    # a failed Step may word the error its own way, as long as the error's message is in it
    "failed Step as repr(error)": (CORE, [('return f"{type(error).__name__}: {error}"', "return repr(error)")]),
    # a rate limit's wait may add jitter on top of retry_after, within the cap
    "jitter on retry_after": (CORE, [("wait = hint if hint is not None else",
                                      "wait = hint + random.uniform(0, 0.5) if hint is not None else")]),
}



@pytest.mark.timeout(600)
def test_single_bugs_lose_points_and_correct_variants_score_full_marks(tmp_path):
    grade_variants(UNIT, BROKEN, CORRECT, tmp_path)
