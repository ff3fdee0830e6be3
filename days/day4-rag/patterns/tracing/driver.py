"""What the graders call: run the student's `rag_tracing` package and hand back plain JSON data only.

The tracer and the log handler are the grader's: spans go to an in-process InMemorySpanExporter, log lines to a
buffer through the student's JsonFormatter; both come back as plain data, with the answers."""
from __future__ import annotations

import io
import logging
import uuid

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import agentkit


def plain(value):
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value if value is None or isinstance(value, (bool, int, float, str)) else repr(value)


def hex_id(number: int | None, digits: int) -> str | None:
    return None if number is None else f"{number:0{digits}x}"


def span_data(span) -> dict:
    context, parent = span.get_span_context(), span.parent
    return {"name": span.name, "kind": span.kind.name, "trace_id": hex_id(context.trace_id, 32),
            "span_id": hex_id(context.span_id, 16), "parent_id": hex_id(parent.span_id, 16) if parent else None,
            "start": span.start_time, "attributes": plain(dict(span.attributes or {})),
            "status": span.status.status_code.name, "status_description": span.status.description,
            "events": [{"name": e.name, "attributes": plain(dict(e.attributes or {}))} for e in span.events]}


def logger_for(submission) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(submission.JsonFormatter())
    logger = logging.getLogger(f"course.grader.{uuid.uuid4().hex}")
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    return logger, stream


def ask(submission, provider: str, questions: list[str], context_budget: int = 400) -> dict:
    """Each question through `answer_question`, one after another, on one client, tracer and logger."""
    exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = tracer_provider.get_tracer("course.grader")
    logger, stream = logger_for(submission)
    client = agentkit.Client(provider)
    outcomes = []
    for question in questions:
        try:
            found = submission.answer_question(question, client=client, tracer=tracer, logger=logger,
                                               context_budget=context_budget)
            outcomes.append({"value": plain(found)})
        except Exception as exc:  # noqa: BLE001 - the test reads what was raised
            outcomes.append({"raised": type(exc).__name__, "message": str(exc)[:300]})
    spans = sorted((span_data(s) for s in exporter.get_finished_spans()), key=lambda s: s["start"])
    return {"outcomes": outcomes, "spans": spans, "logs": stream.getvalue().splitlines(), "model": client.model,
            "costs": [reply.cost_usd for reply in client.calls]}


def log_outside_a_span(submission) -> dict:
    """One line logged with no span current, with an extra field."""
    logger, stream = logger_for(submission)
    logger.warning("cache %s", "cold", extra={"chunk_ids": ["echo"]})
    return {"logs": stream.getvalue().splitlines()}
