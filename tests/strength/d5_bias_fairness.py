"""d5-bias-fairness: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
FAIRNESS = "fairness.py"
TOKENS = "tokens.py"
DETECT = "detect.py"

BROKEN = {
    "four-fifths: rates compared as floats, so exactly 4/5 is flagged": (FAIRNESS, [(
        "    rates = {g: Fraction(m.selected, m.n) for g, m in enough.items()}",
        "    rates = {g: m.selected / m.n for g, m in enough.items()}")]),
    "four-fifths: a group of exactly min_group_size is left out": (FAIRNESS, [(
        "    enough = {g: m for g, m in metrics.items() if m.n >= min_group_size}",
        "    enough = {g: m for g, m in metrics.items() if m.n > min_group_size}")]),
    "four-fifths: nobody selected anywhere divides by zero": (FAIRNESS, [(
        "    if rates[highest] == 0:", "    if False:")]),
    "error rates: the false-positive rate is taken over everyone, not the actual negatives": (FAIRNESS, [(
        "fpr=_rate(fp, fp + tn)", "fpr=_rate(fp, tp + fp + fn + tn)")]),
    "tokens: possessives are not reduced to the word": (TOKENS, [(
        "    return [strip_clitic(word) for word in WORD.findall(normalise(text))]",
        "    return WORD.findall(normalise(text))")]),
    "skew: a handful of mentions is flagged as skewed": (DETECT, [(
        "        elif total < min_mentions:", "        elif False:")]),
}

CORRECT = {
    "p-value from statistics.NormalDist, flag by integer cross-multiplication": (FAIRNESS, [(
        "    return math.erfc(abs(z) / math.sqrt(2))",
        "    from statistics import NormalDist\n    return 2 * NormalDist().cdf(-abs(z))"), (
        "    flagged = ratio < threshold\n    lo, hi = enough[lowest], enough[highest]",
        "    lo, hi = enough[lowest], enough[highest]\n"
        "    flagged = lo.selected * hi.n * threshold.denominator < threshold.numerator * hi.selected * lo.n")]),
}
