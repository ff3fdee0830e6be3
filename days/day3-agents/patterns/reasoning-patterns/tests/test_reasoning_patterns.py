"""Reasoning-patterns unit graded tests. Your `agent_patterns` package runs in its own process through
../driver.py with `agentkit.Client(provider)`; what your strategies sent to the model is what the graders' broker
recorded, in both providers' wire formats, and the Run you return is read as plain data."""
import pytest

REACT = "before each tool call"                 # a fixed phrase of each given system prompt
PLANNER = "whole plan"
SOLVER = "results of the plan's tool calls"
VERIFIER = "draft answer"
SLO = '"availability_target": 0.999'            # in get_slo("checkout")'s result
TRAFFIC = '"failed_requests": 5100'             # in get_traffic("checkout", "2026-11")'s result
MONTH_ERROR = "month must look like 2026-11, not 'November 2026'"


def ok(trace: dict) -> dict:
    assert trace["ok"], f"your code failed: {trace['error']}"
    return trace["result"]


def kinds(run: dict) -> list[str]:
    return [kind for kind, _ in run["steps"]]


def contents(run: dict, kind: str) -> list[str]:
    return [content for k, content in run["steps"] if k == kind]


def tool_results(sent: dict) -> list[dict]:
    """Each tool result in a request, in order: its call id, its text and (Anthropic only) its error flag."""
    found = []
    for message in sent["body"].get("messages", []):
        if sent["api"] == "anthropic-messages" and isinstance(message.get("content"), list):
            for block in message["content"]:
                if block.get("type") == "tool_result":
                    content = block.get("content")
                    text = content if isinstance(content, str) else \
                        "\n".join(part.get("text", "") for part in content or [])
                    found.append({"id": block["tool_use_id"], "text": text, "is_error": block.get("is_error", False)})
        elif message.get("role") == "tool":
            found.append({"id": message["tool_call_id"], "text": str(message.get("content")), "is_error": None})
    return found


def prompt_text(sent: dict) -> str:
    """The system prompt and every message's text of one request."""
    return "\n".join([sent["system"] or "", *(text for _, text in sent["messages"])])


def check_totals(trace: dict, run: dict):
    served = trace["served"]
    assert run["calls"] == len(trace["sent"]), f"calls: {run['calls']}, but {len(trace['sent'])} were made"
    assert run["input_tokens"] == sum(s["usage"]["input_tokens"] for s in served), "input tokens of this run's calls"
    assert run["output_tokens"] == sum(s["usage"]["output_tokens"] for s in served), "output tokens of this run"
    assert run["cost_usd"] == pytest.approx(sum(s["cost_usd"] for s in served), rel=1e-9), "cost of this run"


# --- ReAct -------------------------------------------------------------------------------------------------

@pytest.mark.points(4)
@pytest.mark.hint("react_turns: every call has system=REACT_SYSTEM and tools=TOOLS; append the reply, then one "
                  "Message.tool_result(call, text) per tool call; stop at a reply without tool calls.")
def test_react_offers_the_tools_and_sends_each_result_back(run, provider):
    trace = run("budget", "react", provider=provider)
    got = ok(trace)
    sent = trace["sent"]
    assert len(sent) == 3, f"expected 3 model calls (get_slo, get_traffic, answer), got {len(sent)}"
    for request in sent:
        assert REACT in request["system"], "each ReAct call uses REACT_SYSTEM"
        assert sorted(request["tool_names"]) == ["get_slo", "get_traffic"], f"tools offered: {request['tool_names']}"
    second, third = tool_results(sent[1]), tool_results(sent[2])
    assert [r["id"] for r in second] == ["call_slo"] and SLO in second[0]["text"], \
        f"the 2nd call must carry get_slo's result for call_slo: {second}"
    assert [r["id"] for r in third] == ["call_slo", "call_traffic"] and TRAFFIC in third[1]["text"], \
        f"the 3rd call must carry both results, in order: {third}"
    assert got["answer"].startswith("No. A 99.9% target") and not got["stopped"], got["answer"]


@pytest.mark.points(3)
@pytest.mark.hint("The trace of a ReAct run: thought, action, observation per tool call, then the answer; "
                  "action(name, arguments) writes the action.")
def test_react_trace_is_thought_action_observation_then_answer(run):
    got = ok(run("budget", "react", provider="anthropic"))
    assert kinds(got) == ["thought", "action", "observation"] * 2 + ["answer"], kinds(got)
    assert contents(got, "thought")[0] == "I need checkout's availability target first."
    assert contents(got, "action") == ['get_slo({"service": "checkout"})',
                                       'get_traffic({"month": "2026-11", "service": "checkout"})']
    assert SLO in contents(got, "observation")[0] and TRAFFIC in contents(got, "observation")[1]
    assert contents(got, "answer") == [got["answer"]] and got["strategy"] == "react"


