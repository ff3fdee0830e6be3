"""Agent loop graded tests. Each runs your `agent_loop` package in its own process through ../driver.py, against
both providers' wire formats. What was sent to the model is the grader's own record (`trace["sent"]`); the run's
stop reason, answer and cost come back as plain data. Every expected cost is computed here from genai-prices."""
from decimal import Decimal

import pytest

from agentkit import Usage
from agentkit.models import DEFAULT_MODELS
from agentkit.pricing import cost_decimal

SYSTEM = "You are the order desk agent."   # the start of the driver's system prompt
ALL_TOOLS = ["get_order", "exchange_rate", "search_docs"]
ORDER_TASK = "What does order 88213 cost in euros?"


def outcome(trace: dict) -> dict:
    assert trace["ok"], f"the agent crashed: {trace['error']}"
    result = trace["result"]
    assert "raised" not in result, f"run_agent raised {result['raised']}: {result['message']}"
    return result


def chats(trace: dict) -> list[dict]:
    return [s for s in trace["sent"] if s.get("api") in ("anthropic-messages", "openai-chat", "openai-responses")]


def tool_results(sent: dict) -> list[dict]:
    """The tool results of one request, read from its wire body: [{"id", "text", "is_error"}] in order
    (Chat Completions has no error flag: is_error is None there)."""
    found = []
    for message in sent["body"].get("messages", []):
        if message.get("role") == "tool":
            found.append({"id": message.get("tool_call_id"), "text": str(message.get("content")), "is_error": None})
        elif isinstance(message.get("content"), list):
            for block in message["content"]:
                if block.get("type") == "tool_result":
                    content = block.get("content")
                    text = content if isinstance(content, str) else " ".join(p.get("text", "") for p in content or [])
                    found.append({"id": block.get("tool_use_id"), "text": text,
                                  "is_error": bool(block.get("is_error", False))})
    return found


def priced(provider: str, *usages: tuple[int, int]) -> Decimal:
    model = DEFAULT_MODELS[provider]
    return sum((cost_decimal(model, Usage(input_tokens=i, output_tokens=o), provider=provider) for i, o in usages),
               Decimal(0))


@pytest.mark.points(4)
@pytest.mark.hint("Loop: chat(messages, system=..., tools=..., max_tokens=...); if the reply has tool calls, append "
                  "reply.as_message(), then one Message.tool_result(call, ...) per call, and call again with the "
                  "whole conversation. A reply without tool calls is the answer.")
def test_tool_results_are_fed_back_until_the_answer(run, provider):
    trace = run("order-total", "agent", provider=provider, task=ORDER_TASK, tools=ALL_TOOLS, max_tokens=700)
    result = outcome(trace)
    sent = chats(trace)
    assert len(sent) == 3, f"the task needs three model calls (order, rate, answer); {len(sent)} were made"
    assert result["stop_reason"] == "answered", f"stop_reason {result['stop_reason']!r}, expected 'answered'"
    assert result["answer"] == "Order 88213 comes to 110.40 EUR (120.00 USD at 0.92).", \
        f"the answer is the final reply's text, not {result['answer']!r}"
    for number, request in enumerate(sent, 1):
        assert (request["system"] or "").startswith(SYSTEM), f"call {number} was sent without the system prompt"
        assert sorted(request["tool_names"]) == sorted(ALL_TOOLS), \
            f"call {number} offered tools {request['tool_names']}; every call offers all of {ALL_TOOLS}"
        assert request["max_tokens"] == 700, f"call {number} sent max_tokens {request['max_tokens']}, not 700"
    second, third = tool_results(sent[1]), tool_results(sent[2])
    assert [r["id"] for r in second] == ["call_order_1"], \
        f"call 2 must carry get_order's result under the model's call id call_order_1; it carried {second}"
    assert "120" in second[0]["text"] and "total_usd" in second[0]["text"], \
        f"the result fed back should be the tool's output (as JSON), not {second[0]['text']!r}"
    assert [r["id"] for r in third] == ["call_order_1", "call_rate_2"], \
        f"call 3 sends the whole conversation: both tool results, in order; it carried {[r['id'] for r in third]}"
    assert sent[2]["messages"][0] == ["user", ORDER_TASK], "the conversation starts with the task as the user turn"
    assert trace["result"]["tools_run"] == [["get_order", "88213"], ["exchange_rate", "EUR"]]


