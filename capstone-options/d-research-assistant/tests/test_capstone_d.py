"""Capstone D automated checks. Each runs your `research_desk` in its own process against a scenario in
../fixtures/scenarios/ and the course corpus (read by the grader, handed to `Corpus(documents)`), and judges
what your agents were sent (recorded by the grader) and the report `ask` returned, against the corpus."""
import copy
import json
from pathlib import Path

import pytest

from autograder.plugin import scenario_file
from autograder.units import unit_module

OWN_TESTS_JOB_S = 100  # the project's own suite may take a while on a busy machine; the driver stops it at 90 s

checks = unit_module("capstone-d", "checks")
kinds, requests, carries, calls_made = checks.kinds, checks.requests, checks.carries, checks.calls_made
report_of = checks.report_of

DOCS = checks.documents()
CORPUS = checks.passages(DOCS)
QUESTION = ("Should we replace the gas boiler in our 1930s semi-detached house with a heat pump, "
            "and what should we do first?")
SUB_QUESTIONS = ["How do heat pump running costs compare with a gas boiler at current energy prices?",
                 "What COP does a heat pump reach in cold weather?",
                 "Which insulation measures should come before installing a heat pump?"]
VALID_CLAIMS = {  # passage -> claim text, as the scenario's analysts give them
    "hp-running-costs#2": "At 2026 prices a kWh of heat costs 6.9p from a gas boiler and 8.2p from a heat pump with "
                          "an SCOP of 3.",
    "hp-running-costs#3": "A well-installed heat pump costs about the same to run as a gas boiler.",
    "hp-consumer-survey#2": "Surveyed owners said heating with a heat pump costs 30% more than it did with a gas boiler.",
    "hp-field-trial#3": "In a field trial the COP averaged 2.1 on days at -10 C.",
    "hp-vendor-brochure#2": "The Arctica X9 brochure claims a COP of 4.5 at -15 C.",
    "insulation-fabric-first#2": "Loft insulation and draught-proofing should come first, then cavity wall insulation.",
    "hp-grants#2": "The heat pump grant requires no outstanding recommendation for loft or cavity wall insulation.",
}
INVALID_CLAIMS = {  # why each must not reach the report
    "Heat pump tariffs cut running costs by 40%.": "a number its passage does not have",
    "Heat pumps lose all efficiency below -20 C.": "it cites hp-field-trial#9, which does not exist",
    "Backup heaters are never needed in a cold snap.": "its quote is not in the passage",
    "A four-hour grid battery cost about 250 dollars per kWh of storage in 2025.": "its passage was not retrieved",
}
CONTRADICTIONS = [("hp-field-trial#3", "hp-vendor-brochure#2"), ("hp-running-costs#3", "hp-consumer-survey#2")]
GOOD_SUMMARY = ["Insulate first: loft insulation and draught-proofing, then cavity walls",
                "Expect a COP near 2.1 in a cold snap, not the 4.5 a brochure promises",
                "Clear the grant's insulation condition before applying"]
BAD_SUMMARY = ["Heat pumps save 40% on heating bills", "Most homes need no radiator changes",
               "A grant of 7,500 pounds is available"]
# Two more traps on top of the heat pump scenario: the critic also pairs two accepted passages of ONE document, and
# the writer adds a line citing an accepted passage next to one no accepted claim cites.
SAME_DOCUMENT = {"passage_a": "hp-running-costs#2", "passage_b": "hp-running-costs#3",
                 "explanation": "One paragraph prices heat from a heat pump above gas; the next finds them about even."}
HALF_SUPPORTED = "Fabric first also makes a battery worth having [insulation-fabric-first#2] [grid-storage-batteries#3]."


def heat_pump_question_with_more_traps() -> dict:
    scenario = copy.deepcopy(scenario_file(Path(__file__).resolve().parent.parent / "fixtures" / "scenarios"
                                           / "heat-pump-question.yaml"))
    for exchange in scenario["exchanges"]:
        role, reply = exchange["when"].get("system"), exchange["reply"]
        if role == "critic":
            reply["tool_calls"][0]["arguments"]["contradictions"].append(SAME_DOCUMENT)
            critique = json.loads(reply["text"])
            critique["contradictions"].append(SAME_DOCUMENT)
            reply["text"] = json.dumps(critique)
        elif role == "writer":
            reply["text"] += HALF_SUPPORTED + "\n"
    return {**scenario, "name": "heat-pump-question-with-more-traps"}


def ask(run, scenario, provider, question=QUESTION, **limits):
    return run(scenario, "ask", provider=provider, question=question, documents=DOCS, **limits)


def shown_to_analysts(trace):
    return set().union(set(), *(checks.passages_sent(r, CORPUS) for r in requests(trace, "analyst")))


