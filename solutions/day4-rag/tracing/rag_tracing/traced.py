"""One question, one trace: a workflow span with a retrieval span, a chat span per model call and a tool span per
tool call under it, named and attributed by OpenTelemetry's GenAI semantic conventions."""
from __future__ import annotations

import logging

from opentelemetry.semconv._incubating.attributes import gen_ai_attributes as gen_ai
from opentelemetry.semconv.attributes.error_attributes import ERROR_TYPE
from opentelemetry.trace import SpanKind, Status, StatusCode

from agentkit import Message
from rag_tracing.pipeline import LOOKUP, citations, lookup_symbol, pack, prompt, retrieve

SYSTEM = ("Answer the question about the click library from the context only, citing each chunk you use as [id]. "
          "If the context does not answer it, call lookup_symbol or say you do not know.")
WORKFLOW = "rag-answer"
DATA_SOURCE = "click-docs"
COST_USD = "course.cost_usd"  # the course's own attribute: a call's cost from agentkit.pricing (reply.cost_usd)
MAX_TOKENS = 500
MAX_TURNS = 3


### BEGIN STARTER
# # Your helpers (a chat span, a tool span) can go here. The attribute names are constants in
# # opentelemetry.semconv._incubating.attributes.gen_ai_attributes (imported as gen_ai) and ERROR_TYPE.
### END STARTER
### BEGIN SOLUTION
def record_reply(span, client, reply) -> None:
    span.set_attribute(gen_ai.GEN_AI_RESPONSE_MODEL, reply.model)
    span.set_attribute(gen_ai.GEN_AI_RESPONSE_FINISH_REASONS, [reply.stop_reason])
    span.set_attribute(gen_ai.GEN_AI_USAGE_INPUT_TOKENS, reply.usage.input_tokens)
    span.set_attribute(gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS, reply.usage.output_tokens)
    if reply.cost_usd is not None:
        span.set_attribute(COST_USD, reply.cost_usd)


def chat(tracer, client, messages, context_ids: dict):
    """One model call in its own `chat {model}` span; a failure is recorded on the span, with error.type."""
    with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.CHAT.value} {client.model}",
                                      kind=SpanKind.CLIENT) as span:
        span.set_attributes({gen_ai.GEN_AI_OPERATION_NAME: gen_ai.GenAiOperationNameValues.CHAT.value,
                             gen_ai.GEN_AI_PROVIDER_NAME: client.provider,
                             gen_ai.GEN_AI_REQUEST_MODEL: client.model,
                             gen_ai.GEN_AI_REQUEST_MAX_TOKENS: MAX_TOKENS, **context_ids})
        try:
            reply = client.chat(messages, system=SYSTEM, tools=[LOOKUP], max_tokens=MAX_TOKENS)
        except Exception as exc:
            span.set_attribute(ERROR_TYPE, type(exc).__name__)
            raise  # start_as_current_span records the exception and sets the ERROR status on the way out
        record_reply(span, client, reply)
        return reply


def run_tool(tracer, call) -> tuple[str, bool]:
    """(result, is_error) of one tool call, in its own `execute_tool {name}` span; a failure goes back to the
    model as an error result, and is recorded on the span."""
    with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.EXECUTE_TOOL.value} {call.name}") as span:
        span.set_attributes({gen_ai.GEN_AI_OPERATION_NAME: gen_ai.GenAiOperationNameValues.EXECUTE_TOOL.value,
                             gen_ai.GEN_AI_TOOL_NAME: call.name, gen_ai.GEN_AI_TOOL_CALL_ID: call.id,
                             gen_ai.GEN_AI_TOOL_TYPE: "function"})
        try:
            if call.name != LOOKUP.name:
                raise KeyError(f"no tool {call.name!r}")
            return lookup_symbol(str(call.arguments.get("name", ""))), False
        except Exception as exc:  # noqa: BLE001 - the model reads the error and may try again
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, str(exc)))
            span.set_attribute(ERROR_TYPE, type(exc).__name__)
            return f"error: {exc}", True
