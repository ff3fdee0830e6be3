"""Tracing graded tests. Each runs your `rag_tracing` package in its own process through ../driver.py: the tracer
(an InMemorySpanExporter behind it) and the log handler (your JsonFormatter) are the grader's, and the model is
`agentkit.Client(provider)` answered by fixtures/scenarios/questions.yaml (authored; see its header). The tests
read the spans your code made and the lines it logged."""
import json
import re

import pytest

from agentkit import Usage
from agentkit.models import DEFAULT_MODELS
from agentkit.pricing import cost_usd

REPEAT = "How do I repeat an option several times?"
SECHO = "What does click.secho do?"
FORWARD = "What does ctx.forward do?"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "logging calls no model"}, "exchanges": []}
OP = "gen_ai.operation.name"


def asked(run, provider, questions, **options) -> dict:
    trace = run("questions", "ask", provider=provider, questions=questions, **options)
    assert trace["ok"], f"the job failed: {trace['error']}"
    return trace["result"]


def by_operation(spans, operation) -> list[dict]:
    return [s for s in spans if s["attributes"].get(OP) == operation]


def one_root(spans) -> dict:
    roots = [s for s in spans if s["parent_id"] is None]
    assert len(roots) == 1, f"{len(roots)} spans without a parent in one question's trace: {[s['name'] for s in roots]}"
    return roots[0]


@pytest.mark.points(3)
@pytest.mark.hint("One trace per question: start a root span (invoke_workflow rag-answer) and make every other span "
                  "while it is current (tracer.start_as_current_span), so each is its child; end every span.")
def test_one_trace_per_question_with_every_span_under_its_root(run, provider):
    result = asked(run, provider, [REPEAT, SECHO])
    spans = result["spans"]
    traces = {}
    for span in spans:
        traces.setdefault(span["trace_id"], []).append(span)
    assert len(traces) == 2, f"two questions made {len(traces)} traces"
    for question, members in zip((REPEAT, SECHO), sorted(traces.values(), key=lambda m: min(s["start"] for s in m))):
        root = one_root(members)
        assert root["name"] == "invoke_workflow rag-answer", f"the root span is named {root['name']!r}"
        assert root["attributes"].get(OP) == "invoke_workflow" and \
            root["attributes"].get("gen_ai.workflow.name") == "rag-answer", root["attributes"]
        assert root["attributes"].get("rag.question") == question, "the root carries the question"
        children = [s for s in members if s is not root]
        assert children and all(s["parent_id"] == root["span_id"] for s in children), \
            "every retrieval, chat and tool span is a child of the question's root span"
        assert len(by_operation(members, "retrieval")) == 1, "one retrieval span per question"


@pytest.mark.points(3)
@pytest.mark.hint("The retrieval span: name 'retrieval click-docs', gen_ai.operation.name 'retrieval', "
                  "gen_ai.data_source.id, gen_ai.retrieval.query.text, and rag.retrieval.chunk_ids / "
                  "rag.retrieval.scores in rank order.")
def test_the_retrieval_span_shows_what_was_found(run, provider):
    spans = asked(run, provider, [REPEAT])["spans"]
    (span,) = by_operation(spans, "retrieval")
    attributes = span["attributes"]
    assert span["name"] == "retrieval click-docs", span["name"]
    assert attributes.get("gen_ai.data_source.id") == "click-docs"
    assert attributes.get("gen_ai.retrieval.query.text") == REPEAT
    assert attributes.get("rag.retrieval.chunk_ids") == ["option-multiple", "option-count", "option-envvar"], \
        attributes.get("rag.retrieval.chunk_ids")
    assert attributes.get("rag.retrieval.scores") == [0.25, 0.25, 0.125], attributes.get("rag.retrieval.scores")


@pytest.mark.points(4)
@pytest.mark.hint("Each model call gets a CLIENT span 'chat {model}': gen_ai.operation.name 'chat', "
                  "gen_ai.provider.name, gen_ai.request.model, gen_ai.request.max_tokens, gen_ai.response.model, "
                  "gen_ai.usage.input_tokens / output_tokens from the reply, and course.cost_usd (reply.cost_usd).")
def test_chat_spans_carry_the_model_usage_and_cost(run, provider):
    result = asked(run, provider, [REPEAT, SECHO])
    model = DEFAULT_MODELS[provider]
    chats = by_operation(result["spans"], "chat")
    assert len(chats) == 3, f"three model calls (one, then two around a tool call); {len(chats)} chat spans"
    for span, (used_in, used_out) in zip(chats, [(412, 26), (380, 31), (520, 19)]):
        attributes = span["attributes"]
        assert span["name"] == f"chat {model}" and span["kind"] == "CLIENT", (span["name"], span["kind"])
        assert attributes.get("gen_ai.provider.name") == provider
        assert attributes.get("gen_ai.request.model") == model and attributes.get("gen_ai.response.model") == model
        assert isinstance(attributes.get("gen_ai.request.max_tokens"), int)
        assert (attributes.get("gen_ai.usage.input_tokens"), attributes.get("gen_ai.usage.output_tokens")) == \
            (used_in, used_out), f"usage on the span: {attributes}"
        want = cost_usd(model, Usage(input_tokens=used_in, output_tokens=used_out), provider=provider)
        assert attributes.get("course.cost_usd") == pytest.approx(want, rel=1e-9), \
            f"course.cost_usd {attributes.get('course.cost_usd')!r}, expected {want}"


