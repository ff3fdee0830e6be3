"""Tool layer graded tests. Each runs your `tool_layer` package in its own process through ../driver.py, with the
grader's own tools and the official SDKs answered by fixtures/scenarios/order-desk.yaml. What your code sent is
read from the grader's record of the requests (`trace["sent"]`, each provider's wire body); which tools ran is
counted by the grader's tools."""
import json

import pytest

PARALLEL = "Where are my orders A1 and B2?"
MISSING = "Where is my order ZZ9?"
REFUND = "Refund order A1: the parcel arrived damaged (12.99)."
FLAKY = "Is the warehouse shipping today? And where is A1?"


def finished(trace: dict) -> dict:
    assert trace["ok"], f"the tool layer failed: {trace['error']}"
    result = trace["result"]
    assert "raised" not in result, f"run_agent raised {result['raised']}"
    return result


def bodies(trace: dict) -> list[dict]:
    return [s["body"] for s in trace["sent"]]


def answers(provider: str, body: dict) -> tuple[list[dict], list[dict]]:
    """(the calls of the last assistant turn, the answers sent after it) as {id, name, arguments} and
    {id, content, is_error} dicts, read from the wire body; AssertionError when the shape is wrong."""
    messages = body["messages"]
    if provider == "anthropic":
        assert len(messages) >= 3, f"expected user, assistant, user turns; sent {[m['role'] for m in messages]}"
        assistant, last = messages[-2], messages[-1]
        assert assistant["role"] == "assistant" and isinstance(assistant["content"], list), \
            "the assistant turn with its tool_use blocks goes back before the results"
        calls = [{"id": b["id"], "name": b["name"], "arguments": b["input"]}
                 for b in assistant["content"] if b.get("type") == "tool_use"]
        assert last["role"] == "user" and isinstance(last["content"], list), \
            "tool results travel in a user turn whose content is a list of tool_result blocks"
        blocks = last["content"]
        assert all(b.get("type") == "tool_result" for b in blocks), \
            f"the turn after the tool calls must hold only tool_result blocks; it held {[b.get('type') for b in blocks]}"
        results = [{"id": b.get("tool_use_id"), "content": text_of(b.get("content")),
                    "is_error": bool(b.get("is_error", False))} for b in blocks]
        return calls, results
    roles = [m["role"] for m in messages]
    at = max(i for i, m in enumerate(messages) if m["role"] == "assistant")
    assistant = messages[at]
    calls = []
    for call in assistant.get("tool_calls") or []:
        arguments = call["function"]["arguments"]
        assert isinstance(arguments, str), "Chat Completions wants function.arguments as a JSON string"
        calls.append({"id": call["id"], "name": call["function"]["name"], "arguments": json.loads(arguments)})
    after = messages[at + 1:]
    assert after and all(m["role"] == "tool" for m in after), \
        f"the assistant's tool_calls must be followed by role 'tool' messages only; roles sent: {roles}"
    results = [{"id": m.get("tool_call_id"), "content": text_of(m.get("content")), "is_error": None} for m in after]
    return calls, results


def text_of(content) -> str:
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return "" if content is None else str(content)


def says_error(provider: str, result: dict) -> bool:
    if provider == "anthropic":
        return result["is_error"] is True
    return "error" in result["content"].lower()


@pytest.mark.points(3)
@pytest.mark.hint("Anthropic: tools=[{name, description, input_schema}]. OpenAI: tools=[{type: 'function', "
                  "function: {name, description, parameters}}]. The schema comes from the type hints: each "
                  "parameter a property, required = the parameters without a default, Literal -> enum.")
