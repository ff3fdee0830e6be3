"""d5-prompt-compression: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
PROTECT = "protect.py"
PROSE = "prose.py"
COMPRESS = "compress.py"
BUDGET = "budget.py"
MESSAGES = "messages.py"

BROKEN = {
    "code blocks untouched: any fence closes a block, a ``` inside a ```` block ends it": (PROTECT, [(
        '        if closing and closing["fence"][0] == fence[0] and len(closing["fence"]) >= len(fence):',
        "        if closing:")]),
    "duplicates: short repeated lines (few-shot structure) dropped too": (PROSE, [(
        "            if len(key.split()) >= min_words:", "            if key:")]),
    "boilerplate goes only when asked: always stripped": (COMPRESS, [(
        "        if strip_boilerplate:", "        if True:")]),
    "compressing twice changes nothing: the rules run only once": (COMPRESS, [(
        "    while text != previous:", "    for _ in range(1):")]),
    "budget: the first and last sentence may be left out": (BUDGET, [(
        "        kept.droppable = False\n", "        pass\n")]),
    "conversation budget: the newest earlier turns dropped before the oldest": (MESSAGES, [(
        "        dropped += _tokens(turns.pop(0))", "        dropped += _tokens(turns.pop(-2))")]),
}

CORRECT = {
    "budget: the fewest sentences to drop found by a linear scan, not a binary search": (BUDGET, [(
        '''    low, high = 0, len(order)
    while high - low > 1:
        mid = (low + high) // 2
        if count(restored(mid)) <= max_tokens:
            high = mid
        else:
            low = mid
    return''', '''    high = next(k for k in range(1, len(order) + 1) if count(restored(k)) <= max_tokens)
    return''')]),
    "duplicate key: whitespace collapsed with str.split": (PROSE, [(
        '    return re.sub(r"\\s+", " ", sentence).strip().rstrip(".!?;:").lower()',
        '    return " ".join(sentence.split()).rstrip(".!?;:").lower()')]),
}
