"""A/B testing two prompts on a labelled set with paired statistics: which wins, by how much, and whether the
difference is more than chance."""
from abtest.dataset import ITEMS, LABELS, PROMPTS, Item
from abtest.harness import ab_test, compare, extract_label, report, score_prompt
from abtest.stats import discordant, mcnemar_exact, paired_bootstrap_ci

__all__ = ["ITEMS", "LABELS", "PROMPTS", "Item", "ab_test", "compare", "extract_label", "report", "score_prompt",
           "discordant", "mcnemar_exact", "paired_bootstrap_ci"]
