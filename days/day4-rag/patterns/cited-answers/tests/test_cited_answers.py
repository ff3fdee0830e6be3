"""Cited answers graded tests. Each runs your `cited_answers` package in its own process through ../driver.py.
The corpus is click's installed source; every chunk and citation is located here by symbol with `ast`, never by
a typed line number. Model calls are answered by click-questions.yaml (authored replies, see its header); the
tests read what your code sent from the grader's side and what your `answer` returned."""
import ast
import copy
import functools
import re
from pathlib import Path

import click
import pytest

from agentkit.replay.scenarios import read_yaml

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "parsing and checking call no model"},
          "exchanges": []}
CLICK = Path(click.__file__).parent
SCENARIO = Path(__file__).resolve().parent.parent / "fixtures" / "scenarios" / "click-questions.yaml"
CITATION_SHAPE = re.compile(r"\[[^\s:\[\]`]+\.py:\d+(-\d+)?[^\]]*\]")


@functools.lru_cache(maxsize=None)
def source(module: str) -> str:
    return (CLICK / module).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def span(module: str, qualname: str) -> tuple[int, int]:
    """(first, last) line of a function or class, decorators included: found with ast, the way a chunker would."""
    body, node = ast.parse(source(module)).body, None
    for part in qualname.split("."):
        node = next(n for n in body if getattr(n, "name", None) == part)
        body = getattr(node, "body", [])
    return min([node.lineno, *(d.lineno for d in node.decorator_list)]), node.end_lineno


def lines(module: str, qualname: str, first: int | None = None, last: int | None = None) -> str:
    """`click/core.py:S-E` for a symbol, or for its `first`..`last` lines (1 = the symbol's first line)."""
    start, end = span(module, qualname)
    if first is not None:
        start, end = start + first - 1, start + last - 1
    return f"click/{module}:{start}-{end}"


def chunk(module: str, qualname: str, score: float) -> dict:
    start, end = span(module, qualname)
    return {"path": f"click/{module}", "start": start, "end": end, "score": score,
            "text": "\n".join(source(module).splitlines()[start - 1:end])}


def header(c: dict) -> str:
    return f"[{c['path']}:{c['start']}-{c['end']}]"


PLACEHOLDER = re.compile(r"\{\{([\w.]+)::([\w.]+)(?::(\d+)-(\d+))?\}\}")