@pytest.mark.points(3)
@pytest.mark.hint("A failed tool call is an observation too: send run_tool's error text back with "
                  "is_error=True and let the model try again; do not raise, do not drop it.")
def test_react_sends_a_tool_error_back_and_the_model_adapts(run, provider):
    trace = run("adapt", "react", provider=provider)
    got = ok(trace)
    assert len(trace["sent"]) == 4, f"expected 4 model calls, got {len(trace['sent'])}"
    results = tool_results(trace["sent"][2])
    assert len(results) == 2 and MONTH_ERROR in results[1]["text"], f"the tool's error must reach the model: {results}"
    if provider == "anthropic":
        assert results[1]["is_error"] is True and not results[0]["is_error"], "only the failed call is an error"
    assert MONTH_ERROR in contents(got, "observation")[1], contents(got, "observation")
    assert "121%" in got["answer"] and not got["stopped"]


@pytest.mark.points(2)
@pytest.mark.hint("Count model calls: after max_steps, return the last reply's text with stopped=True.")
def test_react_stops_at_the_step_budget(run, provider):
    trace = run("loop", "react", provider=provider, max_steps=3)
    got = ok(trace)
    assert len(trace["sent"]) == 3, f"max_steps=3 must mean at most 3 model calls, got {len(trace['sent'])}"
    assert got["stopped"] and got["answer"] == "Checking the target again.", got


# --- plan-and-execute ----------------------------------------------------------------------------------------

@pytest.mark.points(4)
@pytest.mark.hint("One planner call (client.structured with Plan, planner_prompt, PLANNER_SYSTEM), the plan run "
                  "with run_tool and no model, then one solver call without tools carrying every result.")
def test_the_plan_is_made_once_then_run_without_the_model(run, provider):
    trace = run("budget", "plan_and_execute", provider=provider)
    got = ok(trace)
    sent = trace["sent"]
    assert len(sent) == 2, f"plan-and-execute makes 2 model calls here (planner, solver), not {len(sent)}"
    planner, solver = sent
    assert PLANNER in planner["system"] and planner["tool_names"] == ["respond"], \
        "the planner call is client.structured(..., Plan, system=PLANNER_SYSTEM)"
    asked = prompt_text(planner)
    assert "error budget for November 2026" in asked and "get_slo" in asked and "get_traffic" in asked, \
        "the planner must see the task and the tools it may plan (planner_prompt)"
    assert SOLVER in solver["system"] and not solver["tool_names"], "the solver call has SOLVER_SYSTEM and no tools"
    question = solver["messages"][-1][1]
    assert "error budget for November 2026" in question, "the solver must see the task"
    assert SLO in question and TRAFFIC in question and question.index(SLO) < question.index(TRAFFIC), \
        "the solver must see every result, in plan order"
    assert got["answer"].startswith("No: with a 99.9% target") and not got["stopped"]


@pytest.mark.points(3)
@pytest.mark.hint("Steps: a plan step per planned call first, then action and observation per call run, then "
                  "the answer.")
def test_plan_and_execute_trace_shows_the_plan_before_it_runs(run):
    got = ok(run("budget", "plan_and_execute", provider="openai"))
    planned = ['get_slo({"service": "checkout"})', 'get_traffic({"month": "2026-11", "service": "checkout"})']
    assert kinds(got) == ["plan", "plan", "action", "observation", "action", "observation", "answer"], kinds(got)
    assert contents(got, "plan") == planned and contents(got, "action") == planned
    assert SLO in contents(got, "observation")[0] and TRAFFIC in contents(got, "observation")[1]
    assert got["strategy"] == "plan_and_execute"


@pytest.mark.points(3)
@pytest.mark.hint("A planned call that fails (a bad argument, an unknown tool) is an observation with run_tool's "
                  "error text; the other calls still run and the solver sees every result.")
def test_failed_plan_steps_reach_the_solver_as_results(run, provider):
    trace = run("adapt", "plan_and_execute", provider=provider)
    got = ok(trace)
    assert len(trace["sent"]) == 2, "a fixed plan does not call the model again when a step fails"
    question = trace["sent"][1]["messages"][-1][1]
    assert SLO in question and MONTH_ERROR in question and "unknown tool 'get_latency'" in question, question
    observations = contents(got, "observation")
    assert len(observations) == 3 and MONTH_ERROR in observations[1] and "get_latency" in observations[2]
    assert got["answer"].startswith("I cannot tell")


