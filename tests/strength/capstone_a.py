"""capstone-a: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
APP, DIFF, REVIEW, SIGNATURE = "app.py", "diff.py", "review.py", "signature.py"

BROKEN = {
    "signature: a malformed header reaches compare_digest (a 500, not a 401)": (SIGNATURE, [(
        "    if not isinstance(header, str) or not WELL_FORMED.fullmatch(header):",
        "    if not isinstance(header, str):")]),
    "a failed review: its delivery id is not released, so a redelivery is ignored": (APP, [(
        "            with lock:  # let a redelivery of this id do the work the failure did not\n"
        "                claimed.pop(delivery, None)\n", "")]),
    "budget: what the replies cost is not counted, so the re-asks go over it": (REVIEW, [(
        "        outcome.cost_usd += reply.cost_usd or 0.0\n", "")]),
    "changed lines: a removed line moves the new file's line number": (DIFF, [(
        "            elif text.startswith(\"-\"):\n                old_left -= 1",
        "            elif text.startswith(\"-\"):\n                line, old_left = line + 1, old_left - 1")]),
}

CORRECT = {
    "signature: the header's bytes compared with the expected signature's bytes, no pattern": (SIGNATURE, [(
        "    if not isinstance(header, str) or not WELL_FORMED.fullmatch(header):\n        return False\n"
        "    return hmac.compare_digest(signature_for(secret, body), header)",
        "    if header is None:\n        return False\n"
        "    expected = signature_for(secret, body).encode(\"ascii\")\n"
        "    return hmac.compare_digest(expected, header.encode(\"utf-8\", errors=\"replace\"))")]),
}
