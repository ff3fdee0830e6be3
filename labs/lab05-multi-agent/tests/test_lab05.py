"""Lab 05 graded tests. Each runs your `supervisor` package in its own process against a scenario in
../fixtures/scenarios/ and checks only behaviour: which agents were called, what they were sent, and
what `run` returned. Agents are told apart by their system prompts (see the README, "How you are graded")."""
import pytest

from agentkit import Usage, cost_usd
from autograder.units import unit_module

checks = unit_module("lab05", "checks")  # trace readers shared by the visible and hidden tests
agent_of = checks.agent_of
is_synthesis = checks.is_synthesis
workers = checks.workers
prompt_text = checks.prompt_text
carries = checks.carries
result_of = checks.result_of
calls_made = checks.calls_made

DEFAULT_MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}

HEAT_PUMPS = "Write a one-paragraph brief for the city council on replacing gas boilers in council housing with heat pumps."
HEAT_PUMP_PLAN = [
    ("researcher", "List the key facts on heat pump running costs, carbon savings and cold-weather performance."),
    ("writer", "Write a one-paragraph brief for councillors from the research, ending with a recommendation."),
]
HEAT_PUMP_RESEARCH = ("Notes: air-source heat pumps give about 3 kWh of heat per kWh of electricity (seasonal COP near 3); "
                      "running costs are close to a gas boiler's at current tariffs; heating emissions fall by about 70% "
                      "on today's grid; current models keep a COP above 2 at -10 C.")
HEAT_PUMP_DRAFT = ("Replacing gas boilers with air-source heat pumps in council homes would cut heating emissions by about "
                   "70% at running costs close to gas, and today's units cope with cold snaps. We recommend a pilot in "
                   "200 homes this winter.")
HEAT_PUMP_ANSWER = ("Recommendation: fund a heat pump pilot in 200 council homes this winter. Heat pumps deliver about "
                    "three units of heat per unit of electricity, cost about the same to run as gas boilers, and cut "
                    "heating emissions by roughly 70%, with dependable output down to -10 C.")


@pytest.mark.points(4)
@pytest.mark.hint("Plan first (a supervisor prompt), then one chat call per subtask in the plan's order, each with "
                  "its worker's system prompt (containing its role word, no other role word, no 'supervisor'), "
                  "then a synthesis call.")
