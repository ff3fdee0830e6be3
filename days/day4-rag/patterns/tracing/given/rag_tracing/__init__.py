"""Tracing a RAG answer: one OpenTelemetry trace per question, with retrieval, chat and tool spans named and
attributed by the GenAI semantic conventions, errors on the span, and JSON logs that carry the trace id."""
from rag_tracing.logs import JsonFormatter
from rag_tracing.pipeline import CHUNKS, Chunk, citations, lookup_symbol, pack, retrieve
from rag_tracing.traced import COST_USD, DATA_SOURCE, WORKFLOW, answer_question

__all__ = ["answer_question", "JsonFormatter", "COST_USD", "DATA_SOURCE", "WORKFLOW", "CHUNKS", "Chunk", "retrieve",
           "pack", "citations", "lookup_symbol"]
