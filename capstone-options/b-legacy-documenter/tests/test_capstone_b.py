"""Capstone B's automated checks: what a machine can judge of a legacy code documenter. Your `doc_agent` runs in
its own process (through ../driver.py) on the Stockbook codebase (../legacy/), handed over as text; the model's
replies come from ../fixtures/scenarios/, and every model request your code makes is recorded where it is
answered, outside your process. The human part of the grade is in site/capstone-rubric.md."""
import pytest

from autograder.units import unit_module

OWN_TESTS_JOB_S = 100  # the project's own suite may take a while on a busy machine; the driver stops it at 90 s

checks = unit_module("capstone-b", "checks")
LEGACY, MODULES, IMPORTS, EDGES = checks.LEGACY, checks.MODULES, checks.IMPORTS, checks.EDGES
WITH_BROKEN = {**LEGACY, checks.BROKEN[0]: checks.BROKEN[1]}


def docs(run, scenario, provider="anthropic", *args, files=None):
    return run(scenario, "docs", provider=provider, files=LEGACY if files is None else files, args=list(args))


def analysis_of(run, files=WITH_BROKEN) -> dict:
    trace = run(checks.NO_LLM, "analyze", files=files)
    assert trace["ok"], trace["error"]
    result = trace["result"]
    assert result["raised"] is None, f"analyze raised {result['raised']}: {result['message']}"
    return result["analysis"]


def module(analysis: dict, name: str) -> dict:
    assert name in analysis["modules"], f"no module {name!r} in the analysis: {sorted(analysis['modules'])}"
    return analysis["modules"][name]


# --- the analysis: ast only, no model ---------------------------------------------------------------------


@pytest.mark.points(3)
@pytest.mark.hint("analyze(src): every .py file under src, parsed with ast.parse; modules keyed by dotted name "
                  "('billing'), with their relative path; a file that raises SyntaxError goes into skipped "
                  "(relative path -> reason) and is left out.")
def test_analysis_finds_every_module_and_skips_what_does_not_parse(run):
    analysis = analysis_of(run)
    assert sorted(analysis["modules"]) == MODULES, f"modules {sorted(analysis['modules'])}; expected {MODULES}"
    assert [module(analysis, m)["path"] for m in MODULES] == [f"{m}.py" for m in MODULES], "each module's path"
    assert list(analysis["skipped"]) == [checks.BROKEN[0]], \
        f"export_old.py (Python 2) should be skipped with a reason; skipped: {analysis['skipped']}"
    assert analysis["skipped"][checks.BROKEN[0]].strip(), "say why a file was skipped"


@pytest.mark.points(3)
@pytest.mark.hint("Walk the whole tree (ast.walk), not only tree.body: inventory imports billing inside "
                  "low_stock_report. Keep only modules of the codebase (not os, sqlite3), sorted, unique, never "
                  "the module itself.")
def test_analysis_finds_imports_anywhere_in_the_file(run):
    analysis = analysis_of(run)
    wrong = {m: module(analysis, m)["imports"] for m in MODULES if module(analysis, m)["imports"] != IMPORTS[m]}
    assert not wrong, f"imports that differ from the code: {wrong}; expected e.g. inventory: {IMPORTS['inventory']}"


@pytest.mark.points(3)
@pytest.mark.hint("FunctionInfo: name, signature f'{name}({ast.unparse(node.args)})', line, docstring, params; "
                  "top-level functions in source order; classes with their methods, bases and self.NAME "
                  "attributes; globals: names assigned at module level, sorted.")