@pytest.mark.points(2)
@pytest.mark.hint("A reply may ask for several tools at once: run every call in reply.tool_calls, in order, and "
                  "send one tool result per call (each with its own call id) in the next request.")
def test_every_tool_call_of_a_step_is_run(run, provider):
    trace = run("two-orders", "agent", provider=provider, task="What do both orders 88213 and 77102 cost?",
                tools=["get_order"])
    result = outcome(trace)
    sent = chats(trace)
    assert len(sent) == 2 and result["stop_reason"] == "answered", \
        f"two calls and an answer expected; {len(sent)} calls, stop_reason {result['stop_reason']!r}"
    ids = [r["id"] for r in tool_results(sent[1])]
    assert ids == ["call_a_1", "call_b_2"], f"both calls' results, in the order asked, are sent back; got {ids}"
    assert result["tools_run"] == [["get_order", "88213"], ["get_order", "77102"]]


@pytest.mark.points(3)
@pytest.mark.hint("A tool that raises, or a tool name the box does not have, is not the end of the run: return "
                  "Message.tool_result(call, 'error: ...what went wrong...', is_error=True) and let the model read it.")
def test_tool_failures_go_back_to_the_model(run, provider):
    trace = run("tool-errors", "agent", provider=provider, task="Please cancel order 99999.", tools=["get_order"])
    result = outcome(trace)
    sent = chats(trace)
    assert result["stop_reason"] == "answered" and len(sent) == 2, \
        (f"the run goes on after a tool fails: expected an answer after 2 calls, got {result['stop_reason']!r} "
         f"after {len(sent)} ({result.get('error')})")
    results = tool_results(sent[1])
    assert [r["id"] for r in results] == ["call_bad_1", "call_bad_2"], f"one result per call; got {results}"
    missing, unknown = results
    assert "99999" in missing["text"], f"the failing tool's result should say what failed: {missing['text']!r}"
    assert "cancel_order" in unknown["text"], f"the unknown tool's result should name it: {unknown['text']!r}"
    if provider == "anthropic":
        assert missing["is_error"] and unknown["is_error"], "both results go back with is_error: true"


@pytest.mark.points(2)
@pytest.mark.hint("ToolBox.run: a str result as it is, anything else as JSON (json.dumps); the message is "
                  "Message.tool_result(call, text) with the call's id; is_error only for a failure.")
def test_tool_box_results(run):
    order = run({"name": "none", "provenance": {"kind": "authored"}, "exchanges": []}, "tool_result",
                call={"id": "c1", "name": "get_order", "arguments": {"order_id": "77102"}}, tools=["get_order"])
    assert order["ok"], order["error"]
    got = order["result"]
    import json
    assert got["role"] == "tool" and got["tool_call_id"] == "c1" and not got["is_error"], got
    assert json.loads(got["content"]) == {"order_id": "77102", "total_usd": 45.5, "status": "packing"}, got["content"]
    docs = run({"name": "none", "provenance": {"kind": "authored"}, "exchanges": []}, "tool_result",
               call={"id": "c2", "name": "search_docs", "arguments": {"query": "returns"}}, tools=["search_docs"])
    assert docs["result"]["content"] == "No help page matches 'returns'.", "a string result is sent as it is"
    bad = run({"name": "none", "provenance": {"kind": "authored"}, "exchanges": []}, "tool_result",
              call={"id": "c3", "name": "get_order", "arguments": {"id": "1"}}, tools=["get_order"])
    assert bad["result"]["is_error"] and bad["result"]["tool_call_id"] == "c3", \
        f"wrong arguments (a TypeError) are an error result too: {bad['result']}"


@pytest.mark.points(3)
@pytest.mark.hint("Count model calls: after max_steps calls the run stops with 'step_budget' even though the model "
                  "still wants tools. Never call once more than max_steps.")
