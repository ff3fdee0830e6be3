### SOLUTION FILE
"""My own tests: offline, on a three-document corpus and a scenario written here."""
import pytest
from agentkit import Client, replay

from research_desk import Budget, Claim, Corpus, Desk, Searcher
from research_desk.checking import check_claim, check_summary_line

DOCS = {
    "trial": "Field trial\n\nThe average COP was 2.8 over a season.\n\nAt -10 C the COP averaged 2.1.",
    "brochure": "Brochure\n\nThe X9 keeps a COP of 4.5 at -15 C.",
    "canteen": "Canteen\n\nSoup on Monday.",
}
CORPUS = Corpus(DOCS)


def structured(data):
    return {"reply": {"tool_calls": [{"id": "r1", "name": "respond", "arguments": data}], "stop_reason": "tool_use",
                      "usage": {"input_tokens": 100, "output_tokens": 20}}}


SCENARIO = {"provenance": {"kind": "authored", "note": "my own test"}, "exchanges": [
    {"when": {"system": "supervisor"}, **structured({"sub_questions": ["What COP in cold weather?"]})},
    {"when": {"system": "analyst"}, **structured({"claims": [
        {"text": "At -10 C the COP averaged 2.1.", "passage_id": "trial#2", "quote": "COP averaged 2.1"},
        {"text": "The X9 keeps a COP of 4.5 at -15 C.", "passage_id": "brochure#1", "quote": "keeps a COP of 4.5"},
        {"text": "The COP is 9.", "passage_id": "trial#2", "quote": "COP averaged"}]})},
    {"when": {"system": "critic"}, **structured({"contradictions": [
        {"passage_a": "trial#2", "passage_b": "brochure#1", "explanation": "2.1 at -10 C against 4.5 at -15 C."}]})},
    {"when": {"system": "writer"}, "reply": {"text": "Expect about 2.1 [trial#2], not 4.5 [brochure#1].\nNo line.",
                                             "usage": {"input_tokens": 100, "output_tokens": 20}}},
]}


def test_search_finds_the_matching_paragraph_and_skips_unrelated_ones():
    found = [p.id for p in Searcher(CORPUS).search("COP at -10 C", 5)]
    assert found[0] == "trial#2" and "canteen#1" not in found


def test_claim_checks():
    shown = {p.id: p for p in CORPUS.passages if p.doc_id == "trial"}
    assert check_claim(Claim(text="COP 2.1", passage_id="trial#2", quote="averaged 2.1"), shown) is None
    assert check_claim(Claim(text="COP 3", passage_id="trial#2", quote="averaged 2.1"), shown) == "number not in passage"
    assert check_claim(Claim(text="COP", passage_id="trial#2", quote="never"), shown) == "quote not found"
    assert check_claim(Claim(text="COP", passage_id="brochure#1", quote="COP"), shown) == "not shown"
    assert check_summary_line("No citation here.", shown) == "uncited"


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_a_run_end_to_end(provider):
    with replay.scenario(SCENARIO):
        report = Desk(Client(provider), Budget(), CORPUS).ask("How do heat pumps cope with the cold?")
    assert report.status == "complete" and report.calls == 4
    assert [c.passage_id for c in report.claims] == ["trial#2", "brochure#1"]
    assert "- [trial#2] vs [brochure#1]" in report.markdown
    assert "Expect about 2.1 [trial#2], not 4.5 [brochure#1]." in report.markdown and "No line." not in report.markdown


def test_the_step_budget_stops_before_the_critic():
    with replay.scenario(SCENARIO):
        report = Desk(Client("anthropic"), Budget(max_steps=2), CORPUS).ask("How do heat pumps cope with the cold?")
    assert (report.status, report.stop_reason, report.calls) == ("partial", "max_steps", 2)
    assert "[trial#2]" in report.markdown


def test_an_empty_question_is_refused():
    with pytest.raises(ValueError):
        Desk(Client("anthropic"), Budget(), CORPUS).ask("  ")