def test_analysis_lists_functions_classes_and_signatures(run):
    analysis = analysis_of(run)
    billing, customers = module(analysis, "billing"), module(analysis, "customers")
    assert [f["name"] for f in billing["functions"]] == ["next_invoice_number", "apply_discount", "compute_totals",
                                                         "create_invoice", "mark_paid", "last_price_for",
                                                         "load_invoice"], "billing's functions, in source order"
    create = billing["functions"][3]
    assert create["signature"] == "create_invoice(customer_id, items, day=None, force=False)", create["signature"]
    assert create["params"] == ["customer_id", "items", "day", "force"] and create["line"] == 67, \
        f"create_invoice: params {create['params']}, line {create['line']}"
    assert module(analysis, "inventory")["functions"][2]["signature"] == "adjust_stock(sku, delta, reason='manual')"
    invoice = billing["classes"][0]
    assert invoice["name"] == "Invoice" and [m["name"] for m in invoice["methods"]] == \
        ["__init__", "add_line", "due_date", "is_overdue"], f"billing's class: {invoice['name']}"
    assert invoice["methods"][1]["signature"] == "add_line(self, sku, qty, price)"
    assert customers["classes"][0]["attributes"] == ["balance", "credit_limit", "email", "id", "name", "tier"]
    assert billing["globals"] == ["_next_number", "last_error"], f"billing's globals: {billing['globals']}"
    assert module(analysis, "config")["globals"] == ["CURRENCY", "DB_FILE", "DEBUG", "DISCOUNTS", "INVOICE_PREFIX",
                                                    "LOW_STOCK_LEVEL", "PAYMENT_DAYS", "TAX_RATE", "_loaded",
                                                    "settings"]


@pytest.mark.points(2)
@pytest.mark.hint("FunctionInfo.calls: ast.unparse of every ast.Call's func in the function that is a name or a "
                  "chain of attributes on a name (db.execute, inv.day.isoformat); sorted, unique.")
def test_analysis_records_call_edges(run):
    create = module(analysis_of(run), "billing")["functions"][3]
    assert create["calls"] == [
        "Invoice", "compute_totals", "customers.change_balance", "customers.credit_check", "customers.get_customer",
        "db.execute", "db.get_conn", "entry.get", "inv.add_line", "inv.day.isoformat", "inventory.adjust_stock",
        "inventory.find_item", "isinstance", "next_invoice_number", "sorted", "utils.log", "utils.money"], \
        f"create_invoice's calls: {create['calls']}"


@pytest.mark.points(2)
@pytest.mark.hint("analyze raises InputError when SRC is not a folder or holds no .py file; the CLI turns it into "
                  "exit status 2 with a message, and no model call is made.")
def test_bad_input_exits_2_before_any_call(run):
    missing = run(checks.NO_LLM, "docs", provider="anthropic", files=None, src="/no/such/folder")
    empty = run(checks.NO_LLM, "docs", provider="anthropic", files={"notes.txt": "not code"})
    for what, trace in (("a missing folder", missing), ("a folder with no .py file", empty)):
        result = checks.ran(trace)
        assert result["exit"] == 2, f"{what}: exit {result['exit']}; expected 2 ({result['stderr'][-300:]})"
        assert result["stderr"].strip(), f"{what}: say what is wrong on stderr"
        assert not trace["sent"], f"{what}: the model was called"
        assert not result["files"].get("index.md"), f"{what}: nothing should be written"


# --- the diagram: from the analysis, never from the model ---------------------------------------------------


def diagram(run, layers: dict) -> dict:
    trace = run(checks.NO_LLM, "diagram", files=LEGACY, layers=layers)
    assert trace["ok"], trace["error"]
    return checks.parse_mermaid(trace["result"]["text"])


@pytest.mark.points(3)
@pytest.mark.hint("mermaid(analysis, layers): 'graph TD', a node per module (its name, dots as _), and "
                  "'a --> b' for each import in analysis.modules[a].imports: nothing else, nothing less.")
def test_diagram_arrows_are_the_imports(run):
    parsed = diagram(run, {})
    assert parsed["header"].startswith("graph TD"), f"the diagram starts {parsed['header']!r}; expected graph TD"
    assert parsed["nodes"] == set(MODULES), f"nodes {sorted(parsed['nodes'])}; expected one per module"
    assert parsed["edges"] == EDGES, f"missing {sorted(EDGES - parsed['edges'])}, extra " \
                                     f"{sorted(parsed['edges'] - EDGES)}"


@pytest.mark.points(2)
@pytest.mark.hint("Put each module that has a layer inside `subgraph <title>` ... `end`, one subgraph per layer "
                  "name, the title showing the name; a module with no layer stays outside.")
