"""Query transformation and reranking with a model: multi-query, hypothetical answers (HyDE), and an LLM
reranker whose ordering is checked before it is trusted. `client` is an agentkit.Client."""
from __future__ import annotations

import json
import re
from collections.abc import Hashable, Sequence

from agentkit.errors import LLMError
from hybrid_search.fusion import reciprocal_rank_fusion

REWRITE_SYSTEM = ("You turn a question about a Python codebase into search queries for a code search engine. "
                  "Reply with the queries only, one per line, no numbering.")
HYDE_SYSTEM = ("Write the Python code that would answer the question, as it might appear in the codebase: "
               "a function or class with its docstring. Code only, no explanation.")
RERANK_SYSTEM = ("You rank code snippets by how well they answer a question. Reply with a JSON array of the "
                 "snippets' ids, most relevant first, and nothing else.")
BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s*")


def multi_query(client, question: str, n: int = 3) -> list[str]:
    """The question, then up to `n` rewrites the model proposes (one per line; bullets, numbering, quotes and
    blank lines removed; repeats and the question itself left out)."""
    ### BEGIN SOLUTION
    reply = client.chat(f"Write {n} different search queries for this question:\n{question}",
                        system=REWRITE_SYSTEM, max_tokens=300)
    queries, seen = [question], {question.strip().lower()}
    for line in reply.text.splitlines():
        query = BULLET.sub("", line).strip().strip("\"'`").strip()
        if query and query.lower() not in seen:
            seen.add(query.lower())
            queries.append(query)
    return queries[:n + 1]
    ### END SOLUTION


def multi_query_search(client, search, question: str, k: int = 5, n: int = 3,
                       candidates: int = 20) -> list[Hashable]:
    """Every query's keyword and vector rankings (`search` is a HybridSearch), all fused in one RRF."""
    ### BEGIN SOLUTION
    rankings = [ranking for query in multi_query(client, question, n)
                for ranking in search.rankings(query, candidates)]
    return [doc_id for doc_id, _ in reciprocal_rank_fusion(rankings)[:k]]
    ### END SOLUTION


def hypothetical_answer(client, question: str) -> str:
    """The model's made-up answer (HyDE): code that looks like what we are looking for."""
    ### BEGIN SOLUTION
    return client.chat(question, system=HYDE_SYSTEM, max_tokens=400).text
    ### END SOLUTION


def hyde_search(client, search, question: str, k: int = 5) -> list[Hashable]:
    """Vector search with the embedding of the hypothetical answer instead of the question's."""
    ### BEGIN SOLUTION
    answer = hypothetical_answer(client, question)
    vector = search.vector.encoder.encode([answer])[0]
    return [search.ids[i] for i in search.vector.search_vector(vector, k)]
    ### END SOLUTION


def rerank_prompt(question: str, candidates: Sequence[tuple[Hashable, str]]) -> str:
    snippets = "\n\n".join(f"<snippet id=\"{doc_id}\">\n{text}\n</snippet>" for doc_id, text in candidates)
    return f"Question: {question}\n\n{snippets}\n\nReply with the JSON array of ids, most relevant first."


def rerank(client, question: str, candidates: Sequence[tuple[Hashable, str]]) -> list[Hashable]:
    """Every candidate's id, in the model's order. The model's reply is a JSON array of ids: ids it lists that
    are not candidates, and repeats, are ignored; candidates it leaves out follow in their original order. A
    reply that is not a JSON array, or a failed call, leaves the original order."""
    ids = [doc_id for doc_id, _ in candidates]
    ### BEGIN SOLUTION
    if not ids:
        return []
    try:
        reply = client.chat(rerank_prompt(question, candidates), system=RERANK_SYSTEM, max_tokens=300)
    except LLMError:
        return ids
    order = parse_ids(reply.text)
    if order is None:
        return ids
    by_text = {str(doc_id): doc_id for doc_id in ids}
    ranked: list[Hashable] = []
    for item in order:
        doc_id = by_text.get(str(item))
        if doc_id is not None and doc_id not in ranked:
            ranked.append(doc_id)
    return ranked + [doc_id for doc_id in ids if doc_id not in ranked]
    ### END SOLUTION


### BEGIN SOLUTION
def parse_ids(text: str) -> list | None:
    """The JSON array in a reply (a code fence around it is fine), or None."""
    stripped = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    try:
        found = json.loads(stripped)
    except ValueError:
        return None
    if not isinstance(found, list) or not all(isinstance(item, (str, int)) for item in found):
        return None
    return found
### END SOLUTION
