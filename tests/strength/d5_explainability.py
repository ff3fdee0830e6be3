"""d5-explainability: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
SCORECARD = "scorecard.py"
REPORT = "report.py"
COUNTERFACTUAL = "counterfactual.py"
RATIONALE = "rationale.py"
SUMMARY = "summary.py"

BROKEN = {
    "factors ranked by absolute contribution: signed points ranked instead": (REPORT, [(
        "    return sorted(factors, key=lambda f: -abs(f.contribution))",
        "    return sorted(factors, key=lambda f: -f.contribution)")]),
    "approve when the score reaches the threshold: a score equal to it declined": (SCORECARD, [(
        "        outcome = self.approve if score >= self.threshold else self.decline",
        "        outcome = self.approve if score > self.threshold else self.decline")]),
    "counterfactuals are the nearest change: the grid searched from its minimum up": (COUNTERFACTUAL, [(
        "    candidates = sorted((v for v in grid(rule) if v != current), key=lambda v: (abs(v - current), v))",
        "    candidates = [v for v in grid(rule) if v != current]")]),
    "a rule on a protected attribute is refused: the check skipped": (SCORECARD, [(
        "        if protected := [f for f in features if is_protected(f)]:",
        "        if protected := []:")]),
    "rationale validated: one that contradicts the decision accepted": (RATIONALE, [(
        "    if rationale.decision.strip().lower() != decision.outcome.lower():", "    if False:")]),
    "summary: changes the applicant cannot make offered as advice": (SUMMARY, [(
        "                   for c in changes if c.actionable]", "                   for c in changes]")]),
}

CORRECT = {
    "rank with reverse=True (a stable sort keeps rule order on ties)": (REPORT, [(
        "    return sorted(factors, key=lambda f: -abs(f.contribution))",
        "    return sorted(factors, key=lambda f: abs(f.contribution), reverse=True)")]),
    "counterfactual search pops the nearest grid value from a heap": (COUNTERFACTUAL, [(
        '''    candidates = sorted((v for v in grid(rule) if v != current), key=lambda v: (abs(v - current), v))
    for value in candidates:''', '''    import heapq
    heap = [(abs(v - current), v) for v in grid(rule) if v != current]
    heapq.heapify(heap)
    while heap:
        _, value = heapq.heappop(heap)''')]),
}
