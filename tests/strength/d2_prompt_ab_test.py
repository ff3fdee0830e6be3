"""d2-prompt-ab-test: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
HARNESS, STATS = "harness.py", "stats.py"

BROKEN = {
    "mcnemar: the p-value is one-sided": (STATS, [("    return min(1.0, 2 * tail)", "    return tail")]),
    "bootstrap: A and B resampled separately, unpairing them": (STATS, [(
        "    means = differences[picks].mean(axis=1)",
        "    others = rng.integers(0, len(differences), size=(resamples, len(differences)))\n"
        "    means = np.asarray(b, dtype=float)[picks].mean(axis=1) - np.asarray(a, dtype=float)[others].mean(axis=1)")]),
    "score_prompt: an unreadable reply is skipped, unpairing the results": (HARNESS, [(
        """    return [extract_label(client.chat(item.text, system=system, max_tokens=300).text) == item.label
            for item in items]""",
        """    return [label == item.label for item in items
            if (label := extract_label(client.chat(item.text, system=system, max_tokens=300).text)) is not None]""")]),
    "compare: a winner named without significance": (HARNESS, [(
        "    winner = None if not significant or difference == 0 else", "    winner = None if difference == 0 else")]),
}

CORRECT = {
    "mcnemar: the binomial tail summed term by term from the pmf": (STATS, [(
        '''    tail = sum(comb(n, k) for k in range(min(a_only, b_only) + 1)) / 2 ** n
''', '''    pmf, tail = 0.5 ** n, 0.0
    for i in range(min(a_only, b_only) + 1):
        tail += pmf
        pmf = pmf * (n - i) / (i + 1)
''')]),
}
