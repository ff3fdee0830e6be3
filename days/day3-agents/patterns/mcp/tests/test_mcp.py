"""MCP unit graded tests. Your `mcp_agent` package runs in its own process through ../driver.py, over the SDK's
in-memory transport. The graders' own MCP client inspects your server; your client code is also pointed at the
graders' own server (tools you have not seen), and what your agent sent to the model is what the graders'
broker recorded, in both providers' wire formats."""
import json

import pytest

QUESTION = "Can I still return order A1001?"


def ok(trace: dict):
    assert trace["ok"], f"your code failed: {trace['error']}"
    return trace["result"]


def offered_schemas(sent: dict) -> dict:
    """Tool name -> the JSON Schema of its arguments, read from the request body in its provider's format."""
    tools = sent["body"].get("tools") or []
    if sent["api"] == "anthropic-messages":
        return {t["name"]: t.get("input_schema") for t in tools}
    return {(t.get("function") or t)["name"]: (t.get("function") or t).get("parameters") for t in tools}


def tool_results(sent: dict) -> list[dict]:
    """Each tool result in a request: its text and, where the wire carries it (Anthropic), its error flag."""
    found = []
    for message in sent["body"].get("messages", []):
        if sent["api"] == "anthropic-messages" and isinstance(message.get("content"), list):
            for block in message["content"]:
                if block.get("type") == "tool_result":
                    content = block.get("content")
                    text = content if isinstance(content, str) else \
                        "\n".join(part.get("text", "") for part in content or [])
                    found.append({"text": text, "is_error": block.get("is_error", False)})
        elif message.get("role") == "tool":
            found.append({"text": str(message.get("content")), "is_error": None})
    return found


# --- the server, seen by the graders' client -------------------------------------------------------------

@pytest.mark.points(3)
@pytest.mark.hint("Register lookup_order(order_id: str) and list_orders(customer: str) with @server.tool(); "
                  "the docstring is the description and the type hints make the input schema.")
def test_server_lists_both_tools_with_schemas(run):
    got = ok(run("returns", "inspect_server", calls=[]))
    tools = {t["name"]: t for t in got["tools"]}
    assert set(tools) == {"lookup_order", "list_orders"}, f"the server lists {sorted(tools)}"
    for name, argument in (("lookup_order", "order_id"), ("list_orders", "customer")):
        schema = tools[name]["parameters"]
        assert schema.get("properties", {}).get(argument, {}).get("type") == "string", \
            f"{name}'s input schema must have a string {argument!r}: {schema}"
        assert argument in schema.get("required", []), f"{name}'s {argument!r} must be required"
        assert (tools[name]["description"] or "").strip(), f"{name} has no description: the model reads it"


@pytest.mark.points(3)
@pytest.mark.hint("lookup_order returns json.dumps of the order with its order_id; list_orders joins the ids "
                  "with commas.")
def test_server_tools_answer_from_the_orders(run):
    calls = [["lookup_order", {"order_id": "A1003"}], ["list_orders", {"customer": "c-17"}],
             ["list_orders", {"customer": "c-99"}]]
    got = ok(run("returns", "inspect_server", calls=calls))["results"]
    assert not got[0]["is_error"], f"lookup_order('A1003') failed: {got[0]['text']}"
    order = json.loads(got[0]["text"])
    assert order.get("order_id") == "A1003" and order.get("item") == "keyboard" \
        and order.get("delivered") == "2026-10-02", f"lookup_order('A1003') gave {order}"
    assert sorted(filter(None, got[1]["text"].split(","))) == ["A1001", "A1002"], f"list_orders: {got[1]['text']!r}"
    assert got[2]["text"].strip() == "" and not got[2]["is_error"], "a customer without orders has none"


@pytest.mark.points(3)
@pytest.mark.hint("Raise ToolError(f\"no order {order_id!r}...\") for an unknown id: a plain exception reaches "
                  "the client only as 'Error executing tool lookup_order', without the reason.")
def test_unknown_order_is_a_tool_error_that_says_why(run):
    got = ok(run("returns", "inspect_server", calls=[["lookup_order", {"order_id": "Z9999"}]]))["results"][0]
    assert got["is_error"], f"an unknown order must be reported as a tool error (is_error), got {got['text']!r}"
    assert "Z9999" in got["text"] and "no order" in got["text"].lower(), \
        f"the error must tell the model what was wrong: {got['text']!r}"


@pytest.mark.points(2)
@pytest.mark.hint("@server.resource(POLICY_URI, mime_type=\"text/plain\") on a function returning POLICY.")
def test_server_serves_the_returns_policy_resource(run):
    got = ok(run("returns", "inspect_server", calls=[]))
    from_server = {r["uri"]: r for r in got["resources"]}
    assert "policy://returns" in from_server, f"resources listed: {sorted(from_server)}"
    assert from_server["policy://returns"]["mime_type"] == "text/plain"
    assert got["policy"] and "30 days" in got["policy"], f"the resource reads {got['policy']!r}"


# --- the client side, on the graders' server ---------------------------------------------------------------

