"""What the Lab 02 tests, visible and hidden, share: the code they analyse, the findings a review of it should
keep, and readers of what the grader recorded.

What the code under test sent to the model is what the grader's broker recorded (`trace["sent"]`, or `live.sent`
for a served app); what it returned is plain data from ../driver.py; an HTTP answer is what the grader received.
"""
from __future__ import annotations

USER_LOOKUP = '''import sqlite3


def find_user(db_path, name):
    conn = sqlite3.connect(db_path)
    query = "SELECT * FROM users WHERE name = '" + name + "'"
    rows = conn.execute(query).fetchall()
    return rows


def total_spent(orders):
    total = 0
    for order in orders:
        total = total + sum([item.price for item in order.items])
    return total
'''

# (severity, category, line, snippet) of each finding in the scenarios' valid review, in its order
REVIEW = [
    ("high", "security", 6, "\"SELECT * FROM users WHERE name = '\" + name + \"'\""),
    ("medium", "general", 5, "sqlite3.connect(db_path)"),
    ("low", "performance", 14, "sum([item.price for item in order.items])"),
]
REVIEW_SCORE = 35
REVIEW_SUMMARY_START = "A user lookup open to SQL injection"
ISSUE_FIELDS = {"severity": str, "category": str, "line": int, "snippet": str, "explanation": str, "fix": str}
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}


def analysis_of(trace: dict) -> dict:
    """The Analysis `analyze` returned, once it is known to have the contract's shape."""
    assert trace["ok"], f"the driver could not run analyze: {trace['error']}"
    result = trace["result"]
    assert result["raised"] is None, f"analyze raised {result['raised']}: {result['message']}"
    return well_formed(result["analysis"])


def well_formed(analysis) -> dict:
    """`analysis` if it is an Analysis as JSON data (issues with the contract's fields, a summary, a score)."""
    assert isinstance(analysis, dict), f"expected an Analysis; got {str(analysis)[:200]}"
    assert isinstance(analysis.get("issues"), list), f"the analysis has no issues list: {str(analysis)[:300]}"
    assert isinstance(analysis.get("summary"), str), f"the analysis has no summary: {str(analysis)[:300]}"
    assert isinstance(analysis.get("score"), int) and not isinstance(analysis.get("score"), bool), \
        f"the score should be an int: {analysis.get('score')!r}"
    for issue in analysis["issues"]:
        wrong = [name for name, kind in ISSUE_FIELDS.items()
                 if not isinstance(issue, dict) or not isinstance(issue.get(name), kind)
                 or isinstance(issue.get(name), bool)]
        assert not wrong, f"an issue whose fields {wrong} are missing or of the wrong type: {str(issue)[:300]}"
    return analysis


def findings(analysis: dict) -> list[tuple]:
    """(severity, category, line, snippet) of each issue, in order."""
    return [(i["severity"], i["category"], i["line"], i["snippet"]) for i in analysis["issues"]]


def raised(trace: dict) -> str | None:
    assert trace["ok"], f"the driver could not run analyze: {trace['error']}"
    return trace["result"]["raised"]


def turns(request: dict) -> list[tuple[str, str]]:
    return [(role, text) for role, text in request["messages"]]


def user_turns(request: dict) -> list[str]:
    return [text for role, text in request["messages"] if role == "user"]


def all_text(request: dict) -> str:
    return "\n".join([request.get("system") or "", *(text for _, text in request["messages"])])


def carries_the_code(request: dict, source: str) -> bool:
    """The first user turn holds <code> ... </code> with every non-blank line of `source` between them, in order."""
    first = user_turns(request)[0] if user_turns(request) else ""
    start, end = first.find("<code>"), first.rfind("</code>")
    if start < 0 or end < start:
        return False
    inside, at = first[start:end], 0
    for line in (line for line in source.splitlines() if line.strip()):
        at = inside.find(line, at)
        if at < 0:
            return False
        at += len(line)
    return True


def said(answer: dict) -> str:
    """An HTTP answer in a few words, for assertion messages."""
    if answer["status"] is None:
        return f"no answer ({answer['error']})"
    return f"{answer['status']} {answer['text'][:200]!r}"


def error_json(answer: dict) -> bool:
    """An error answer the contract allows: a JSON object with a `detail`."""
    return isinstance(answer["json"], dict) and "detail" in answer["json"]
