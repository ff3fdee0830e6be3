"""d4-tracing: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
TRACED = "traced.py"
LOGS = "logs.py"

BROKEN = {
    "a failed call: the error swallowed instead of re-raised": (TRACED, [(
        '''            root.set_attribute(ERROR_TYPE, type(exc).__name__)
            logger.error("failed", extra={"error_type": type(exc).__name__})
            raise''', '''            root.set_attribute(ERROR_TYPE, type(exc).__name__)
            logger.error("failed", extra={"error_type": type(exc).__name__})
            return {"text": "", "citations": []}''')]),
    "a failed call: error.type missing on the chat span": (TRACED, [(
        '''        except Exception as exc:
            span.set_attribute(ERROR_TYPE, type(exc).__name__)
            raise''', '''        except Exception:
            raise''')]),
    "chat span: the usage's output tokens recorded as the input tokens": (TRACED, [(
        "    span.set_attribute(gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS, reply.usage.output_tokens)",
        "    span.set_attribute(gen_ai.GEN_AI_USAGE_OUTPUT_TOKENS, reply.usage.input_tokens)")]),
    "chat span: not a CLIENT span": (TRACED, [(
        '''    with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.CHAT.value} {client.model}",
                                      kind=SpanKind.CLIENT) as span:''',
        '''    with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.CHAT.value} {client.model}") as span:''')]),
    "the chat span shows the dropped chunk ids: left out": (TRACED, [(
        '''                           "rag.context.dropped_chunk_ids": [c.id for c in dropped],\n''', "")]),
    "the root span carries the question: rag.question left out": (TRACED, [(
        '''                             gen_ai.GEN_AI_WORKFLOW_NAME: WORKFLOW, "rag.question": question})''',
        '''                             gen_ai.GEN_AI_WORKFLOW_NAME: WORKFLOW})''')]),
    "JSON logs: the span id printed as a decimal number": (LOGS, [(
        '''                "span_id": trace.format_span_id(context.span_id) if context.is_valid else None}''',
        '''                "span_id": str(context.span_id) if context.is_valid else None}''')]),
}

CORRECT = {
    "JSON logs: the ids formatted with f-strings, the extra fields found by a dict comprehension over __dict__": (LOGS, [(
        '''        context = trace.get_current_span().get_span_context()
        line = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                "message": record.getMessage(),
                "trace_id": trace.format_trace_id(context.trace_id) if context.is_valid else None,
                "span_id": trace.format_span_id(context.span_id) if context.is_valid else None}
        line.update({key: value for key, value in vars(record).items() if key not in STANDARD})
''', '''        span_context = trace.get_current_span().get_span_context()
        valid = span_context.trace_id != 0 and span_context.span_id != 0
        extra = {key: record.__dict__[key] for key in record.__dict__.keys() - STANDARD}
        line = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name,
                "message": record.getMessage(),
                "trace_id": f"{span_context.trace_id:032x}" if valid else None,
                "span_id": f"{span_context.span_id:016x}" if valid else None, **extra}
''')]),
    "chat: the span started with start_span and made current with use_span": (TRACED, [(
        '''    with tracer.start_as_current_span(f"{gen_ai.GenAiOperationNameValues.CHAT.value} {client.model}",
                                      kind=SpanKind.CLIENT) as span:
        span.set_attributes({gen_ai.GEN_AI_OPERATION_NAME: gen_ai.GenAiOperationNameValues.CHAT.value,
                             gen_ai.GEN_AI_PROVIDER_NAME: client.provider,
                             gen_ai.GEN_AI_REQUEST_MODEL: client.model,
                             gen_ai.GEN_AI_REQUEST_MAX_TOKENS: MAX_TOKENS, **context_ids})
''', '''    from opentelemetry import trace as otel_trace

    span = tracer.start_span(f"chat {client.model}", kind=SpanKind.CLIENT,
                             attributes={"gen_ai.operation.name": "chat", "gen_ai.provider.name": client.provider,
                                         "gen_ai.request.model": client.model,
                                         "gen_ai.request.max_tokens": MAX_TOKENS, **context_ids})
    with otel_trace.use_span(span, end_on_exit=True, record_exception=True, set_status_on_exception=True):
''')]),
}