@pytest.mark.points(4)
@pytest.mark.hint("Calls in order: the supervisor's decomposition (sent the question), one analyst call per "
                  "sub-question (sent that sub-question and no other), one critic call, one writer call. Each system "
                  "prompt names its own role word and no other.")
def test_supervisor_decomposes_then_each_agent_runs_in_order(run, provider):
    trace = ask(run, "heat-pump-question", provider)
    sent = trace["sent"]
    assert sent, f"no model call was made: {trace['error']}"
    assert kinds(trace) == ["supervisor", "analyst", "analyst", "analyst", "critic", "writer"], calls_made(trace)
    assert carries(sent[0], QUESTION), "the decomposition call was not sent the question"
    for request, sub_question in zip(requests(trace, "analyst"), SUB_QUESTIONS):
        others = [q for q in SUB_QUESTIONS if q != sub_question]
        assert carries(request, sub_question) and not any(carries(request, q) for q in others), \
            f"each analyst call carries its own sub-question (in order) and no other: {sub_question!r}"
    assert report_of(trace)["sub_questions"] == SUB_QUESTIONS


@pytest.mark.points(4)
@pytest.mark.hint("For each sub-question, search the corpus and send the analyst at most 5 passages, each with its "
                  "id as a citation header [doc-id#n] and its text; the passages that answer it must be among them.")
def test_analysts_get_retrieved_passages_with_their_ids(run, provider):
    trace = ask(run, "heat-pump-question", provider)
    analysts = requests(trace, "analyst")
    assert len(analysts) == 3, calls_made(trace)
    needed = [("hp-running-costs#3", "hp-consumer-survey#2"), ("hp-field-trial#3", "hp-vendor-brochure#2"),
              ("insulation-fabric-first#2", "hp-grants#2")]
    for request, sub_question, must in zip(analysts, SUB_QUESTIONS, needed):
        got = checks.passages_sent(request, CORPUS)
        assert 0 < len(got) <= 5, f"the analyst for {sub_question!r} was sent {len(got)} passages (1 to 5)"
        for passage_id in must:
            assert passage_id in got, f"{passage_id} should be retrieved for {sub_question!r}; sent {sorted(got)}"
        for passage_id in got:
            assert carries(request, f"[{passage_id}]"), f"passage {passage_id} was sent without its [id] header"


@pytest.mark.points(5)
@pytest.mark.hint("Keep a claim only if it cites a passage sent to its analyst, its quote is in that passage, and "
                  "every number in it is in that passage; the Findings list each kept claim with its [id].")
def test_report_keeps_valid_claims_and_drops_the_rest(run, provider):
    trace = ask(run, "heat-pump-question", provider)
    report = report_of(trace)
    markdown = report["markdown"]
    for passage_id, text in VALID_CLAIMS.items():
        assert any(carries({"system": line, "messages": [], "tool_results": []}, text)
                   for line in checks.lines_citing(markdown, passage_id)), \
            f"the valid claim {text!r} should be in the report on a line citing [{passage_id}]"
    for text, why in INVALID_CLAIMS.items():
        assert " ".join(text.split()).lower() not in " ".join(markdown.split()).lower(), \
            f"the claim {text!r} reached the report, but {why}"
    assert sorted((c["passage_id"], c["text"]) for c in report["claims"]) == sorted(VALID_CLAIMS.items()), \
        "Report.claims should hold exactly the claims that pass the checks"


@pytest.mark.points(4)
@pytest.mark.hint("Every [doc-id#n] in the report must name a passage of the corpus that an analyst was sent, and a "
                  "line that cites must carry no number its cited passages do not have (check the writer's lines too).")
def test_every_citation_in_the_report_is_valid(run, provider):
    trace = ask(run, "heat-pump-question", provider)
    markdown = report_of(trace)["markdown"]
    assert checks.CITATION.search(markdown), "the report cites nothing"
    problems = checks.citation_problems(markdown, CORPUS, shown_to_analysts(trace))
    assert not problems, "invalid citations:\n" + "\n".join(problems)


@pytest.mark.points(5)
@pytest.mark.hint("Send the critic every accepted claim with its passage id; keep a contradiction only between two "
                  "accepted claims' passages from different documents (two paragraphs of one document are not two "
                  "sources); list each under '## Contradictions' citing both.")