def test_routes_each_subtask_to_its_worker_in_plan_order(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    sent = trace["sent"]
    assert sent, f"no LLM call was made: {trace['error']}"
    assert agent_of(sent[0]) == "supervisor" and not is_synthesis(sent[0]), "the first call should be the plan"
    assert workers(trace) == ["researcher", "writer"], calls_made(trace)
    assert is_synthesis(sent[-1]), "the last call should be the supervisor's synthesis; " + calls_made(trace)


@pytest.mark.points(5)
@pytest.mark.hint("Each worker's user message needs its subtask's instruction and the outputs of the earlier "
                  "successful steps (the writer must see the researcher's text).")
def test_workers_get_their_instruction_and_earlier_results(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    research = [r for r in trace["sent"] if agent_of(r) == "researcher"]
    writing = [r for r in trace["sent"] if agent_of(r) == "writer"]
    assert research and writing, calls_made(trace)
    assert carries(research[0], HEAT_PUMP_PLAN[0][1]), "the researcher was not sent its instruction"
    assert carries(writing[0], HEAT_PUMP_PLAN[1][1]), "the writer was not sent its instruction"
    assert carries(writing[0], HEAT_PUMP_RESEARCH), "the writer was not sent the researcher's output"


@pytest.mark.points(5)
@pytest.mark.hint("After the last subtask, make one more chat call (system prompt with 'supervisor' and "
                  "'synthesise'); send it the workers' outputs; its stripped text is Result.answer.")
def test_answer_is_the_synthesis_of_the_worker_outputs(run, provider):
    trace = run("heat-pump-brief", "run_task", provider=provider, task=HEAT_PUMPS)
    result = result_of(trace)
    synthesis = [r for r in trace["sent"] if is_synthesis(r)]
    assert len(synthesis) == 1, f"expected one synthesis call; {calls_made(trace)}"
    assert carries(synthesis[0], HEAT_PUMP_RESEARCH) and carries(synthesis[0], HEAT_PUMP_DRAFT), \
        "the synthesis call must carry every worker's output"
    assert result["answer"].strip() == HEAT_PUMP_ANSWER
    assert (result["status"], result["stop_reason"]) == ("complete", None)


@pytest.mark.points(3)
@pytest.mark.hint("Result.steps holds one Step per subtask run: its agent, its instruction, the worker's output "
                  "text and ok=True.")
def test_result_records_each_step(run):
    result = result_of(run("heat-pump-brief", "run_task", provider="anthropic", task=HEAT_PUMPS))
    steps = [(s["agent"], s["instruction"], s["output"].strip(), s["ok"]) for s in result["steps"]]
    expected = [(agent, instruction, output, True)
                for (agent, instruction), output in zip(HEAT_PUMP_PLAN, [HEAT_PUMP_RESEARCH, HEAT_PUMP_DRAFT])]
    assert steps == expected


@pytest.mark.points(6)
@pytest.mark.hint("Count every LLM call of a run (plan, each worker attempt, synthesis) and check the count "
                  "before each call: at max_steps, stop and return status 'partial', stop_reason 'max_steps' "
                  "and the last successful worker output as the answer.")
def test_runaway_plan_stops_at_max_steps(run, provider):
    trace = run("runaway-plan", "run_task", provider=provider,
                task="Summarise what our three competitors shipped this quarter.", max_steps=8)
    assert len(trace["sent"]) <= 8, f"{len(trace['sent'])} calls with max_steps=8 (the plan has 40 subtasks)"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_steps")
    assert result["answer"].strip() in {
        "Checked one more source: no new releases found beyond the three pricing changes already listed.",
        "Summary unchanged: each of the three competitors shipped one pricing change this quarter.",
        "Each of the three competitors shipped one pricing change this quarter; repeated checks found nothing more.",
    }, "a budget stop should still return the best answer the run has"


@pytest.mark.points(5)
@pytest.mark.hint("Add up reply.cost_usd over the run; before each call, stop if it has reached "
                  "budget.max_cost_usd (status 'partial', stop_reason 'max_cost').")
def test_cost_budget_stops_spending(run, provider):
    budget = 0.05
    trace = run("vendor-reports", "run_task", provider=provider, max_cost_usd=budget,
                task="Review the three vendors' security audit reports and tell me which vendor to pick.")
    result = result_of(trace)
    one_call = cost_usd(DEFAULT_MODELS[provider], Usage(input_tokens=12000, output_tokens=2000))
    assert (result["status"], result["stop_reason"]) == ("partial", "max_cost")
    assert result["spent_usd"] <= budget + one_call, f"spent ${result['spent_usd']:.4f} on a ${budget} budget"
    assert result["spent_usd"] >= budget - one_call, f"stopped early: spent only ${result['spent_usd']:.4f}"
    assert result["answer"].strip().startswith("Vendor "), "a budget stop should return the last worker output"


@pytest.mark.points(4)
@pytest.mark.hint("Catch agentkit.LLMError around a worker call; if error.retryable, try that worker once more "
                  "with the same request.")
def test_worker_error_is_retried(run, provider):
    trace = run("writer-flaky", "run_task", provider=provider,
                task="Summarise the trade-offs of moving our CI from self-hosted runners to a managed service.")
    result = result_of(trace)
    assert workers(trace) == ["researcher", "writer", "writer"], calls_made(trace)
    assert (result["status"], result["stop_reason"]) == ("complete", None)
    assert result["answer"].strip().startswith("Moving to managed CI looks worth it")


@pytest.mark.points(4)
@pytest.mark.hint("After 2 failed attempts give up on the subtask: record a Step with ok=False and return status "
                  "'partial', stop_reason 'worker_failed', and an answer built from the steps that succeeded.")
def test_worker_that_keeps_failing_gives_partial_result(run, provider):
    trace = run("writer-down", "run_task", provider=provider,
                task="Prepare a short incident summary of last night's checkout outage for the support team.")
    result = result_of(trace)
    attempts = workers(trace).count("writer")
    assert 1 <= attempts <= 2, f"{attempts} attempts at the failing writer (at most 2)"
    assert (result["status"], result["stop_reason"]) == ("partial", "worker_failed")
    writer_steps = [s["ok"] for s in result["steps"] if s["agent"] == "writer"]
    assert writer_steps and not any(writer_steps), "the failed writer subtask needs a Step with ok=False"
    answer = result["answer"].strip()
    assert answer, "the answer is empty although the research succeeded"
    assert answer in {
        "Partial summary (the write-up step failed): checkout failed from 21:40 to 22:25 UTC because an expired TLS "
        "certificate on the payments gateway rejected payments; about 1,900 orders failed and nobody was charged twice.",
        "Timeline: checkout errors from 21:40 to 22:25 UTC. Cause: an expired TLS certificate on the payments gateway. "
        "Impact: about 1,900 failed orders, no double charges.",
        "There is no draft to review: the summary step produced nothing.",
    }, "the answer should come from the steps that succeeded"


@pytest.mark.points(3)
@pytest.mark.hint("Only retry when error.retryable is True: a 401 (AuthError) fails the same way every time.")
def test_auth_error_is_not_retried(run):
    trace = run("writer-unauthorised", "run_task", provider="openai",
                task="Draft a welcome email for new members of the data platform team.")
    result = result_of(trace)
    assert workers(trace).count("writer") == 1, calls_made(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "worker_failed")
