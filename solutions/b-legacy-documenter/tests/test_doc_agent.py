"""The project's own tests: offline, with a fake client (doc_agent.testing, given). Run: python -m pytest tests"""
from doc_agent.testing import FakeClient, doc, shop  # noqa: F401 - shop is a fixture

from doc_agent import Settings, analyze, document, mermaid, verify


def test_analyze_finds_modules_and_imports_anywhere(shop):
    analysis = analyze(shop)
    assert list(analysis.modules) == ["app", "pricing", "store"]
    assert analysis.modules["pricing"].imports == ["store"]  # imported inside round_price
    assert analysis.modules["store"].functions[0].signature == "add(sku, price)"
### BEGIN STARTER
#
#
# # TODO: test the rest of your documenter: skipped files, the diagram, verify, the budget, retries, the CLI.
### END STARTER
### BEGIN SOLUTION


def test_a_file_that_does_not_parse_is_skipped(shop):
    (shop / "old.py").write_text('print "py2"\n')
    analysis = analyze(shop)
    assert "old" not in analysis.modules and "old.py" in analysis.skipped


def test_the_diagram_is_the_imports(shop):
    text = mermaid(analyze(shop), {"store": "storage"})
    assert text.startswith("graph TD")
    assert {line.strip() for line in text.splitlines() if "-->" in line} == \
        {"app --> store", "pricing --> store", "store --> pricing"}


def test_a_layer_name_is_cleaned(shop):
    text = mermaid(analyze(shop), {"store": 'x"] --> evil["y'})
    assert text.count("-->") == 3 and "evil[" not in text


def test_verify_flags_invented_names(shop):
    analysis = analyze(shop)
    client = FakeClient(doc(names=["App", "App.run"], summary="`App.run` calls `store.add()`."),
                        doc(names=["round_price", "discount"]), doc(summary="See `checkout`."))
    problems = verify(analysis, document(client, analysis))
    assert {(p.module, p.name) for p in problems} == {("pricing", "discount"), ("store", "checkout")}


def test_one_call_per_module_with_its_signatures(shop):
    client = FakeClient(doc(), doc(), doc())
    run = document(client, analyze(shop), Settings(max_reply_tokens=300))
    assert len(client.sent) == 3 and run.stopped is None
    assert "round_price(price, cents=2)" in client.sent[1]["messages"][0].content
    assert all(sent["max_tokens"] == 300 for sent in client.sent)


def test_the_budget_stops_the_run(shop):
    run = document(FakeClient(doc(), doc(), doc()), analyze(shop), Settings(max_calls=1))
    assert run.stopped == "budget" and list(run.docs) == ["app"] and run.not_reached == ["pricing", "store"]


def test_an_invalid_reply_is_retried_once(shop):
    client = FakeClient('{"layer": "x"', doc(), "no json", "still none", doc())
    run = document(client, analyze(shop))
    assert list(run.docs) == ["app", "store"] and "pricing" in run.failed and run.calls == 5


def test_the_cli_writes_a_partial_index_on_budget(shop, tmp_path, monkeypatch):
    from doc_agent import main
    out = tmp_path / "out"
    code = main(["docs", str(shop), str(out), "--max-calls", "2"], client=FakeClient(doc(), doc(), doc()))
    assert code == 3
    index = (out / "index.md").read_text()
    assert "(app.md)" in index and "store" in index.split("Not documented")[1]
### END SOLUTION
