"""d5-prompt-isolation: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
BOUNDARY = "boundary.py"
NEUTRALISE = "neutralise.py"
PROMPT = "prompt.py"
CHAT = "chat.py"

BROKEN = {
    "boundary: occurrence checked case-sensitively on the raw text": (BOUNDARY, [(
        "    return any(wanted in fold(text)[0] for text in texts)",
        "    return any(boundary in text for text in texts)")]),
    "boundary: a given boundary is not checked against the text": (BOUNDARY, [(
        "        if occurs_in(boundary, texts):\n            raise BoundaryError",
        "        if False:\n            raise BoundaryError")]),
    "boundary: a draw that occurs in the text is used anyway": (BOUNDARY, [(
        "        if WELL_FORMED.fullmatch(drawn) and not occurs_in(drawn, texts):",
        "        if WELL_FORMED.fullmatch(drawn):")]),
    "neutralise: the unfolded text is searched, so disguised tags survive": (NEUTRALISE, [(
        "    folded, origin = fold(text)", "    folded, origin = text, list(range(len(text)))")]),
    "neutralise: only closing tags are neutralised": (NEUTRALISE, [(
        r'''    return re.compile(r"<(?=\s*/?\s*(?:" + "|".join(spelled) + "))")''',
        r'''    return re.compile(r"<(?=\s*/\s*(?:" + "|".join(spelled) + "))")''')]),
    "prompt: the user's message is not neutralised": (PROMPT, [(
        "    parts.append(container(USER_INPUT, user_input, chosen))",
        "    parts.append(f\"{opening_tag(USER_INPUT, chosen)}\\n{user_input}\\n{closing_tag(USER_INPUT, chosen)}\")")]),
}

CORRECT = {
    "neutralise: replacement built with a list of characters": (NEUTRALISE, [(
        '''    if not brackets:
        return text
    pieces, last = [], 0
    for index in brackets:
        pieces += [text[last:index], ESCAPED_BRACKET]
        last = index + 1
    pieces.append(text[last:])
    return "".join(pieces)''',
        '''    chars = list(text)
    for index in brackets:
        chars[index] = ESCAPED_BRACKET
    return "".join(chars)''')]),
    "boundary: occurrence checked with a loop and str.find": (BOUNDARY, [(
        "    return any(wanted in fold(text)[0] for text in texts)",
        '''    for text in texts:
        if fold(text)[0].find(wanted) >= 0:
            return True
    return False''')]),
}
