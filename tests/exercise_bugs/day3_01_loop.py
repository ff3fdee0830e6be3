"""Plausible mistakes in days/day3-agents/notebooks/01-agent-loop-and-memory.ipynb's exercises; each check cell
must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-run-tool-calls": {
        "runs only the first call": """
if not reply.tool_calls:
    return []
call = reply.tool_calls[0]
return [Message.tool_result(call, json.dumps(functions[call.name](**call.arguments)))]""",
        "an unknown tool crashes the run": """
results = []
for call in reply.tool_calls:
    try:
        result = functions[call.name](**call.arguments)
    except TypeError as exc:
        results.append(Message.tool_result(call, f"error: {call.name}: {exc}", is_error=True))
        continue
    results.append(Message.tool_result(call, result if isinstance(result, str) else json.dumps(result)))
return results""",
        "a failing tool crashes the run": """
results = []
for call in reply.tool_calls:
    if call.name not in functions:
        results.append(Message.tool_result(call, f"error: no tool named {call.name}", is_error=True))
        continue
    result = functions[call.name](**call.arguments)
    results.append(Message.tool_result(call, result if isinstance(result, str) else json.dumps(result)))
return results""",
        "errors are not flagged": """
results = []
for call in reply.tool_calls:
    try:
        result = functions[call.name](**call.arguments)
    except Exception as exc:
        result = f"error: {call.name} failed: {type(exc).__name__}: {exc}"
    results.append(Message.tool_result(call, result if isinstance(result, str) else json.dumps(result)))
return results""",
        "str() instead of JSON": """
results = []
for call in reply.tool_calls:
    try:
        results.append(Message.tool_result(call, str(functions[call.name](**call.arguments))))
    except Exception as exc:
        results.append(Message.tool_result(call, f"error: {call.name} failed: {type(exc).__name__}: {exc}",
                                           is_error=True))
return results""",
    },
    "ex-newest-window": {
        "forgets each turn's framing tokens": """
for start in range(len(turns)):
    if turns[start]["role"] == "user" and sum(count_tokens(t["content"]) for t in turns[start:]) <= room:
        return turns[:start], turns[start:]
raise ValueError("nothing fits")""",
        "keeps the oldest turns": """
for end in range(len(turns), 0, -1):
    if prompt_tokens(None, turns[:end]) <= room:
        return turns[end:], turns[:end]
raise ValueError("nothing fits")""",
        "may start with an assistant turn": """
for start in range(len(turns)):
    if prompt_tokens(None, turns[start:]) <= room:
        return turns[:start], turns[start:]
raise ValueError("nothing fits")""",
        "skips a long turn and keeps older ones": """
kept, used = [], 0
for turn in reversed(turns):
    cost = prompt_tokens(None, [turn])
    if used + cost <= room:
        kept.insert(0, turn)
        used += cost
while kept and kept[0]["role"] != "user":
    kept.pop(0)
if not kept:
    raise ValueError("nothing fits")
return [t for t in turns if t not in kept], kept""",
        "nothing fits gives an empty window": """
for start in range(len(turns)):
    if turns[start]["role"] == "user" and prompt_tokens(None, turns[start:]) <= room:
        return turns[:start], turns[start:]
return turns, []""",
    },
    "ex-rank-memories": {
        "ranks by similarity alone": """
scored = [(text, float(query_vector @ vector)) for text, vector, at in memories]
return sorted(scored, key=lambda pair: -pair[1])[:k]""",
        "decays by e, not by half": """
import math
scored = [(text, float(query_vector @ vector) * math.exp(-((now - at) / half_life))) for text, vector, at in memories]
return sorted(scored, key=lambda pair: -pair[1])[:k]""",
        "timedelta.seconds drops the days": """
scored = [(text, float(query_vector @ vector) * 0.5 ** ((now - at).seconds / half_life.total_seconds()))
          for text, vector, at in memories]
return sorted(scored, key=lambda pair: -pair[1])[:k]""",
        "age measured backwards": """
scored = [(text, float(query_vector @ vector) * 0.5 ** ((at - now) / half_life)) for text, vector, at in memories]
return sorted(scored, key=lambda pair: -pair[1])[:k]""",
        "not cut to k": """
scored = [(text, float(query_vector @ vector) * 0.5 ** ((now - at) / half_life)) for text, vector, at in memories]
return sorted(scored, key=lambda pair: -pair[1])""",
    },
}
