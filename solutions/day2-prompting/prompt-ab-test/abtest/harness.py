"""Score two prompts on the same labelled items and decide, with a paired test, whether one is better."""
from __future__ import annotations

import agentkit
from abtest.dataset import LABELS, Item
from abtest.stats import discordant, mcnemar_exact, paired_bootstrap_ci


def extract_label(text: str) -> str | None:
    """The severity on the reply's final non-empty line `SEVERITY: sevN` (any case), lower-cased; None when the
    final line is anything else."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines or not lines[-1].upper().startswith("SEVERITY:"):
        return None
    label = lines[-1].split(":", 1)[1].strip().lower()
    return label if label in LABELS else None


def score_prompt(client: agentkit.Client, system: str, items: list[Item]) -> list[bool]:
    """One call per item (the prompt as the system prompt, the report as the user message); True where the
    extracted label equals the item's. A reply with no readable label is wrong, never skipped: skipping would
    unpair the two prompts' results."""
    ### BEGIN SOLUTION
    return [extract_label(client.chat(item.text, system=system, max_tokens=300).text) == item.label
            for item in items]
    ### END SOLUTION


def compare(a: list[bool], b: list[bool], *, alpha: float = 0.05, seed: int = 0) -> dict:
    """The A/B report: {"n", "correct_a", "correct_b", "accuracy_a", "accuracy_b", "difference" (accuracy_b -
    accuracy_a), "a_only", "b_only", "p_value" (exact McNemar), "ci" ([low, high], paired bootstrap, 95%),
    "significant" (p_value < alpha), "winner" ("A" or "B" when significant, else None)}."""
    ### BEGIN SOLUTION
    a_only, b_only = discordant(a, b)
    n = len(a)
    p_value = mcnemar_exact(a_only, b_only)
    difference = (sum(b) - sum(a)) / n
    significant = p_value < alpha
    winner = None if not significant or difference == 0 else ("B" if difference > 0 else "A")
    return {"n": n, "correct_a": sum(a), "correct_b": sum(b), "accuracy_a": sum(a) / n, "accuracy_b": sum(b) / n,
            "difference": difference, "a_only": a_only, "b_only": b_only, "p_value": p_value,
            "ci": list(paired_bootstrap_ci(a, b, seed=seed)), "significant": significant, "winner": winner}
    ### END SOLUTION


def ab_test(client: agentkit.Client, prompt_a: str, prompt_b: str, items: list[Item], *, alpha: float = 0.05) -> dict:
    """Score both prompts on every item and compare them."""
    return compare(score_prompt(client, prompt_a, items), score_prompt(client, prompt_b, items), alpha=alpha)


def report(name_a: str, name_b: str, result: dict) -> str:
    """One line for a lesson or a pull request."""
    winner = {"A": name_a, "B": name_b}.get(result["winner"])
    verdict = f"{winner} wins" if winner else "no significant difference"
    low, high = result["ci"]
    return (f"{name_a} vs {name_b}: {name_a} {result['correct_a']}/{result['n']} ({result['accuracy_a']:.1%}), "
            f"{name_b} {result['correct_b']}/{result['n']} ({result['accuracy_b']:.1%}), "
            f"difference {result['difference'] * 100:+.1f} points, {name_a} only {result['a_only']}, "
            f"{name_b} only {result['b_only']}, McNemar p = {result['p_value']:.4f}, "
            f"95% CI [{low * 100:+.1f}, {high * 100:+.1f}] points: {verdict}")
