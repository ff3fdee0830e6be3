"""d1-model-comparison: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
HARNESS, REPORT = "harness.py", "report.py"

BROKEN = {
    "totals: an unknown cost is left out of the sum": (REPORT, [(
        '"cost_usd": None if None in costs else sum(costs, 0.0),',
        '"cost_usd": sum((cost for cost in costs if cost is not None), 0.0),')]),
    "measure: the first token time is taken at every chunk": (HARNESS, [(
        "            if first is None:\n                first = time.perf_counter()",
        "            first = time.perf_counter()")]),
    "measure: latency read on the wall clock": (HARNESS, [
        ("    start = time.perf_counter()", "    start = time.time()"),
        ("                first = time.perf_counter()", "                first = time.time()"),
        ("    end = time.perf_counter()", "    end = time.time()")]),
    "totals: failed calls counted as quality checked": (REPORT, [(
        '"quality_checked": len(done),', '"quality_checked": len(group),')]),
    "compare: a target whose client cannot be made ends the run": (HARNESS, [(
        "            continue\n", "            break\n")]),
}

CORRECT = {
    "totals: grouped with a dict of lists keyed by the first row, cost added in a loop": (REPORT, [(
        '''        costs = [row["cost_usd"] for row in done]
''', '''        cost = 0.0
        for row in done:
            cost = None if cost is None or row["cost_usd"] is None else cost + row["cost_usd"]
'''), ('"cost_usd": None if None in costs else sum(costs, 0.0),', '"cost_usd": cost,')]),
}
