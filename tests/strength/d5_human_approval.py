"""d5-human-approval: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
GATE = "gate.py"
ESCALATION = "escalation.py"

BROKEN = {
    "wake without polling: the future set from another thread without call_soon_threadsafe": (GATE, [(
        "                loop.call_soon_threadsafe(_resolve, future, record)",
        "                _resolve(future, record)")]),
    "self-approval: names compared exactly, not with strip() and casefold()": (GATE, [(
        "            elif status is Status.APPROVED and same_person(by, record.requester):",
        "            elif status is Status.APPROVED and by == record.requester:")]),
    "decided once: a second decision overrides the first": (GATE, [(
        "            if record.status is not Status.PENDING:\n                self._refuse(record, now, by, f\"already",
        "            if False:\n                self._refuse(record, now, by, f\"already")]),
    "a late decision is refused: approve after the deadline (nobody waiting) accepted": (GATE, [(
        "            if now >= record.expires_at:", "            if False:")]),
    "escalation: a low-confidence deny acted on alone": (ESCALATION, [(
        "    if proposal.confidence < needed:",
        '    if proposal.confidence < needed and proposal.decision == "approve":')]),
    "malformed replies: a confidence given as a string or 95 coerced or accepted": (ESCALATION, [(
        "    confidence: float = Field(ge=0.0, le=1.0, strict=True)",
        "    confidence: float")]),
}

CORRECT = {
    "route: the escalation written as the opposite test, acting alone when the confidence meets the threshold": (ESCALATION, [(
        '''    if proposal.confidence < needed:
        return Route(True,''', '''    alone = proposal.confidence >= needed
    if not alone:
        return Route(True,''')]),
    "parse: the schema validated from the JSON text in one step": (ESCALATION, [(
        '''    try:
        data = json.loads(strip_fence(text))
    except ValueError as exc:
        return None, f"the reply was not JSON ({exc.msg})"
    try:
        return ModelDecision.model_validate(data), None''', '''    try:
        data = json.loads(strip_fence(text))
    except json.JSONDecodeError as exc:
        return None, f"the reply was not JSON ({exc.msg})"
    try:
        return ModelDecision.model_validate_json(json.dumps(data)), None''')]),
}
