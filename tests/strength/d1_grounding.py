"""d1-grounding: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
ANSWERING = "answering.py"

BROKEN = {
    "verdict: UNSUPPORTED read as supported": (ANSWERING, [(
        '    return final_line(text).upper().replace(" ", "") == "VERDICT:SUPPORTED"',
        '    return "SUPPORTED" in final_line(text).upper()')]),
    "abstain: the prompt allows UNKNOWN without the mitigation": (ANSWERING, [(
        "    if mitigations.abstain:", "    if True:")]),
    "verify: an abstained draft is verified too": (ANSWERING, [(
        "    if draft is not None and mitigations.verify and not verify(",
        "    if mitigations.verify and not verify(")]),
    "evaluate: wrong_rate divides by every question": (ANSWERING, [(
        '"wrong_rate": wrong / len(answered) if answered else 0.0',
        '"wrong_rate": wrong / len(questions) if questions else 0.0')]),
}

CORRECT = {
    "parse_answer: a regular expression on the final line": (ANSWERING, [(
        '''    line = final_line(text)
    if not line.upper().startswith("ANSWER:"):
        return None
    answer = line[len("ANSWER:"):].strip()
    return None if not answer or answer.upper() == UNKNOWN else answer''',
        '''    import re
    match = re.fullmatch(r"(?i)answer:\\s*(.*?)\\s*", final_line(text))
    if match is None or match.group(1).upper() in ("", UNKNOWN):
        return None
    return match.group(1)''')]),
}