def test_diagram_groups_modules_by_layer(run):
    layers = {"billing": "domain", "inventory": "domain", "customers": "domain", "db": "storage", "main": "interface"}
    parsed = diagram(run, layers)
    groups = parsed["groups"]
    assert set(groups) == set(layers), f"modules inside a subgraph: {sorted(groups)}; expected {sorted(layers)}"
    assert len({groups["billing"], groups["inventory"], groups["customers"]}) == 1, "one subgraph per layer"
    assert len({groups["billing"], groups["db"], groups["main"]}) == 3, "different layers, different subgraphs"
    for name, layer in layers.items():
        assert layer in groups[name].lower(), f"{name}'s subgraph {groups[name]!r} should show its layer, {layer}"
    assert parsed["edges"] == EDGES, "the arrows are the imports, grouped or not"


@pytest.mark.points(2)
@pytest.mark.hint("A layer name is the model's text: keep only letters, digits, spaces, '-' and '_' before it "
                  "goes into the diagram, so it can add no arrow, node or bracket.")
def test_a_layer_name_cannot_add_to_the_diagram(run):
    parsed = diagram(run, {"db": 'storage"] --> evil["x', "utils": "support]\nmain --> config"})
    assert parsed["arrows"] == len(EDGES), f"{parsed['arrows']} arrows; the code has {len(EDGES)} imports"
    assert parsed["edges"] == EDGES and parsed["nodes"] == set(MODULES), \
        f"extra nodes {sorted(parsed['nodes'] - set(MODULES))} or edges {sorted(parsed['edges'] - EDGES)}"
    assert "storage" in parsed["groups"].get("db", "").lower(), "db's layer still shows, cleaned"


# --- the check of the docs against the code ------------------------------------------------------------------

CLEAN = {"billing": {"layer": "domain", "summary": "`create_invoice` calls `inventory.adjust_stock()` and sets "
                     "`self.total`; it returns `None` when `customer_id` is unknown; the net is `qty * price`.",
                     "symbols": [{"name": "create_invoice", "doc": "Uses `config.TAX_RATE` and `_next_number`."},
                                 {"name": "Invoice.add_line", "doc": "Appends (`sku`, `qty`, `price`)."},
                                 {"name": "last_error", "doc": "Why the last `create_invoice` failed; `len()` "
                                  "of it is never checked."}]},
         "utils": {"layer": "support", "summary": "`money` formats with `config.CURRENCY`.",
                   "symbols": [{"name": "money", "doc": "Uses `round()` on a `float`."}]}}


@pytest.mark.points(3)
@pytest.mark.hint("verify: 'undocumented' for each module with no doc; 'unknown-name' for a symbol its module "
                  "does not define and for each `backticked` name (dotted, maybe with ()) with a part the code "
                  "does not define.")
def test_verify_flags_missing_modules_and_invented_names(run):
    invented = {"billing": {**CLEAN["billing"], "summary": CLEAN["billing"]["summary"] + " See `refund_invoice`.",
                            "symbols": [*CLEAN["billing"]["symbols"], {"name": "find_item", "doc": "x"},
                                        {"name": "Invoice.void", "doc": "x"}]},
                "utils": {**CLEAN["utils"], "symbols": [{"name": "money", "doc": "Calls `utils.round_cents()`."}]},
                "db": {"layer": "storage", "summary": "Uses `sqlite4.connect`.", "symbols": [
                    {"name": "query", "doc": "Runs a query."}, {"name": "money", "doc": "Not db's."}]}}
    trace = run(checks.NO_LLM, "check", files=LEGACY, docs=invented)
    assert trace["ok"], trace["error"]
    problems = {tuple(p) for p in trace["result"]["problems"]}
    undocumented = {p[1] for p in problems if p[0] == "undocumented"}
    assert undocumented == set(MODULES) - set(invented), f"flagged as undocumented: {sorted(undocumented)}"
    unknown = {(p[1], p[2]) for p in problems if p[0] == "unknown-name"}
    expected = {("billing", "refund_invoice"), ("billing", "find_item"), ("billing", "Invoice.void"),
                ("utils", "utils.round_cents"), ("db", "sqlite4.connect"), ("db", "money")}
    assert expected <= unknown, f"not flagged: {sorted(expected - unknown)}"
    assert unknown <= expected, f"flagged but real: {sorted(unknown - expected)}"