def test_tools_are_defined_in_each_wire_format(run, provider):
    trace = run("order-desk", "conversation", provider=provider, prompt=PARALLEL)
    finished(trace)
    tools = bodies(trace)[0].get("tools") or []
    if provider == "anthropic":
        by_name = {t.get("name"): (t.get("description"), t.get("input_schema")) for t in tools}
    else:
        assert all(t.get("type") == "function" for t in tools), "each OpenAI tool is {'type': 'function', ...}"
        by_name = {t["function"].get("name"): (t["function"].get("description"), t["function"].get("parameters"))
                   for t in tools}
    assert set(by_name) == {"get_order", "refund", "warehouse_status"}, f"tools offered: {sorted(by_name)}"
    description, schema = by_name["get_order"]
    assert description and description.startswith("Look up one order by its id"), \
        f"the description is the docstring's first paragraph; it was {description!r}"
    assert "Orders have ids" not in description, "only the first paragraph of the docstring"
    assert schema.get("type") == "object", "the arguments' schema is an object"
    assert set(schema.get("properties", {})) == {"order_id", "include_items"}
    assert schema["properties"]["order_id"].get("type") == "string"
    assert schema["properties"]["include_items"].get("type") == "boolean"
    assert schema.get("required") == ["order_id"], "a parameter with a default is not required"
    refund = by_name["refund"][1]
    assert sorted(refund.get("required", [])) == ["amount_cents", "order_id", "reason"]
    assert refund["properties"]["amount_cents"].get("type") == "integer"
    assert sorted(refund["properties"]["reason"].get("enum", [])) == ["damaged", "late", "other"], \
        "a Literal type hint becomes an enum"
    assert by_name["warehouse_status"][1].get("properties", {}) == {}, "a tool without parameters has none"


@pytest.mark.points(4)
@pytest.mark.hint("Both calls of one turn are run, and both results go back in the next request, each matched to "
                  "its call by id. Anthropic: the assistant turn as it came, then ONE user turn with a tool_result "
                  "block per call (tool_use_id). OpenAI: the assistant message with its tool_calls (arguments as "
                  "the JSON string), then one role 'tool' message per call (tool_call_id).")
def test_parallel_calls_are_all_answered_and_matched_by_id(run, provider):
    trace = run("order-desk", "conversation", provider=provider, prompt=PARALLEL)
    result = finished(trace)
    assert [r[1]["order_id"] for r in result["ran"]] == ["A1", "B2"], f"tools run: {result['ran']}"
    assert result["ran"][1][1]["include_items"] is True, "the arguments the model sent reach the tool"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests; expected 2 (the calls, then the answer)"
    calls, results = answers(provider, bodies(trace)[1])
    assert [c["id"] for c in calls] == ["call_a1", "call_b2"], f"the assistant's calls sent back: {calls}"
    assert calls[1]["arguments"] == {"order_id": "B2", "include_items": True}, "the calls go back as the model made them"
    by_id = {r["id"]: r for r in results}
    assert len(results) == 2 and set(by_id) == {"call_a1", "call_b2"}, \
        f"one result per call, matched by id; the results sent answered {[r['id'] for r in results]}"
    assert "shipped" in by_id["call_a1"]["content"] and "packing" in by_id["call_b2"]["content"], \
        "each result holds its own call's output"
    assert not any(says_error(provider, r) for r in results if provider == "anthropic"), \
        "a tool that worked is not an error"
    assert finished(trace)["text"].startswith("A1 has shipped")


@pytest.mark.points(3)
@pytest.mark.hint("Catch the tool's exception and send it back as the call's result: Anthropic tool_result with "
                  "is_error: true; OpenAI has no error flag, so the content says it (e.g. 'Error: ...'). Include "
                  "the exception's message: the model can act on it.")
def test_a_failing_tool_goes_back_as_an_error_result(run, provider):
    trace = run("order-desk", "conversation", provider=provider, prompt=MISSING)
    result = finished(trace)
    assert result["ran"] == [["get_order", {"order_id": "ZZ9", "include_items": False}]]
    assert len(trace["sent"]) == 2, "the error goes back to the model, which answers"
    _, results = answers(provider, bodies(trace)[1])
    assert [r["id"] for r in results] == ["call_zz9"]
    assert "no order ZZ9" in results[0]["content"], f"the exception's message goes back; sent {results[0]['content']!r}"
    assert says_error(provider, results[0]), "the result must say it is an error (Anthropic: is_error true; " \
                                             f"OpenAI: in the text); sent {results[0]}"


