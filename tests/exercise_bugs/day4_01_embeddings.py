"""Plausible mistakes in days/day4-rag/notebooks/01-embeddings-and-vector-stores.ipynb's exercises; each check cell
must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-rank": {
        "dot product of unnormalised vectors": """
scores = np.asarray(matrix) @ np.asarray(query_vector)
order = sorted(range(len(scores)), key=lambda row: (-scores[row], row))
return [(row, float(scores[row])) for row in order[:k]]""",
        "divides by the norm of the whole matrix": """
matrix = np.asarray(matrix, dtype=np.float64)
query = np.asarray(query_vector, dtype=np.float64)
scores = (matrix / np.linalg.norm(matrix)) @ (query / np.linalg.norm(query))
order = sorted(range(len(scores)), key=lambda row: (-scores[row], row))
return [(row, float(scores[row])) for row in order[:k]]""",
        "ties in reverse row order": """
matrix = np.asarray(matrix, dtype=np.float64)
query = np.asarray(query_vector, dtype=np.float64)
norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(query)
scores = np.divide(matrix @ query, norms, out=np.zeros(len(matrix)), where=norms > 0)
order = np.argsort(scores, kind="stable")[::-1]
return [(int(row), float(scores[row])) for row in order[:k]]""",
        "argpartition fails when k reaches the number of rows": """
matrix = np.asarray(matrix, dtype=np.float64)
query = np.asarray(query_vector, dtype=np.float64)
norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(query)
scores = np.divide(matrix @ query, norms, out=np.zeros(len(matrix)), where=norms > 0)
best = np.argpartition(-scores, k)[:k]
best = sorted(best, key=lambda row: (-scores[row], row))
return [(int(row), float(scores[row])) for row in best]""",
        "a zero row becomes NaN": """
matrix = np.asarray(matrix, dtype=np.float64)
query = np.asarray(query_vector, dtype=np.float64)
scores = (matrix @ query) / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query))
order = sorted(range(len(scores)), key=lambda row: (-scores[row], row))
return [(row, float(scores[row])) for row in order[:k]]""",
    },
    "ex-plan-sync": {
        "hash() is salted per process": """
embed = [path for path, text in files.items() if indexed.get(path) != str(hash(text))]
remove = [path for path in indexed if path not in files]
return sorted(embed), sorted(remove)""",
        "only new paths are embedded": """
embed = [path for path in files if path not in indexed]
remove = [path for path in indexed if path not in files]
return sorted(embed), sorted(remove)""",
        "deleted files stay in the index": """
embed = [path for path, text in files.items()
         if indexed.get(path) != hashlib.sha256(text.encode("utf-8")).hexdigest()]
return sorted(embed), []""",
        "hashes the path, not the content": """
embed = [path for path in files if indexed.get(path) != hashlib.sha256(path.encode("utf-8")).hexdigest()]
remove = [path for path in indexed if path not in files]
return sorted(embed), sorted(remove)""",
        "not sorted": """
embed = [path for path, text in files.items()
         if indexed.get(path) != hashlib.sha256(text.encode("utf-8")).hexdigest()]
remove = [path for path in indexed if path not in files]
return embed, remove""",
    },
}