@pytest.mark.points(2)
@pytest.mark.hint("Known names: modules, functions, classes, methods, globals, parameters, self.NAME attributes, "
                  "Python's builtins and keywords; a span like `qty * price` is not a name; drop a trailing ().")
def test_verify_accepts_every_real_name(run):
    trace = run(checks.NO_LLM, "check", files=LEGACY, docs=CLEAN)
    assert trace["ok"], trace["error"]
    wrong = [p for p in trace["result"]["problems"] if p[0] != "undocumented"]
    assert not wrong, f"real names flagged: {wrong}"
    assert len(trace["result"]["problems"]) == len(MODULES) - 2, "every module without a doc is flagged"


# --- the whole run, under replay in both wire formats --------------------------------------------------------


@pytest.mark.points(3)
@pytest.mark.hint("One call per module, in name order, each with a system prompt, max_tokens from the settings "
                  "(--max-reply-tokens), and a user message that carries the module's name and every function's "
                  "and method's signature as FunctionInfo.signature writes it.")
def test_one_call_per_module_carrying_its_signatures(run, provider):
    trace = docs(run, "stockbook-docs", provider, "--max-reply-tokens", "900")
    result = checks.ran(trace)
    assert len(trace["sent"]) == len(MODULES), f"{len(trace['sent'])} model calls for {len(MODULES)} modules"
    for name in MODULES:
        carrying = [r for r in trace["sent"] if all(s in checks.user_text(r) for s in checks.SIGNATURES[name])]
        assert len(carrying) == 1, f"{len(carrying)} requests carry every signature of {name} (expected 1): " \
                                   f"{checks.SIGNATURES[name][:3]}..."
        assert name in checks.user_text(carrying[0]), f"the request for {name} should name the module"
    for request in trace["sent"]:
        assert (request.get("system") or "").strip(), "send a system prompt that says what to reply"
        assert request["max_tokens"] is not None and request["max_tokens"] <= 900, \
            f"max_tokens {request['max_tokens']}; --max-reply-tokens was 900"
    assert result["exit"] == 0, f"exit {result['exit']} for a complete run: {result['stderr'][-300:]}"


@pytest.mark.points(3)
@pytest.mark.hint("write_docs: OUT/<module>.md for each documented module (its summary, each symbol's doc, each "
                  "signature), OUT/index.md linking every page ([billing](billing.md)), OUT/architecture.md.")
def test_writes_a_page_per_module_and_an_index(run, provider):
    trace = docs(run, "stockbook-docs", provider)
    files = checks.ran(trace)["files"]
    expected = {"index.md", "architecture.md", *(f"{m}.md" for m in MODULES)}
    assert expected <= set(files), f"missing pages: {sorted(expected - set(files))}"
    assert {f"{m}.md" for m in MODULES} <= checks.links(files["index.md"]), \
        f"the index should link each module's page; it links {sorted(checks.links(files['index.md']))}"
    billing = files["billing.md"]
    for text in ("Creates, prices and settles invoices.", "The next number, e.g. INV-00042",
                 "Marks the invoice paid and lowers the customer's balance", *checks.SIGNATURES["billing"]):
        assert text in billing, f"billing.md should hold {text!r} (the model's docs and the code's signatures)"


@pytest.mark.points(2)
@pytest.mark.hint("architecture.md holds a ```mermaid block: mermaid(analysis, {module: its doc's layer}).")
def test_architecture_page_holds_the_true_diagram_with_the_models_layers(run, provider):
    files = checks.ran(docs(run, "stockbook-docs", provider))["files"]
    block = checks.mermaid_block(files.get("architecture.md", ""))
    assert block, "architecture.md should hold a ```mermaid block"
    parsed = checks.parse_mermaid(block)
    assert parsed["edges"] == EDGES and parsed["nodes"] == set(MODULES), "the diagram's arrows are the imports"
    for name, layer in checks.LAYERS.items():
        assert layer in parsed["groups"].get(name, "").lower(), f"{name} should sit in its layer, {layer}"