@pytest.mark.points(3)
@pytest.mark.hint("model_tools: one Tool per listed tool, with its name, its description and its input_schema "
                  "as parameters, unchanged.")
def test_model_tools_come_from_the_servers_list(run):
    got = ok(run("returns", "convert_tools"))
    by_name = {t["name"]: t for t in got["got"]}
    for expected in got["expected"]:
        mine = by_name.get(expected["name"])
        assert mine is not None, f"tool {expected['name']!r} is listed by the server but missing: {sorted(by_name)}"
        assert mine["parameters"] == expected["parameters"], \
            f"{expected['name']}: the schema must be the server's input schema as it is"
        assert mine["description"] == expected["description"], f"{expected['name']}: description differs"
    assert len(got["got"]) == len(got["expected"]), "one model tool per server tool"


@pytest.mark.points(2)
@pytest.mark.hint("result_text: join the .text of the content blocks whose type is 'text'; the second value is "
                  "result.is_error.")
def test_result_text_keeps_the_text_and_the_error_flag(run):
    got = ok(run("returns", "result_texts", calls=[["convert", {"amount": 10, "currency": "GBP"}],
                                                   ["convert", {"amount": 10, "currency": "CHF"}]]))
    assert got[0] == {"text": "7.90 GBP", "is_error": False}, got[0]
    assert got[1]["is_error"] and "CHF" in got[1]["text"], got[1]


@pytest.mark.points(4)
@pytest.mark.hint("ask(): offer model_tools(client) on every call; run each tool call with client.call_tool and "
                  "send its text back as the tool result; stop when the model answers without tools.")
def test_agent_calls_the_server_for_the_model(run, provider):
    trace = run("returns", "answer", provider=provider, question=QUESTION)
    got = ok(trace)
    sent = trace["sent"]
    assert len(sent) == 2, f"expected 2 model calls (tool call, then answer), got {len(sent)}"
    schemas = offered_schemas(sent[0])
    assert set(schemas) == {"lookup_order", "list_orders"}, f"tools offered: {sorted(schemas)}"
    assert schemas["lookup_order"].get("properties", {}).get("order_id"), "lookup_order's schema was not sent"
    results = tool_results(sent[1])
    assert len(results) == 1 and '"delivered": "2026-11-20"' in results[0]["text"], \
        f"the second call must carry the server's result for A1001: {results}"
    assert "30-day" in got["text"] and got["steps"] == 2 and not got["stopped"], got
    assert any("lookup_order" in c for c in got["tool_calls"]), got["tool_calls"]


@pytest.mark.points(2)
@pytest.mark.hint("Read the resource with client.read_resource(uri) and append its text to the system prompt.")
def test_agent_puts_the_resource_in_the_system_prompt(run, provider):
    trace = run("returns", "answer", provider=provider, question=QUESTION, resource="policy://returns")
    ok(trace)
    for request in trace["sent"]:
        assert "within 30 days of delivery" in request["system"], "the policy resource is missing from the system"
        assert "order desk assistant" in request["system"], "SYSTEM must stay at the start of the system prompt"


@pytest.mark.points(3)
@pytest.mark.hint("A CallToolResult with is_error must go back as a tool result with is_error=True and the "
                  "server's message, not raise and not be dropped.")
def test_tool_errors_go_back_to_the_model_as_errors(run, provider):
    trace = run("unknown-order", "answer", provider=provider, question="Where is order Z9999?")
    got = ok(trace)
    assert len(trace["sent"]) == 2, "after a tool error, the model must be asked again with the error"
    results = tool_results(trace["sent"][1])
    assert results and "Z9999" in results[0]["text"], f"the server's error message must reach the model: {results}"
    if provider == "anthropic":
        assert results[0]["is_error"] is True, "Anthropic's tool_result block must carry is_error: true"
    assert "could not find" in got["text"]


@pytest.mark.points(3)
@pytest.mark.hint("Nothing in ask() may name the order desk's tools: pointed at another server, it must offer "
                  "that server's tools and run the model's calls there (two calls in one turn here).")
def test_agent_works_with_a_server_it_has_never_seen(run, provider):
    trace = run("fx", "answer", provider=provider, server="grader", question="What is 250 USD in EUR and CHF?",
                resource="policy://fx")
    got = ok(trace)
    assert set(offered_schemas(trace["sent"][0])) == {"convert", "ping"}
    results = tool_results(trace["sent"][1])
    assert [r["text"] for r in results][:1] == ["230.00 EUR"] and len(results) == 2, results
    assert "CHF" in results[1]["text"], results
    assert "bank's rate" in trace["sent"][0]["system"], "the resource of the server in use goes in the system"
    assert "230.00 EUR" in got["text"]


@pytest.mark.points(2)
@pytest.mark.hint("Count model calls: after max_steps, return the last text with stopped=True.")
def test_step_budget_stops_a_model_that_never_answers(run, provider):
    trace = run("loop", "answer", provider=provider, question="List my orders", max_steps=3)
    got = ok(trace)
    assert len(trace["sent"]) == 3, f"max_steps=3 must mean at most 3 model calls, got {len(trace['sent'])}"
    assert got["stopped"] and got["steps"] == 3, got
