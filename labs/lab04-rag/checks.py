"""What the Lab 04 tests, visible and hidden, share: click's source as this process reads it, the symbols' lines
resolved with `ast`, the labelled questions, and the grader's own metrics, fusion and citation checks.

The grader judges from what it observes itself: the files (read here), the requests the code under test sent
(`trace["sent"]`, recorded by the broker outside the submission's process) and the plain data the driver returns.
"""
from __future__ import annotations

import ast
import math
import re
from functools import cache
from pathlib import Path

import click
import yaml

HERE = Path(__file__).resolve().parent
CLICK_ROOT = Path(click.__file__).parent
MODULES = ("decorators.py", "exceptions.py", "termui.py", "utils.py")
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these calls must not reach a model"},
          "exchanges": []}
HEADING = re.compile(r"^### ([\w./-]+\.py):(\d+)-(\d+)", re.MULTILINE)
CITED = re.compile(r"([\w./-]+\.py):(\d+)-(\d+)")
PLACEHOLDER = re.compile(r"\{\{([\w.]+\.py):([\w.]+)(?::(-?\d+):(-?\d+))?\}\}")


@cache
def lines_of(path: str) -> tuple[str, ...]:
    return tuple((CLICK_ROOT / path).read_text("utf-8").splitlines())


def is_overload(node) -> bool:
    return any((d.attr if isinstance(d, ast.Attribute) else getattr(d, "id", None)) == "overload"
               for d in getattr(node, "decorator_list", []))


@cache
def symbols(path: str) -> dict[str, tuple[int, int]]:
    """The contract's chunks of a module, as the grader reads them: symbol -> (first line, last line)."""
    tree = ast.parse("\n".join(lines_of(path)))
    found: dict[str, tuple[int, int]] = {}

    def first(node) -> int:
        return min([node.lineno, *(d.lineno for d in node.decorator_list)])

    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in tree.body:
        if isinstance(node, functions) and not is_overload(node):
            found[node.name] = (first(node), node.end_lineno)
        elif isinstance(node, ast.ClassDef):
            methods = [m for m in node.body if isinstance(m, functions) and not is_overload(m)]
            found[node.name] = (first(node), first(methods[0]) - 1 if methods else node.end_lineno)
            for method in methods:
                found[f"{node.name}.{method.name}"] = (first(method), method.end_lineno)
    return found


def load_questions(path: Path) -> list[dict]:
    return yaml.safe_load(Path(path).read_text("utf-8"))["questions"]


QUESTIONS = load_questions(HERE / "questions.yaml")


def is_relevant(result: dict, question: dict) -> bool:
    """A retrieved chunk counts when it names a labelled (file, symbol) and its lines are that symbol's lines."""
    for label in question["relevant"]:
        if result["path"] == label["path"] and result["symbol"] == label["symbol"]:
            start, end = symbols(label["path"])[label["symbol"]]
            return result["start"] >= start and result["end"] <= end
    return False


def relevance(results: list[dict], question: dict) -> list[bool]:
    """Per result, relevant or not; a symbol counted once (a repeat of an already found one is not relevant)."""
    seen, flags = set(), []
    for result in results:
        key = (result["path"], result["symbol"])
        flags.append(is_relevant(result, question) and key not in seen)
        seen.add(key)
    return flags


def scores(flags: list[bool], relevant: int, k: int = 5) -> dict:
    """The grader's own hit@k, recall@k, reciprocal rank and nDCG@k from relevance flags, best first."""
    top = flags[:k]
    first = next((rank for rank, flag in enumerate(flags, start=1) if flag), None)
    dcg = sum(1 / math.log2(rank + 1) for rank, flag in enumerate(top, start=1) if flag)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(relevant, k) + 1))
    return {"hit_rate@5": float(any(top)), "recall@5": sum(top) / relevant if relevant else 0.0,
            "mrr": 1 / first if first else 0.0, "ndcg@5": dcg / ideal if ideal else 0.0}


def mean_scores(results: list[list[dict]], questions: list[dict]) -> dict:
    """Averages over the answerable questions, as the README's thresholds are stated."""
    rows = [scores(relevance(found, q), len(q["relevant"])) for found, q in zip(results, questions) if q["answerable"]]
    return {name: sum(row[name] for row in rows) / len(rows) for name in rows[0]}


def rrf(rankings: list[list], rrf_k: int) -> dict:
    """The grader's reciprocal rank fusion: id -> sum of 1 / (rrf_k + rank), rank 1 for the first."""
    fused: dict = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1 / (rrf_k + rank)
    return fused


