"""Lab 05 graded tests. Each runs your `supervisor` package in its own process against a scenario in
../fixtures/scenarios/ and checks only behaviour: which agents were called, what they were sent, and what
`run` returned, held against the replies the grader served in that run. Calls are told apart by position and
system prompt (see the README, "How you are graded")."""
import pytest

from autograder.units import unit_module

checks = unit_module("lab05", "checks")  # trace readers shared by the visible and hidden tests
kinds = checks.kinds
workers = checks.workers
requests = checks.requests
outputs = checks.outputs
carries = checks.carries
result_of = checks.result_of
calls_made = checks.calls_made
steps_of = checks.steps_of

HEAT_PUMPS = "Write a one-paragraph brief for the city council on replacing gas boilers in council housing with heat pumps."
HEAT_PUMP_PLAN = [
    ("researcher", "List the key facts on heat pump running costs, carbon savings and cold-weather performance."),
    ("writer", "Write a one-paragraph brief for councillors from the research, ending with a recommendation."),
]
CI_TASK = "Summarise the trade-offs of moving our CI from self-hosted runners to a managed service."
CI_PLAN = [
    ("researcher", "Compare cost, speed, security and maintenance of our self-hosted CI runners against a managed "
                   "CI service."),
    ("writer", "Write a short summary of the trade-offs for the engineering manager."),
]
OUTAGE_FAILURE = "service unavailable: overloaded"  # the writer's 503 in writer-down.yaml
OUTAGE_PLAN = [
    ("researcher", "Collect the timeline, cause and customer impact of last night's checkout outage."),
    ("writer", "Write a 100-word incident summary for the support team."),
]


def served_steps(trace: dict, plan: list[tuple[str, str]]) -> list[tuple[str, str, str, bool]]:
    """The successful Steps the plan's subtasks should have given: each with the reply the grader served."""
    served = checks.worker_outputs(trace)
    assert [role for role, _ in served] == [agent for agent, _ in plan[:len(served)]], calls_made(trace)
    return [(agent, instruction, text.strip(), True) for (agent, instruction), (_, text) in zip(plan, served)]


@pytest.mark.points(4)
@pytest.mark.hint("Plan first (a system prompt containing 'supervisor', sent the task), then one chat call per "
                  "subtask in the plan's order, each with its worker's system prompt (its role word, no other role "
                  "word, no 'supervisor'), then one synthesis call (a system prompt containing 'supervisor').")
