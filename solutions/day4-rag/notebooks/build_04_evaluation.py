"""Build days/day4-rag/notebooks/04-evaluation-and-observability.ipynb (run from the repository root), then
execute it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day4-rag/notebooks/04-evaluation-and-observability.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Evaluation and observability

The hands-on session of Day 4 on judging answers and tracing them, in two parts, each with an exercise:

1. **How far to trust a judge**: a judge model's faithfulness verdicts on 30 human-labelled answers about click,
   and Cohen's kappa (exercise 1: `kappa`).
2. **What a trace tells you**: one trace per question, and a check for citations that were never in the
   model's context (exercise 2: `cited_outside_context`).

Everything runs offline on authored replies (each fixture says so in its header). With a key set, the same
cells call real models. The graded units are [llm-judge](../patterns/llm-judge/README.md) and
[tracing](../patterns/tracing/README.md); this notebook uses their reference packages.
""")
code("setup", """
import json
import sys
from collections import Counter
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day4-rag/notebooks).
SOLUTIONS = Path("../../../solutions/day4-rag")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day4-rag/notebooks"
for unit in ("llm-judge", "tracing"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

import agentkit
from agentkit import replay

PATTERNS = Path("../patterns")
LABELLED = PATTERNS / "llm-judge/fixtures/scenarios/labelled.yaml"
QUESTIONS = PATTERNS / "tracing/fixtures/scenarios/questions.yaml"
LABELS = [json.loads(line) for line in (PATTERNS / "llm-judge/data/labels.jsonl").read_text().splitlines()]
print(len(LABELS), "labelled answers;", sum(item["faithful"] for item in LABELS), "of them faithful")
""")

md("judge", """
## 1. How far to trust a judge

The judge reads a rubric (the system prompt) and answers with a validated JSON verdict; a reply that is not a
valid verdict is no verdict (`None`). Run it over the labelled answers:
""")
code("judge-run", """
from rag_judge import FAITHFULNESS_RUBRIC, judge_faithfulness

print(FAITHFULNESS_RUBRIC, "\\n")
with replay.scenario(LABELLED):
    client = agentkit.Client("anthropic")
    VERDICTS = [judge_faithfulness(client, i["question"], i["context"], i["answer"]).passed for i in LABELS]
HUMAN = [item["faithful"] for item in LABELS]
print("no verdict:", [i["id"] for i, v in zip(LABELS, VERDICTS) if v is None])
print("disagree:  ", [i["id"] for i, v in zip(LABELS, VERDICTS) if v is not None and v != i["faithful"]])
print(f"judge cost: {agentkit.format_usd(client.total_cost_usd)} for {len(client.calls)} verdicts")
""")
md("ex1", """
### Exercise 1: Cohen's kappa

Agreement flatters a judge when one label is common. Write `kappa(a, b)`: Cohen's kappa of two equal-length
label lists (any hashable labels, not only booleans), `(p_o - p_e) / (1 - p_e)` with `p_o` the share of items
labelled alike and `p_e` the sum, over every label, of the share of `a` using it times the share of `b` using it.
Raise `ValueError` when the lists differ in length or are empty.
""")
exercise("ex-kappa", """
def kappa(a, b):
    ### BEGIN SOLUTION
    if len(a) != len(b) or not a:
        raise ValueError("two non-empty label lists of the same length")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    return (observed - expected) / (1 - expected)
    ### END SOLUTION
""", """
# 10 items: 4 + 4 agree, 1 + 1 disagree: p_o = 0.8, p_e = 0.5, kappa = 0.6
a = [True] * 5 + [False] * 5
b = [True] * 4 + [False] + [True] + [False] * 4
assert abs(kappa(a, b) - 0.6) < 1e-9, f"kappa = {kappa(a, b)}, expected 0.6"
# 100 items (45 TT, 15 TF, 25 FT, 15 FF): p_o = 0.6, p_e = 0.6*0.7 + 0.4*0.3 = 0.54
c = [True] * 60 + [False] * 40
d = [True] * 45 + [False] * 15 + [True] * 25 + [False] * 15
assert abs(kappa(c, d) - 0.06 / 0.46) < 1e-9, f"kappa = {kappa(c, d)}, expected {0.06 / 0.46:.6f}"
# three labels: p_o = 22/30, p_e = 318/900
x = ["ok"] * 12 + ["partly"] * 12 + ["wrong"] * 6
y = ["ok"] * 10 + ["partly"] * 2 + ["ok"] + ["partly"] * 8 + ["wrong"] * 3 + ["partly"] * 2 + ["wrong"] * 4
assert abs(kappa(x, y) - 342 / 582) < 1e-9, f"three labels: kappa = {kappa(x, y)}, expected {342 / 582:.6f}"
# a label only one rater uses
assert abs(kappa(["a", "a", "b", "b"], ["a", "c", "b", "b"]) - (0.75 - 0.375) / 0.625) < 1e-9
for bad in (([True], [True, False]), ([], [])):
    try:
        kappa(*bad)
    except ValueError:
        continue
    raise AssertionError(f"kappa{bad} should raise ValueError")
print("kappa: all checks passed")
""")
md("calibrate", """
The reference package's `calibrate` leaves out the item with no verdict and adds the confusion matrix (rows:
the human's label, columns: the judge's). Three false passes against one false fail: this judge is lenient.
""")
code("calibrate-run", """
from rag_judge import calibrate

result = calibrate(HUMAN, VERDICTS)
print(f"n={result.n}  agreement={result.agreement:.2f}  kappa={result.kappa:.2f}  no verdict={result.no_verdict}")
print("                  judge faithful, unfaithful")
print("human faithful   ", result.confusion[0])
print("human unfaithful ", result.confusion[1])
""")

