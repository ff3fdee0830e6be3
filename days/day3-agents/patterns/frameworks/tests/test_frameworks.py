"""Frameworks unit graded tests. Each adapter in your `framework_desk` package answers the same questions, in its
own process through ../driver.py; what it sent to the model is what the graders' broker recorded, in the wire
format it speaks (Anthropic Messages; OpenAI Chat Completions for the course's loop; OpenAI Responses for both
frameworks). openai-agents is graded on OpenAI only: it speaks OpenAI's APIs."""
import random

import pytest

from agentkit.models import DEFAULT_MODELS

INSTRUCTIONS = ("You are the order desk assistant. Use the lookup_order tool to find an order; never guess its "
                "status. Answer in two sentences at most.")
MAX_TOKENS = 600
ADAPTERS = [("own_loop", "anthropic"), ("own_loop", "openai"), ("pydantic_ai", "anthropic"),
            ("pydantic_ai", "openai"), ("openai_agents", "openai")]
# The argument is "vendor", not "provider": `course list` counts a test taking "provider" as run on both wire formats.
IDS = [f"{framework}-{provider}" for framework, provider in ADAPTERS]


def ok(trace: dict):
    assert trace["ok"], f"your code failed: {trace['error']}"
    return trace["result"]


def offered(sent: dict) -> dict:
    """Tool name -> (description, JSON Schema of its arguments), from the request body in its API's format."""
    found = {}
    for tool in sent["body"].get("tools") or []:
        spec = tool.get("function") or tool  # Chat Completions nests it; Messages and Responses do not
        found[spec.get("name")] = (spec.get("description") or "", spec.get("input_schema") or spec.get("parameters"))
    return found


def anthropic_error_flags(sent: dict) -> list:
    return [block.get("is_error", False) for message in sent["body"].get("messages", [])
            if isinstance(message.get("content"), list)
            for block in message["content"] if block.get("type") == "tool_result"]


@pytest.mark.parametrize("framework,vendor", ADAPTERS, ids=IDS)
@pytest.mark.points(2)
@pytest.mark.hint("Offer one tool, lookup_order, with the plain function's docstring as its description and a "
                  "required string order_id (own loop: write the schema; frameworks: give them the function).")
def test_offers_the_desk_tool(run, framework, vendor):
    trace = run("status", "answer", framework=framework, provider=vendor, question="Where is order A1001?")
    ok(trace)
    tools = offered(trace["sent"][0])
    assert list(tools) == ["lookup_order"], f"tools offered: {list(tools)}"
    description, schema = tools["lookup_order"]
    assert description.startswith("Look up one order by its id"), f"description sent: {description!r}"
    assert (schema or {}).get("properties", {}).get("order_id", {}).get("type") == "string", f"schema: {schema}"
    assert "order_id" in schema.get("required", []), f"order_id must be required: {schema}"


@pytest.mark.parametrize("framework,vendor", ADAPTERS, ids=IDS)
@pytest.mark.points(2)
@pytest.mark.hint("Every request carries INSTRUCTIONS as the system prompt (instructions=), the question as the "
                  "user turn, agentkit's default model for the provider, and MAX_TOKENS as the reply cap "
                  "(ModelSettings(max_tokens=MAX_TOKENS) in both frameworks); on OpenAI the frameworks use the Responses API.")
def test_sends_the_instructions_the_question_and_the_cap(run, framework, vendor):
    question = "Where is order A1001? It was a gift."
    trace = run("status", "answer", framework=framework, provider=vendor, question=question)
    ok(trace)
    for number, sent in enumerate(trace["sent"], start=1):
        assert sent["system"].strip() == INSTRUCTIONS, f"request {number}: system prompt was {sent['system']!r}"
        assert sent["messages"] and sent["messages"][0] == ["user", question], \
            f"request {number} must start with the question as the user turn: {sent['messages'][:1]}"
        assert sent["model"] == DEFAULT_MODELS[vendor], f"request {number}: model {sent['model']!r}"
        if framework != "own_loop" and vendor == "openai":
            assert sent["api"] == "openai-responses", \
                f"request {number} went to {sent['api']}: the frameworks must use OpenAI's Responses API here"
        assert sent["max_tokens"] == MAX_TOKENS, \
            f"request {number}: reply cap {sent['max_tokens']} (the framework's default when you set none)"


@pytest.mark.parametrize("framework,vendor", ADAPTERS, ids=IDS)
@pytest.mark.points(3)
@pytest.mark.hint("Run the model's tool call with the desk's own lookup_order (do not copy the data) and send its "
                  "result back; the answer is the model's final text.")
def test_runs_the_desk_tool_and_returns_the_answer(run, framework, vendor):
    item = f"brass teapot no. {random.randint(100, 999)}"
    orders = {"A1001": {"customer": "c-5", "item": item, "status": "delivered", "delivered": "2026-12-01"}}
    trace = run("status", "answer", framework=framework, provider=vendor, question="Where is order A1001?",
                orders=orders)
    got = ok(trace)
    assert len(trace["sent"]) == 2, f"expected 2 model calls (the tool call, then the answer), got {len(trace['sent'])}"
    results = trace["sent"][1]["tool_results"]
    assert len(results) == 1 and item in results[0] and "2026-12-01" in results[0], \
        f"the second call must carry lookup_order's result on the desk's orders: {results}"
    assert got == {"text": "Order A1001 (desk lamp) was delivered on 2026-11-20.", "stopped": False}, got


@pytest.mark.parametrize("framework,vendor", ADAPTERS, ids=IDS)
@pytest.mark.points(3)
@pytest.mark.hint("An UnknownOrder must go back to the model as a failed tool call with its message "
                  "(own loop: is_error=True; pydantic-ai: raise ModelRetry; openai-agents: a failure_error_function, since its default hides the message), "
                  "not end the run and not be replaced by a generic text.")
def test_tool_failure_goes_back_to_the_model_with_its_message(run, framework, vendor):
    trace = run("unknown-order", "answer", framework=framework, provider=vendor, question="Where is order Z9999?")
    got = ok(trace)
    assert len(trace["sent"]) == 2, f"after the tool failed the model must be asked again, got {len(trace['sent'])} calls"
    results = trace["sent"][1]["tool_results"]
    assert results and "no order 'Z9999'" in results[0], f"the desk's message must reach the model: {results}"
    if vendor == "anthropic":
        assert anthropic_error_flags(trace["sent"][1]) == [True], "Anthropic's tool_result must carry is_error: true"
    assert got["text"].startswith("I could not find order Z9999") and not got["stopped"], got


@pytest.mark.parametrize("framework,vendor", ADAPTERS, ids=IDS)
@pytest.mark.points(2)
@pytest.mark.hint("Cap the model calls: own loop max_steps, pydantic-ai UsageLimits(request_limit=...), "
                  "openai-agents max_turns; when the budget runs out return Answer(\"\", stopped=True).")
def test_step_budget_stops_a_model_that_never_answers(run, framework, vendor):
    trace = run("loop", "answer", framework=framework, provider=vendor, question="Where is order A1002?",
                max_steps=3)
    got = ok(trace)
    assert len(trace["sent"]) == 3, f"max_steps=3 must mean at most 3 model calls, got {len(trace['sent'])}"
    assert got == {"text": "", "stopped": True}, got
