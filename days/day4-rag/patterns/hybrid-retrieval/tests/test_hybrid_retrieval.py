"""Hybrid retrieval graded tests. Each runs your `hybrid_search` package in its own process through ../driver.py.
Vector search runs on the grader's WordHashEncoder (deterministic: the expected ranking is computed here with the
same encoder); one test uses MiniLM. Model calls go through agentkit.Client and are answered by this unit's
scenarios in both providers' wire formats; what your code sent is the grader's record (`trace["sent"]`)."""
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
_spec = importlib.util.spec_from_file_location("hybrid_driver", Path(__file__).resolve().parent.parent / "driver.py")
DRIVER = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(DRIVER)

DOCS = [
    ["termui.py:get_terminal_size",
     'def get_terminal_size():\n    """Columns and lines of the terminal."""\n    return shutil.get_terminal_size()'],
    ["formatting.py:wrap_text",
     'def wrap_text(text, width=78, initial_indent=""):\n    """Wrap a paragraph of help to fit the width."""'],
    ["parser.py:_split_opt",
     'def _split_opt(opt):\n    """Split the prefix (-- or +) from an option\'s name."""\n    first = opt[:1]\n'
     '    if first.isalnum():\n        return "", opt\n    return first, opt[1:]'],
    ["parser.py:_OptionParser._match_short_opt",
     'def _match_short_opt(self, arg, state):\n    """Handle a group of short flags like -abc, one letter at a time."""'],
    ["parser.py:_unpack_args",
     'def _unpack_args(args, nargs_spec):\n    """Given an iterable of arguments and an iterable of nargs specifications,'
     ' returns a tuple with all the unpacked arguments."""'],
    ["exceptions.py:MissingParameter",
     'class MissingParameter(BadParameter):\n    """Raised when a required option or argument was not given."""'],
    ["exceptions.py:NoSuchOption",
     'class NoSuchOption(UsageError):\n    """Raised if click attempted to handle an option that does not exist."""'],
    ["exceptions.py:Exit",
     'class Exit(RuntimeError):\n    """Stop the program with the given exit code."""\n    def __init__(self, code=0):\n'
     '        self.exit_code = code'],
    ["utils.py:LazyFile",
     'class LazyFile:\n    """A file opened only when it is first written to."""'],
    ["testing.py:CliRunner.invoke",
     'def invoke(self, cli, args=None, input=None):\n    """Run a command in isolation and capture its output."""'],
    ["termui.py:progressbar",
     'def progressbar(iterable, length=None, label=None):\n    """Show a progress bar while iterating."""'],
    ["decorators.py:pass_context",
     'def pass_context(f):\n    """Mark a callback as wanting to receive the current context object."""'],
]
IDS = [doc_id for doc_id, _ in DOCS]


def result(trace: dict) -> dict:
    assert trace["ok"], f"the job failed: {trace['error']}"
    return trace["result"]


def cosine_scores(query: str, texts: list[str]) -> np.ndarray:
    encoder = DRIVER.WordHashEncoder()
    return encoder.encode(texts) @ encoder.encode([query])[0]


def rrf(rankings, k=60):
    """The contract's fusion, for the expected values."""
    scores, best = {}, {}
    for which, ranking in enumerate(rankings):
        seen = set()
        for rank, item in enumerate(ranking, 1):   # the position in the list as given
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best[item] = min(best.get(item, (rank, which)), (rank, which))
    return sorted(scores.items(), key=lambda pair: (-pair[1], best[pair[0]]))


def user_text(provider: str, body: dict) -> str:
    """The system prompt and every message's text of one request, as sent."""
    parts = [body.get("system") if isinstance(body.get("system"), str) else
             " ".join(b.get("text", "") for b in body.get("system") or [])]
    for message in body.get("messages", []):
        content = message.get("content")
        parts.append(content if isinstance(content, str) else
                     " ".join(str(b.get("text", "")) for b in content or [] if isinstance(b, dict)))
    return "\n".join(p for p in parts if p)


@pytest.mark.points(3)
@pytest.mark.hint("tokenize: lower case; split identifiers at underscores and at case changes (HTTPServerError -> "
                  "http, server, error) and keep a compound identifier whole as well (get_terminal_size).")
def test_tokens_split_identifiers(run):
    texts = ["get_terminal_size()", "class HTTPServerError(Exception):", "self._match_short_opt(arg, state)",
             "Wrap the HELP text"]
    got = result(run(NO_LLM, "tokens", texts=texts))["tokens"]
    expected = [{"get", "terminal", "size", "get_terminal_size"}, {"class", "http", "server", "error", "exception"},
                {"self", "match", "short", "opt", "match_short_opt", "arg", "state"}, {"wrap", "the", "help", "text"}]
    for text, tokens, want in zip(texts, got, expected):
        assert want <= set(tokens), f"tokenize({text!r}) = {tokens}; it should hold {sorted(want - set(tokens))}"
        assert all(t == t.lower() for t in tokens), f"tokenize({text!r}) = {tokens}: tokens are lower case"
        assert not any(c in t for t in tokens for c in "().:, "), f"tokenize({text!r}) = {tokens}: punctuation"
    assert "httpservererror" in got[1], "the CamelCase name is kept whole too"