md("tracing", """
## 2. What a trace tells you

`answer_question` makes one trace per question: a root span, a retrieval span, a `chat {model}` span per model
call (tokens, cost, the chunk ids it was sent) and an `execute_tool` span per tool call. The spans go to an
in-memory exporter:
""")
code("tracing-run", """
import logging

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from rag_tracing import JsonFormatter, answer_question

exporter = InMemorySpanExporter()
tracer_provider = TracerProvider()
tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
tracer = tracer_provider.get_tracer("notebook-04")
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(JsonFormatter())
logger = logging.getLogger("notebook-04")
logger.handlers, logger.propagate = [handler], False
logger.setLevel(logging.INFO)

with replay.scenario(QUESTIONS):
    client = agentkit.Client("openai")
    for question in ("How do I repeat an option several times?", "What does click.secho do?"):
        answer_question(question, client=client, tracer=tracer, logger=logger)
SPANS = list(exporter.get_finished_spans())
for span in SPANS:
    print(f"{span.context.trace_id:032x}"[:8], f"{span.name:<28}", {k: v for k, v in span.attributes.items()
                                                                  if k.startswith(("rag.", "gen_ai.usage"))})
""")
md("ex2", """
### Exercise 2: citations that were never in the context

A citation is wrong when it names a chunk the model was never sent. Write `cited_outside_context(spans)`: for a
list of finished spans (possibly of several traces), return a dict mapping each root span's `rag.question` to the
sorted list of the ids in its `rag.answer.citations` that appear in no `rag.context.chunk_ids` of a chat span **of
the same trace** (`span.context.trace_id`). A root span is one with `span.parent is None`; a question whose
citations are all fine maps to `[]`. Span attributes hold tuples, not lists.
""")
exercise("ex-cited-outside-context", """
def cited_outside_context(spans):
    ### BEGIN SOLUTION
    sent = {}
    for span in spans:
        if span.attributes.get("gen_ai.operation.name") == "chat":
            sent.setdefault(span.context.trace_id, set()).update(span.attributes.get("rag.context.chunk_ids", ()))
    return {root.attributes["rag.question"]:
            sorted(set(root.attributes.get("rag.answer.citations", ())) - sent.get(root.context.trace_id, set()))
            for root in spans if root.parent is None}
    ### END SOLUTION
""", """
got = cited_outside_context(SPANS)
want = {"How do I repeat an option several times?": [], "What does click.secho do?": ["echo", "style"]}
assert got == want, f"got {got}, expected {want}"
# a third question, in its own trace, whose citation was sent in the FIRST trace only: still outside its context
extra = InMemorySpanExporter()
other = TracerProvider()
other.add_span_processor(SimpleSpanProcessor(extra))
t = other.get_tracer("check")
with t.start_as_current_span("invoke_workflow rag-answer") as root:
    root.set_attribute("rag.question", "Q3")
    root.set_attribute("rag.answer.citations", ["option-multiple", "option-count", "echo", "option-multiple", "envvar"])
    with t.start_as_current_span("chat m") as chat:
        chat.set_attributes({"gen_ai.operation.name": "chat", "rag.context.chunk_ids": ["option-count"]})
    with t.start_as_current_span("chat m") as chat:
        chat.set_attributes({"gen_ai.operation.name": "chat", "rag.context.chunk_ids": ["echo"]})
    with t.start_as_current_span("retrieval click-docs") as retrieval:
        retrieval.set_attributes({"gen_ai.operation.name": "retrieval", "rag.context.chunk_ids": ["option-multiple"]})
got = cited_outside_context(SPANS + list(extra.get_finished_spans()))
assert got.get("Q3") == ["envvar", "option-multiple"], f"Q3: got {got.get('Q3')}, expected ['envvar', 'option-multiple']"
assert got.get("What does click.secho do?") == ["echo", "style"], got
print("cited_outside_context: all checks passed")
""")
md("wrap", """
The secho trace fails two rows of the lesson's debugging checklist: retrieval missed (its retrieval span found
nothing) and citation wrong (the answer cites chunks that were not in its context). In production this check
runs on every traced answer, and its count is a dashboard line.

With a key (`COURSE_LLM_MODE=live`), run part 1 on a real judge model: how does its kappa on these 30 labels
compare with the authored one? Then build the graded units with `course check d4-llm-judge` and `d4-tracing`.
""")

draft.write()
