"""Build days/day4-rag/notebooks/03-cited-answers-and-metrics.ipynb (run from the repository root), then
execute it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day4-rag/notebooks/03-cited-answers-and-metrics.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Measuring retrieval, and answers that cite their lines

Two halves of "is this RAG system any good?", in cells:

1. **Retrieval metrics** on a labelled question set over part of click's source: hit rate, precision, recall,
   MRR and nDCG at k, for a keyword retriever (BM25) and an embedding retriever (all-MiniLM-L6-v2), side by side
   (exercise 1: `ndcg_at_k`).
2. **Cited answers**: every claim cites file and lines, and every citation is checked against the corpus before
   anyone reads the answer (exercise 2: `check_citation`).

The corpus is the installed click's source, chunked by function and class with `ast`; about 70 chunks are
embedded for real, which takes a few seconds. The model replies in part 2 are authored (the fixture's header
says so). The graded units are [retrieval-metrics](../patterns/retrieval-metrics/README.md) and
[cited-answers](../patterns/cited-answers/README.md).
""")
code("setup", """
import ast
import sys
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day4-rag/notebooks).
SOLUTIONS = Path("../../../solutions/day4-rag")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day4-rag/notebooks"
for unit in ("retrieval-metrics", "cited-answers"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

import numpy as np
import yaml

from agentkit import Client, replay
from cited_answers import Chunk, click_corpus, fill_lines, parse_citations
from retrieval_metrics import Question, bar_chart, evaluate, hit_rate_at_k, precision_at_k, recall_at_k
from retrieval_metrics import reciprocal_rank_at_k

MODULES = ["decorators.py", "exceptions.py", "globals.py", "termui.py", "utils.py"]
corpus = click_corpus(MODULES)


def symbol_chunks(corpus):
    \"\"\"One chunk per top-level function or class (decorators included; @overload stubs skipped), with its id
    `click/termui.py::confirm` and its lines.\"\"\"
    chunks = {}
    for path, text in corpus.items():
        lines = text.splitlines()
        for node in ast.parse(text).body:
            if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                continue
            if any("overload" in ast.unparse(d) for d in node.decorator_list):
                continue
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            chunks[f"{path}::{node.name}"] = Chunk(path, start, node.end_lineno,
                                                   "\\n".join(lines[start - 1:node.end_lineno]), 0.0)
    return chunks


chunks = symbol_chunks(corpus)
ids = list(chunks)
print(len(chunks), "chunks from", ", ".join(MODULES))
print(ids[:4])
""")
md("labels", """
## 1. A labelled question set

Each question lists the chunks that answer it, by **file and symbol** (never by line number: lines move with every
release), with a grade: 2 answers it, 1 helps. Twelve questions is small; it is enough to see two retrievers
differ, not to rank them with confidence.
""")
code("questions", """
QUESTIONS = [
    Question("confirm", "How do I ask the user for a yes or no answer?",
             {"click/termui.py::confirm": 2, "click/termui.py::prompt": 1}),
    Question("context", "How can a command callback receive the context object?",
             {"click/decorators.py::pass_context": 2, "click/decorators.py::pass_obj": 1,
              "click/decorators.py::make_pass_decorator": 1}),
    Question("missing", "Which error is raised when a required parameter is missing?",
             {"click/exceptions.py::MissingParameter": 2, "click/exceptions.py::UsageError": 1}),
    Question("colour", "How do I print coloured text to the terminal?",
             {"click/termui.py::secho": 2, "click/termui.py::style": 2, "click/utils.py::echo": 1}),
    Question("config", "Where should my application store its configuration files?",
             {"click/utils.py::get_app_dir": 2}),
    Question("progress", "How do I show a progress bar while processing items?", {"click/termui.py::progressbar": 2}),
    Question("version", "How do I add a --version option to my command?",
             {"click/decorators.py::version_option": 2}),
    Question("lazy-file", "How can I open a file lazily, with - meaning standard input?",
             {"click/utils.py::open_file": 2, "click/utils.py::_LazyFile": 1}),
    Question("current", "How do I get the current click context from anywhere?",
             {"click/globals.py::get_current_context": 2, "click/globals.py::push_context": 1}),
    Question("editor", "How do I open the user's text editor to edit a message?", {"click/termui.py::edit": 2}),
    Question("exit", "Which exception stops the program with a given exit code?",
             {"click/exceptions.py::Exit": 2, "click/exceptions.py::Abort": 1}),
    Question("key", "How do I wait until the user presses a key?",
             {"click/termui.py::pause": 2, "click/termui.py::getchar": 2}),
]
missing = [doc for question in QUESTIONS for doc in question.relevant if doc not in chunks]
assert not missing, f"labels that name no chunk: {missing}"
print(len(QUESTIONS), "questions,", sum(len(q.relevant) for q in QUESTIONS), "labelled chunks")
""")
md("metrics", """
## 2. The metrics

For one question, a ranking (chunk ids, best first) and its labels, looking at the first k positions:

| metric | definition |
|---|---|
| hit rate@k | 1 if any relevant chunk is in the first k, else 0 |
| precision@k | relevant chunks in the first k, divided by k |
| recall@k | relevant chunks in the first k, divided by all relevant chunks of the question |
| MRR@k | the mean over questions of 1 / (position of the first relevant chunk), 0 if none in the first k |
| nDCG@k | $\\mathrm{DCG@k} / \\mathrm{IDCG@k}$ with $\\mathrm{DCG@k} = \\sum_{i=1}^{k} \\frac{g_i}{\\log_2(i+1)}$, $g_i$ the grade at position $i$; IDCG@k is the DCG@k of the ideal ranking |

The contract's edge cases: a ranking shorter than k has empty (non-relevant) slots; a chunk repeated in the ranking
counts once, at its first position; a question with no relevant chunk has no defined score (None) and is left out
of the means. By hand, on a ranking with a duplicate:
""")
code("by-hand", """
ranked = ["click/termui.py::prompt", "click/termui.py::prompt", "click/utils.py::echo", "click/termui.py::confirm"]
labels = QUESTIONS[0].relevant
for k in (1, 3, 4):
    print(f"k={k}: hit {hit_rate_at_k(ranked, labels, k):.0f}  precision {precision_at_k(ranked, labels, k):.2f}  "
          f"recall {recall_at_k(ranked, labels, k):.2f}  RR {reciprocal_rank_at_k(ranked, labels, k):.2f}")
""")
md("ex1", """
### Exercise 1: nDCG@k

Write `ndcg_at_k(ranked, relevant, k)` for `relevant` a dict of chunk id to grade (grades above 0 are relevant).
Use the grade itself as the gain and the discount $\\log_2(i+1)$ for position $i$ (1-based). Only the first k
positions count; a repeated chunk gains nothing after its first position; IDCG@k sorts every labelled grade, highest
first, and cuts at k. No positive grade at all: return None.
""")
exercise("ex-ndcg", """
import math


def ndcg_at_k(ranked, relevant, k):
    ### BEGIN SOLUTION
    grades = {doc: g for doc, g in relevant.items() if g > 0}
    if not grades:
        return None
    seen, dcg = set(), 0.0
    for position, doc in enumerate(ranked[:k], start=1):
        if doc not in seen:
            dcg += grades.get(doc, 0) / math.log2(position + 1)
        seen.add(doc)
    ideal = sorted(grades.values(), reverse=True)[:k]
    return dcg / sum(g / math.log2(position + 1) for position, g in enumerate(ideal, start=1))
    ### END SOLUTION
""", """
from math import isclose, log2

graded = {"a": 3, "b": 2, "c": 1, "d": 2}
assert isclose(ndcg_at_k(["c", "a", "b"], graded, 3), (1 + 3 / log2(3) + 2 / 2) / (3 + 2 / log2(3) + 2 / 2)), \\
    "grade as the gain, log2(position + 1) as the discount, IDCG from the labels sorted by grade"
assert isclose(ndcg_at_k(["a", "d", "b", "c"], graded, 4), 1.0), "an ideal ranking scores 1 (ties in any order)"
assert isclose(ndcg_at_k(["a", "b"], {"a": 1, "b": 1, "c": 1, "d": 1}, 2), 1.0), "IDCG is cut at k"
assert isclose(ndcg_at_k(["x", "b"], {"b": 1}, 2), 1 / log2(3)), "position 2 is discounted by log2(3)"
assert isclose(ndcg_at_k(["a", "a", "b"], {"a": 1, "b": 1}, 3), (1 + 1 / log2(4)) / (1 + 1 / log2(3))), \\
    "a repeated chunk gains nothing the second time"
assert isclose(ndcg_at_k(["b"], {"a": 1, "b": 1}, 5), (1 / log2(2)) / (1 + 1 / log2(3))), "a short ranking is fine"
assert isclose(ndcg_at_k(["x", "y", "z", "b"], {"b": 2}, 3), 0.0), "only the first k positions count"
assert ndcg_at_k(["a"], {}, 3) is None and ndcg_at_k(["a"], {"a": 0}, 3) is None, "nothing relevant: None"
print("ndcg_at_k: all checks passed")
""")
md("retrievers", """
## 3. Two retrievers, measured

**BM25** (bm25s) scores exact word overlap; **MiniLM** embeds each chunk and each question and ranks by cosine.
The chunks are embedded once here (a few seconds on a laptop's CPU); both retrievers answer `(question, k) -> ids`,
which is all `evaluate` needs.
""")
code("build-retrievers", """
import bm25s

from agentkit.embeddings import MiniLM

texts = [chunks[i].text for i in ids]
keyword_index = bm25s.BM25()
keyword_index.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)


def bm25(question, k):
    found, _ = keyword_index.retrieve(bm25s.tokenize([question], stopwords="en", show_progress=False), k=k,
                                      show_progress=False)
    return [ids[i] for i in found[0]]


model = MiniLM.load()
vectors = model.encode(texts)


def minilm(question, k):
    scores = vectors @ model.encode([question])[0]
    return [ids[i] for i in np.argsort(-scores)[:k]]


print(bm25(QUESTIONS[0].text, 3))
print(minilm(QUESTIONS[0].text, 3))
""")
code("evaluate", """
reports = {name: evaluate(retriever, QUESTIONS, k=5) for name, retriever in (("BM25", bm25), ("MiniLM", minilm))}
print(f"{'':<8}" + "".join(f"{name + '@5':>12}" for name in ("hit_rate", "precision", "recall", "mrr", "ndcg")))
for name, report in reports.items():
    print(f"{name:<8}" + "".join(f"{report[m]:>12.2f}" for m in ("hit_rate", "precision", "recall", "mrr", "ndcg")))
print("\\nnDCG@5 per question, where the two differ:")
for q in QUESTIONS:
    a, b = (reports[name]["per_question"][q.id]["ndcg"] for name in ("BM25", "MiniLM"))
    if abs(a - b) > 0.005:
        print(f"  {q.id:<10} BM25 {a:.2f}  MiniLM {b:.2f}  {q.text}")
""")
code("chart", """
import io

from IPython.display import Image

figure = bar_chart(reports, title="BM25 and MiniLM on 12 click questions")
png = io.BytesIO()
figure.savefig(png, format="png")
Image(png.getvalue())
""")
md("read", """
Read the per-question rows, not only the means: with twelve questions one question is 8 points of hit rate.
Precision@5 stays low by construction (most questions have one or two relevant chunks, so at most 2/5), which is
why recall and nDCG carry the comparison. Lab 04 does this over all of click with 20+ questions and hybrid search.

## 4. Answers that cite their lines

An answer is only as useful as its evidence. The prompt sends each retrieved chunk under a header in the citation
format, `[click/core.py:744-754]`, and asks for one claim per line, each ending in a citation; code then checks
every citation against the corpus. The question below is about `click/core.py`; the chunks and scores stand for a
retriever's output (one, `Context.scope`, scored under the 0.35 threshold and is not sent):
""")
code("retrieved", """
from cited_answers.sources import chunk_of

full = click_corpus()
retrieved = [chunk_of(full, "click/core.py", "Context.find_object", 0.71),
             chunk_of(full, "click/core.py", "Context.ensure_object", 0.68),
             chunk_of(full, "click/decorators.py", "pass_obj", 0.62),
             chunk_of(full, "click/decorators.py", "make_pass_decorator", 0.55),
             chunk_of(full, "click/core.py", "Context.scope", 0.21)]
kept = [c for c in retrieved if c.score >= 0.35]
for c in retrieved:
    print(f"[{c.path}:{c.start}-{c.end}] score {c.score}")

# The authored replies cite by symbol ({{core.py::Context.find_object:5-9}}); fill in today's line numbers.
SCENARIO = Path("../patterns/cited-answers/fixtures/scenarios/click-questions.yaml")
scenario = yaml.safe_load(fill_lines(SCENARIO.read_text(), full))
""")
md("ex2", """
### Exercise 2: check one citation

Write `check_citation(citation, chunks, corpus)`: None if the citation holds, else the **first** reason that
applies, in this order:

1. `"unknown file"`: `citation.path` is not in `corpus`;
2. `"not retrieved"`: no chunk in `chunks` comes from that file;
3. `"bad range"`: start below 1, start after end, or end past the file's last line;
4. `"outside retrieved lines"`: no single chunk of that file holds all of `start..end`;
5. `"quote not found"`: `citation.quote` is not None and does not appear in lines `start..end` of the file, after
   squeezing every run of whitespace in both to one space.

`citation` comes from `parse_citations` (fields `path`, `start`, `end`, `quote`, `text`).
""")
exercise("ex-check-citation", """
def check_citation(citation, chunks, corpus):
    ### BEGIN SOLUTION
    if citation.path not in corpus:
        return "unknown file"
    sent = [c for c in chunks if c.path == citation.path]
    if not sent:
        return "not retrieved"
    file_lines = corpus[citation.path].splitlines()
    if not 1 <= citation.start <= citation.end <= len(file_lines):
        return "bad range"
    if not any(c.start <= citation.start and citation.end <= c.end for c in sent):
        return "outside retrieved lines"
    cited = "\\n".join(file_lines[citation.start - 1:citation.end])
    if citation.quote is not None and " ".join(citation.quote.split()) not in " ".join(cited.split()):
        return "quote not found"
    return None
    ### END SOLUTION
""", """
find, ensure = kept[0], kept[1]
last = len(full["click/core.py"].splitlines())


def check(text):
    [citation] = parse_citations(text)
    return check_citation(citation, kept, full)


cases = {
    f"[click/core.py:{find.start + 4}-{find.start + 8} `node = node.parent`]": None,
    f"[click/core.py:{find.start + 5}-{find.start + 6} `if isinstance(node.obj, object_type):  return node.obj`]": None,
    f"[click/core.py:{find.end}]": None,
    f"[click/core.py:{ensure.start}-{ensure.end}]": None,
    "[click/context.py:1-3]": "unknown file",
    "[click/termui.py:1-3]": "not retrieved",
    f"[click/core.py:{last}-{last + 1}]": "bad range",
    f"[click/core.py:{find.end}-{find.start}]": "bad range",
    "[click/core.py:0-1]": "bad range",
    f"[click/core.py:{find.end}-{ensure.start}]": "outside retrieved lines",
    f"[click/core.py:{retrieved[4].start}-{retrieved[4].start + 2}]": "outside retrieved lines",
    f"[click/core.py:{ensure.start + 5}-{ensure.start + 6} `self.obj = object_type()`]": "quote not found",
    f"[click/core.py:{find.start}-{find.start + 1} `return rv`]": "quote not found",
    f"[click/core.py:{last - 1}-{last}]": "outside retrieved lines",
}
wrong = {text: (check(text), want) for text, want in cases.items() if check(text) != want}
assert not wrong, "citation -> (yours, expected):\\n" + "\\n".join(f"{t} -> {g}" for t, g in wrong.items())
print("check_citation: all checks passed")
""")
md("answer", """
The reference `answer` runs the whole loop, with its own checker: ask; check every citation; if one fails, one
repair call that names the failed citations; check again; reject what is still wrong. Four questions on the
authored replies, plus one where retrieval is weak, so no model is called at all:
""")
code("answers", """
from cited_answers import answer

QUESTIONS_ABOUT_CONTEXT = ["How can nested click commands share an object?",
                           "How does click find the object of a given type in the context?",
                           "What does pass_obj pass to the callback?",
                           "What does ensure_object do when there is no object yet?"]
with replay.scenario(scenario) as cassette:
    client = Client("anthropic")
    for question in QUESTIONS_ABOUT_CONTEXT:
        got = answer(client, question, retrieved, full, min_score=0.35)
        print(f"{got.status:<11} {got.calls} call(s)  {question}")
        for problem in got.problems:
            print(f"            {problem.reason}: {problem.where}")
    weak = [Chunk(c.path, c.start, c.end, c.text, c.score / 3) for c in retrieved]
    got = answer(client, "How do I configure logging in click?", weak, full, min_score=0.35)
    print(f"{got.status:<11} {got.calls} call(s)  (best score {max(c.score for c in weak):.2f})")
print(len(cassette.sent), "requests in all")
""")
code("repair-shown", """
with replay.scenario(scenario) as cassette:
    got = answer(Client("openai"), QUESTIONS_ABOUT_CONTEXT[1], retrieved, full, min_score=0.35)
print("the repair message:\\n" + cassette.sent[1].view.messages[-1][1])
print("\\nthe repaired answer:\\n" + got.text)
""")
md("wrap", """
A citation checker does not make an answer true: it proves each claim points at lines the model was shown, which
is what lets a reader (or a judge model, in the evaluation lesson) check it quickly. With a key
(`COURSE_LLM_MODE=live`), run part 4 on a real model and count how often its first answer needs a repair.
""")

draft.write()
