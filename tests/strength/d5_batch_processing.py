"""d5-batch-processing: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
PROCESSOR = "processor.py"
VALIDATION = "validation.py"

BROKEN = {
    "matching: a duplicated id is trusted (the first entry wins)": (VALIDATION, [(
        "        elif len(found) > 1:", "        elif False:")]),
    "retry: the whole chunk is asked again, not only the items with problems": (PROCESSOR, [(
        "            pending = [item for item in pending if item.id in problems]  # ask again only for these",
        "            pending = pending if problems else []")]),
    "chunking: a chunk may go one item past max_items": (PROCESSOR, [(
        "        if current and (len(current) == max_items or used + size > max_tokens):",
        "        if current and (len(current) > max_items or used + size > max_tokens):")]),
    "chunking: the token limit is never checked": (PROCESSOR, [(
        "        if current and (len(current) == max_items or used + size > max_tokens):",
        "        if current and len(current) == max_items:")]),
    "retry: a RateLimitError's retry_after is ignored": (PROCESSOR, [(
        "                hint = getattr(exc, \"retry_after\", None)", "                hint = None")]),
    "failed calls: a call that keeps failing raises out of the run": (PROCESSOR, [(
        "                if not exc.retryable:\n                    raise\n                for item in pending:",
        "                raise\n                for item in pending:")]),
}

CORRECT = {
    "check_reply groups entries with a defaultdict over a filter": (VALIDATION, [(
        """    by_id: dict[str, list[Any]] = {}
    for entry in payload:
        if isinstance(entry, dict) and "id" in entry:
            by_id.setdefault(str(entry["id"]), []).append(entry.get("result"))""",
        """    from collections import defaultdict
    by_id: dict[str, list[Any]] = defaultdict(list)
    for entry in filter(lambda e: isinstance(e, dict) and "id" in e, payload):
        by_id[str(entry["id"])].append(entry.get("result"))
    by_id = dict(by_id)""")]),
    "chunking by slicing with running sums": (PROCESSOR, [(
        """    chunks: list[list[Item]] = []
    current: list[Item] = []
    used = 0
    for item in items:
        size = count_tokens(item.text)
        if current and (len(current) == max_items or used + size > max_tokens):
            chunks.append(current)
            current, used = [], 0
        current.append(item)
        used += size
    if current:
        chunks.append(current)
    return chunks""",
        """    sizes = [count_tokens(item.text) for item in items]
    chunks: list[list[Item]] = []
    start = 0
    while start < len(items):
        end, used = start + 1, sizes[start]
        while end < len(items) and end - start < max_items and used + sizes[end] <= max_tokens:
            used += sizes[end]
            end += 1
        chunks.append(items[start:end])
        start = end
    return chunks""")]),
}
