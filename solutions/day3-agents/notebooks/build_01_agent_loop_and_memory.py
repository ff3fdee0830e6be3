"""Build days/day3-agents/notebooks/01-agent-loop-and-memory.ipynb (run from the repository root), then execute
it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day3-agents/notebooks/01-agent-loop-and-memory.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# The agent loop, its context window and its memory

The hands-on morning of Day 3, in three parts, each with an exercise and a check cell after it:

1. **The loop**: tool calls and their results on both providers' wire formats, and the loop that feeds results
   back until the model answers or a budget stops it (exercise 1: `run_tool_calls`).
2. **The context window**: a conversation measured in tokens, slid to a budget, with what falls out summarised
   (exercise 2: `newest_window`).
3. **Memory**: facts and episodes recalled by similarity discounted for age (exercise 3: `rank_memories`).

Everything runs offline on authored replies (each fixture says so in its header) and the offline MiniLM encoder.
The graded units are [agent-loop](../patterns/agent-loop/README.md),
[context-window](../patterns/context-window/README.md) and [memory](../patterns/memory/README.md).
""")
code("setup", """
import json
import sys
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day3-agents/notebooks).
SOLUTIONS = Path("../../../solutions/day3-agents")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day3-agents/notebooks"
for unit in ("agent-loop", "context-window", "memory"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))
PATTERNS = Path("../patterns")
sys.path.insert(0, str((PATTERNS / "agent-loop").resolve()))  # the order desk's tools (the unit's driver)

from agentkit import Client, Message, replay
from driver import ORDERS, SYSTEM, TOOLS, make_functions

SCENARIOS = PATTERNS / "agent-loop/fixtures/scenarios"
FUNCTIONS = make_functions([])  # get_order (KeyError for an order that does not exist), exchange_rate, search_docs
ORDER_TOOLS = [TOOLS["get_order"], TOOLS["exchange_rate"]]
""")
md("loop", """
## 1. The loop, and what travels on the wire

The model asks for a tool; your code runs it and sends the result back under the call's id; the model reads it on
the next call. Here is the second request of the order desk's run, after one hand-written result, as each provider
receives it:
""")
code("wire", """
for provider in ("anthropic", "openai"):
    with replay.scenario(SCENARIOS / "order-total.yaml") as cassette:
        client = Client(provider)
        messages = [Message.user("What does order 88213 cost in euros?")]
        reply = client.chat(messages, system=SYSTEM, tools=ORDER_TOOLS, max_tokens=400)
        call = reply.tool_calls[0]
        messages += [reply.as_message(), Message.tool_result(call, json.dumps(ORDERS["88213"]))]
        reply = client.chat(messages, system=SYSTEM, tools=ORDER_TOOLS, max_tokens=400)
    print(f"{cassette.sent[1].api} ({client.model}), the last two messages sent:")
    for message in cassette.sent[1].body["messages"][-2:]:
        print("   ", json.dumps(message))
    print("  next:", reply.tool_calls)
""")
md("ex1", """
Anthropic puts `tool_use` blocks in the assistant turn and wants `tool_result` blocks in the next *user* turn;
Chat Completions puts `tool_calls` on the assistant message and wants one `role: "tool"` message per call (with no
error flag). `agentkit` writes either from the same `Message.tool_result(call, text, is_error=...)`.

### Exercise 1: run one reply's tool calls

Write `run_tool_calls(reply, functions)`: one `Message.tool_result` per call in `reply.tool_calls`, **in order**,
each under its call's id, running `functions[call.name](**call.arguments)`. A string result is sent as it is,
anything else as JSON (`json.dumps`). A call to a tool that is not in `functions`, or one that raises, must not
crash the run: it becomes a result with `is_error=True` whose text says what went wrong (the tool's name, and the
exception's type and message), so that the model can try something else. A reply without tool calls gives `[]`.
""")
exercise("ex-run-tool-calls", """
def run_tool_calls(reply, functions):
    ### BEGIN SOLUTION
    results = []
    for call in reply.tool_calls:
        function = functions.get(call.name)
        if function is None:
            results.append(Message.tool_result(call, f"error: there is no tool named {call.name!r}", is_error=True))
            continue
        try:
            result = function(**call.arguments)
        except Exception as exc:
            results.append(Message.tool_result(call, f"error: {call.name} failed: {type(exc).__name__}: {exc}",
                                               is_error=True))
            continue
        results.append(Message.tool_result(call, result if isinstance(result, str) else json.dumps(result)))
    return results
    ### END SOLUTION
""", """
from agentkit import Reply, ToolCall

calls = [ToolCall(id="call_1", name="get_order", arguments={"order_id": "88213"}),
         ToolCall(id="call_2", name="search_docs", arguments={"query": "refunds"}),
         ToolCall(id="call_3", name="get_order", arguments={"order_id": "99999"}),
         ToolCall(id="call_4", name="cancel_order", arguments={"order_id": "88213"})]
try:
    results = run_tool_calls(Reply(tool_calls=calls, stop_reason="tool_use"), FUNCTIONS)
except NotImplementedError:
    raise
except Exception as exc:
    raise AssertionError(f"run_tool_calls raised {type(exc).__name__}: {exc}; a tool that fails or does not exist "
                         "must become an error result, not end the run") from exc
assert isinstance(results, list) and len(results) == 4, f"one result per call, 4 expected: {results}"
assert [r.role for r in results] == ["tool"] * 4, [r.role for r in results]
assert [r.tool_call_id for r in results] == ["call_1", "call_2", "call_3", "call_4"], \\
    f"each result goes back under its call's id, in order: {[r.tool_call_id for r in results]}"
assert not results[0].is_error and json.loads(results[0].content) == ORDERS["88213"], \\
    f"a dict result is sent as JSON: {results[0].content!r}"
assert not results[1].is_error and results[1].content == "No help page matches 'refunds'.", \\
    f"a string result is sent as it is: {results[1].content!r}"
assert results[2].is_error and "get_order" in results[2].content and "KeyError" in results[2].content \\
    and "99999" in results[2].content, f"a tool that raises: {results[2]}"
assert results[3].is_error and "cancel_order" in results[3].content, f"a tool that does not exist: {results[3]}"
assert run_tool_calls(Reply(text="done"), FUNCTIONS) == [], "a reply without tool calls has no results"

runs = [("two-orders.yaml", "What do both orders 88213 and 77102 cost together?", "165.50 USD"),
        ("tool-errors.yaml", "Please cancel order 99999.", "no order 99999")]
for provider in ("anthropic", "openai"):
    for fixture, task, expected in runs:
        with replay.scenario(SCENARIOS / fixture):
            client = Client(provider)
            messages = [Message.user(task)]
            for _ in range(4):
                reply = client.chat(messages, system=SYSTEM, tools=ORDER_TOOLS, max_tokens=400)
                if not reply.tool_calls:
                    break
                messages += [reply.as_message(), *run_tool_calls(reply, FUNCTIONS)]
        assert expected in reply.text, f"{provider}, {fixture}: the run ended with {reply.text!r}"
print("run_tool_calls: all checks passed, on both wire formats")
""")
md("budgets", """
### The loop around it, with budgets

A loop that only stops when the model answers runs for ever on a model that keeps asking (the runaway fixture
answers every request with another search, at 20,000 input tokens a call). The reference `run_agent` stops for a
stated reason: `answered`, `step_budget`, `cost_budget` (spent, priced by genai-prices, at or above the budget) or
`error`:
""")
code("budgets-run", """
from agent_loop import ToolBox, run_agent

orders = ToolBox([(TOOLS[name], FUNCTIONS[name]) for name in ("get_order", "exchange_rate")])
search = ToolBox([(TOOLS["search_docs"], FUNCTIONS["search_docs"])])
runs = [("order-total.yaml", "What does order 88213 cost in euros?", orders, {}),
        ("tool-errors.yaml", "Please cancel order 99999.", orders, {}),
        ("runaway.yaml", "What is the refund policy?", search, {"max_steps": 5}),
        ("runaway.yaml", "What is the refund policy?", search, {"max_steps": 20, "max_cost_usd": 0.05})]
for fixture, task, box, budgets in runs:
    with replay.scenario(SCENARIOS / fixture):
        run = run_agent(Client("openai"), task, box, system=SYSTEM, **budgets)
    errors = [r["content"][:40] for step in run.steps for r in step.results if r["is_error"]]
    print(f"{fixture:<17} {run.stop_reason:<12} {len(run.steps)} steps  ${run.cost_usd:.4f}  "
          f"answer: {run.answer!r}" + (f"  error results: {errors}" if errors else ""))
""")
md("window", """
## 2. The context window

Every call of a loop sends the whole conversation, so each request is bigger than the last. Here is the authored
incident review (eight questions) with no budget to speak of, each request measured offline with tiktoken
(`prompt_tokens`: each turn's tokens plus 4 for its framing, the system prompt counted as one more turn):
""")
code("window-growth", """
import yaml
from context_window import PER_MESSAGE, Conversation, count_tokens, prompt_tokens

CHAT = PATTERNS / "context-window/fixtures/scenarios/incident-chat.yaml"
QUESTIONS = yaml.safe_load(CHAT.read_text())["conversation"]
REVIEWER = "You are the incident review assistant."


def request_tokens(sent):
    return prompt_tokens(sent.view.system, [{"content": text} for _, text in sent.view.messages])


with replay.scenario(CHAT) as cassette:
    chat = Conversation(Client("anthropic"), system=REVIEWER, budget_tokens=100_000)
    for question in QUESTIONS:
        chat.ask(question)
print("tokens per request:", [request_tokens(sent) for sent in cassette.sent])
""")
md("ex2", """
### Exercise 2: the sliding window

Write `newest_window(turns, room)`: split `turns` (dicts with `role` and `content`, oldest first) into
`(dropped, kept)`, where `kept` is the **longest run of newest turns that starts with a user turn and fits**:
`prompt_tokens(None, kept) <= room`, and `dropped` is everything before it. Whole turns only, from the oldest end;
a window never starts with an assistant turn (its question would be gone). When not even the newest user turn
fits, raise `ValueError`. Do not change `turns`.
""")
exercise("ex-newest-window", """
def newest_window(turns, room):
    ### BEGIN SOLUTION
    for start in range(len(turns)):
        if turns[start]["role"] == "user" and prompt_tokens(None, turns[start:]) <= room:
            return turns[:start], turns[start:]
    raise ValueError(f"the newest turn alone needs {prompt_tokens(None, turns[-1:])} tokens; the room is {room}")
    ### END SOLUTION
""", """
turns = [{"role": "user", "content": "Checkout fails for EU customers since 14:02 UTC."},
         {"role": "assistant", "content": "What changed last?"},
         {"role": "user", "content": "A config push lowered the payments-db proxy pool from 200 to 20."},
         {"role": "assistant", "content": "That explains the timeouts: every checkout request now queues for one of "
                                          "twenty connections, and most of them wait past the client's deadline. "
                                          "Roll the pool size back, then watch the error rate fall."},
         {"role": "user", "content": "Rolled back at 14:45."},
         {"role": "assistant", "content": "Good. Write the timeline next."},
         {"role": "user", "content": "What was the new pool size?"}]
original = [dict(turn) for turn in turns]
size = [count_tokens(turn["content"]) + PER_MESSAGE for turn in turns]


def tail(start):
    return sum(size[start:])


for room, start in [(tail(0), 0), (tail(0) + 50, 0), (tail(0) - 1, 2), (tail(1), 2), (tail(2), 2), (tail(2) - 1, 4),
                    (tail(4) + size[3] - 1, 4), (tail(4), 4), (tail(4) - 1, 6), (tail(6), 6)]:
    dropped, kept = newest_window(turns, room)
    assert kept == turns[start:] and dropped == turns[:start], (
        f"newest_window(turns, {room}) kept turns {[turns.index(t) for t in kept if t in turns]} and dropped "
        f"{[turns.index(t) for t in dropped if t in turns]}; expected to keep {list(range(start, len(turns)))}")
try:
    newest_window(turns, tail(6) - 1)
except ValueError:
    pass
else:
    raise AssertionError("when not even the newest turn fits, newest_window must raise ValueError")
assert turns == original, "newest_window changed the turns it was given"
print("newest_window: all checks passed")
""")
md("summary", """
A window alone forgets what the conversation established. The reference `Conversation` slides the same way and
folds the dropped turns into a running summary (one model call each time turns fall out), sent in the system
prompt with the pinned facts; its budget covers the system prompt, the pins and room for the summary. At a
450-token budget:
""")
code("summary-run", """
with replay.scenario(CHAT) as cassette:
    chat = Conversation(Client("anthropic"), system=REVIEWER, budget_tokens=450)
    chat.pin("Incident commander: Priya Nair.")
    for question in QUESTIONS:
        answer = chat.ask(question)
chats = [s for s in cassette.sent if "incident review" in s.view.system]
print("tokens per request:", [request_tokens(sent) for sent in chats], "(budget 450)")
print("summary calls:", len(cassette.sent) - len(chats))
print("the window still holds '200 to 20':", any("200 to 20" in turn["content"] for turn in chat.turns))
print("the summary holds it:", "200 to 20" in chat.summary)
print("last answer:", answer)
""")
md("memory", """
## 3. Memory: relevance discounted for age

An agent's memory outlives the conversation: **episodes** (what was tried on which task, and how it went) and
**facts**, each stored with its time and its MiniLM vector. Recall by similarity alone ranks last month's rule
above this morning's correction when the old one is worded closer to the question:
""")
code("similarity", """
from agentkit.embeddings import MiniLM

encoder = MiniLM.load()
QUESTION = "Who approves a production deploy?"
OLD_RULE = "Deploys to production need two approvals in the release channel."
NEW_RULE = "Release approvals now come from the team lead alone."
question, old, new = encoder.encode([QUESTION, OLD_RULE, NEW_RULE])
print(f"similarity to the old rule {question @ old:.3f}, to the correction {question @ new:.3f}")
""")
md("ex3", """
### Exercise 3: recency-weighted ranking

Write `rank_memories(query_vector, memories, now, half_life, k)`. `memories` is a list of
`(text, vector, at)` with unit-length vectors (so the cosine is the dot product) and aware datetimes. Each
memory's score is `similarity * 0.5 ** (age / half_life)`, where `age = now - at`: a memory one half-life old counts
half as much as a new one. `half_life` is a `timedelta`. Return the `k` best as `(text, score)` pairs, highest score
first; equal scores keep the order of `memories`.
""")
exercise("ex-rank-memories", """
def rank_memories(query_vector, memories, now, half_life, k):
    ### BEGIN SOLUTION
    scored = []
    for text, vector, at in memories:
        age = (now - at) / half_life
        scored.append((text, float(query_vector @ vector) * 0.5 ** age))
    return sorted(scored, key=lambda pair: -pair[1])[:k]
    ### END SOLUTION
""", """
import math
from datetime import datetime, timedelta, timezone

import numpy as np


def unit(degrees):
    return np.array([math.cos(math.radians(degrees)), math.sin(math.radians(degrees))])


now = datetime(2026, 12, 7, 9, tzinfo=timezone.utc)
day = timedelta(days=1)
memories = [("old rule", unit(30), now - 14 * day), ("correction", unit(60), now - day),
            ("this morning", unit(80), now - timedelta(hours=2)), ("last week", unit(45), now - 7 * day)]
similarity = {text: math.cos(math.radians(angle)) for text, angle in
              [("old rule", 30), ("correction", 60), ("this morning", 80), ("last week", 45)]}
cases = [(timedelta(days=7), 3, [("correction", 1 / 7), ("last week", 1), ("old rule", 2)]),
         (timedelta(days=7), 10, [("correction", 1 / 7), ("last week", 1), ("old rule", 2), ("this morning", 1 / 84)]),
         (timedelta(days=70), 2, [("old rule", 0.2), ("last week", 0.1)]),
         (timedelta(hours=12), 2, [("this morning", 1 / 6), ("correction", 2)])]
for half_life, k, best in cases:
    got = rank_memories(unit(0), memories, now, half_life, k)
    want = [(text, similarity[text] * 0.5 ** half_lives) for text, half_lives in best]
    assert [text for text, _ in got] == [text for text, _ in want], \\
        f"half-life {half_life}, k={k}: ranked {[text for text, _ in got]}, expected {[text for text, _ in want]}"
    for (text, score), (_, expected) in zip(got, want):
        assert abs(score - expected) < 1e-9, f"half-life {half_life}: {text} scored {score}, expected {expected}"
twins = [("first", unit(10), now - day), ("second", unit(10), now - day), ("third", unit(10), now - day)]
assert [t for t, _ in rank_memories(unit(0), twins, now, timedelta(days=7), 3)] == ["first", "second", "third"], \\
    "equal scores keep the order of memories"

at = [("old rule", old, now - 30 * day), ("correction", new, now)]
for half_life, winner in [(timedelta(days=7), "correction"), (timedelta(days=365), "old rule")]:
    top = rank_memories(question, at, now, half_life, 1)
    assert [text for text, _ in top] == [winner], f"MiniLM, half-life {half_life.days} days: {top}"
print("rank_memories: all checks passed")
""")
md("store", """
The reference `MemoryStore` keeps both kinds in one SQLite file (committed as they are written, so a restarted
process sees them) and recalls them by this rule, on an injected clock. Who wins depends on the half-life, a
product decision: a week for an on-call assistant, a year for a codebase's conventions.
""")
code("store-run", """
import tempfile
from datetime import datetime, timedelta, timezone

from agent_memory import MemoryStore

clock = [datetime(2026, 11, 1, 9, tzinfo=timezone.utc)]
path = Path(tempfile.mkdtemp()) / "memory.sqlite3"
store = MemoryStore(str(path), encoder, clock=lambda: clock[0])
store.remember(OLD_RULE)
store.record("migrate-db", "pg_dump and restore", "timed out after 6 hours", succeeded=False)
clock[0] += timedelta(days=30)
store.remember(NEW_RULE)
store.close()

for half_life in (timedelta(days=7), timedelta(days=365)):  # a new store on the same file: a restarted process
    store = MemoryStore(str(path), encoder, clock=lambda: clock[0], half_life=half_life)
    print(f"half-life {half_life.days} days:")
    for memory in store.recall(QUESTION, k=2):
        print(f"  {memory.score:.3f}  {memory.kind:<7} {memory.text}")
    store.close()
store = MemoryStore(str(path), encoder, clock=lambda: clock[0])
print("tried before on migrate-db:", [(e.action, e.succeeded) for e in store.history("migrate-db")])
""")
md("wrap", """
Three mechanisms, one agent: the loop acts, the window keeps each request inside its budget without forgetting
what was established, and memory carries what was learned into the next run. The graded units add what a
production version needs: the cost budget that refuses an unpriced model, pinned facts, the summary's room in the
budget, and episodes that survive a restart. Run `course check` on each.

With a key (`COURSE_LLM_MODE=live`), run part 1 against a real model and compare its tool calls with the fixture's.
""")

draft.write()
