"""d5-automation-decision: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
RULES = "rules.py"
DECIDE = "decide.py"
TASK = "task.py"

BROKEN = {
    "hard rules: irreversible actions of high impact are left to the score": (RULES, [(
        "t.reversibility is Reversibility.IRREVERSIBLE and t.impact in (Impact.HIGH, Impact.CRITICAL),",
        "t.reversibility is Reversibility.IRREVERSIBLE and t.impact is Impact.CRITICAL,")]),
    "hard rules: accuracy from too few cases counts as evidence": (RULES, [(
        "    return task.measured_accuracy is None or task.evaluated_cases < MIN_EVALUATED_CASES",
        "    return task.measured_accuracy is None")]),
    "feasibility: an approval nobody can give in time is kept as HUMAN_APPROVAL_REQUIRED": (DECIDE, [(
        "    if level is Automation.HUMAN_APPROVAL_REQUIRED and not task.human_review_in_time:",
        "    if False:")]),
    "decision: the score alone decides once it is high enough, outweighing the hard rules": (DECIDE, [(
        "    level = most_restrictive(r.level for r in reasons)",
        "    level = score.level if score.level.rank >= 2 else most_restrictive(r.level for r in reasons)")]),
    "validation: unknown fields are silently ignored": (TASK, [(
        '    model_config = ConfigDict(extra="forbid", frozen=True)',
        '    model_config = ConfigDict(extra="ignore", frozen=True)')]),
    "validation: a missing domain silently defaults to general": (TASK, [(
        "    domain: Domain\n", "    domain: Domain = Domain.GENERAL\n")]),
}

CORRECT = {
    "decision: the level as a max over ranks, decided_by found by a loop": (DECIDE, [(
        """    level = most_restrictive(r.level for r in reasons)""",
        """    level = ORDER[max(r.level.rank for r in reasons)]"""), (
        "\nfrom automation_decision.levels import Automation, most_restrictive\n",
        "\nfrom automation_decision.levels import ORDER, Automation\n")]),
}