@pytest.mark.points(3)
@pytest.mark.hint("A reply that is not valid JSON of the ModuleDoc shape is retried once, sent back as the "
                  "assistant's turn with the error in a user turn; a second bad reply leaves the module "
                  "undocumented (listed under 'Not documented' in the index), and the run goes on.")
def test_an_invalid_reply_is_retried_once_then_the_module_is_flagged(run, provider):
    trace = docs(run, "stockbook-retry", provider)
    result = checks.ran(trace)
    assert len(trace["sent"]) == len(MODULES) + 2, f"{len(trace['sent'])} calls; expected one per module, plus " \
                                                   "one retry for billing and one for utils"
    billing = checks.requests_for(trace, "create_invoice(customer_id, items, day=None, force=False)")
    assert len(billing) == 2, f"{len(billing)} requests for billing; expected 2"
    cut_off = trace["served"][0]["text"]
    assert cut_off[:100] in "\n".join(text for _, text in billing[1]["messages"]), \
        "the retry should carry the reply that failed"
    assert billing[1]["messages"][-1][0] == "user" and billing[1]["messages"][-1][1].strip(), \
        "the retry's last turn should be a user turn with the error"
    files = result["files"]
    assert "billing.md" in files and "utils.md" not in files, \
        f"billing (valid on retry) gets a page; utils (never valid) does not: {sorted(files)}"
    missing = checks.section(files.get("index.md", ""), "not documented") or ""
    assert "utils" in missing and "billing" not in missing, f"'Not documented' section: {missing[:300]!r}"
    assert result["exit"] == 0, "every module was tried: exit 0"


@pytest.mark.points(3)
@pytest.mark.hint("Before each call: if settings.max_calls calls are made, stop: no more calls, write what you "
                  "have (pages, the index with the rest under 'Not documented', the full diagram), exit 3.")
def test_the_call_budget_stops_the_run_cleanly(run, provider):
    trace = docs(run, "stockbook-docs", provider, "--max-calls", "3")
    result = checks.ran(trace)
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} model calls with --max-calls 3"
    assert result["exit"] == 3, f"exit {result['exit']}; a run stopped by its budget exits 3"
    files = result["files"]
    pages = {name for name in files if name.removesuffix(".md") in MODULES}
    assert pages == {"billing.md", "config.md", "customers.md"}, f"pages {sorted(pages)}: modules go in name order"
    missing = checks.section(files.get("index.md", ""), "not documented") or ""
    assert all(m in missing for m in ("db", "inventory", "main", "reports", "utils")), \
        f"the index's 'Not documented' section should name the five modules left: {missing[:300]!r}"
    parsed = checks.parse_mermaid(checks.mermaid_block(files.get("architecture.md", "")) or "")
    assert parsed["edges"] == EDGES, "a partial run still draws every import: the diagram needs no model"


@pytest.mark.points(2)
@pytest.mark.hint("Count input + output tokens from each reply's usage; before each call, stop when the total "
                  "has reached settings.max_tokens (--max-tokens).")
def test_the_token_budget_stops_the_run(run, provider):
    trace = docs(run, "stockbook-docs", provider, "--max-tokens", "3000")  # 2,000 tokens a reply
    result = checks.ran(trace)
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} calls; after two replies 4,000 tokens >= 3,000"
    assert result["exit"] == 3 and "index.md" in result["files"], "stop cleanly: exit 3 with a partial index"


@pytest.mark.points(2)
@pytest.mark.hint("A call that raises agentkit.LLMError stops the run (stopped='model error'): no more calls, "
                  "the index written with what was documented, exit 3.")
def test_a_model_error_stops_with_a_partial_index(run, provider):
    trace = docs(run, "model-errors", provider)
    result = checks.ran(trace)
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} calls; the run should stop at the failing call"
    assert result["exit"] == 3, f"exit {result['exit']}; expected 3"
    assert "billing.md" in result["files"], "what was documented before the error is written"
    missing = checks.section(result["files"].get("index.md", ""), "not documented") or ""
    assert "config" in missing, f"config (its call failed) belongs under 'Not documented': {missing[:300]!r}"


