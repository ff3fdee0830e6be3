"""Grounding graded tests. Each runs your `grounding` package in its own process through ../driver.py. The model
calls are answered by runbook.yaml, whose replies are authored (see its header); the tests read what your code
sent (from the grader's side), what it parsed, and what it counted."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "parsing calls no model"}, "exchanges": []}
ALL = dict(abstain=True, ground=True, verify=True)
# What runbook.yaml's authored replies give for the 8 questions (5 answerable, 3 not), per set of mitigations:
# (answered, correct, wrong).
EXPECTED = [({}, (8, 1, 7)), ({"abstain": True}, (2, 1, 1)), ({"verify": True}, (1, 1, 0)),
            ({"ground": True}, (8, 4, 4)), ({"abstain": True, "ground": True}, (6, 4, 2)), (ALL, (4, 4, 0))]


def user_text(request: dict) -> str:
    users = [text for role, text in request["messages"] if role == "user"]
    return users[-1] if users else ""


def evaluated(run, provider, configs, questions=None) -> tuple[list, dict]:
    trace = run("runbook", "evaluate_all", provider=provider, configs=configs, questions=questions)
    assert trace["ok"], f"evaluate failed: {trace['error']}"
    return trace["sent"], trace["result"]


@pytest.mark.points(2)
@pytest.mark.hint("parse_answer reads only the reply's last non-empty line: `ANSWER: x` gives 'x', `ANSWER: UNKNOWN` "
                  "gives None, and no tagged final line gives None. Never search the prose for phrases such as "
                  "\"don't know\": a model hedges in prose and still answers on the final line.")
def test_parse_reads_only_the_tagged_final_line(run):
    cases = [("ANSWER: Tuesday", "Tuesday"),
             ("The rotation is weekly.\nANSWER: Tuesday\n\n", "Tuesday"),
             ("I don't know the team's habits, but the runbook is clear.\nANSWER: 450 ms", "450 ms"),
             ("I cannot find this in the document.\nANSWER: UNKNOWN", None),
             ("answer: unknown", None),
             ("The answer is Tuesday.", None),
             ("ANSWER: Tuesday\nHope this helps!", None),
             ("ANSWER: I am not sure, maybe UNKNOWN regions\nANSWER:   eu-central-1  ", "eu-central-1")]
    trace = run(NO_LLM, "parse", answers=[text for text, _ in cases], verdicts=[])
    assert trace["ok"], f"parse_answer failed: {trace['error']}"
    wrong = [f"{text!r} -> {got!r}, expected {want!r}" for (text, want), got in zip(cases, trace["result"]["answers"])
             if got != want]
    assert not wrong, "\n  ".join(["parse_answer:"] + wrong)


@pytest.mark.points(1)
@pytest.mark.hint("parse_verdict is True only when the final line is exactly `VERDICT: SUPPORTED`. 'SUPPORTED' is a "
                  "substring of 'UNSUPPORTED', and a missing verdict must not count as support.")
def test_only_a_supported_verdict_supports(run):
    cases = [("The source says so.\nVERDICT: SUPPORTED", True), ("VERDICT: UNSUPPORTED", False),
             ("Not stated.\nVERDICT: UNSUPPORTED\n", False), ("SUPPORTED", False), ("", False),
             ("VERDICT: SUPPORTED\nThough I am guessing.", False), ("verdict: supported", True)]
    trace = run(NO_LLM, "parse", answers=[], verdicts=[text for text, _ in cases])
    assert trace["ok"], f"parse_verdict failed: {trace['error']}"
    wrong = [f"{text!r} -> {got}" for (text, want), got in zip(cases, trace["result"]["verdicts"]) if got != want]
    assert not wrong, "\n  ".join(["parse_verdict:"] + wrong)


@pytest.mark.points(3)
@pytest.mark.hint("Grounded: the user message is the source between <context> and </context>, then the question "
                  "after the closing tag; the system prompt says to answer only from the context. Abstain: the system "
                  "prompt allows the final line `ANSWER: UNKNOWN`, and only then. Closed book: no context is sent.")
def test_the_prompts_delimit_the_source_and_permit_abstaining(run, provider):
    configs = [{"abstain": True, "ground": True}, {}, {"abstain": True}]
    sent, result = evaluated(run, provider, configs, questions=["replica"])
    source, question = result["source"], result["questions"]["replica"]
    assert len(sent) == 3, f"{len(sent)} requests for one question under three settings (no verification)"
    grounded, closed, abstaining = sent
    user = user_text(grounded)
    assert "<context>" in user and "</context>" in user, f"grounded user message: {user[:300]!r}"
    inside = user[user.index("<context>") + len("<context>"):user.index("</context>")]
    assert source.strip() in inside, "the whole source goes between <context> and </context>"
    assert question in user[user.index("</context>"):], "the question comes after </context>, outside the source"
    assert "context" in grounded["system"].lower() and "ANSWER: UNKNOWN" in grounded["system"], \
        f"grounded system prompt: {grounded['system']!r}"
    for request, name in ((closed, "closed book"), (abstaining, "abstain only")):
        everything = request["system"] + user_text(request)
        assert "<context>" not in everything and source.splitlines()[2] not in everything, \
            f"{name}: without grounding, the source is not sent"
        assert question in user_text(request), f"{name}: the question is in the user message"
    assert "ANSWER: UNKNOWN" not in closed["system"], "without the abstain mitigation, UNKNOWN is not offered"
    assert "ANSWER: UNKNOWN" in abstaining["system"], "with abstain, the system prompt offers `ANSWER: UNKNOWN`"
    assert result["results"][0]["answers"] == {"replica": "eu-central-1"}


@pytest.mark.points(3)
@pytest.mark.hint("verify: one more call per draft that is not None. Its system prompt holds the instructions, the "
                  "source between <source> and </source> and the VERDICT format; its user message holds the question "
                  "and `Draft answer: <draft>`. A draft that abstained is not verified; an unsupported one becomes None.")
def test_verification_checks_each_draft_against_the_source(run, provider):
    sent, result = evaluated(run, provider, [ALL])
    source = result["source"]
    checks = [r for r in sent if "VERDICT" in r["system"]]
    drafts = [r for r in sent if "VERDICT" not in r["system"]]
    assert len(drafts) == 8, f"{len(drafts)} answering calls for 8 questions"
    assert len(checks) == 6, (f"{len(checks)} verification calls; 6 of the 8 drafts answered (2 abstained, and an "
                              "abstention is not verified)")
    for check in checks:
        system = check["system"]
        assert "<source>" in system and "</source>" in system and source.strip() in \
            system[system.index("<source>"):system.index("</source>")], "the source goes between <source> tags"
        assert "Draft answer:" in user_text(check), f"the draft goes in the user message: {user_text(check)[:200]!r}"
    checked = sorted(line.split("Draft answer:", 1)[1].strip() for c in checks
                     for line in user_text(c).splitlines() if "Draft answer:" in line)
    assert checked == sorted(["Tuesday", "15 times", "450 ms", "eu-central-1", "20 minutes", "Vault 3.2"]), checked
    answers = result["results"][0]["answers"]
    assert answers["retries"] is None and answers["vault"] is None, \
        f"drafts the verification did not support are withdrawn: {answers}"
    assert answers["rotation"] == "Tuesday", answers


@pytest.mark.points(4)
@pytest.mark.hint("evaluate: answered = answers that are not None; correct = answered and is_correct(answer, "
                  "expected) for an answerable question; wrong = the other answered ones (any answer to a question "
                  "the source cannot answer is wrong); answer_rate = answered / questions; wrong_rate = wrong / answered.")
def test_rates_are_measured_for_each_mitigation(run, provider):
    sent, result = evaluated(run, provider, [config for config, _ in EXPECTED])
    problems = []
    for (config, (answered, correct, wrong)), got in zip(EXPECTED, result["results"]):
        name = " + ".join(config) or "no mitigation"
        expected = {"questions": 8, "answered": answered, "correct": correct, "wrong": wrong,
                    "abstained": 8 - answered}
        counts = {k: got.get(k) for k in expected}
        if counts != expected:
            problems.append(f"{name}: {counts}; expected {expected}")
        rates = (got.get("answer_rate"), got.get("wrong_rate"))
        if rates != pytest.approx((answered / 8, wrong / answered)):
            problems.append(f"{name}: answer_rate, wrong_rate {rates}; expected {answered / 8}, {wrong / answered}")
    assert not problems, "\n  ".join(problems)
    assert len(sent) == 8 * 6 + 8 + 6, f"{len(sent)} requests; one per question and setting, plus one per verified draft"
