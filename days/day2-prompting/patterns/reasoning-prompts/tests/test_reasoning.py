"""Reasoning-prompts graded tests. Each runs your `reasoning` package in its own process through ../driver.py. The
model calls are answered by problems.yaml, whose replies are authored (see its header); the tests read what your
code sent (from the grader's side), what it parsed, and what it counted."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "parsing calls no model"}, "exchanges": []}
# The k most similar examples to each problem (MiniLM cosine of the example's question), most similar first.
SIMILAR = {"budget-1": ["ex-slo-week", "ex-slo-month", "ex-slo-quarter"],
           "budget-2": ["ex-slo-month", "ex-slo-week", "ex-slo-quarter"],
           "pods-1": ["ex-threads", "ex-consumers", "ex-nodes"],
           "pods-2": ["ex-consumers", "ex-threads", "ex-retry-linear"],
           "backoff-1": ["ex-retry-linear", "ex-retry-exp", "ex-retry-timeout"],
           "backoff-2": ["ex-retry-timeout", "ex-retry-linear", "ex-retry-exp"],
           "logs-1": ["ex-disk", "ex-egress", "ex-backup"],
           "logs-2": ["ex-disk", "ex-nodes", "ex-backup"]}
# What problems.yaml's authored replies give per technique: (correct of 8, calls).
EXPECTED = {"direct": (2, 8), "cot": (5, 8), "few_shot": (7, 8), "self_consistency": (6, 40), "chain": (7, 16)}
RIGHT = {"budget-1": "43.2", "budget-2": "21.6", "pods-1": "20", "pods-2": "82", "backoff-1": "6200",
         "backoff-2": "7500", "logs-1": "43.2", "logs-2": "3628.8"}


def users(request: dict) -> list[str]:
    return [text for role, text in request["messages"] if role == "user"]


def traced(run, entry, **kwargs) -> dict:
    trace = run("problems", entry, **kwargs)
    assert trace["ok"], f"{entry} failed: {trace['error']}"
    return trace


def served_cost(trace) -> float:
    return sum(s["cost_usd"] for s in trace["served"])


@pytest.mark.points(2)
@pytest.mark.hint("extract_answer returns the trimmed content of the reply's LAST <answer>...</answer> (a model may "
                  "revise itself), and None when there is no complete tag or it is empty. Never search the prose "
                  "(\"the answer is ...\"): the working is full of numbers.")
def test_the_answer_is_read_from_its_last_tag(run):
    cases = [("<answer>42</answer>", "42"),
             ("<thinking>so the answer is 0.1% of 43,200</thinking>\n<answer> 43.2 minutes </answer>", "43.2 minutes"),
             ("<answer>80</answer>\nWait, plus the spares.\n<answer>82</answer>", "82"),
             ("<ANSWER>7</ANSWER>", "7"),
             ("<answer>\n6,200 ms\n</answer>\n", "6,200 ms"),
             ("The answer is 20 pods.", None),
             ("<answer>20", None),
             ("<answer>  </answer>", None),
             ("", None)]
    trace = run(NO_LLM, "parse", texts=[text for text, _ in cases], ballots=[])
    assert trace["ok"], f"extract_answer failed: {trace['error']}"
    wrong = [f"{text!r} -> {got!r}, expected {want!r}" for (text, want), got in zip(cases, trace["result"]["answers"])
             if got != want]
    assert not wrong, "\n  ".join(["extract_answer:"] + wrong)


@pytest.mark.points(2)
@pytest.mark.hint("majority_vote: count canonical(answer) for every sample that has one (None has no vote; "
                  "\"6,200 ms\" and \"6200\" are one vote each for \"6200\"); the most votes win; a tie goes to the "
                  "tied answer whose FIRST vote came earliest; no votes at all gives None. Return the canonical form.")
def test_the_vote_counts_canonical_answers_and_breaks_ties_by_first_vote(run):
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
    trace = run(NO_LLM, "parse", texts=[], ballots=[ballot for ballot, _ in cases])
    assert trace["ok"], f"majority_vote failed: {trace['error']}"
    wrong = [f"{ballot} -> {got!r}, expected {want!r}"
             for (ballot, want), got in zip(cases, trace["result"]["winners"]) if got != want]
    assert not wrong, "\n  ".join(["majority_vote:"] + wrong)


@pytest.mark.points(2)
@pytest.mark.hint("select_examples embeds the problem and every example's question with agentkit.embeddings.MiniLM, "
                  "ranks by cosine similarity (the vectors are unit length, so a dot product), and returns the k "
                  "best, most similar first.")
def test_examples_are_chosen_by_similarity(run):
    trace = run(NO_LLM, "select", k=3)
    assert trace["ok"], f"select_examples failed: {trace['error']}"
    assert trace["result"] == SIMILAR, trace["result"]


@pytest.mark.points(2)
@pytest.mark.hint("cot_request: the system prompt asks for the working inside <thinking> tags and then the answer "
                  "inside <answer></answer> tags; the problem is the user message. evaluate('cot') makes one call "
                  "per problem.")
def test_chain_of_thought_asks_for_working_then_a_tagged_answer(run, provider):
    trace = traced(run, "evaluate", provider=provider, technique="cot")
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 8, f"{len(sent)} calls for 8 problems"
    for request, text in zip(sent, result["texts"].values()):
        assert "<thinking>" in request["system"] and "<answer>" in request["system"], \
            f"system prompt: {request['system']!r}"
        assert users(request) == [text], f"the problem is the one user message: {users(request)}"
    assert result["answers"]["budget-1"] == "43.2" and result["correct"] == 5, result["answers"]


@pytest.mark.points(3)
@pytest.mark.hint("few_shot_request: for each chosen example a user turn (its question) and an assistant turn "
                  "(<thinking>working</thinking> then <answer>answer</answer>); the most similar example comes LAST, "
                  "nearest the problem, which is the final user turn. evaluate('few_shot') chooses k=2 by similarity.")
def test_few_shot_examples_are_the_most_similar_as_earlier_turns(run, provider):
    trace = traced(run, "evaluate", provider=provider, technique="few_shot")
    sent, result = trace["sent"], trace["result"]
    examples = result["examples"]
    assert len(sent) == 8, f"{len(sent)} calls for 8 problems"
    for request, (pid, text) in zip(sent, result["texts"].items()):
        assert "<thinking>" in request["system"], f"{pid}: a few-shot prompt still asks for the working"
        turns = request["messages"]
        want = list(reversed(SIMILAR[pid][:2]))
        assert [role for role, _ in turns] == ["user", "assistant"] * 2 + ["user"], \
            f"{pid}: turns {[role for role, _ in turns]}; expected two examples as user/assistant pairs, then the problem"
        assert turns[-1][1] == text, f"{pid}: the problem is the last user turn"
        for (role, question), (_, worked), eid in zip(turns[0::2], turns[1::2], want):
            q, working, answer = examples[eid]
            assert question.strip() == q, f"{pid}: expected example {eid} (order: most similar last), got {question!r}"
            assert f"<answer>{answer}</answer>" in worked and "<thinking>" in worked and working in worked, \
                f"{pid}: example {eid}'s assistant turn shows its working and tagged answer: {worked!r}"
    assert result["correct"] == 7 and result["answers"]["budget-2"] == "21.6", result["answers"]


@pytest.mark.points(3)
@pytest.mark.hint("self_consistency sends the same chain-of-thought request n times, extracts each answer, and "
                  "votes (majority_vote). cost_usd is the sum of the n replies' cost_usd (agentkit prices each reply "
                  "from genai-prices).")
def test_self_consistency_votes_over_n_identical_samples(run, provider):
    trace = traced(run, "self_consistency", provider=provider, problem_id="logs-1", n=5)
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 5 and result["calls"] == 5, f"{len(sent)} calls sent; n = 5"
    assert all((r["system"], r["messages"]) == (sent[0]["system"], sent[0]["messages"]) for r in sent), \
        "the n samples are the same request"
    assert "<thinking>" in sent[0]["system"], "the samples are chain-of-thought requests"
    assert result["samples"] == ["43.2 GB", "4.32 GB", "4.32 GB", "43.2", None], result["samples"]
    assert result["votes"] == {"43.2": 2, "4.32": 2}, result["votes"]
    assert result["answer"] == "43.2", f"2 votes each: the first answer voted for wins, not {result['answer']!r}"
    assert result["cost_usd"] == pytest.approx(served_cost(trace), rel=1e-9), \
        f"cost {result['cost_usd']}; the replies cost {served_cost(trace)}"
    trace = traced(run, "self_consistency", provider=provider, problem_id="backoff-2", n=3)
    assert len(trace["sent"]) == 3 and trace["result"]["answer"] == "7500", trace["result"]


@pytest.mark.points(3)
@pytest.mark.hint("chain: call 1's system prompt asks for the facts inside <facts></facts> (the problem is its user "
                  "message); call 2's user message is <facts>, the facts call 1 returned, </facts>, then the problem; "
                  "its answer is read from <answer>. A first reply without <facts> ends the chain: None, no call 2.")
def test_a_chain_extracts_facts_then_solves_from_them(run, provider):
    trace = traced(run, "chain", provider=provider, problem_id="pods-2")
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 2, f"{len(sent)} calls; a chain of two steps makes two"
    first, second = sent
    assert "<facts>" in first["system"] and users(first)[-1] == result["text"], "step 1: facts asked for the problem"
    facts = trace["served"][0]["text"].split("<facts>")[1].split("</facts>")[0].strip()
    user = users(second)[-1]
    assert "<facts>" in user and "</facts>" in user, f"step 2's user message: {user[:300]!r}"
    inside = user[user.index("<facts>") + len("<facts>"):user.index("</facts>")]
    assert facts in inside, "step 2 gets step 1's facts between <facts> tags"
    assert result["text"] in user[user.index("</facts>"):], "the problem follows the facts"
    assert "<answer>" in second["system"], "step 2 asks for a tagged answer"
    assert result["answer"] == "82 workers", result
    broken = {"name": "no-facts", "provenance": {"kind": "authored", "note": "a first step that ignores the format"},
              "exchanges": [{"reply": {"text": "Sure! The worker count is 82."}, "repeat": True}]}
    trace = run(broken, "chain", provider=provider, problem_id="pods-2")
    assert trace["ok"], f"chain failed on an untagged first reply: {trace['error']}"
    assert len(trace["sent"]) == 1 and trace["result"]["answer"] is None, \
        f"no <facts>: the chain stops with None after one call ({len(trace['sent'])} calls, {trace['result']})"


@pytest.mark.points(4)
@pytest.mark.hint("evaluate(client, technique, problems): answers maps each problem id to canonical(answer); correct "
                  "counts is_correct; calls, input_tokens, output_tokens and cost_usd cover every call the technique "
                  "made (client.calls or the replies you kept), cost from each reply's cost_usd.")
def test_accuracy_and_cost_are_measured_per_technique(run, provider):
    problems = []
    for technique, (correct, calls) in EXPECTED.items():
        trace = traced(run, "evaluate", provider=provider, technique=technique)
        got, served = trace["result"], trace["served"]
        expected = {"technique": technique, "problems": 8, "correct": correct, "calls": calls,
                    "input_tokens": sum(s["usage"]["input_tokens"] for s in served),
                    "output_tokens": sum(s["usage"]["output_tokens"] for s in served)}
        counts = {key: got.get(key) for key in expected}
        if counts != expected or len(trace["sent"]) != calls:
            problems.append(f"{technique}: {counts}; expected {expected} ({len(trace['sent'])} calls sent)")
        if (got.get("accuracy"), got.get("cost_usd")) != pytest.approx((correct / 8, served_cost(trace)), rel=1e-9):
            problems.append(f"{technique}: accuracy, cost_usd {got.get('accuracy')}, {got.get('cost_usd')}; "
                            f"expected {correct / 8}, {served_cost(trace)}")
        right = {pid for pid, answer in (got.get("answers") or {}).items() if answer == RIGHT[pid]}
        if len(right) != correct:
            problems.append(f"{technique}: answers {got.get('answers')}")
    assert not problems, "\n  ".join(problems)
