"""Plausible mistakes in days/day4-rag/notebooks/02-chunking-and-hybrid-retrieval.ipynb's exercises; each check
cell must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-split-identifier": {
        "underscores only": """
return [part.lower() for part in word.split("_") if part]""",
        "case changes only": """
return [part.lower() for part in re.findall(r"[A-Z]?[a-z]+|[A-Z]+|[0-9]+", word)]""",
        "acronyms swallow the next word": """
return [part.lower() for piece in word.split("_") for part in re.findall(r"[A-Z]+[a-z]*|[a-z]+|[0-9]+", piece)]""",
        "digits dropped": """
return [part.lower() for piece in word.split("_") for part in re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+", piece)]""",
        "not lower-cased": """
return [part for piece in word.split("_") for part in re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+", piece)]""",
    },
    "ex-rrf": {
        "ranks from 0": """
scores = {}
for ranking in rankings:
    for rank, item in enumerate(dict.fromkeys(ranking)):
        scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
return sorted(scores, key=lambda item: -scores[item])""",
        "ids in one list only are dropped": """
scores, counts = {}, {}
for ranking in rankings:
    for rank, item in enumerate(dict.fromkeys(ranking), 1):
        scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
        counts[item] = counts.get(item, 0) + 1
return sorted((i for i in scores if counts[i] == len(rankings)), key=lambda item: -scores[item])""",
        "repeats counted twice": """
scores = {}
for ranking in rankings:
    for rank, item in enumerate(ranking, 1):
        scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
return sorted(scores, key=lambda item: -scores[item])""",
        "k ignored": """
scores = {}
for ranking in rankings:
    seen = set()
    for rank, item in enumerate(ranking, 1):
        if item not in seen:
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (60 + rank)
return sorted(scores, key=lambda item: -scores[item])""",
        "ascending order": """
scores = {}
for ranking in rankings:
    for rank, item in enumerate(dict.fromkeys(ranking), 1):
        scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
return sorted(scores, key=lambda item: scores[item])""",
    },
}
