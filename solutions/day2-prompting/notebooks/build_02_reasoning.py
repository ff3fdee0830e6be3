"""Build days/day2-prompting/notebooks/02-reasoning-and-evaluation.ipynb (run from the repository root), then
execute it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day2-prompting/notebooks/02-reasoning-and-evaluation.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Reasoning prompts and their evaluation

The hands-on morning of Day 2, in three parts, each with an exercise and a check cell after it:

1. **Chain of thought with a tagged answer**: why the answer is read from a tag and never searched for in the
   working (exercise 1: `extract_answer`).
2. **Few-shot by similarity and self-consistency**: examples chosen with offline embeddings, samples and a
   vote with a stated tie rule (exercise 2: `majority_vote`), and what each technique costs.
3. **A/B testing two prompts**: a "better" prompt that is not significantly better, shown with the exact
   McNemar test (exercise 3: `mcnemar_exact`).

Everything runs offline on authored replies (each fixture says so in its header): they are written to show
effects published work reports, not to measure a model. With a key set, the same cells call real models. The
graded units are [reasoning-prompts](../patterns/reasoning-prompts/README.md) and
[prompt-ab-test](../patterns/prompt-ab-test/README.md).
""")
code("setup", """
import sys
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day2-prompting/notebooks).
SOLUTIONS = Path("../../../solutions/day2-prompting")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day2-prompting/notebooks"
for unit in ("reasoning-prompts", "prompt-ab-test"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

from agentkit import Client, replay
from reasoning import EXAMPLES, PROBLEMS, canonical, cot_request, direct_request, is_correct

PATTERNS = Path("../patterns")
PROBLEMS_YAML = PATTERNS / "reasoning-prompts/fixtures/scenarios/problems.yaml"
INCIDENTS_YAML = PATTERNS / "prompt-ab-test/fixtures/scenarios/incidents.yaml"
""")
md("cot", """
## 1. Chain of thought, and where the answer is

The same problem asked for a bare answer, and with the working first:
""")
code("cot-run", """
problem = PROBLEMS[4]
with replay.scenario(PROBLEMS_YAML):
    client = Client("anthropic")
    for name, (system, messages) in [("direct", direct_request(problem.text)), ("cot", cot_request(problem.text))]:
        reply = client.chat(messages, system=system, max_tokens=600)
        print(f"{name}: {reply.text!r}  ({reply.usage.output_tokens} output tokens)")
print("expected:", problem.expected)
""")
md("ex1", """
### Exercise 1: read the answer from its tag

Write `extract_answer(text)`: the content of the reply's **last** `<answer>...</answer>` (a model that corrects
itself writes a second one), with surrounding whitespace removed; `None` when there is no complete tag or its
content is empty. The tag name is matched in any case (`<ANSWER>`). Do not look for the answer in the prose.
""")
exercise("ex-extract-answer", """
import re


def extract_answer(text):
    ### BEGIN SOLUTION
    found = re.findall(r"<answer>(.*?)</answer>", text, re.DOTALL | re.IGNORECASE)
    answer = found[-1].strip() if found else ""
    return answer or None
    ### END SOLUTION
""", """
cases = [("<answer>42</answer>", "42"),
         ("<thinking>so the answer is 0.1% of 43,200</thinking>\\n<answer> 43.2 minutes </answer>", "43.2 minutes"),
         ("<answer>80</answer>\\nWait, plus the 2 spares.\\n<answer>82</answer>", "82"),
         ("<ANSWER>7</ANSWER>", "7"),
         ("<answer>\\n6,200 ms\\n</answer>\\n", "6,200 ms"),
         ("The answer is 20 pods.", None),
         ("<answer>20", None),
         ("<answer>  </answer>", None)]
for text, want in cases:
    got = extract_answer(text)
    assert got == want, f"extract_answer({text!r}) = {got!r}, expected {want!r}"
print("extract_answer: all checks passed")
""")
md("few-shot", """
## 2. Few-shot by similarity, and self-consistency

`select_examples` embeds the problem and each example's question with the offline all-MiniLM-L6-v2 model and
keeps the most similar; the naive prompt takes the first examples of the pool, whatever the problem:
""")
code("few-shot-run", """
from reasoning import first_examples, select_examples

for problem in PROBLEMS[1], PROBLEMS[3]:
    print(f"{problem.id:<8} first: {[e.id for e in first_examples(problem.text, EXAMPLES, 2)]}  "
          f"similar: {[e.id for e in select_examples(problem.text, EXAMPLES, 2)]}")
""")
md("samples", """
Self-consistency sends the same chain-of-thought request several times and votes. Here are five samples for
each problem, as the authored fixture serves them (a `None` is a reply without an `<answer>` tag):
""")
code("samples-run", """
from reasoning import extract_answer as reference_extract

SAMPLES = {}
with replay.scenario(PROBLEMS_YAML):
    client = Client("openai")
    for problem in PROBLEMS:
        system, messages = cot_request(problem.text)
        SAMPLES[problem.id] = [reference_extract(client.chat(messages, system=system, max_tokens=600).text)
                               for _ in range(5)]
for problem in PROBLEMS:
    print(f"{problem.id:<10} {problem.expected:>7}  {SAMPLES[problem.id]}")
""")
md("ex2", """
### Exercise 2: the vote

Write `majority_vote(answers)`: the **canonical** answer (use `canonical(answer)`: "6,200 ms" and "6200" are
both "6200") with the most votes. A `None` sample has no vote. A tie goes to the tied answer whose first vote came
earliest in the list. `None` when no sample has a vote.
""")
exercise("ex-majority-vote", """
def majority_vote(answers):
    ### BEGIN SOLUTION
    counts, first = {}, {}
    for position, answer in enumerate(answers):
        key = canonical(answer)
        if key is None:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, position)
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], first[key]))
    ### END SOLUTION
""", """
cases = [(["20", "20 pods", "21"], "20"),
         (["6,200 ms", "3200", "6200.0"], "6200"),
         (["43.2", "4.32", "4.32", "43.2", None], "43.2"),
         (["4.32", "43.2", "43.2", "4.32"], "4.32"),
         (["1", "2", "1", "2"], "1"),
         (["7", "8", "8.0", "8 ms"], "8"),
         ([None, None, "7", "8", "8"], "8"),
         ([None, "5"], "5"),
         ([None, None], None),
         ([], None)]
for ballot, want in cases:
    got = majority_vote(ballot)
    assert got == want, f"majority_vote({ballot}) = {got!r}, expected {want!r}"
voted = {pid: majority_vote(samples) for pid, samples in SAMPLES.items()}
right = sum(is_correct(voted[p.id], p.expected) for p in PROBLEMS)
assert right == 6, f"the vote over the fixture's samples gets 6 of 8 right, not {right}: {voted}"
print("majority_vote: all checks passed;", right, "of 8 right after the vote")
""")
md("cost", """
The vote fixed a random slip (`backoff-2`) and nothing systematic (`budget-2`, `pods-2`: every sample makes the
same mistake). What each technique costs on the eight problems, priced from genai-prices by the client:
""")
code("cost-run", """
from reasoning import TECHNIQUES, evaluate

for technique in TECHNIQUES:
    with replay.scenario(PROBLEMS_YAML):
        result = evaluate(Client("anthropic"), technique)
    print(f"{technique:<17} {result['correct']}/8 right  {result['calls']:>2} calls  ${result['cost_usd']:.5f}  "
          f"${result['cost_usd'] / result['correct']:.5f} per right answer")
""")
md("ab", """
## 3. A/B testing two prompts

Forty incident reports with a severity label, and three prompts. B reads like an improvement on A; C states what
each severity means. Scored on the same forty items:
""")
code("ab-run", """
from abtest import ITEMS, PROMPTS, discordant, score_prompt

SCORES = {}
with replay.scenario(INCIDENTS_YAML):
    client = Client("anthropic")
    for name in PROMPTS:
        SCORES[name] = score_prompt(client, PROMPTS[name], ITEMS)
for name, scores in SCORES.items():
    print(f"{name}: {sum(scores)}/{len(scores)} right")
for other in "BC":
    print(f"A vs {other}: (A only, {other} only) =", discordant(SCORES["A"], SCORES[other]))
""")
md("ex3", """
### Exercise 3: the exact McNemar test

Only the items where the two prompts disagree carry evidence. If the prompts were equally good, each of the
`n = a_only + b_only` discordant items would favour either one with probability 1/2. Write
`mcnemar_exact(a_only, b_only)`: the two-sided p-value `min(1, 2 * P(X <= min(a_only, b_only)))` for
`X ~ Binomial(n, 1/2)`, computed exactly (`math.comb`); `1.0` when `n` is 0.
""")
exercise("ex-mcnemar", """
from math import comb


def mcnemar_exact(a_only, b_only):
    ### BEGIN SOLUTION
    n = a_only + b_only
    if n == 0:
        return 1.0
    tail = sum(comb(n, k) for k in range(min(a_only, b_only) + 1)) / 2 ** n
    return min(1.0, 2 * tail)
    ### END SOLUTION
""", """
known = [((1, 6), 0.125), ((6, 1), 0.125), ((3, 7), 0.34375), ((1, 11), 0.00634765625), ((0, 0), 1.0),
         ((5, 5), 1.0), ((0, 5), 0.0625), ((0, 1), 1.0), ((10, 25), 0.01667384780012071)]
for (a_only, b_only), want in known:
    got = mcnemar_exact(a_only, b_only)
    assert abs(got - want) < 1e-12, f"mcnemar_exact({a_only}, {b_only}) = {got}, expected {want}"
for other in "BC":
    p = mcnemar_exact(*discordant(SCORES["A"], SCORES[other]))
    print(f"A vs {other}: p = {p:.4f}:", "significant" if p < 0.05 else "no significant difference")
print("mcnemar_exact: all checks passed")
""")
md("wrap", """
B is ten points better on this set and not significantly better: 7 fixed against 3 broken happens by chance a
third of the time. C is. Forty items are enough to see a 25-point gain and too few to see a 10-point one; the
[prompt-ab-test lesson](../patterns/prompt-ab-test/README.md) works out how many would be, and adds a paired
bootstrap interval for how much better.

With a key (`COURSE_LLM_MODE=live`), run parts 2 and 3 on a real model, and bring your table to the discussion.
""")

draft.write()
