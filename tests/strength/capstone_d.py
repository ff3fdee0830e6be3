"""capstone-d: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CHECKING, DESK = "checking.py", "desk.py"

BROKEN = {
    "check claims: a number the passage does not have is accepted": (CHECKING, [(
        "    if not numbers(claim.text) <= numbers(passage.text):\n        return \"number not in passage\"\n", "")]),
    "criticise: a contradiction between two passages of one document is kept": (CHECKING, [(
        "    if a.doc_id == b.doc_id:\n        return \"same document\"\n", "")]),
    "write: a summary line is kept when one of its citations has a kept claim": (CHECKING, [(
        "    if any(c not in accepted for c in cited):", "    if all(c not in accepted for c in cited):"), (
        "    if not numbers(line) <= set().union(*(numbers(accepted[c].text) for c in cited)):",
        "    if not numbers(line) <= set().union(*(numbers(accepted[c].text) for c in cited if c in accepted)):")]),
    "budgets: one call more than max_steps": (DESK, [(
        "        if self.calls >= self.budget.max_steps:", "        if self.calls > self.budget.max_steps:")]),
}

CORRECT = {
    "checks: one pass over the citations, collecting the numbers they allow": (CHECKING, [(
        """    cited = citations(line)
    if not cited:
        return "uncited"
    if any(c not in accepted for c in cited):
        return "cites a passage with no accepted claim"
    if not numbers(line) <= set().union(*(numbers(accepted[c].text) for c in cited)):
        return "number not in cited passages"
    return None
""", """    cited = citations(line)
    if not cited:
        return "uncited"
    allowed: set = set()
    for c in cited:
        if c not in accepted:
            return "cites a passage with no accepted claim"
        allowed |= numbers(accepted[c].text)
    return "number not in cited passages" if numbers(line) - allowed else None
"""), ("""    if a.doc_id == b.doc_id:
        return "same document"
    if not numbers(item.explanation) <= numbers(a.text) | numbers(b.text):""", """    if a.doc_id == b.doc_id:
        return "same document"
    if numbers(item.explanation) - numbers(a.text) - numbers(b.text):""")]),
}
