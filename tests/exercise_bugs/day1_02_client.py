"""Plausible mistakes in notebook days/day1-foundations/notebooks/02-client-and-streaming.ipynb's exercises, which
its check cells must catch (see tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-system": {
        "keeps the system turns in the list": """
system = [m["content"] for m in messages if m["role"] == "system"]
return ("\\n\\n".join(system) if system else None), list(messages)""",
        "only the first system prompt": """
system = next((m["content"] for m in messages if m["role"] == "system"), None)
return system, [m for m in messages if m["role"] != "system"]""",
        "an empty string for no system prompt": """
system = [m["content"] for m in messages if m["role"] == "system"]
return "\\n\\n".join(system), [m for m in messages if m["role"] != "system"]""",
        "removes the system turns from the caller's list": """
system = [m["content"] for m in messages if m["role"] == "system"]
for m in [m for m in messages if m["role"] == "system"]:
    messages.remove(m)
return ("\\n\\n".join(system) if system else None), messages""",
    },
    "ex-ttft": {
        "counts the role-only empty chunk as the first token": """
start = clock()
parts, first = [], None
for piece in deltas:
    if first is None:
        first = clock() - start
    parts.append(piece)
return "".join(parts), first, clock() - start""",
        "reads the wall clock": """
import time as wall
start = wall.time()
parts, first = [], None
for piece in deltas:
    if piece and first is None:
        first = wall.time() - start
    parts.append(piece)
return "".join(parts), first, wall.time() - start""",
        "stops the total at the last text": """
start = clock()
parts, first, last = [], None, None
for piece in deltas:
    if piece:
        last = clock() - start
        if first is None:
            first = last
    parts.append(piece)
return "".join(parts), first, last""",
        "starts the clock at the first delta": """
parts, first, start = [], None, None
for piece in deltas:
    if start is None:
        start = clock()
    if piece and first is None:
        first = clock() - start
    parts.append(piece)
return "".join(parts), first, clock() - start""",
    },
}