@pytest.mark.points(3)
@pytest.mark.hint("Each tool call gets a span 'execute_tool {name}' (a child of the root, between the chat spans): "
                  "gen_ai.operation.name 'execute_tool', gen_ai.tool.name and gen_ai.tool.call.id (the call's id).")
def test_a_tool_call_has_its_own_span(run, provider):
    result = asked(run, provider, [SECHO])
    assert result["outcomes"][0].get("value", {}).get("citations") == ["echo", "style"], result["outcomes"]
    spans = result["spans"]
    (tool,) = by_operation(spans, "execute_tool")
    assert tool["name"] == "execute_tool lookup_symbol", tool["name"]
    assert tool["attributes"].get("gen_ai.tool.name") == "lookup_symbol"
    assert tool["attributes"].get("gen_ai.tool.call.id") == "toolu_01SechoLookup"
    order = [s["attributes"].get(OP) for s in spans if s["parent_id"] is not None]
    assert order == ["retrieval", "chat", "execute_tool", "chat"], f"the children in time order: {order}"


@pytest.mark.points(3)
@pytest.mark.hint("When the model call fails, the chat span and the root span end with status ERROR, an "
                  "'exception' event and error.type (the exception's class name); the error still reaches the caller.")
def test_a_failed_call_is_recorded_on_its_span(run, provider):
    result = asked(run, provider, [FORWARD])
    assert result["outcomes"][0].get("raised") == "ServerError", f"the error must propagate: {result['outcomes']}"
    spans = result["spans"]
    root = one_root(spans)
    (chat,) = by_operation(spans, "chat")
    for span in (chat, root):
        assert span["status"] == "ERROR", f"{span['name']}: status {span['status']}"
        assert span["attributes"].get("error.type") == "ServerError", f"{span['name']}: {span['attributes']}"
    assert any(e["name"] == "exception" for e in chat["events"]), "the chat span records the exception as an event"
    assert "gen_ai.usage.input_tokens" not in chat["attributes"], "a failed call has no usage"


@pytest.mark.points(2)
@pytest.mark.hint("The chat span carries what was sent: rag.context.chunk_ids (the chunks that fit the budget) and "
                  "rag.context.dropped_chunk_ids (retrieved, but left out for lack of room).")
def test_a_truncated_context_shows_on_the_chat_span(run, provider):
    for budget, kept, dropped in ((400, ["option-multiple", "option-count", "option-envvar"], []),
                                  (50, ["option-multiple", "option-count"], ["option-envvar"])):
        spans = asked(run, provider, [REPEAT], context_budget=budget)["spans"]
        (chat,) = by_operation(spans, "chat")
        assert chat["attributes"].get("rag.context.chunk_ids") == kept, (budget, chat["attributes"])
        assert chat["attributes"].get("rag.context.dropped_chunk_ids") == dropped, (budget, chat["attributes"])


@pytest.mark.points(3)
@pytest.mark.hint("JsonFormatter: one JSON object per line with time, level, logger, message, trace_id and span_id "
                  "(the current span's, hex: 32 and 16 digits; None outside a span) and the record's extra fields. "
                  "answer_question logs 'retrieved' (chunk_ids) and 'answered' (citations) inside the trace.")
def test_json_logs_carry_the_trace_id(run, provider):
    result = asked(run, provider, [REPEAT])
    root = one_root(result["spans"])
    lines = [json.loads(line) for line in result["logs"]]
    assert len(lines) >= 2, f"{len(lines)} log lines for one answered question"
    span_ids = {s["span_id"] for s in result["spans"]}
    for line in lines:
        assert line.get("trace_id") == root["trace_id"], f"a log line with trace_id {line.get('trace_id')!r}"
        assert line.get("span_id") in span_ids, "span_id is the id of the span current when the line was logged"
        assert {"time", "level", "logger", "message"} <= set(line), f"fields missing from {line}"
    messages = {line["message"]: line for line in lines}
    assert messages.get("retrieved", {}).get("chunk_ids") == ["option-multiple", "option-count", "option-envvar"]
    assert messages.get("answered", {}).get("citations") == ["option-multiple"]
    (outside,) = [json.loads(line) for line in run(NO_LLM, "log_outside_a_span")["result"]["logs"]]
    assert outside.get("trace_id", "missing") is None and outside.get("span_id", "missing") is None, outside
    assert outside.get("message") == "cache cold" and outside.get("level") == "WARNING", outside
    assert outside.get("chunk_ids") == ["echo"], "extra fields go into the line"
    assert re.fullmatch(r"[0-9a-f]{32}", root["trace_id"])