@pytest.mark.points(3)
@pytest.mark.hint("KeywordIndex: bm25s.BM25().index([tokenize(t) for t in texts]); search scores the query's "
                  "tokens (get_scores) and returns the positions with a score above 0, best first, at most k.")
def test_keyword_search_finds_parts_of_identifiers(run):
    queries = ["size", "such", "get_terminal_size", "_match_short_opt", "zebra", "option"]
    got = result(run(NO_LLM, "keyword", docs=DOCS, queries=queries, k=3))["results"]
    assert got[0] == ["termui.py:get_terminal_size"], f"'size' is a part of get_terminal_size only: {got[0]}"
    assert got[1] == ["exceptions.py:NoSuchOption"], f"'such' is a part of NoSuchOption only: {got[1]}"
    assert got[2][:1] == ["termui.py:get_terminal_size"], f"the exact identifier ranks its doc first: {got[2]}"
    assert got[3][:1] == ["parser.py:_OptionParser._match_short_opt"], f"query _match_short_opt: {got[3]}"
    assert got[4] == [], f"no document shares a token with 'zebra', so none is returned: {got[4]}"
    assert len(got[5]) == 3, f"at most k results, and 'option' is in more than 3 docs: {got[5]}"


@pytest.mark.points(2)
@pytest.mark.hint("VectorIndex: encode the texts once; search encodes the query and ranks by cosine (the dot "
                  "product of unit vectors), best first, k results.")
def test_vector_search_ranks_by_cosine(run):
    queries = ["stop the program with an exit code", "wrap a paragraph of help", "a file opened when written"]
    got = result(run(NO_LLM, "vector", docs=DOCS, queries=queries, k=4))["results"]
    texts = [t for _, t in DOCS]
    for query, ranking in zip(queries, got):
        scores = cosine_scores(query, texts)
        assert len(ranking) == 4, f"{query!r}: k=4 results, got {ranking}"
        got_scores = [float(scores[IDS.index(i)]) for i in ranking]
        assert got_scores == sorted(got_scores, reverse=True), f"{query!r}: not in order of cosine: {ranking}"
        assert got_scores[0] == pytest.approx(float(scores.max())), f"{query!r}: the nearest document is not first"
        assert sum(scores > got_scores[-1] + 1e-6) <= 3, f"{query!r}: a nearer document was left out: {ranking}"


@pytest.mark.points(1)
@pytest.mark.hint("The default encoder is agentkit.embeddings.MiniLM: real sentence embeddings.")
def test_vector_search_with_minilm(run):
    got = result(run(NO_LLM, "vector", docs=DOCS, queries=["How do I end the program with a status code?"],
                     k=2, encoder="minilm"))["results"]
    assert got[0][0] == "exceptions.py:Exit", f"MiniLM's nearest document: {got[0]}"


@pytest.mark.points(3)
@pytest.mark.hint("RRF: score = sum over lists of 1 / (k + rank), rank from 1; an id in one list only still gets "
                  "its one term; a repeat within a list counts once; ties: better best rank, then earlier list.")
def test_reciprocal_rank_fusion(run):
    cases = [([["a", "b", "c"], ["c", "a", "d"]], 60), ([["a", "b"], ["b", "a"]], 60), ([["x"], ["y"], ["z"]], 60),
             ([["a", "b", "a", "c"], ["d"]], 60), ([["p", "q", "r"], ["r", "s"]], 1), ([[], ["a"]], 60)]
    for rankings, k in cases:
        got = result(run(NO_LLM, "fuse", rankings=rankings, k=k))["fused"]
        want = rrf(rankings, k)
        assert [i for i, _ in got] == [i for i, _ in want], f"rrf({rankings}, k={k}): {got}; expected {want}"
        assert [s for _, s in got] == pytest.approx([s for _, s in want]), f"rrf({rankings}, k={k}) scores: {got}"


@pytest.mark.points(3)
@pytest.mark.hint("HybridSearch.search: fuse rankings(query, candidates) (keyword, then vector) with RRF and "
                  "return the first k ids.")
def test_hybrid_search_fuses_keyword_and_vector(run):
    queries = ["size of the terminal", "such an option does not exist", "unpack nargs"]
    got = result(run(NO_LLM, "hybrid", docs=DOCS, queries=queries, k=3, candidates=5))["results"]
    for query, found in zip(queries, got):
        keyword, vector = found["rankings"]
        assert found["fused"] == [i for i, _ in rrf([keyword, vector])][:3], \
            f"{query!r}: {found['fused']} is not the RRF of keyword {keyword} and vector {vector}"
    assert got[0]["fused"][0] == "termui.py:get_terminal_size"


@pytest.mark.points(3)
@pytest.mark.hint("multi_query: ask the model for n rewrites (one per line), clean each line (numbering, bullets, "
                  "quotes), drop blanks, repeats and the question itself; return [question, *rewrites][:n + 1].")