@pytest.mark.points(2)
@pytest.mark.hint("Run at most max_steps of the planned calls (record every planned call as a plan step), and "
                  "set stopped when the plan was longer.")
def test_a_runaway_plan_runs_at_most_max_steps(run, provider):
    trace = run("loop", "plan_and_execute", provider=provider, max_steps=4)
    got = ok(trace)
    assert len(contents(got, "plan")) == 9 and len(contents(got, "action")) == 4, kinds(got)
    assert trace["sent"][1]["messages"][-1][1].count("availability_target") == 4, "the solver sees the 4 results"
    assert got["stopped"]


# --- verify-then-answer --------------------------------------------------------------------------------------

@pytest.mark.points(3)
@pytest.mark.hint("After the ReAct draft: client.structured(verify_prompt(task, observations, draft), Verdict, "
                  "system=VERIFIER_SYSTEM); a passed draft is the answer.")
def test_the_verifier_sees_the_task_the_tool_results_and_the_draft(run, provider):
    trace = run("budget", "verify_then_answer", provider=provider)
    got = ok(trace)
    sent = trace["sent"]
    assert len(sent) == 4, f"expected the 3 ReAct calls and 1 verifier call, got {len(sent)}"
    assert all(REACT in s["system"] for s in sent[:3]), "the draft is a ReAct run"
    verifier = sent[3]
    assert VERIFIER in verifier["system"] and verifier["tool_names"] == ["respond"], \
        "the verifier call is client.structured(..., Verdict, system=VERIFIER_SYSTEM)"
    checked = prompt_text(verifier)
    assert "error budget for November 2026" in checked and SLO in checked and TRAFFIC in checked, \
        "the verifier must see the task and every tool result"
    assert "spent 121% of its November error budget" in checked, "the verifier must see the draft"
    assert got["answer"].startswith("No. A 99.9% target") and not got["stopped"]
    assert kinds(got)[-3:] == ["draft", "verdict", "answer"] and contents(got, "verdict") == ["ok"], kinds(got)


@pytest.mark.points(4)
@pytest.mark.hint("Rejected: append REVISE.format(problem=verdict.problem) as a user message to the ReAct "
                  "conversation (after the draft), run react_turns again and verify the new answer.")
def test_a_rejected_draft_is_revised_with_the_problem_and_checked_again(run, provider):
    trace = run("slip", "verify_then_answer", provider=provider)
    got = ok(trace)
    sent = trace["sent"]
    assert len(sent) == 6, f"draft (3 calls), verify, revise, verify again: 6 calls, not {len(sent)}"
    revision = sent[4]
    assert REACT in revision["system"] and sorted(revision["tool_names"]) == ["get_slo", "get_traffic"]
    roles = [role for role, _ in revision["messages"]]
    assert roles[-2:] == ["assistant", "user"], f"the draft, then the problem, end the conversation: {roles}"
    assert revision["messages"][-2][1].startswith("Yes: checkout is within"), "the draft stays in the conversation"
    assert "exceeded, not met" in revision["messages"][-1][1], "the verifier's problem must reach the model"
    assert len(tool_results(revision)) == 2, "the revision keeps the tool results of the draft"
    assert "No: checkout is over" in prompt_text(sent[5]) and VERIFIER in sent[5]["system"], \
        "the revised answer is verified again"
    assert got["answer"].startswith("No: checkout is over") and not got["stopped"]
    assert contents(got, "verdict")[0].startswith("rejected: 0.12% of requests failed") and \
        contents(got, "verdict")[1] == "ok", contents(got, "verdict")
    assert len(contents(got, "draft")) == 2, "each answer checked is a draft step"


@pytest.mark.points(2)
@pytest.mark.hint("With max_revisions revisions spent and the draft still rejected, return it with stopped=True.")
def test_revisions_stop_at_max_revisions(run):
    trace = run("slip", "verify_then_answer", provider="anthropic", max_revisions=0)
    got = ok(trace)
    assert len(trace["sent"]) == 4, f"max_revisions=0: draft and one check, 4 calls, not {len(trace['sent'])}"
    assert got["stopped"] and got["answer"].startswith("Yes: checkout is within"), got


# --- what each run cost ---------------------------------------------------------------------------------------

@pytest.mark.points(1)
@pytest.mark.hint("finish(strategy, client, since, ...) with since = len(client.calls) taken before the first "
                  "call counts every call of the run, the planner's and verifier's included.")
@pytest.mark.parametrize("strategy", ["react", "plan_and_execute", "verify_then_answer"])
def test_each_run_counts_its_calls_tokens_and_cost(run, strategy):
    trace = run("slip" if strategy == "verify_then_answer" else "adapt", strategy, provider="openai")
    got = ok(trace)
    check_totals(trace, got)
