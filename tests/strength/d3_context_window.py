"""d3-context-window: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CONVERSATION = "conversation.py"

BROKEN = {
    "turns sent start with a user turn: a kept run may start with an assistant turn": (CONVERSATION, [(
        'if self.turns[i]["role"] == "user" and prompt_tokens', "if prompt_tokens")]),
    "the turns sent are the newest that fit: the shortest run kept, not the longest": (CONVERSATION, [(
        "for i in range(1, len(self.turns))", "for i in range(len(self.turns) - 1, 0, -1)")]),
    "pinned facts are in every chat request: pin() forgets the fact": (CONVERSATION, [(
        "        self.pinned.append(fact)", "        pass")]),
    "the summary carries the previous summary: each summary starts afresh": (CONVERSATION, [(
        "[Message.user(summary_prompt(self.summary, dropped))]", "[Message.user(summary_prompt(None, dropped))]")]),
    "every request fits the budget: no room kept for the summary": (CONVERSATION, [(
        "\\\n            - self.summary_max_tokens", "")]),
    "a turn that cannot fit raises ValueError: the newest turn is sent anyway": (CONVERSATION, [(
        "        if start is None:\n            raise ValueError(",
        "        if start is None:\n            start = len(self.turns) - 1\n        if False:\n            raise ValueError(")]),
}

CORRECT = {
    "fit: oldest turns popped one at a time until the rest fits and starts with a user turn": (CONVERSATION, [(
        '''        start = next((i for i in range(1, len(self.turns))
                      if self.turns[i]["role"] == "user" and prompt_tokens(None, self.turns[i:]) <= room), None)
        if start is None:
            raise ValueError(f"the newest turn alone needs {prompt_tokens(None, self.turns[-1:])} tokens; "
                             f"the budget leaves {room} for turns")
        dropped, self.turns = self.turns[:start], self.turns[start:]
''', '''        kept = list(self.turns)
        dropped = []
        while kept and (prompt_tokens(None, kept) > room or kept[0]["role"] != "user"):
            dropped.append(kept.pop(0))
        if not kept:
            raise ValueError("the newest turn alone does not fit the budget")
        self.turns = kept
''')]),
}