def test_contradictions_are_surfaced(run, provider):
    trace = ask(run, heat_pump_question_with_more_traps(), provider)
    report = report_of(trace)
    critic = requests(trace, "critic")
    assert len(critic) == 1, calls_made(trace)
    for passage_id, text in VALID_CLAIMS.items():
        assert carries(critic[0], text) and carries(critic[0], passage_id), \
            f"the critic was not sent the claim {text!r} with its id {passage_id}"
    listed = checks.section(report["markdown"], "Contradictions")
    for a, b in CONTRADICTIONS:
        assert any(f"[{a}]" in line and f"[{b}]" in line for line in listed.splitlines()), \
            f"the contradiction between {a} and {b} is not under '## Contradictions' on a line citing both"
    assert "grid-storage-batteries#3" not in report["markdown"], \
        "a contradiction with a passage no accepted claim cites (grid-storage-batteries#3) reached the report"
    assert not any("[hp-running-costs#2]" in line and "[hp-running-costs#3]" in line for line in listed.splitlines()), \
        "a contradiction between two passages of one document (hp-running-costs) reached '## Contradictions'"
    assert sorted(tuple(sorted((c["passage_a"], c["passage_b"]))) for c in report["contradictions"]) == \
        sorted(tuple(sorted(pair)) for pair in CONTRADICTIONS)


@pytest.mark.points(4)
@pytest.mark.hint("Send the writer the question, the accepted claims with their [id]s and the contradictions; keep a "
                  "line of its summary only if EVERY passage it cites has an accepted claim and it adds no numbers.")
def test_writer_summary_keeps_only_supported_lines(run):
    trace = ask(run, heat_pump_question_with_more_traps(), "anthropic")
    report = report_of(trace)
    writer = requests(trace, "writer")
    assert len(writer) == 1, calls_made(trace)
    assert carries(writer[0], QUESTION), "the writer was not sent the question"
    for passage_id, text in VALID_CLAIMS.items():
        assert carries(writer[0], text) and carries(writer[0], f"[{passage_id}]"), \
            f"the writer was not sent the claim {text!r} with its citation [{passage_id}]"
    summary = " ".join(checks.section(report["markdown"], "Summary").split()).lower()
    for line in GOOD_SUMMARY:
        assert line.lower() in summary, f"a supported summary line is missing under '## Summary': {line!r}"
    for line in BAD_SUMMARY:
        assert line.lower() not in " ".join(report["markdown"].split()).lower(), \
            f"an unsupported summary line reached the report: {line!r}"
    assert "grid-storage-batteries#3" not in report["markdown"], \
        f"a summary line citing a passage with no accepted claim reached the report: {HALF_SUPPORTED!r}"


@pytest.mark.points(4)
@pytest.mark.hint("When the decomposition does not validate, ask once more (feeding the error back); use the "
                  "sub-questions of a valid second reply.")
def test_malformed_decomposition_is_repaired_once(run, provider):
    trace = ask(run, "decomposition-repaired", provider)
    report = report_of(trace)
    assert kinds(trace)[:3] == ["supervisor", "supervisor", "analyst"], calls_made(trace)
    assert report["sub_questions"] == [SUB_QUESTIONS[1]]
    assert carries(requests(trace, "analyst")[0], SUB_QUESTIONS[1])
    assert report["status"] == "complete"


@pytest.mark.points(4)
@pytest.mark.hint("After two decomposition replies that do not validate, make no third: research the question "
                  "itself as the only sub-question, and finish the run.")
def test_decomposition_that_never_validates_falls_back_to_the_question(run, provider):
    question = "How well do heat pumps cope with cold weather?"
    trace = ask(run, "decomposition-garbage", provider, question=question)
    report = report_of(trace)
    made = kinds(trace)
    assert made.count("supervisor") == 2 and made[:2] == ["supervisor", "supervisor"], \
        "exactly two decomposition calls (the first and one repair); " + calls_made(trace)
    assert made[2:] == ["analyst", "critic", "writer"], calls_made(trace)
    assert carries(requests(trace, "analyst")[0], question)
    assert report["sub_questions"] == [question] and report["status"] == "complete"
    assert checks.lines_citing(report["markdown"], "hp-field-trial#3"), "the fallback run's findings are missing"


@pytest.mark.points(4)
@pytest.mark.hint("Count every model call (each decomposition attempt too) and check before each: at max_steps make "
                  "no more calls and still write the report from the claims you have: status 'partial', "
                  "stop_reason 'max_steps'.")
def test_step_budget_stops_the_run_with_a_partial_report(run, provider):
    trace = ask(run, "heat-pump-question", provider, max_steps=3)
    report = report_of(trace)
    assert kinds(trace) == ["supervisor", "analyst", "analyst"], "max_steps=3 allows exactly three calls; " + \
        calls_made(trace)
    assert (report["status"], report["stop_reason"], report["calls"]) == ("partial", "max_steps", 3)
    markdown = report["markdown"]
    for passage_id in ("hp-running-costs#3", "hp-field-trial#3"):
        assert checks.lines_citing(markdown, passage_id), f"the partial report lost the claim citing {passage_id}"
    assert not checks.lines_citing(markdown, "insulation-fabric-first#2")
    assert not checks.citation_problems(markdown, CORPUS, shown_to_analysts(trace))
    assert "max_steps" in markdown, "the report should say why it stopped"


