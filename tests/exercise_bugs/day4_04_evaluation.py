"""Plausible mistakes in days/day4-rag/notebooks/04-evaluation-and-observability.ipynb's exercises; each check
cell must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-kappa": {
        "agreement, not kappa": """
if len(a) != len(b) or not a:
    raise ValueError("two non-empty label lists of the same length")
return sum(x == y for x, y in zip(a, b)) / len(a)""",
        "chance from one rater only": """
if len(a) != len(b) or not a:
    raise ValueError("two non-empty label lists of the same length")
n = len(a)
observed = sum(x == y for x, y in zip(a, b)) / n
count_a = Counter(a)
expected = sum((count_a[label] / n) ** 2 for label in count_a)
return (observed - expected) / (1 - expected)""",
        "only True counts toward chance": """
if len(a) != len(b) or not a:
    raise ValueError("two non-empty label lists of the same length")
n = len(a)
observed = sum(x == y for x, y in zip(a, b)) / n
expected = (sum(1 for x in a if x is True) / n) * (sum(1 for y in b if y is True) / n)
return (observed - expected) / (1 - expected)""",
        "chance assumes equal label shares": """
if len(a) != len(b) or not a:
    raise ValueError("two non-empty label lists of the same length")
n = len(a)
observed = sum(x == y for x, y in zip(a, b)) / n
expected = 1 / len(set(a) | set(b))
return (observed - expected) / (1 - expected)""",
        "zip hides a length mismatch": """
if not a:
    raise ValueError("no labels")
n = min(len(a), len(b))
observed = sum(x == y for x, y in zip(a, b)) / n
count_a, count_b = Counter(a[:n]), Counter(b[:n])
expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
return (observed - expected) / (1 - expected)""",
        "divides by p_e": """
if len(a) != len(b) or not a:
    raise ValueError("two non-empty label lists of the same length")
n = len(a)
observed = sum(x == y for x, y in zip(a, b)) / n
count_a, count_b = Counter(a), Counter(b)
expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
return (observed - expected) / expected""",
    },
    "ex-cited-outside-context": {
        "context from every trace": """
sent = set()
for span in spans:
    if span.attributes.get("gen_ai.operation.name") == "chat":
        sent.update(span.attributes.get("rag.context.chunk_ids", ()))
return {root.attributes["rag.question"]: sorted(set(root.attributes.get("rag.answer.citations", ())) - sent)
        for root in spans if root.parent is None}""",
        "only the last chat span's context": """
sent = {}
for span in spans:
    if span.attributes.get("gen_ai.operation.name") == "chat":
        sent[span.context.trace_id] = set(span.attributes.get("rag.context.chunk_ids", ()))
return {root.attributes["rag.question"]:
        sorted(set(root.attributes.get("rag.answer.citations", ())) - sent.get(root.context.trace_id, set()))
        for root in spans if root.parent is None}""",
        "any span's context counts": """
sent = {}
for span in spans:
    sent.setdefault(span.context.trace_id, set()).update(span.attributes.get("rag.context.chunk_ids", ()))
return {root.attributes["rag.question"]:
        sorted(set(root.attributes.get("rag.answer.citations", ())) - sent.get(root.context.trace_id, set()))
        for root in spans if root.parent is None}""",
        "duplicates kept, unsorted": """
sent = {}
for span in spans:
    if span.attributes.get("gen_ai.operation.name") == "chat":
        sent.setdefault(span.context.trace_id, set()).update(span.attributes.get("rag.context.chunk_ids", ()))
return {root.attributes["rag.question"]:
        [c for c in root.attributes.get("rag.answer.citations", ()) if c not in sent.get(root.context.trace_id, set())]
        for root in spans if root.parent is None}""",
        "questions with no problem left out": """
sent = {}
for span in spans:
    if span.attributes.get("gen_ai.operation.name") == "chat":
        sent.setdefault(span.context.trace_id, set()).update(span.attributes.get("rag.context.chunk_ids", ()))
found = {root.attributes["rag.question"]:
         sorted(set(root.attributes.get("rag.answer.citations", ())) - sent.get(root.context.trace_id, set()))
         for root in spans if root.parent is None}
return {question: ids for question, ids in found.items() if ids}""",
    },
}
