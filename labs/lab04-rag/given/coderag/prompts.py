"""The answer's prompt: the retrieved chunks, each labelled with its span, then the question."""
from coderag.chunk import Chunk

ANSWER_SYSTEM = (
    "You answer questions about the source code of the Python package click, using only the excerpts given. "
    "Cite every claim with the span it comes from, in square brackets, as [path:start-end] (for example "
    "[termui.py:120-135]); a span lies within one excerpt. If the excerpts do not answer the question, reply "
    "exactly: I don't know.")
REFUSAL = "I don't know."


def context_block(chunk: Chunk) -> str:
    """One excerpt as the model sees it: a heading with its span and symbol, then its lines."""
    return f"### {chunk.span} ({chunk.symbol})\n```python\n{chunk.text}\n```"


def question_message(question: str, chunks: list[Chunk]) -> str:
    excerpts = "\n\n".join(context_block(chunk) for chunk in chunks)
    return f"Excerpts from click's source:\n\n{excerpts}\n\nQuestion: {question}"
