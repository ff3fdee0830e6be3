"""Cited answers: retrieve, refuse without a call when retrieval is weak, ask, keep only citations that hold."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from agentkit import Message
from coderag.chunk import Chunk
from coderag.index import Index
from coderag.prompts import ANSWER_SYSTEM, REFUSAL, question_message
from coderag.settings import Settings

CITATION = re.compile(r"([\w./-]+\.py):(\d+)-(\d+)")


@dataclass
class Answer:
    text: str
    citations: list[str] = field(default_factory=list)  # "path:start-end", valid ones, in order, no repeats
    rejected: list[str] = field(default_factory=list)   # cited but not within a chunk the model was given
    refused: bool = False
    chunks: list[Chunk] = field(default_factory=list)   # what the model was given


def citations_in(text: str) -> list[tuple[str, int, int]]:
    """Every path:start-end in the text, in order, without repeats."""
    found = []
    for path, start, end in CITATION.findall(text):
        if (path, int(start), int(end)) not in found:
            found.append((path, int(start), int(end)))
    return found


def is_grounded(citation: tuple[str, int, int], chunks: list[Chunk]) -> bool:
    """A citation holds when its lines lie within one of the chunks given to the model (same file, start <= end)."""
    ### BEGIN SOLUTION
    path, start, end = citation
    return start <= end and any(c.path == path and c.start <= start and end <= c.end for c in chunks)
    ### END SOLUTION


def is_weak(index: Index, question: str, settings: Settings) -> bool:
    """Retrieval is weak when no chunk's cosine similarity to the question reaches settings.min_similarity."""
    ### BEGIN SOLUTION
    best = index.vector_search(question, 1)
    return not best or best[0][1] < settings.min_similarity
    ### END SOLUTION


def answer(llm, index: Index, question: str, settings: Settings | None = None) -> Answer:
    """Answer from the retrieved chunks with citations. No call when the best vector similarity is below
    settings.min_similarity; refused too when the reply keeps no valid citation."""
    settings = settings or index.settings
    ### BEGIN SOLUTION
    if is_weak(index, question, settings):
        return Answer(REFUSAL, refused=True)
    chunks = [hit.chunk for hit in index.search(question, settings.k)]
    reply = llm.chat([Message.user(question_message(question, chunks))], system=ANSWER_SYSTEM,
                     max_tokens=settings.max_tokens)
    cited = citations_in(reply.text)
    valid = [f"{p}:{s}-{e}" for p, s, e in cited if is_grounded((p, s, e), chunks)]
    rejected = [f"{p}:{s}-{e}" for p, s, e in cited if not is_grounded((p, s, e), chunks)]
    if not valid:
        return Answer(REFUSAL, [], rejected, refused=True, chunks=chunks)
    return Answer(reply.text, valid, rejected, refused=False, chunks=chunks)
    ### END SOLUTION
