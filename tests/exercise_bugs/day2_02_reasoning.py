"""Plausible mistakes in days/day2-prompting/notebooks/02-reasoning-and-evaluation.ipynb's exercises; each check
cell must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-extract-answer": {
        "reads the first tag": """
found = re.findall(r"<answer>(.*?)</answer>", text, re.DOTALL | re.IGNORECASE)
answer = found[0].strip() if found else ""
return answer or None""",
        "searches the prose": """
found = re.search(r"answer(?: is)?[:\\s>]*([\\d.,]+[^<\\n]*)", text, re.IGNORECASE)
return found.group(1).strip() if found else None""",
        "greedy match across tags": """
found = re.findall(r"<answer>(.*)</answer>", text, re.DOTALL | re.IGNORECASE)
answer = found[-1].strip() if found else ""
return answer or None""",
        "does not trim": """
found = re.findall(r"<answer>(.*?)</answer>", text, re.DOTALL | re.IGNORECASE)
return found[-1] if found and found[-1].strip() else None""",
        "an empty tag is an answer": """
found = re.findall(r"<answer>(.*?)</answer>", text, re.DOTALL | re.IGNORECASE)
return found[-1].strip() if found else None""",
        "an unclosed tag is an answer": """
found = re.findall(r"<answer>(.*?)(?:</answer>|$)", text, re.DOTALL | re.IGNORECASE)
answer = found[-1].strip() if found else ""
return answer or None""",
        "case-sensitive tag": """
found = re.findall(r"<answer>(.*?)</answer>", text, re.DOTALL)
answer = found[-1].strip() if found else ""
return answer or None""",
    },
    "ex-majority-vote": {
        "None votes": """
counts, first = {}, {}
for position, answer in enumerate(answers):
    key = canonical(answer)
    counts[key] = counts.get(key, 0) + 1
    first.setdefault(key, position)
if not counts:
    return None
return min(counts, key=lambda key: (-counts[key], first[key]))""",
        "votes on the raw strings": """
counts, first = {}, {}
for position, answer in enumerate(answers):
    if answer is None:
        continue
    counts[answer] = counts.get(answer, 0) + 1
    first.setdefault(answer, position)
if not counts:
    return None
return canonical(min(counts, key=lambda key: (-counts[key], first[key])))""",
        "a tie goes to the larger answer": """
counts = {}
for answer in answers:
    key = canonical(answer)
    if key is not None:
        counts[key] = counts.get(key, 0) + 1
if not counts:
    return None
return max(counts, key=lambda key: (counts[key], key))""",
        "a tie goes to the last vote": """
counts, last = {}, {}
for position, answer in enumerate(answers):
    key = canonical(answer)
    if key is None:
        continue
    counts[key] = counts.get(key, 0) + 1
    last[key] = position
if not counts:
    return None
return min(counts, key=lambda key: (-counts[key], -last[key]))""",
        "returns a raw answer": """
counts, first = {}, {}
for position, answer in enumerate(answers):
    key = canonical(answer)
    if key is None:
        continue
    counts[key] = counts.get(key, 0) + 1
    first.setdefault(key, answer)
if not counts:
    return None
return first[max(counts, key=counts.get)]""",
        "no votes crashes": """
from collections import Counter
votes = Counter(canonical(a) for a in answers if canonical(a) is not None)
return votes.most_common(1)[0][0]""",
    },
    "ex-mcnemar": {
        "one-sided": """
n = a_only + b_only
if n == 0:
    return 1.0
return sum(comb(n, k) for k in range(min(a_only, b_only) + 1)) / 2 ** n""",
        "not capped at 1": """
n = a_only + b_only
if n == 0:
    return 1.0
return 2 * sum(comb(n, k) for k in range(min(a_only, b_only) + 1)) / 2 ** n""",
        "the chi-square approximation": """
import math
n = a_only + b_only
if n == 0:
    return 1.0
statistic = (abs(a_only - b_only) - 1) ** 2 / n
return min(1.0, math.erfc(math.sqrt(statistic / 2)))""",
        "the tail stops one short": """
n = a_only + b_only
if n == 0:
    return 1.0
return min(1.0, 2 * sum(comb(n, k) for k in range(min(a_only, b_only))) / 2 ** n)""",
        "the larger count's tail": """
n = a_only + b_only
if n == 0:
    return 1.0
return min(1.0, 2 * sum(comb(n, k) for k in range(max(a_only, b_only) + 1)) / 2 ** n)""",
    },
}
