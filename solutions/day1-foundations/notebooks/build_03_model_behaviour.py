"""Build days/day1-foundations/notebooks/03-model-behaviour.ipynb (run from the repository root)."""

from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day1-foundations/notebooks/03-model-behaviour.ipynb")
md, code = draft.md, draft.code

md("intro", """
# Model behaviour and limits

Where models go wrong, and what to do about it, each shown on a reply you can inspect:

1. **Where reasoning breaks**: a familiar-looking puzzle answered by pattern, and the same one worked step by step.
2. **Hallucination and three mitigations**: permission to abstain, verification, grounding; measured with
   the [grounding pattern](../patterns/grounding/README.md).
3. **Lost in the middle**: a fact placed at the start, middle or end of a long context.
4. **Refusals**, and how legitimate context avoids them.
5. **The comparison harness**: one prompt set across models, as a table and a chart.

Everything runs offline on authored replies (each fixture says so in its header): they are written to show
effects that published work measured, not to measure a model. With a key set, the same cells call real models.
""")
code("setup", """
import sys
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day1-foundations/notebooks).
SOLUTIONS = Path("../../../solutions/day1-foundations")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day1-foundations/notebooks"
for unit in ("grounding", "model-comparison"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

import agentkit
from agentkit import replay

client = agentkit.connect("fixtures/03-behaviour.yaml", "anthropic")
""")
md("reasoning", """
## 1. Where reasoning breaks

Models are strongest where a problem looks like many they have seen, and that is also where they fail: a
puzzle that resembles a famous one gets the famous answer. Two classic traps, asked for a bare answer:
""")
code("reasoning-run", """
BAT = "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?"
print(client.chat(BAT + " Reply with a final line ANSWER: <dollars>.", max_tokens=50).text)
print(client.chat("How many times does the letter r occur in 'strawberry'? Reply with ANSWER: <n>.", max_tokens=20).text)
""")
md("reasoning-fix", """
Both answers are wrong: the ball costs $0.05, and "strawberry" has three r's. The second is a tokenization limit: the model sees tokens such as
`straw` and `berry`, not letters, so counting characters is a tool's job (`"strawberry".count("r")`). The
first is an intuitive answer produced without the algebra; asking for the working before the answer gives
the model room to compute it:
""")
code("reasoning-steps", """
reply = client.chat(BAT + " Reply with a final line ANSWER: <dollars>.",
                    system="Work step by step, then give the final line.", max_tokens=300)
print(reply.text)
print("the check a tool can do:", "strawberry".count("r"))
""")
md("hallucination", """
## 2. Hallucination and three mitigations

Eight questions about an invented runbook, five it answers and three it does not. `evaluate` counts answers
given and wrong answers under each combination of the mitigations (the grounding pattern's lesson explains
each one). These replies are authored to show the published effect; live mode measures it for real.
""")
code("hallucination-run", """
from grounding import QUESTIONS, SOURCE, Mitigations, evaluate

runbook = agentkit.connect("../patterns/grounding/fixtures/scenarios/runbook.yaml", "openai")
for mitigations in [Mitigations(), Mitigations(abstain=True), Mitigations(ground=True),
                    Mitigations(abstain=True, ground=True), Mitigations(abstain=True, ground=True, verify=True)]:
    result = evaluate(runbook, QUESTIONS, SOURCE, mitigations)
    print(f"{result['mitigations']:<26} answered {result['answer_rate']:>4.0%}   wrong {result['wrong_rate']:>4.0%} of answers")
""")
md("ex-final-task", """
### Exercise: read the answer, not the prose (10 minutes)

Write `final_answer(text)`: the answer on the reply's last non-empty line when that line is `ANSWER: <x>`
(the tag in any case, spaces trimmed), `None` when it is `ANSWER: UNKNOWN` (any case) or when the last line is
not tagged. Do not look for phrases such as "I don't know" in the prose.
""")
code("ex-final", '''
def final_answer(text):
    ### BEGIN SOLUTION
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not lines[-1].upper().startswith("ANSWER:"):
        return None
    value = lines[-1][len("ANSWER:"):].strip()
    return None if not value or value.upper() == "UNKNOWN" else value
    ### END SOLUTION
''', solution=True, locked=False, grade_id="d1-03-final-answer")
code("ex-final-check", '''
cases = {
    "ANSWER: Tuesday": "Tuesday",
    "I don't know their habits, but the runbook says it.\\nANSWER: Tuesday\\n": "Tuesday",
    "The document does not say.\\nANSWER: UNKNOWN": None,
    "answer:   unknown  ": None,
    "answer: 450 ms": "450 ms",
    "The answer is Tuesday.": None,
    "ANSWER: Tuesday\\nHope this helps.": None,
    "": None,
}
for text, expected in cases.items():
    got = final_answer(text)
    assert got == expected, f"final_answer({text!r}) = {got!r}; expected {expected!r}"
print("final_answer passes every check")
''', solution=False, locked=True, grade_id="d1-03-final-answer-check")
md("middle", """
## 3. Lost in the middle

Liu et al. (2023), [*Lost in the Middle: How Language Models Use Long Contexts*](https://arxiv.org/abs/2307.03172),
placed the document holding an answer at different positions among 20-30 documents: accuracy was highest when
it came first or last, and lowest in the middle, a U shape, even for models whose window held everything.

The experiment's shape: a fact, 29 distractor documents, the fact placed at the start, middle or end, the
same question each time. The replies here are authored to show that U shape; the position logic is real.
""")
code("middle-setup", """
client = agentkit.connect("fixtures/03-behaviour.yaml", "anthropic")  # the runbook cell connected to its own scenario
FACTS = [("What is the door code of the Leeds data centre?", "The door code of the Leeds data centre is 4471.", "4471"),
         ("Who signs off on changes to the billing schema?",
          "Changes to the billing schema are signed off by Priya Raman.", "Priya Raman"),
         ("When is the weekly maintenance window?", "The weekly maintenance window is Sunday 02:00-04:00 UTC.",
          "Sunday 02:00-04:00 UTC")]
FILLER = [f"Team note {n}: the {topic} checklist was reviewed and no changes were needed this quarter."
          for n, topic in enumerate(["backup", "access", "alerting", "runbook", "capacity", "vendor", "audit"] * 5)][:29]
""")
md("ex-place-task", """
### Exercise: place the fact (10 minutes)

Write `place(fact, documents, where)`: a new list with `fact` inserted among `documents` (which is not
changed) at index 0 for `"start"`, `len(documents) // 2` for `"middle"`, and after the last for `"end"`.
""")
code("ex-place", '''
def place(fact, documents, where):
    ### BEGIN SOLUTION
    index = {"start": 0, "middle": len(documents) // 2, "end": len(documents)}[where]
    return documents[:index] + [fact] + documents[index:]
    ### END SOLUTION
''', solution=True, locked=False, grade_id="d1-03-place")
code("ex-place-check", '''
docs = [f"d{n}" for n in range(29)]
for where, index in (("start", 0), ("middle", 14), ("end", 29)):
    placed = place("FACT", docs, where)
    assert len(placed) == 30, f"{where}: {len(placed)} documents; insert the fact, do not replace one"
    assert placed.index("FACT") == index, f"{where}: the fact is at {placed.index('FACT')}, expected {index}"
    assert [d for d in placed if d != "FACT"] == docs, f"{where}: the other documents keep their order"
assert docs == [f"d{n}" for n in range(29)], "place must not change the list it is given"
assert place("F", ["a", "b", "c", "d"], "middle") == ["a", "b", "F", "c", "d"]
print("place passes every check")
''', solution=False, locked=True, grade_id="d1-03-place-check")
code("middle-run", """
from grounding import is_correct, parse_answer

hits = {"start": 0, "middle": 0, "end": 0}
for question, fact, expected in FACTS:
    for where in hits:
        documents = list(FILLER)  # the experiment places facts itself, so it runs before the exercise is done
        documents.insert({"start": 0, "middle": len(FILLER) // 2, "end": len(FILLER)}[where], fact)
        context = "\\n".join(f"[doc-{n:02d}] {text}" for n, text in enumerate(documents, start=1))
        reply = client.chat(f"<documents>\\n{context}\\n</documents>\\n\\nQuestion: {question}",
                            system="Answer from the documents. End with a final line ANSWER: <answer>.", max_tokens=50)
        answer = parse_answer(reply.text)
        hits[where] += answer is not None and is_correct(answer, expected)
for where, count in hits.items():
    print(f"fact at the {where:<6}: {count}/{len(FACTS)} correct")
""")
md("middle-advice", """
What to do about it: put what matters at the start or the end (instructions first, the question last),
retrieve fewer and better passages instead of filling the window, and test your own prompts with the fact
moved around, as above.
""")
md("refusals", """
## 4. Refusals, and legitimate context

A request that looks harmful out of context is refused; the same request from a deployment that says who the
user is and what they may do is answered. The fix is context the system really has, not a jailbreak:
""")
code("refusals-run", """
ASK = "How do I clear the admin lockout on staging-2?"
print("without context:", client.chat(ASK, max_tokens=200).text)
print()
print("with context:   ", client.chat(ASK, max_tokens=200, system=(
    "You are the on-call assistant for the platform team. The user is an authenticated administrator of the "
    "staging hosts. Runbook: a locked admin account is cleared with `acctl unlock <user> --host <host>`.")).text)
""")
md("checklist", """
## A checklist for model behaviour

- Ask for a **format code can read** (a tagged final line, JSON, a code block) and parse it; never regex prose.
- Let the model **say "I don't know"**, and count abstentions separately from wrong answers.
- **Ground** answers in supplied context, delimited, with "answer only from it"; **verify** what matters.
- Put instructions first and the question last; do not bury the key fact **in the middle** of a long context.
- Hand counting, arithmetic and lookups to **tools**; ask for the working before the answer.
- Give **legitimate context** (who the user is, what the system is for) instead of arguing with refusals.
- **Measure** on a labelled set, both rates, before and after each change, live.

## 5. The comparison harness

The morning's exercise, run on its authored scenario: four prompts, five models (one self-hosted, so
unpriced), one call failing with a 529 and one misspelled model id. Replay streams each reply at its
recorded pace (scaled by the scenario's `pace`), so the first-token and total columns both mean something.
""")
code("comparison-run", """
from comparison import PROMPTS, Target, chart, compare, table

agentkit.connect("../patterns/model-comparison/fixtures/scenarios/comparison.yaml")
TARGETS = [Target("anthropic", "claude-haiku-4-5"), Target("anthropic", "claude-sonnet-4-6"),
           Target("openai", "gpt-5.4-mini"), Target("openai", "gpt-6-luna"),
           Target("openai-compatible", "qwen3:4b", base_url="http://llm.internal:8000/v1"),
           Target("anthropic", "claude-haiku-4.5")]
rows = compare(TARGETS, PROMPTS)
print(table(rows))
""")
code("comparison-chart", """
import tempfile

from IPython.display import Image

path = Path(tempfile.mkdtemp()) / "comparison.png"
chart(rows, str(path))
Image(str(path))
""")
md("ex-note", """
The graded version of this harness is the [model-comparison pattern](../patterns/model-comparison/README.md):
`course check d1-model-comparison`.
""")

draft.write()