### END SOLUTION


def answer_question(question: str, *, client, tracer, logger: logging.Logger, k: int = 3,
                    context_budget: int = 400) -> dict:
    """Answer `question` from the retrieved chunks, in one trace. Returns {"text", "citations"}."""
    ### BEGIN STARTER
    # # TODO step 1: a root span "invoke_workflow rag-answer" (gen_ai.operation.name, gen_ai.workflow.name,
    # # rag.question) current for the whole answer; every other span below is made while it is current.
    # # TODO step 2: retrieve(question, k) inside a span "retrieval click-docs" (gen_ai.operation.name,
    # # gen_ai.data_source.id, gen_ai.retrieval.query.text, rag.retrieval.chunk_ids, rag.retrieval.scores);
    # # logger.info("retrieved", extra={"chunk_ids": [...]}).
    # # TODO step 3: pack(...) to context_budget; messages = [Message.user(prompt(question, kept))]; up to MAX_TURNS
    # # calls client.chat(messages, system=SYSTEM, tools=[LOOKUP], max_tokens=MAX_TOKENS), each in a CLIENT span
    # # "chat {model}" with the request and response attributes, usage, COST_USD and the context's chunk ids
    # # (rag.context.chunk_ids, rag.context.dropped_chunk_ids); a tool call runs lookup_symbol in a span
    # # "execute_tool {name}" and goes back as Message.tool_result.
    # # TODO step 4: on an exception, error.type on the failed span and on the root, then re-raise.
    # # TODO step 5: rag.answer.citations on the root; logger.info("answered", extra={"citations": [...]}).
    # raise NotImplementedError("answer_question")
    ### END STARTER
    ### BEGIN SOLUTION
    with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.INVOKE_WORKFLOW.value} {WORKFLOW}") as root:
        root.set_attributes({gen_ai.GEN_AI_OPERATION_NAME: gen_ai.GenAiOperationNameValues.INVOKE_WORKFLOW.value,
                             gen_ai.GEN_AI_WORKFLOW_NAME: WORKFLOW, "rag.question": question})
        try:
            with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.RETRIEVAL.value} {DATA_SOURCE}") \
                    as span:
                found = retrieve(question, k)
                span.set_attributes({gen_ai.GEN_AI_OPERATION_NAME: gen_ai.GenAiOperationNameValues.RETRIEVAL.value,
                                     gen_ai.GEN_AI_DATA_SOURCE_ID: DATA_SOURCE,
                                     gen_ai.GEN_AI_RETRIEVAL_QUERY_TEXT: question,
                                     "rag.retrieval.chunk_ids": [chunk.id for chunk, _ in found],
                                     "rag.retrieval.scores": [score for _, score in found]})
                logger.info("retrieved", extra={"chunk_ids": [chunk.id for chunk, _ in found]})
            kept, dropped = pack([chunk for chunk, _ in found], context_budget)
            context_ids = {"rag.context.chunk_ids": [c.id for c in kept],
                           "rag.context.dropped_chunk_ids": [c.id for c in dropped],
                           "rag.context.tokens": sum(c.tokens for c in kept)}
            messages = [Message.user(prompt(question, kept))]
            for _ in range(MAX_TURNS):
                reply = chat(tracer, client, messages, context_ids)
                if not reply.tool_calls:
                    break
                messages.append(reply.as_message())
                for call in reply.tool_calls:
                    result, failed = run_tool(tracer, call)
                    messages.append(Message.tool_result(call, result, is_error=failed))
            cited = citations(reply.text)
            root.set_attribute("rag.answer.citations", cited)
            logger.info("answered", extra={"citations": cited, "cost_usd": client.total_cost_usd})
            return {"text": reply.text, "citations": cited}
        except Exception as exc:
            root.set_attribute(ERROR_TYPE, type(exc).__name__)
            logger.error("failed", extra={"error_type": type(exc).__name__})
            raise
    ### END SOLUTION
