"""d1-sampling: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
FINISH, REQUEST = "finish.py", "request.py"

BROKEN = {
    "stop: four stop sequences refused on Chat Completions": (REQUEST, [(
        "len(value) > MAX_CHAT_STOPS", "len(value) >= MAX_CHAT_STOPS")]),
    "limit: a compatible server is sent max_completion_tokens": (REQUEST, [(
        '    kwargs["max_tokens" if kind == "compatible" else limit] = settings.max_tokens',
        "    kwargs[limit] = settings.max_tokens")]),
    "finish: a Chat Completions refusal field is ignored": (FINISH, [(
        "        if choice.message.refusal:", "        if False:")]),
    "finish: an unknown Anthropic stop_reason is guessed as end": (FINISH, [(
        '''        if response.stop_reason not in mapping:
            raise ValueError''', '''        if response.stop_reason not in mapping:
            return "end"
            raise ValueError''')]),
    "finish: model_context_window_exceeded is not a max_tokens finish": (FINISH, [(
        ' "model_context_window_exceeded": "max_tokens",', "")]),
}

CORRECT = {
    "finish: a Responses refusal found with nested loops": (FINISH, [(
        '''        parts = [part for item in response.output if item.type == "message" for part in item.content]
        return "refusal" if any(part.type == "refusal" for part in parts) else "end"''',
        '''        for item in response.output:
            for part in (item.content if item.type == "message" else []):
                if part.type == "refusal":
                    return "refusal"
        return "end"''')]),
}
