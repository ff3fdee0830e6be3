"""d4-chunking: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
FIXED = "fixed.py"
RECURSIVE = "recursive.py"
CODE = "code.py"

BROKEN = {
    "fixed overlap: a run exactly `overlap` characters long is left out": (FIXED, [(
        "        while back - 1 > start and kept + len(lines[back - 1]) <= overlap:",
        "        while back - 1 > start and kept + len(lines[back - 1]) < overlap:")]),
    "fixed windows: a window one line short of what fits": (FIXED, [(
        "        while end < len(lines) and (end == start or used + len(lines[end]) <= size):",
        "        while end < len(lines) and (end == start or used + len(lines[end]) < size):")]),
    "recursive: a word longer than size kept whole": (RECURSIVE, [(
        "        return [(offset + i, offset + min(i + size, len(text))) for i in range(0, len(text), size)]",
        "        return [(offset, offset + len(text))]")]),
    "recursive: neighbouring pieces never packed together": (RECURSIVE, [(
        "        elif current and end - current[0] <= size:", "        elif False:")]),
    "code: decorators left out of their definition": (CODE, [(
        "        start = first_line(node)", "        start = node.lineno")]),
    "code: a method of a large class named without its class": (CODE, [(
        '        return _body(lines, path, node.body, start, end, name + ".", "class", name, limit)',
        '        return _body(lines, path, node.body, start, end, "", "class", name, limit)')]),
}

CORRECT = {
    "fixed: the overlap start found by scanning forward with sums": (FIXED, [(
        '''        back, kept = end, 0
        while back - 1 > start and kept + len(lines[back - 1]) <= overlap:
            kept += len(lines[back - 1])
            back -= 1
        start = back
''', '''        start = next(b for b in range(start + 1, end + 1) if sum(map(len, lines[b:end])) <= overlap)
''')]),
    "recursive: a hard cut of a long word as a while loop": (RECURSIVE, [(
        '''        return [(offset + i, offset + min(i + size, len(text))) for i in range(0, len(text), size)]
''', '''        spans, begin = [], 0
        while begin < len(text):
            spans.append((offset + begin, offset + min(len(text), begin + size)))
            begin += size
        return spans
''')]),
}
