"""d1-tokens: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
FITTING = "fitting.py"

BROKEN = {
    "largest max_tokens: the output limit ignored": (FITTING, [(
        "    return min(room, info.max_output_tokens)", "    return room")]),
    "largest max_tokens: a full window is allowed": (FITTING, [("    if room < 1:", "    if room < 0:")]),
    "trim: the fit check forgets max_tokens": (FITTING, [(
        "    budget = info.context_window - max_tokens", "    budget = info.context_window")]),
    "trim: a kept run may start with an assistant turn": (FITTING, [(
        '        if kept[0]["role"] == "user" and estimate_prompt_tokens', "        if estimate_prompt_tokens")]),
    "trim: max_tokens above the output limit accepted": (FITTING, [(
        "    if max_tokens > info.max_output_tokens:", "    if False:")]),
}

CORRECT = {
    "trim: the newest turns taken from the end backwards": (FITTING, [(
        '''    for start in range(1, last_user + 1):
        kept = messages[start:]
        if kept[0]["role"] == "user" and estimate_prompt_tokens(kept, system) <= budget:
            return list(kept)
''', '''    fitting = [start for start in range(last_user, 0, -1)
               if messages[start]["role"] == "user" and estimate_prompt_tokens(messages[start:], system) <= budget]
    if fitting:
        return messages[min(fitting):]
''')]),
}