def filled(value):
    """The scenario with each {{module::symbol[:a-b]}} replaced by real lines of the installed click."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: lines(m[1], m[2], *(int(n) for n in m.groups()[2:] if n)), value)
    if isinstance(value, list):
        return [filled(v) for v in value]
    if isinstance(value, dict):
        return {k: filled(v) for k, v in value.items()}
    return value


@functools.lru_cache(maxsize=1)
def filled_scenario() -> dict:
    return {"name": SCENARIO.name, **filled(read_yaml(SCENARIO))}


def scenario() -> dict:
    return copy.deepcopy(filled_scenario())


def reply_to(question_words: str) -> str:
    for exchange in scenario()["exchanges"]:
        if exchange.get("when", {}).get("user") == question_words:
            return exchange["reply"]["text"]
    raise LookupError(question_words)


# What a retriever returned for the questions below: four good chunks and one under the threshold (0.35).
RETRIEVED = [chunk("core.py", "Context.find_object", 0.71), chunk("core.py", "Context.ensure_object", 0.68),
             chunk("decorators.py", "pass_obj", 0.62), chunk("decorators.py", "make_pass_decorator", 0.55),
             chunk("core.py", "Context.scope", 0.21)]
KEPT, DROPPED = RETRIEVED[:4], RETRIEVED[4]


def ask(run, provider: str, question: str, chunks=RETRIEVED, min_score: float = 0.35) -> tuple[list, dict]:
    trace = run(scenario(), "ask", provider=provider, question=question, chunks=chunks, min_score=min_score)
    assert trace["ok"], f"answer failed: {trace['error']}"
    return trace["sent"], trace["result"]


def user_text(request: dict) -> str:
    users = [text for role, text in request["messages"] if role == "user"]
    return users[-1] if users else ""


@pytest.mark.points(2)
@pytest.mark.hint("parse_citations finds every [PATH:START-END] and [PATH:LINE] (start = end), each optionally "
                  "with a quote in backticks after a space inside the brackets, in order; `text` is the citation "
                  "as written. Anything else in brackets is not a citation.")
def test_parse_citations(run):
    texts = ["ensure_object creates it [click/core.py:760-763] and pass_obj reads it [click/decorators.py:46].",
             "It returns the object [click/core.py:748-750 `return node.obj`][click/core.py:754 `return None`]",
             "A quote may hold brackets: [click/core.py:12-14 `args[0] = \"x\"`]",
             "Not citations: [core.py] [click/core.py:abc] click/core.py:12-14 [see above] [click/core.py: 12]",
             ""]
    trace = run(NO_LLM, "parse", texts=texts)
    assert trace["ok"], f"parse_citations failed: {trace['error']}"
    expected = [[["click/core.py", 760, 763, None, "[click/core.py:760-763]"],
                 ["click/decorators.py", 46, 46, None, "[click/decorators.py:46]"]],
                [["click/core.py", 748, 750, "return node.obj", "[click/core.py:748-750 `return node.obj`]"],
                 ["click/core.py", 754, 754, "return None", "[click/core.py:754 `return None`]"]],
                [["click/core.py", 12, 14, 'args[0] = "x"', '[click/core.py:12-14 `args[0] = "x"`]']],
                [], []]
    wrong = [f"{text!r}\n    -> {got}\n    expected {want}" for text, got, want in zip(texts, trace["result"], expected)
             if got != want]
    assert not wrong, "\n  ".join(["parse_citations ([path, start, end, quote, text]):"] + wrong)


@pytest.mark.points(4)
@pytest.mark.hint("check_citations: every non-empty line needs a citation ('uncited claim', where = the stripped "
                  "line); each citation gets the FIRST reason that applies, in this order: 'unknown file' (not in "
                  "the corpus), 'not retrieved' (no sent chunk of that file), 'bad range' (start < 1, start > end, "
                  "or end past the file's last line), 'outside retrieved lines' (no single sent chunk holds "
                  "start..end), 'quote not found' (whitespace squeezed, the quote is not in those lines of the file).")
def test_check_flags_each_invalid_citation(run):
    find, ensure = span("core.py", "Context.find_object"), span("core.py", "Context.ensure_object")
    core_lines = len(source("core.py").splitlines())
    scope = lines("core.py", "Context.scope", 1, 2)
    good = f"[{lines('core.py', 'Context.find_object', 5, 9)} `node = node.parent`]"
    multi_line_quote = f"[click/core.py:{find[0] + 5}-{find[0] + 6} `if isinstance(node.obj, object_type):    return node.obj`]"
    answers = [
        f"find_object walks up the parents {good}",                                                  # valid
        f"Quotes compare with whitespace squeezed {multi_line_quote}",                               # valid
        f"A chunk's last line [click/core.py:{find[1]}] and a whole chunk [click/core.py:{ensure[0]}-{ensure[1]}]",
        "No such module [click/context.py:10-12]",                                                  # unknown file
        "Not retrieved [click/termui.py:1-3]",                                                       # not retrieved
        f"Past the end [click/core.py:{core_lines}-{core_lines + 2}] and reversed [click/core.py:{find[1]}-{find[0]}]",
        "Line zero [click/core.py:0-2]",                                                             # bad range
        f"Below the threshold [{scope}] and across two chunks [click/core.py:{find[1]}-{ensure[0]}]",
        f"Misquoted [{lines('core.py', 'Context.ensure_object', 6, 7)} `self.obj = object_type()`]",  # quote
        f"A quote from the right file but other lines [click/core.py:{find[0]}-{find[0] + 1} `return rv`]",
        "Just a claim, no citation.\n\n   \nA second line [click/core.py:{0}]".format(find[0]),
        "",
    ]
    trace = run(NO_LLM, "check", answers=answers, chunks=KEPT)
    assert trace["ok"], f"check_citations failed: {trace['error']}"
    expected = [
        [], [], [],
        [["unknown file", "[click/context.py:10-12]"]],
        [["not retrieved", "[click/termui.py:1-3]"]],
        [["bad range", f"[click/core.py:{core_lines}-{core_lines + 2}]"],
         ["bad range", f"[click/core.py:{find[1]}-{find[0]}]"]],
        [["bad range", "[click/core.py:0-2]"]],
        [["outside retrieved lines", f"[{scope}]"], ["outside retrieved lines", f"[click/core.py:{find[1]}-{ensure[0]}]"]],
        [["quote not found", f"[{lines('core.py', 'Context.ensure_object', 6, 7)} `self.obj = object_type()`]"]],
        [["quote not found", f"[click/core.py:{find[0]}-{find[0] + 1} `return rv`]"]],
        [["uncited claim", "Just a claim, no citation."]],
        [["uncited claim", ""]],
    ]
    wrong = [f"{text[:110]!r}\n    -> {got}\n    expected {want}"
             for text, got, want in zip(answers, trace["result"], expected) if got != want]
    assert not wrong, "\n  ".join(["check_citations ([reason, where]):"] + wrong)


@pytest.mark.points(3)
@pytest.mark.hint("build_prompt: the system prompt tells the model to cite, with an example in the citation format "
                  "([click/core.py:120-134]); the user message holds every chunk scoring at least min_score as a "
                  "header line [PATH:START-END] directly followed by the chunk's text, and the question. A chunk "
                  "under the threshold is not sent. A first answer whose citations all check is 'answered'.")
def test_the_prompt_sends_kept_chunks_with_headers_and_asks_to_cite(run, provider):
    question = "How can nested click commands share an object?"
    sent, got = ask(run, provider, question)
    assert len(sent) == 1, f"{len(sent)} requests: a valid first answer needs one call"
    system, user = sent[0]["system"] or "", user_text(sent[0])
    assert "cite" in system.lower() and CITATION_SHAPE.search(system), \
        f"the system prompt asks for citations and shows the format [path:start-end]: {system[:400]!r}"
    for c in KEPT:
        assert f"{header(c)}\n{c['text']}" in user, \
            f"the user message holds {header(c)} on its own line, directly followed by the chunk's text"
    assert header(DROPPED) not in user and DROPPED["text"] not in user, "a chunk under min_score is not sent"
    assert question in user, "the question is in the user message"
    assert got["status"] == "answered" and got["calls"] == 1 and got["problems"] == [], got
    assert got["text"] == reply_to("share an object"), "the answer is the model's checked text"
    assert [c[4] for c in got["citations"]] == [m.group(0) for m in CITATION_SHAPE.finditer(got["text"])], \
        f"the answer's citations, in order: {got['citations']}"


@pytest.mark.points(3)
@pytest.mark.hint("An answer with an invalid citation gets exactly one repair call: the same system prompt, the "
                  "first user message, the model's answer as the assistant turn, then a user message naming each "
                  "failed citation as it was written (for an uncited claim, the line) and why. Check the new answer "
                  "again: valid is 'repaired'.")
def test_an_invalid_citation_is_repaired_once(run, provider):
    sent, got = ask(run, provider, "How does click find the object of a given type in the context?")
    assert len(sent) == 2, f"{len(sent)} requests: one answer, one repair"
    first, repair = sent
    assert [role for role, _ in repair["messages"]] == ["user", "assistant", "user"], \
        f"the repair continues the conversation: {[role for role, _ in repair['messages']]}"
    assert repair["messages"][0][1] == user_text(first), "the repair resends the first user message"
    assert repair["messages"][1][1] == reply_to("find the object of a given type"), \
        "the model's first answer is the assistant turn"
    assert repair["system"] == first["system"], "the repair keeps the system prompt"
    failed = f"[{lines('core.py', 'Context.scope', 1, 3)}]"
    assert failed in user_text(repair), f"the repair message names the failed citation {failed}: " \
                                        f"{user_text(repair)[:300]!r}"
    valid = [f"[{lines('core.py', 'Context.find_object', 5, 9)} `node = node.parent`]",
             f"[{lines('core.py', 'Context.find_object', 11, 11)}]"]
    assert not any(v in user_text(repair) for v in valid), "only the failed citations are named as failed"
    assert got["status"] == "repaired" and got["calls"] == 2, got
    assert got["text"] == reply_to(failed), "the repaired text is the answer"

    sent, got = ask(run, provider, "What does pass_obj pass to the callback?")
    assert len(sent) == 2, f"{len(sent)} requests: one answer, one repair"
    message = user_text(sent[1])
    for failed in ("It is the usual way to share state between nested commands.", "[click/context.py:10-12]"):
        assert failed in message, f"the repair message names {failed!r}: {message[:300]!r}"
    assert got["status"] == "repaired", got


@pytest.mark.points(3)
@pytest.mark.hint("After the one repair, check again: any problem left means status 'rejected', text None, and the "
                  "problems of that second check. Never a third call.")
def test_still_invalid_after_the_repair_is_rejected(run, provider):
    sent, got = ask(run, provider, "What does ensure_object do when there is no object yet?")
    assert len(sent) == 2, f"{len(sent)} requests: one answer, one repair, and no more"
    assert "`self.obj = object_type()`]" in user_text(sent[1]), "the repair names the misquoted citation"
    assert got["status"] == "rejected" and got["text"] is None, f"still invalid after the repair: {got}"
    assert got["problems"] == [["not retrieved", f"[{lines('globals.py', 'get_current_context')}]"]], \
        f"the problems of the second check: {got['problems']}"


@pytest.mark.points(2)
@pytest.mark.hint("Keep the chunks whose score is at least min_score. With none left, return status 'no evidence' "
                  "and text None without calling the model; a chunk scoring exactly min_score is kept.")
def test_weak_retrieval_says_it_does_not_know_without_calling_the_model(run, provider):
    weak = [{**c, "score": s} for c, s in zip(RETRIEVED, (0.34, 0.3, 0.2, 0.1, 0.05))]
    sent, got = ask(run, provider, "How do I configure logging in click?", chunks=weak, min_score=0.35)
    assert sent == [], f"weak retrieval must not call the model: {len(sent)} requests"
    assert got["status"] == "no evidence" and got["text"] is None and got["calls"] == 0, got

    root = chunk("core.py", "Context.find_root", 0.5)
    sent, got = ask(run, provider, "How do I get the outermost context?",
                    chunks=[root, {**DROPPED, "score": 0.49}], min_score=0.5)
    assert len(sent) == 1 and header(root) in user_text(sent[0]), "a chunk scoring exactly min_score is kept"
    assert header(DROPPED) not in user_text(sent[0]), "a chunk just under min_score is not sent"
    assert got["status"] == "answered", got
