"""d2-reasoning-prompts: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
PROMPTS, VOTING = "prompts.py", "voting.py"

BROKEN = {
    "extract_answer: the first <answer> is read, not the last": (PROMPTS, [(
        "    return last_tagged(ANSWER, text)",
        '    found = ANSWER.findall(text or "")\n    return (found[0].strip() or None) if found else None')]),
    "few-shot: the most similar example is put first, far from the problem": (PROMPTS, [(
        "    for example in reversed(examples):", "    for example in examples:")]),
    "chain: the second call is made without facts": (PROMPTS, [(
        "    if facts is None:\n        return None\n", "")]),
    "majority_vote: a tie goes to the answer seen last": (VOTING, [(
        "    return next(key for key in votes if votes[key] == best)",
        "    return [key for key in votes if votes[key] == best][-1]")]),
    "majority_vote: answers vote by their raw text, not their canonical form": (VOTING, [(
        "    votes = Counter(canonical(a) for a in answers if canonical(a) is not None)",
        "    votes = Counter(a.strip() for a in answers if a is not None)")]),
}

CORRECT = {
    "majority_vote: counts and first positions kept by hand, min over (-count, first)": (VOTING, [(
        '''    votes = Counter(canonical(a) for a in answers if canonical(a) is not None)
    if not votes:
        return None
    best = max(votes.values())
    return next(key for key in votes if votes[key] == best)  # a Counter keeps first-seen order''',
        '''    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for position, answer in enumerate(answers):
        key = canonical(answer)
        if key is None:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, position)
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], first[key]))''')]),
}