@pytest.mark.points(4)
@pytest.mark.hint("Add up reply.cost_usd; before each call stop once it reaches max_cost_usd (the default Budget() "
                  "allows $0.05): status 'partial', stop_reason 'max_cost', cost_usd what the run spent.")
def test_cost_budget_stops_spending(run, provider):
    trace = ask(run, "expensive-analysts", provider)   # the default Budget()
    report = report_of(trace)
    assert kinds(trace) == ["supervisor", "analyst"], "the first analyst call alone costs more than $0.05; " + \
        calls_made(trace)
    assert (report["status"], report["stop_reason"]) == ("partial", "max_cost")
    assert report["cost_usd"] == pytest.approx(checks.spent(trace), rel=1e-6), "cost_usd is not what the run spent"
    assert checks.lines_citing(report["markdown"], "hp-running-costs#3"), "the first analyst's claims are missing"


@pytest.mark.points(3)
@pytest.mark.hint("A model call that fails (here the writer's 503) ends the run without raising: a partial report "
                  "(stop_reason 'llm_error') with the findings and contradictions already made.")
def test_a_failed_call_still_gives_a_partial_report(run, provider):
    trace = ask(run, "writer-down", provider)
    report = report_of(trace)
    assert kinds(trace)[-1] == "writer" and kinds(trace).count("writer") <= 2, calls_made(trace)
    assert (report["status"], report["stop_reason"]) == ("partial", "llm_error")
    markdown = report["markdown"]
    assert all(checks.lines_citing(markdown, pid) for pid in VALID_CLAIMS), "the partial report lost findings"
    assert not checks.citation_problems(markdown, CORPUS, shown_to_analysts(trace))


@pytest.mark.points(2)
@pytest.mark.hint("Every call (decomposition, analysts, critic, writer) sets max_tokens, at most 1024.")
def test_every_call_caps_its_reply(run, provider):
    trace = ask(run, "heat-pump-question", provider)
    assert len(trace["sent"]) == 6, calls_made(trace)
    caps = [request["max_tokens"] for request in trace["sent"]]
    assert all(cap is not None and cap <= 1024 for cap in caps), f"max_tokens sent: {caps}"


@pytest.mark.points(2)
@pytest.mark.hint("ask() raises ValueError for an empty or blank question, or one over 2000 characters, before any "
                  "model call.")
def test_a_bad_question_is_refused_before_any_call(run):
    for question in ("   ", "x" * 2001):
        trace = ask(run, "heat-pump-question", "openai", question=question)
        assert not trace["ok"] and trace["error"].startswith("ValueError"), \
            f"ask({question[:10]!r}...) should raise ValueError; got {trace['error'] or 'a Report'}"
        assert trace["sent"] == [], calls_made(trace)


@pytest.mark.points(3)
@pytest.mark.hint("`python -m research_desk ask QUESTION --out FILE` writes the report's Markdown to FILE and exits 0.")
def test_cli_writes_the_report(run):
    trace = run("heat-pump-question", "cli", provider="openai", question=QUESTION, documents=DOCS)
    assert trace["ok"], trace["error"]
    result = trace["result"]
    assert result["exit"] == 0 and result["report"], f"exit {result['exit']}; output: {trace['stdout'][-500:]}"
    assert kinds(trace) == ["supervisor", "analyst", "analyst", "analyst", "critic", "writer"], calls_made(trace)
    assert checks.lines_citing(result["report"], "hp-field-trial#3")
    assert not checks.citation_problems(result["report"], CORPUS, shown_to_analysts(trace))


@pytest.mark.points(2)
@pytest.mark.hint("Your submission's README.md says how to run it: the `python -m research_desk ask` command with "
                  "--out, and how to run it offline or with a key.")
def test_submission_readme_says_how_to_run_it(run):
    trace = run("heat-pump-question", "readme")
    assert trace["ok"], trace["error"]
    readme = trace["result"]["readme"] or ""
    assert "python -m research_desk ask" in readme and "--out" in readme, \
        "README.md should show the command: python -m research_desk ask \"QUESTION\" --out report.md"
    assert "todo" not in readme.lower(), "README.md still has TODOs"


@pytest.mark.timeout(OWN_TESTS_JOB_S + 20)
@pytest.mark.points(3)
@pytest.mark.hint("Ship your own tests in tests/test_*.py next to the package; they must run offline and pass "
                  "(python -m pytest tests).")
def test_submission_ships_its_own_passing_tests(run):
    trace = run("heat-pump-question", "own_tests", job_timeout=OWN_TESTS_JOB_S)
    assert trace["ok"], trace["error"]
    result = trace["result"]
    assert result["test_files"], "no tests/test_*.py in the submission"
    assert result["exit"] == 0 and " passed" in result["output"], \
        f"your own tests did not pass (exit {result['exit']}):\n{result['output'][-1500:]}"