@pytest.mark.points(3)
@pytest.mark.hint("An unknown tool name and arguments that fail validation are error results too (the function is "
                  "not called), and the other calls of the turn still get their results.")
def test_unknown_tools_and_invalid_arguments_are_error_results(run, provider):
    trace = run("order-desk", "conversation", provider=provider, prompt=REFUND)
    result = finished(trace)
    assert result["ran"] == [["refund", {"order_id": "A1", "amount_cents": 1299, "reason": "damaged"}]], \
        f"only the valid refund may run; tools run: {result['ran']}"
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} requests; expected 3"
    _, results = answers(provider, bodies(trace)[1])
    by_id = {r["id"]: r for r in results}
    assert set(by_id) == {"call_delete", "call_refund_1"}, f"both calls get a result; answered {sorted(by_id)}"
    assert all(says_error(provider, r) for r in results), f"both are errors: {results}"
    assert "delete_order" in by_id["call_delete"]["content"], "say which tool does not exist"
    assert "amount_cents" in by_id["call_refund_1"]["content"], "say which argument was wrong (the validation error)"
    _, last = answers(provider, bodies(trace)[2])
    assert [r["id"] for r in last] == ["call_refund_2"] and not (provider == "anthropic" and last[0]["is_error"])


EXTRA = {"name": "extra-argument", "provenance": {"kind": "authored", "note": "a call with an argument the tool "
                                                                          "does not take"},
         "exchanges": [
             {"when": {"any": "Cancel order A1", "tool_result": True},
              "reply": {"text": "I cannot cancel orders; A1 is unchanged.", "usage": {"input_tokens": 300,
                                                                                     "output_tokens": 12}}},
             {"when": {"any": "Cancel order A1", "tool_result": False},
              "reply": {"tool_calls": [{"id": "call_extra", "name": "get_order",
                                        "arguments": {"order_id": "A1", "cancel": True}}],
                        "usage": {"input_tokens": 250, "output_tokens": 20}}}]}


@pytest.mark.points(2)
@pytest.mark.hint("The arguments are checked against the tool's own parameters: one it does not take is invalid "
                  "too (pydantic extra='forbid'), an error result that names it, and the function does not run.")
def test_an_argument_the_tool_does_not_take_is_an_error_result(run, provider):
    trace = run(EXTRA, "conversation", provider=provider, prompt="Cancel order A1, please.")
    result = finished(trace)
    assert result["ran"] == [], f"a call with an unknown argument must not run the tool; tools run: {result['ran']}"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests; expected 2 (the call, then the answer)"
    _, results = answers(provider, bodies(trace)[1])
    assert [r["id"] for r in results] == ["call_extra"], f"the call gets one result; answered {results}"
    assert says_error(provider, results[0]), f"an argument the tool does not take is an error: {results[0]}"
    assert "cancel" in results[0]["content"], f"say which argument was wrong; sent {results[0]['content']!r}"


@pytest.mark.points(3)
@pytest.mark.hint("Count failures per tool. Once a tool has failed max_failures times, answer its further calls "
                  "with an error result without running it; other tools keep working.")
def test_a_tool_that_keeps_failing_is_not_run_past_its_limit(run, provider):
    trace = run("order-desk", "conversation", provider=provider, prompt=FLAKY, max_failures=2)
    result = finished(trace)
    names = [name for name, _ in result["ran"]]
    assert names.count("warehouse_status") == 2, \
        f"warehouse_status ran {names.count('warehouse_status')} times; its limit is 2 failures"
    assert names.count("get_order") == 1, "the limit is per tool: get_order must still run"
    assert len(trace["sent"]) == 6, f"{len(trace['sent'])} requests; every call is answered, so expected 6"
    for number in (3, 4):
        _, results = answers(provider, bodies(trace)[number])
        assert [r["id"] for r in results] == [f"call_wh_{number}"], "the call past the limit still gets a result"
        assert says_error(provider, results[0]), f"a call past the limit is answered with an error: {results[0]}"
    _, results = answers(provider, bodies(trace)[5])
    assert "shipped" in results[0]["content"]