@pytest.mark.points(3)
@pytest.mark.hint("verify's problems go into the index under a 'Problems' heading, each with its name; names the "
                  "model invents are flagged, and the layer names cannot add arrows to the diagram.")
def test_invented_names_are_flagged_in_the_index(run, provider):
    files = checks.ran(docs(run, "stockbook-untrusted", provider))["files"]
    problems = checks.section(files.get("index.md", ""), "problems") or ""
    for name in ("refund_invoice", "reserve_stock", "send_reminder"):
        assert name in problems, f"{name} (invented by the model) should be in the index's Problems section"
    parsed = checks.parse_mermaid(checks.mermaid_block(files.get("architecture.md", "")) or "")
    assert parsed["arrows"] == len(EDGES) and parsed["edges"] == EDGES, "a layer name added to the diagram"


@pytest.mark.points(2)
@pytest.mark.hint("Real names (functions, Class.method, module.NAME, parameters, self.NAME, builtins) are never "
                  "flagged.")
def test_true_docs_flag_nothing(run, provider):
    result = checks.ran(docs(run, "stockbook-docs", provider))
    assert result["exit"] == 0, f"exit {result['exit']}: {result['stderr'][-300:]}"
    problems = checks.section(result["files"].get("index.md", ""), "problems")
    assert problems is not None, "the index should have a 'Problems' section (saying there are none)"
    for name in ("create_invoice", "compute_totals", "adjust_stock", "PAYMENT_DAYS", "_next_number", "money",
                 "balance", "customer_id", "_cache", "DISCOUNTS", "self.total", "config.TAX_RATE"):
        assert f"{name}" not in problems, f"{name} is in the code but the index flags it: {problems[:300]!r}"


@pytest.mark.points(2)
@pytest.mark.hint("A file that does not parse is reported (stderr and a 'Skipped' section of the index) and "
                  "left out; the other modules are documented as usual.")
def test_an_unparseable_file_is_reported_and_skipped(run, provider):
    result = checks.ran(docs(run, "stockbook-docs", provider, files=WITH_BROKEN))
    assert result["exit"] == 0, f"exit {result['exit']}: {result['stderr'][-300:]}"
    assert checks.BROKEN[0] in result["stderr"], "say on stderr which file was skipped"
    skipped = checks.section(result["files"].get("index.md", ""), "skipped") or ""
    assert checks.BROKEN[0] in skipped, "the index should list the skipped file under a 'Skipped' heading"
    assert {f"{m}.md" for m in MODULES} <= set(result["files"]), "the other modules are still documented"


# --- the submission as a project -----------------------------------------------------------------------------


@pytest.mark.timeout(OWN_TESTS_JOB_S + 20)
@pytest.mark.points(3)
@pytest.mark.hint("Your project's own tests (tests/ next to doc_agent/) run offline with pytest: at least five, "
                  "all passing, in well under 90 seconds. Use a fake client (see doc_agent/testing.py, given), never the network.")
def test_the_projects_own_tests_pass(run):
    trace = run(checks.NO_LLM, "own_tests", job_timeout=OWN_TESTS_JOB_S)
    assert trace["ok"], trace["error"]
    result = trace["result"]
    assert result["present"], result["summary"]
    assert result["exit"] == 0 and result.get("failed", 0) == 0, f"your tests failed: {result['summary']}"
    assert result.get("passed", 0) >= 5, f"{result.get('passed', 0)} tests passed; write at least five"


@pytest.mark.points(1)
@pytest.mark.hint("README.md next to doc_agent/: how to install and run it (python -m doc_agent docs SRC OUT), "
                  "its configuration, its exit codes; no TODO left.")
def test_the_readme_says_how_to_run_it(run):
    trace = run(checks.NO_LLM, "readme")
    assert trace["ok"], trace["error"]
    text = trace["result"]["text"]
    assert text, "no README.md next to your doc_agent package"
    assert "python -m doc_agent docs" in text, "show the command that runs it"
    assert "TODO" not in text, "the README still has a TODO"
    assert len(text.split()) >= 150, f"{len(text.split())} words; say how to install, run and configure it"