def test_step_budget_stops_a_runaway_loop(run, provider):
    for steps in (3, 1):
        trace = run("runaway", "agent", provider=provider, task="What is the refund policy?", tools=ALL_TOOLS,
                    max_steps=steps)
        result = outcome(trace)
        sent = chats(trace)
        assert len(sent) == steps, f"max_steps={steps}: {len(sent)} model calls were made"
        assert result["stop_reason"] == "step_budget" and result["answer"] is None, \
            f"max_steps={steps}: stop_reason {result['stop_reason']!r}, answer {result['answer']!r}"


@pytest.mark.points(3)
@pytest.mark.hint("Add each reply's cost_usd to what the run has spent; once that is at or above max_cost_usd, "
                  "stop with 'cost_budget' before making another call. run.cost_usd is the total.")
def test_cost_budget_stops_the_run(run, provider):
    one = priced(provider, (20000, 400))
    for budget, calls in ((one * Decimal("2.5"), 3), (one * 2, 2), (one / 2, 1)):
        trace = run("runaway", "agent", provider=provider, task="What is the refund policy?", tools=ALL_TOOLS,
                    max_steps=20, max_cost_usd=float(budget))
        result = outcome(trace)
        sent = chats(trace)
        assert len(sent) == calls and result["stop_reason"] == "cost_budget", \
            (f"a budget of {float(budget / one)} calls' cost: expected {calls} calls then 'cost_budget'; "
             f"{len(sent)} calls, {result['stop_reason']!r}")
        assert abs(Decimal(str(result["cost_usd"])) - one * calls) < Decimal("1e-9"), \
            f"cost_usd {result['cost_usd']} should be the sum of the calls' costs, {one * calls}"
    trace = run("order-total", "agent", provider=provider, task=ORDER_TASK, tools=ALL_TOOLS, max_cost_usd=1.0)
    result = outcome(trace)
    expected = priced(provider, (412, 46), (503, 52), (588, 24))
    assert result["stop_reason"] == "answered", "a budget that is not reached does not stop the run"
    assert abs(Decimal(str(result["cost_usd"])) - expected) < Decimal("1e-9"), \
        f"cost_usd {result['cost_usd']}, expected {expected} (genai-prices on each reply's usage)"


@pytest.mark.points(2)
@pytest.mark.hint("With a cost budget, call client.require_price() before the first call: a model with no price "
                  "would otherwise count as free and the budget would never stop anything.")
def test_an_unpriced_model_is_refused_for_a_cost_budget(run):
    local = dict(provider="openai-compatible", model="house-llama-70b", base_url="https://llm.example.internal/v1")
    trace = run("order-total", "agent", task=ORDER_TASK, tools=ALL_TOOLS, max_cost_usd=0.05, **local)
    assert trace["ok"], trace["error"]
    assert trace["result"].get("raised") == "UnknownModelError", \
        f"a cost budget on a model with no price must raise UnknownModelError; got {trace['result']}"
    assert not chats(trace), "nothing may be sent before the price check fails"
    trace = run("order-total", "agent", task=ORDER_TASK, tools=ALL_TOOLS, **local)
    assert outcome(trace)["stop_reason"] == "answered", "without a cost budget, an unpriced model runs as usual"


@pytest.mark.points(2)
@pytest.mark.hint("Catch agentkit.LLMError around the model call: stop with 'error' and the error's message "
                  "(no answer, nothing raised), keeping the steps done so far.")
def test_a_model_error_stops_the_run_with_a_reason(run, provider):
    trace = run("server-error", "agent", provider=provider, task=ORDER_TASK, tools=ALL_TOOLS)
    result = outcome(trace)
    assert len(chats(trace)) == 2, f"two calls were expected (the second fails); {len(chats(trace))} were made"
    assert result["stop_reason"] == "error" and result["answer"] is None, \
        f"stop_reason {result['stop_reason']!r}, answer {result['answer']!r}; expected 'error' and None"
    assert result["error"], "the run's error says what failed"
    assert len(result["steps"]) == 1, "the step that succeeded is kept in the trace"