def test_multi_query_parses_the_rewrites(run, provider):
    question = "How does click share out positional values between parameters?"
    trace = run("rewrites", "multi_query", provider=provider, docs=DOCS, question=question, k=3, n=3, candidates=5)
    got = result(trace)
    assert got["queries"] == [question, "unpack args with nargs", "nargs specification for positional arguments",
                              "distribute values to arguments by nargs"], got["queries"]
    assert trace["sent"], "nothing was sent to the model"
    assert question in user_text(provider, trace["sent"][0]["body"]), "the question goes to the model"


@pytest.mark.points(3)
@pytest.mark.hint("multi_query_search: for each query (the question and its rewrites) take HybridSearch."
                  "rankings(query, candidates); fuse all those lists in one RRF; return the first k ids.")
def test_multi_query_search_fuses_every_query(run, provider):
    question = "How does click share out positional values between parameters?"
    got = result(run("rewrites", "multi_query", provider=provider, docs=DOCS, question=question, k=3, n=3,
                     candidates=5))
    rankings = [ranking for query in got["queries"] for ranking in got["rankings"][query]]
    assert got["ids"] == [i for i, _ in rrf(rankings)][:3], \
        f"{got['ids']} is not the RRF of every query's keyword and vector rankings"
    alone = result(run(NO_LLM, "hybrid", docs=DOCS, queries=[question], k=3, candidates=5))["results"][0]["fused"]
    assert "parser.py:_unpack_args" not in alone and "parser.py:_unpack_args" in got["ids"], \
        f"the question alone finds {alone}; its rewrites should add _unpack_args: {got['ids']}"


@pytest.mark.points(3)
@pytest.mark.hint("hyde_search: ask the model for a hypothetical answer to the question, embed that answer with "
                  "the index's encoder (not the question) and search with its vector.")
def test_hyde_embeds_the_hypothetical_answer(run, provider):
    question = "How do I find out how wide the user's window is?"
    trace = run("hyde", "hyde", provider=provider, docs=DOCS, question=question, k=3)
    got = result(trace)
    assert trace["sent"] and question in user_text(provider, trace["sent"][0]["body"]), "the question goes to the model"
    encoded = got["encoded_after_indexing"]
    assert any("shutil.get_terminal_size" in text for text in encoded), \
        f"the model's answer is what gets embedded; the encoder saw {encoded}"
    answer = next(text for text in encoded if "shutil.get_terminal_size" in text)
    scores = cosine_scores(answer, [t for _, t in DOCS])
    assert got["ids"][0] == IDS[int(np.argmax(scores))] == "termui.py:get_terminal_size", got["ids"]
    question_first = IDS[int(np.argmax(cosine_scores(question, [t for _, t in DOCS])))]
    assert question_first != got["ids"][0], "test set-up: the question alone finds another document"


CANDIDATES = [DOCS[7], DOCS[6], DOCS[5], DOCS[1]]   # Exit, NoSuchOption, MissingParameter, wrap_text
ORIGINAL = [doc_id for doc_id, _ in CANDIDATES]


@pytest.mark.points(3)
@pytest.mark.hint("rerank: send the question and every candidate with its id; parse the reply as a JSON array of "
                  "ids and return every candidate's id in that order.")
def test_rerank_follows_a_good_ordering(run, provider):
    question = "Which error is raised when a required option is missing?"
    trace = run("rerank", "rerank", provider=provider, question=question, candidates=CANDIDATES)
    got = result(trace)
    assert got.get("order") == ["exceptions.py:MissingParameter", "exceptions.py:NoSuchOption", "exceptions.py:Exit",
                                "formatting.py:wrap_text"], got
    assert len(trace["sent"]) == 1, f"one request to rerank; {len(trace['sent'])} were sent"
    sent = user_text(provider, trace["sent"][0]["body"])
    assert question in sent, "the question goes to the reranker"
    for doc_id, text in CANDIDATES:
        assert doc_id in sent and text.splitlines()[1].strip() in sent, f"candidate {doc_id} and its text are sent"


@pytest.mark.points(3)
@pytest.mark.hint("A partial ordering: keep the listed ids that are candidates, once each, then the candidates it "
                  "left out in their original order. Never return an id that was not a candidate.")
def test_rerank_repairs_a_partial_ordering(run, provider):
    got = result(run("rerank", "rerank", provider=provider, question="What if the user types an option we lack?",
                     candidates=CANDIDATES))
    assert got.get("order") == ["exceptions.py:NoSuchOption", "exceptions.py:MissingParameter", "exceptions.py:Exit",
                                "formatting.py:wrap_text"], got


@pytest.mark.points(3)
@pytest.mark.hint("When the reply is not a JSON array (prose, or cut off) or the call fails (agentkit's LLMError), "
                  "return the candidates in their original order: retrieval still works without the reranker.")
def test_rerank_falls_back_to_the_original_order(run, provider):
    for question in ("How do I quit with a status code?", "Is the help text wrapped?", "How are errors shown?"):
        got = result(run("rerank", "rerank", provider=provider, question=question, candidates=CANDIDATES))
        assert got.get("order") == ORIGINAL, f"{question!r}: {got}"
