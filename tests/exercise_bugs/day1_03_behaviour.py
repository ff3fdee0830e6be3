"""Plausible mistakes in Day 1 notebook 03's exercises (model behaviour); each check cell must catch every one."""
EXERCISE_BUGS = {
    "d1-03-final-answer": {
        "searches the prose for an admission": """
import re
if re.search(r"don.t know|not sure|does not say", text, re.IGNORECASE):
    return None
lines = [line.strip() for line in text.splitlines() if line.strip()]
if not lines or not lines[-1].upper().startswith("ANSWER:"):
    return None
value = lines[-1][len("ANSWER:"):].strip()
return None if value.upper() == "UNKNOWN" else value""",
        "takes the first tagged line, wherever it is": """
for line in text.splitlines():
    if line.strip().upper().startswith("ANSWER:"):
        value = line.strip()[len("ANSWER:"):].strip()
        return None if value.upper() == "UNKNOWN" else value
return None""",
        "UNKNOWN is an answer": """
lines = [line.strip() for line in text.splitlines() if line.strip()]
if not lines or not lines[-1].upper().startswith("ANSWER:"):
    return None
return lines[-1][len("ANSWER:"):].strip()""",
        "only the upper-case tag": """
lines = [line.strip() for line in text.splitlines() if line.strip()]
if not lines or not lines[-1].startswith("ANSWER:"):
    return None
value = lines[-1][len("ANSWER:"):].strip()
return None if value.upper() == "UNKNOWN" else value""",
    },
    "d1-03-place": {
        "middle appends at the end": """
index = {"start": 0, "middle": len(documents), "end": len(documents)}[where]
return documents[:index] + [fact] + documents[index:]""",
        "replaces a document": """
placed = list(documents)
index = {"start": 0, "middle": len(documents) // 2, "end": len(documents) - 1}[where]
placed[index] = fact
return placed""",
        "changes the list it is given": """
index = {"start": 0, "middle": len(documents) // 2, "end": len(documents)}[where]
documents.insert(index, fact)
return documents""",
        "end goes before the last document": """
index = {"start": 0, "middle": len(documents) // 2, "end": len(documents) - 1}[where]
return documents[:index] + [fact] + documents[index:]""",
    },
}
