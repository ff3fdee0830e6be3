"""d4-llm-judge: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
JUDGE = "judge.py"
CALIBRATION = "calibration.py"

BROKEN = {
    "no verdict is never a pass: an invalid faithfulness reply counted as faithful": (JUDGE, [(
        '''    verdict = parse_verdict(text, FaithfulnessVerdict)
    if verdict is None:
        return Judgement(passed=None, reason=f"not a valid verdict: {text[:200]}")''', '''    verdict = parse_verdict(text, FaithfulnessVerdict)
    if verdict is None:
        return Judgement(passed=True, reason=f"not a valid verdict: {text[:200]}")''')]),
    "fenced verdicts: a reply in a ```json fence refused": (JUDGE, [(
        '        return schema.model_validate_json(fenced["body"] if fenced else text)',
        '        return schema.model_validate_json(text)')]),
    "pairwise: the swapped order's winner not mapped back": (JUDGE, [(
        '                        (second, first, {"A": "second", "B": "first"})):',
        '                        (second, first, {"A": "first", "B": "second"})):')]),
    "pairwise: asked in one order only": (JUDGE, [(
        "    return winners[0] if winners[0] == winners[1] else \"tie\"", "    return winners[0]")]),
    "kappa: chance agreement from one rater's frequencies only": (CALIBRATION, [(
        "    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)",
        "    expected = sum(count_a[label] * count_a[label] for label in count_a) / (n * n)")]),
    "confusion: the judge in rows, the human in columns": (CALIBRATION, [(
        "    return [[pairs[(row, column)] for column in labels] for row in labels]",
        "    return [[pairs[(column, row)] for column in labels] for row in labels]")]),
    "calibrate: no verdict counted as a disagreement": (CALIBRATION, [(
        "    pairs = [(h, j) for h, j in zip(human, judge) if j is not None]",
        "    pairs = [(h, j if j is not None else not h) for h, j in zip(human, judge)]")]),
}

CORRECT = {
    "kappa: from the confusion matrix of every label seen": (CALIBRATION, [(
        '''    observed = agreement(a, b)
    count_a, count_b, n = Counter(a), Counter(b), len(a)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
''', '''    check_pairs(a, b)
    labels = list(dict.fromkeys([*a, *b]))
    table = confusion_matrix(a, b, labels)
    n = len(a)
    observed = sum(table[i][i] for i in range(len(labels))) / n
    expected = sum(sum(table[i]) * sum(row[i] for row in table) for i in range(len(labels))) / n ** 2
''')]),
    "parse: the fence stripped with str methods, then json.loads and model_validate": (JUDGE, [(
        '''    text = text.strip()
    fenced = FENCE.match(text)
    try:
        return schema.model_validate_json(fenced["body"] if fenced else text)
    except ValidationError:
        return None
''', '''    import json

    body = text.strip()
    if body.startswith("```") and body.endswith("```") and body.count("```") == 2:
        first_line, _, rest = body.partition("\\n")
        if first_line.strip() not in ("```", "```json"):
            return None
        body = rest[:-3]
    try:
        return schema.model_validate(json.loads(body))
    except (ValueError, ValidationError):
        return None
''')]),
}
