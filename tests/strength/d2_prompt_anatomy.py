"""d2-prompt-anatomy: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
BUILDER, DELIMITERS = "builder.py", "delimiters.py"

BROKEN = {
    "neutralise: a closing tag in capitals is left open": (DELIMITERS, [(
        '(?![a-z0-9_-]))", re.IGNORECASE)', '(?![a-z0-9_-]))")')]),
    "neutralise: a longer tag name that starts with the tag is escaped too": (DELIMITERS, [(
        '+ r"(?![a-z0-9_-]))"', '+ r")"')]),
    "delimit: a tag name with a bad tail is accepted": (DELIMITERS, [(
        "not TAG_NAME.fullmatch(tag)", "not TAG_NAME.match(tag)")]),
    "build_prompt: two sources with the same tag are accepted": (BUILDER, [(
        "if n > 1]", "if n > 2]")]),
    "build_prompt: the format instruction comes before the task": (BUILDER, [(
        '''    parts.append(spec.task.strip())
    if spec.format.strip():
        parts.append(spec.format.strip())''', '''    if spec.format.strip():
        parts.append(spec.format.strip())
    parts.append(spec.task.strip())''')]),
}

CORRECT = {
    "neutralise: the whole tag matched, its '<' rewritten in a callback": (DELIMITERS, [(
        '''    opening = re.compile(r"<(?=\\s*/?\\s*" + re.escape(tag) + r"(?![a-z0-9_-]))", re.IGNORECASE)
    return opening.sub(ESCAPED_BRACKET, text)''',
        '''    whole = re.compile(r"<(\\s*/?\\s*" + re.escape(tag) + r")(?![a-z0-9_-])", re.IGNORECASE)
    return whole.sub(lambda match: ESCAPED_BRACKET + match.group(1), text)''')]),
    "build_prompt: repeated tags found by comparing a set's size": (BUILDER, [(
        '''    repeated = [tag for tag, n in Counter(s.tag for s in spec.context).items() if n > 1]
    if repeated:
        raise ValueError(f"two sources share the tag {repeated[0]!r}; give each its own name")''',
        '''    tags = [source.tag for source in spec.context]
    if len(set(tags)) != len(tags):
        raise ValueError("two sources share a tag; give each its own name")''')]),
}
