"""Plausible mistakes in days/day4-rag/notebooks/03-cited-answers-and-metrics.ipynb's exercises; each check cell
must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-ndcg": {
        "exponential gain": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return None
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked[:k], start=1):
    if doc not in seen:
        dcg += (2 ** grades.get(doc, 0) - 1) / math.log2(position + 1)
    seen.add(doc)
ideal = sorted(grades.values(), reverse=True)[:k]
return dcg / sum((2 ** g - 1) / math.log2(position + 1) for position, g in enumerate(ideal, start=1))""",
        "IDCG not cut at k": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return None
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked[:k], start=1):
    if doc not in seen:
        dcg += grades.get(doc, 0) / math.log2(position + 1)
    seen.add(doc)
ideal = sorted(grades.values(), reverse=True)
return dcg / sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1))""",
        "IDCG from the retrieved chunks only": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return None
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked[:k], start=1):
    if doc not in seen:
        dcg += grades.get(doc, 0) / math.log2(position + 1)
    seen.add(doc)
ideal = sorted((grades.get(doc, 0) for doc in set(ranked[:k])), reverse=True)
best = sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1))
return dcg / best if best else 0.0""",
        "counts a repeated chunk again": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return None
dcg = sum(grades.get(doc, 0) / math.log2(position + 1) for position, doc in enumerate(ranked[:k], start=1))
ideal = sorted(grades.values(), reverse=True)[:k]
return dcg / sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1))""",
        "discount off by one": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return None
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked[:k], start=1):
    if doc not in seen:
        dcg += grades.get(doc, 0) / math.log2(position + 2)
    seen.add(doc)
ideal = sorted(grades.values(), reverse=True)[:k]
return dcg / sum(g / math.log2(position + 2) for position, g in enumerate(ideal, start=1))""",
        "binary relevance": """
grades = {doc: 1 for doc, g in relevant.items() if g > 0}
if not grades:
    return None
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked[:k], start=1):
    if doc not in seen:
        dcg += grades.get(doc, 0) / math.log2(position + 1)
    seen.add(doc)
ideal = sorted(grades.values(), reverse=True)[:k]
return dcg / sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1))""",
        "ignores k": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return None
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked, start=1):
    if doc not in seen:
        dcg += grades.get(doc, 0) / math.log2(position + 1)
    seen.add(doc)
ideal = sorted(grades.values(), reverse=True)[:k]
return min(1.0, dcg / sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1)))""",
        "zero instead of None": """
grades = {doc: g for doc, g in relevant.items() if g > 0}
if not grades:
    return 0.0
seen, dcg = set(), 0.0
for position, doc in enumerate(ranked[:k], start=1):
    if doc not in seen:
        dcg += grades.get(doc, 0) / math.log2(position + 1)
    seen.add(doc)
ideal = sorted(grades.values(), reverse=True)[:k]
return dcg / sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1))""",
    },
    "ex-check-citation": {
        "checks the file, not the retrieved chunks": """
if citation.path not in corpus:
    return "unknown file"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines):
    return "bad range"
cited = "\\n".join(file_lines[citation.start - 1:citation.end])
if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(cited.split()):
    return "quote not found"
return None""",
        "a range may span two chunks": """
if citation.path not in corpus:
    return "unknown file"
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines):
    return "bad range"
if not (any(c.start <= citation.start <= c.end for c in sent) and any(c.start <= citation.end <= c.end for c in sent)):
    return "outside retrieved lines"
cited = "\\n".join(file_lines[citation.start - 1:citation.end])
if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(cited.split()):
    return "quote not found"
return None""",
        "quotes compared without squeezing whitespace": """
if citation.path not in corpus:
    return "unknown file"
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines):
    return "bad range"
if not any(c.start <= citation.start and citation.end <= c.end for c in sent):
    return "outside retrieved lines"
cited = "\\n".join(file_lines[citation.start - 1:citation.end])
if citation.quote is not None and citation.quote not in cited:
    return "quote not found"
return None""",
        "the quote searched in the whole file": """
if citation.path not in corpus:
    return "unknown file"
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines):
    return "bad range"
if not any(c.start <= citation.start and citation.end <= c.end for c in sent):
    return "outside retrieved lines"
if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(corpus[citation.path].split()):
    return "quote not found"
return None""",
        "reversed ranges pass": """
if citation.path not in corpus:
    return "unknown file"
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
file_lines = corpus[citation.path].splitlines()
if citation.start < 1 or citation.end > len(file_lines):
    return "bad range"
if not any(c.start <= min(citation.start, citation.end) and max(citation.start, citation.end) <= c.end for c in sent):
    return "outside retrieved lines"
return None""",
        "off by one at the end of the file": """
if citation.path not in corpus:
    return "unknown file"
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines) + 1:
    return "bad range"
if not any(c.start <= citation.start and citation.end <= c.end for c in sent):
    return "outside retrieved lines"
cited = "\\n".join(file_lines[citation.start - 1:citation.end])
if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(cited.split()):
    return "quote not found"
return None""",
        "reasons in the wrong order": """
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
if citation.path not in corpus:
    return "unknown file"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines):
    return "bad range"
if not any(c.start <= citation.start and citation.end <= c.end for c in sent):
    return "outside retrieved lines"
cited = "\\n".join(file_lines[citation.start - 1:citation.end])
if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(cited.split()):
    return "quote not found"
return None""",
        "off by one in the cited lines": """
if citation.path not in corpus:
    return "unknown file"
sent = [c for c in chunks if c.path == citation.path]
if not sent:
    return "not retrieved"
file_lines = corpus[citation.path].splitlines()
if not 1 <= citation.start <= citation.end <= len(file_lines):
    return "bad range"
if not any(c.start <= citation.start and citation.end <= c.end for c in sent):
    return "outside retrieved lines"
cited = "\\n".join(file_lines[citation.start:citation.end])
if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(cited.split()):
    return "quote not found"
return None""",
    },
}