def with_citations(text: str) -> str:
    """A scripted reply's {{path:symbol}} (the symbol's whole span) and {{path:symbol:a:b}} (lines start+a to
    start+b, which may run past the symbol's end) written as path:start-end, resolved here from click's source."""
    def span(match) -> str:
        path, symbol, a, b = match.groups()
        start, end = symbols(path)[symbol]
        if a is not None:
            start, end = start + int(a), start + int(b)
        return f"{path}:{start}-{end}"
    return PLACEHOLDER.sub(span, text)


def scenario_with_citations(scenario: dict) -> dict:
    """A scenario whose replies' placeholders are resolved to today's lines of click's source."""
    exchanges = []
    for exchange in scenario["exchanges"]:
        reply = dict(exchange.get("reply") or {})
        if "text" in reply:
            reply["text"] = with_citations(reply["text"])
        exchanges.append({**exchange, "reply": reply})
    return {**scenario, "exchanges": exchanges}


def sent_spans(request: dict) -> tuple[list[tuple[str, int, int]], list[str]]:
    """The excerpts a request gave the model, by their headings, and what is wrong with any of them: each heading's
    code must be exactly those lines of the file, as this process reads it."""
    text = "\n".join(t for role, t in request["messages"] if role == "user")
    spans, wrong = [], []
    for match in HEADING.finditer(text):
        path, start, end = match.group(1), int(match.group(2)), int(match.group(3))
        spans.append((path, start, end))
        if path not in MODULES or not 1 <= start <= end <= len(lines_of(path)):
            wrong.append(f"{path}:{start}-{end} is not a span of the corpus")
            continue
        body = text[match.end():].split("```python\n", 1)[-1].split("\n```", 1)[0]
        if body != "\n".join(lines_of(path)[start - 1:end]):
            wrong.append(f"the excerpt headed {path}:{start}-{end} is not lines {start}-{end} of {path}")
    return spans, wrong


def grounded(reply: str, spans: list[tuple[str, int, int]]) -> tuple[list[str], list[str]]:
    """The reply's citations that lie within a span the model was given (valid), and the others, in order."""
    valid, invalid = [], []
    for path, start, end in CITED.findall(reply):
        start, end, label = int(start), int(end), f"{path}:{start}-{end}"
        ok = start <= end and any(p == path and s <= start and end <= e for p, s, e in spans)
        target = valid if ok else invalid
        if label not in valid + invalid:
            target.append(label)
    return valid, invalid


# What the reference reaches and the thresholds the graded tests hold a submission to (the README shows both;
# tests/test_lab04_strength.py keeps them equal).
THRESHOLDS = {
    "visible": {"hit_rate@5": 0.85, "recall@5": 0.80, "mrr": 0.70, "ndcg@5": 0.70},
    "hidden": {"hit_rate@5": 0.75, "recall@5": 0.65, "mrr": 0.55, "ndcg@5": 0.55},
}
REFERENCE = {
    "visible": {"hit_rate@5": 1.0, "recall@5": 0.981, "mrr": 0.914, "ndcg@5": 0.927},
    "hidden": {"hit_rate@5": 0.917, "recall@5": 0.875, "mrr": 0.736, "ndcg@5": 0.729},
}


def short_of(measured: dict, wanted: dict) -> list[str]:
    return [f"{name} {measured[name]:.3f} < {wanted[name]}" for name in wanted if measured[name] < wanted[name] - 1e-9]


BUILD_ROUNDS = 12  # jobs a test spends waiting for the index build (each waits up to 12 s in the driver)
BUILD_TIMEOUT = 180  # seconds for a test that may wait for the build (the per-test default is 30)


def once_built(run, scenario, entry: str, **kwargs) -> dict:
    """`run(...)` once the submission's index is built: the driver's `ready` is asked until it is, so the job
    itself has its whole time limit."""
    for _ in range(BUILD_ROUNDS):
        trace = run(NO_LLM, "ready")
        if not trace["ok"] or not trace["result"]["building"]:
            break
    else:
        raise AssertionError(f"the index was still being built after {BUILD_ROUNDS} rounds")
    assert trace["ok"] and not trace["result"]["error"], trace["error"] or trace["result"]["error"]
    return run(scenario, entry, **kwargs)


def retrieve(run, questions: list[dict], rankings: bool = False, per_job: int = 8) -> dict:
    """The driver's `retrieve` for the questions, a few per job (each job has 20 s; query embeddings are slow on a
    busy machine)."""
    results, found = [], {}
    for start in range(0, len(questions), per_job):
        trace = once_built(run, NO_LLM, "retrieve", rankings=rankings,
                           questions=[q["question"] for q in questions[start:start + per_job]])
        assert trace["ok"], trace["error"]
        found = trace["result"]
        results += found["results"]
    return {**found, "results": results}


def answers(run, scenario: dict | str, provider: str, questions: list[str]) -> dict:
    return once_built(run, scenario, "ask", provider=provider, questions=questions)
