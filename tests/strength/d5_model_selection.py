"""d5-model-selection: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
BUDGET = "budget.py"
SELECTOR = "selector.py"

BROKEN = {
    "request limit: the monthly remainder ignored": (BUDGET, [(
        "        remaining = min(self.remaining_daily, self.remaining_monthly)",
        "        remaining = self.remaining_daily")]),
    "request limit: the per-request cap not applied": (BUDGET, [(
        "        return max(0.0, min(self.per_request_cap, self.max_share * remaining))",
        "        return max(0.0, self.max_share * remaining)")]),
    "worst case: the answer's max_tokens not priced": (SELECTOR, [(
        "Usage(input_tokens=input_tokens, output_tokens=max_tokens)",
        "Usage(input_tokens=input_tokens, output_tokens=0)")]),
    "context window: max_tokens left out of the fit": (SELECTOR, [(
        "        needed = input_tokens + max_tokens\n", "        needed = input_tokens\n")]),
    "ceiling: always starts from the most capable model": (SELECTOR, [(
        "        ceiling = next((r for r in ranks if r >= COMPLEXITIES[complexity]), ranks[-1])",
        "        ceiling = ranks[-1]")]),
    "construction: a model listed twice accepted": (SELECTOR, [(
        "        if len({c.model for c in self.candidates}) != len(self.candidates):", "        if False:")]),
}

CORRECT = {
    "request limit as the least of three bounds": (BUDGET, [(
        "        remaining = min(self.remaining_daily, self.remaining_monthly)\n"
        "        return max(0.0, min(self.per_request_cap, self.max_share * remaining))",
        "        bounds = [self.per_request_cap, self.max_share * self.remaining_daily,\n"
        "                  self.max_share * self.remaining_monthly]\n"
        "        return max(min(bounds), 0.0)")]),
    "ladder ordered by two stable sorts: cheapest first, then most capable first": (SELECTOR, [(
        "        priced = sorted(((c, self.worst_case_cost(c.model, input_tokens, max_tokens)) for c in holding),\n"
        "                        key=lambda pair: (-pair[0].rank, pair[1]))",
        "        priced = [(c, self.worst_case_cost(c.model, input_tokens, max_tokens)) for c in holding]\n"
        "        priced.sort(key=lambda pair: pair[1])\n"
        "        priced.sort(key=lambda pair: pair[0].rank, reverse=True)")]),
}