def test_routes_each_subtask_to_its_worker_in_plan_order(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    sent = trace["sent"]
    assert sent, f"no LLM call was made: {trace['error']}"
    assert kinds(trace)[0] == "plan", "the first call should be the plan, with a system prompt containing " \
                                      "'supervisor'; " + calls_made(trace)
    assert carries(sent[0], HEAT_PUMPS), "the planning call was not sent the task"
    assert kinds(trace) == ["plan", "researcher", "writer", "synthesis"], calls_made(trace)


@pytest.mark.points(4)
@pytest.mark.hint("Each worker's user message needs its subtask's instruction and the outputs of the earlier "
                  "successful steps (the writer must see the researcher's text).")
def test_workers_get_their_instruction_and_earlier_results(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    research, writing = requests(trace, "researcher"), requests(trace, "writer")
    assert research and writing, calls_made(trace)
    assert carries(research[0], HEAT_PUMP_PLAN[0][1]), "the researcher was not sent its instruction"
    assert carries(writing[0], HEAT_PUMP_PLAN[1][1]), "the writer was not sent its instruction"
    notes = outputs(trace, "researcher")
    assert notes and carries(writing[0], notes[0]), "the writer was not sent the researcher's output"


@pytest.mark.points(4)
@pytest.mark.hint("After the last subtask, make one more chat call (a system prompt containing 'supervisor'); send "
                  "it the task and every worker's output; its reply's text, stripped, is Result.answer.")
def test_answer_is_the_synthesis_of_the_worker_outputs(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    result = result_of(trace)
    synthesis = requests(trace, "synthesis")
    assert len(synthesis) == 1, f"expected one synthesis call; {calls_made(trace)}"
    assert carries(synthesis[0], HEAT_PUMPS), "the synthesis call must carry the task"
    done = checks.worker_outputs(trace)
    assert len(done) == 2 and all(carries(synthesis[0], text) for _, text in done), \
        "the synthesis call must carry every worker's output"
    reply = checks.synthesis_reply(trace)
    assert reply is not None, "the synthesis call got no reply: " + calls_made(trace)
    assert result["answer"] == reply, "Result.answer should be the synthesis reply's text, stripped"
    assert (result["status"], result["stop_reason"]) == ("complete", None)


@pytest.mark.points(3)
@pytest.mark.hint("Result.steps holds one Step per subtask run: its agent, its instruction, the worker's output "
                  "text and ok=True.")
def test_result_records_each_step(run):
    trace = run("heat-pump-brief", "run_task", provider="anthropic", task=HEAT_PUMPS)
    result = result_of(trace)
    assert workers(trace) == ["researcher", "writer"], calls_made(trace)
    assert steps_of(result) == served_steps(trace, HEAT_PUMP_PLAN)


@pytest.mark.points(6)
@pytest.mark.hint("Count every LLM call of a run (plan, each worker attempt, synthesis) and check the count "
                  "before each call: once it reaches max_steps (8 for the default Budget()), stop and return "
                  "status 'partial', stop_reason 'max_steps' and the last successful worker output as the answer.")
def test_runaway_plan_stops_at_max_steps(run, provider):
    trace = run("runaway-plan", "run_task", provider=provider,
                task="Summarise what our three competitors shipped this quarter.")  # the default Budget()
    made = len(trace["sent"])
    assert made <= 8, f"{made} calls with the default max_steps=8 (the plan has 40 subtasks); {calls_made(trace)}"
    assert made == 8, f"stopped after {made} calls, before using the 8 steps of the default budget"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_steps")
    assert result["answer"].strip() == checks.last_worker_output(trace), \
        "a budget stop should return the last successful worker output"
    assert [(agent, output, ok) for agent, _, output, ok in steps_of(result)] == \
        [(role, text.strip(), True) for role, text in checks.worker_outputs(trace)], \
        "one Step per subtask that ran, and none for the subtask the budget stopped before it started"


@pytest.mark.points(5)
@pytest.mark.hint("Add up reply.cost_usd over the run; before each call, stop if it has reached "
                  "budget.max_cost_usd (status 'partial', stop_reason 'max_cost', the last worker output).")
def test_cost_budget_stops_spending(run, provider):
    budget = 0.05
    trace = run("vendor-reports", "run_task", provider=provider, max_cost_usd=budget,
                task="Review the three vendors' security audit reports and tell me which vendor to pick.")
    paid = checks.costs(trace)
    assert sum(paid[:-1]) < budget, f"calls went on after the run had spent ${sum(paid[:-1]):.4f} of its " \
                                    f"${budget} budget; {calls_made(trace)}"
    assert sum(paid) >= budget, f"stopped early: the run spent only ${sum(paid):.4f} of its ${budget} budget"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_cost")
    assert result["answer"].strip() == checks.last_worker_output(trace), \
        "a budget stop should return the last successful worker output"


@pytest.mark.points(3)
@pytest.mark.hint("Catch agentkit.LLMError around a worker call; if error.retryable, wait a short back-off with "
                  "time.sleep (at most 8 s), then make the same worker call once more.")
def test_worker_error_is_retried(run, provider):
    trace = run("writer-flaky", "run_task", provider=provider, task=CI_TASK)
    assert workers(trace) == ["researcher", "writer", "writer"], calls_made(trace)
    retry = requests(trace, "writer")[1]
    assert carries(retry, CI_PLAN[1][1]) and carries(retry, outputs(trace, "researcher")[0]), \
        "the retry should be the same call: the writer's instruction and the research"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("complete", None)
    assert result["answer"] == checks.synthesis_reply(trace), "the answer should be the synthesis reply, stripped"
    waits = result["waits"]
    assert len(waits) == 1 and 0 < waits[0] <= 8, \
        f"one short back-off (more than 0, at most 8 s, with time.sleep) before the retry; time.sleep got {waits}"


@pytest.mark.points(3)
@pytest.mark.hint("A subtask that succeeds on its retry is still one Step, with the retry's output and ok=True.")
def test_worker_error_is_retried_and_recorded_as_one_step(run):
    trace = run("writer-flaky", "run_task", provider="openai", task=CI_TASK)
    assert workers(trace) == ["researcher", "writer", "writer"], calls_made(trace)
    assert steps_of(result_of(trace)) == served_steps(trace, CI_PLAN)


@pytest.mark.points(4)
@pytest.mark.hint("After 2 failed attempts give up on the subtask: record a Step with ok=False whose output "
                  "includes the error's message (str(error)), run no further subtask, and return status 'partial', "
                  "stop_reason 'worker_failed', and an answer built from the steps that succeeded (their synthesis, "
                  "which is also told the failed subtask's instruction, or the last successful output).")
def test_worker_that_keeps_failing_gives_partial_result(run, provider):
    task = "Prepare a short incident summary of last night's checkout outage for the support team."
    trace = run("writer-down", "run_task", provider=provider, task=task)
    assert workers(trace) == ["researcher", "writer", "writer"], \
        "the 503 should be retried once, and then no further subtask run (no critic); " + calls_made(trace)
    for synthesis in requests(trace, "synthesis"):
        assert carries(synthesis, task) and carries(synthesis, outputs(trace, "researcher")[0]), \
            "a synthesis of the steps that succeeded is sent the task and their outputs"
        assert carries(synthesis, OUTAGE_PLAN[1][1]), \
            "a synthesis after a failed subtask is told which subtask failed (its instruction), so it can say " \
            "what is missing"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "worker_failed")
    steps = steps_of(result)
    assert [(agent, instruction, ok) for agent, instruction, _, ok in steps] == \
        [(*OUTAGE_PLAN[0], True), (*OUTAGE_PLAN[1], False)], "one Step per subtask run: the research, then the " \
                                                             "failed writer subtask with ok=False"
    assert steps[0][2] == checks.last_worker_output(trace), "the research Step holds the researcher's output"
    assert " ".join(OUTAGE_FAILURE.split()) in " ".join(steps[1][2].split()).lower(), \
        f"the failed Step should say what went wrong, with the error's message ({OUTAGE_FAILURE!r}); " \
        f"its output is {steps[1][2]!r}"
    answer = result["answer"].strip()
    assert answer, "the answer is empty although the research succeeded"
    assert answer in checks.answers_from_successes(trace), "the answer should come from the steps that succeeded"
    assert len(result["waits"]) == 1, \
        f"one wait, before the one retry; none after giving up: time.sleep got {result['waits']}"


@pytest.mark.points(2)
@pytest.mark.hint("Only retry when error.retryable is True: a 401 (AuthError) fails the same way every time.")
def test_auth_error_is_not_retried(run):
    trace = run("writer-unauthorised", "run_task", provider="openai",
                task="Draft a welcome email for new members of the data platform team.")
    assert workers(trace) == ["researcher", "writer"], "a 401 should not be retried; " + calls_made(trace)
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "worker_failed")
    assert result["answer"].strip() in checks.answers_from_successes(trace) and result["answer"].strip(), \
        "the answer should come from the research, which succeeded"


@pytest.mark.points(2)
@pytest.mark.hint("Pass max_tokens on every call, at most 1024: the plan, each worker call and the synthesis "
                  "(agentkit's Client sends 1024 when a call passes none).")
def test_every_call_caps_its_reply_at_1024_tokens(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    made = kinds(trace)
    assert made[:1] == ["plan"] and workers(trace) and "synthesis" in made, calls_made(trace)
    uncapped = [f"{kind}: max_tokens={request['max_tokens']!r}" for kind, request in zip(made, trace["sent"])
                if not is_token_cap(request["max_tokens"])]
    assert not uncapped, "every call must set max_tokens, at most 1024: " + "; ".join(uncapped)


def is_token_cap(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 1024
