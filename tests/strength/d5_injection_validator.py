"""d5-injection-validator: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
VALIDATOR = "validator.py"
NORMALISE = "normalise.py"
SANITISER = "sanitiser.py"
EVALUATION = "evaluation.py"
CHAT = "chat.py"

BROKEN = {
    "block at the threshold: a score equal to it is allowed": (VALIDATOR, [(
        "        return Verdict(score < self.threshold, category, score, tuple(reasons))",
        "        return Verdict(score <= self.threshold, category, score, tuple(reasons))")]),
    "normalisation: zero-width and other format characters left inside words": (NORMALISE, [(
        "    text = without_format_characters(text).casefold().translate(LOOK_ALIKES)",
        "    text = text.casefold().translate(LOOK_ALIKES)")]),
    "sanitiser: format characters (zero-width, bidi, tags) kept": (SANITISER, [(
        'unicodedata.category(c) not in ("Cc", "Cf")', 'unicodedata.category(c) != "Cc"')]),
    "sanitiser: a cut text carries no truncation marker": (SANITISER, [(
        '        text += f"\\n[truncated: {dropped} more characters not shown]"', "        pass")]),
    "evaluation: the false-positive rate taken over every row, not the benign ones": (EVALUATION, [(
        '        false_positive_rate=blocked["benign"] / total["benign"] if total.get("benign") else None,',
        '        false_positive_rate=blocked["benign"] / sum(total.values()) if total.get("benign") else None,')]),
    "guarded chat: retrieved documents not validated, only the question": (CHAT, [(
        '        texts = [("question", question)] + [(f"document {n}", d) for n, d in enumerate(documents, start=1)]',
        '        texts = [("question", question)]')]),
}

CORRECT = {
    "evaluation counted with collections.Counter": (EVALUATION, [(
        "    total: dict[str, int] = {}\n    blocked: dict[str, int] = {}",
        "    from collections import Counter\n    total: Counter = Counter()\n    blocked: Counter = Counter()"), (
        "        total[label] = total.get(label, 0) + 1\n        blocked[label] = blocked.get(label, 0) + stopped",
        "        total[label] += 1\n        blocked[label] += int(stopped)")]),
    "guarded chat finds the first rejected text with next()": (CHAT, [(
        '''        for where, text in texts:  # all of them before the call: one poisoned document stops the request
            verdict = self.validator.check(text)
            if not verdict.allowed:
                raise InputRejected(where, verdict)''',
        '''        verdicts = ((where, self.validator.check(text)) for where, text in texts)
        rejected = next(((where, verdict) for where, verdict in verdicts if not verdict.allowed), None)
        if rejected is not None:
            raise InputRejected(*rejected)''')]),
}
