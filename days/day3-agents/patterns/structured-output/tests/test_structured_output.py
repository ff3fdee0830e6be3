"""Structured output graded tests. Each runs your `structured_output` package in its own process through
../driver.py, with the grader's own `Triage` schema and the official SDKs answered by fixtures/scenarios/triage.yaml.
What your code sent is read from the grader's record of the requests (`trace["sent"]`, each provider's wire body)."""
import json

import pytest

CHECKOUT = "Incident: checkout card payments time out for some users since 09:40."
LEDGER = "Incident: payments ledger writes fail since 10:02."
LOGIN = "Incident: login is down for everyone."


def value(trace: dict) -> dict:
    assert trace["ok"], f"the job failed: {trace['error']}"
    result = trace["result"]
    assert "value" in result, f"extract raised {result['raised']}: {result['message']}"
    return result["value"]


def sent_schema(provider: str, body: dict) -> dict:
    if provider == "anthropic":
        fmt = (body.get("output_config") or {}).get("format") or {}
        assert fmt.get("type") == "json_schema", \
            f"Anthropic: output_config={{'format': {{'type': 'json_schema', 'schema': ...}}}}; sent {body.get('output_config')}"
        return fmt.get("schema") or {}
    fmt = body.get("response_format") or {}
    assert fmt.get("type") == "json_schema", f"OpenAI: response_format type json_schema; sent {fmt}"
    spec = fmt.get("json_schema") or {}
    assert spec.get("strict") is True, "OpenAI: json_schema.strict must be true, or the schema is only a hint"
    assert spec.get("name"), "OpenAI: json_schema needs a name"
    return spec.get("schema") or {}


def objects(node, where="schema"):
    """Every object schema inside `node`, with where it is."""
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield where, node
        for key, child in node.items():
            yield from objects(child, f"{where}.{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from objects(child, f"{where}[{i}]")


def turns(provider: str, body: dict) -> list[tuple[str, str]]:
    out = []
    for message in body["messages"]:
        content = message.get("content")
        text = content if isinstance(content, str) else "".join(
            str(b.get("text", "")) for b in content or [] if isinstance(b, dict))
        out.append((message["role"], text))
    return [t for t in out if t[0] != "system"]


@pytest.mark.points(3)
@pytest.mark.hint("Ask for structured output natively: OpenAI response_format {type: json_schema, json_schema: "
                  "{name, schema, strict: true}}; Anthropic output_config {format: {type: json_schema, schema}}. "
                  "Strict schemas: every object has additionalProperties false and lists all its properties as "
                  "required (nested ones in $defs too).")
def test_the_schema_is_sent_natively_and_strict(run, provider):
    trace = run("triage", "triage", provider=provider, report=CHECKOUT)
    value(trace)
    schema = sent_schema(provider, trace["sent"][0]["body"])
    assert set(schema.get("properties", {})) == {"service", "severity", "affected_users", "summary", "actions"}, \
        "the schema sent is the Triage model's"
    found = list(objects(schema))
    assert len(found) >= 2, "the nested Action object is part of the schema"
    loose = [where for where, node in found if node.get("additionalProperties") is not False]
    assert not loose, f"objects without additionalProperties: false: {loose}"
    partial = [where for where, node in found if set(node.get("required", [])) != set(node.get("properties", {}))]
    assert not partial, f"strict mode wants every property required; not so at {partial}"
    assert "sev1" in json.dumps(schema), "the severity enum travels in the schema"


@pytest.mark.points(2)
@pytest.mark.hint("Validate the reply's text with the pydantic model (Triage.model_validate_json) and return the "
                  "model instance.")
def test_a_valid_reply_comes_back_as_the_model(run, provider):
    trace = run("triage", "triage", provider=provider, report=CHECKOUT)
    got = value(trace)
    assert got["severity"] == "sev2" and got["affected_users"] == 1200
    assert got["actions"] == [{"owner": "payments-oncall", "task": "Roll back the 09:35 gateway deploy", "due": None}]
    assert len(trace["sent"]) == 1, "a valid first reply needs no retry"


@pytest.mark.points(4)
@pytest.mark.hint("On a ValidationError, append the model's reply as an assistant turn and a user turn holding "
                  "the validation error (it names each failing field), then ask again.")
def test_an_invalid_reply_is_retried_with_the_validation_error(run, provider):
    trace = run("triage", "triage", provider=provider, report=LEDGER)
    got = value(trace)
    assert got["severity"] == "sev1" and got["affected_users"] == 0, "the second, valid reply is the result"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests; expected 2"
    retry = turns(provider, trace["sent"][1]["body"])
    assert [role for role, _ in retry] == ["user", "assistant", "user"], \
        f"the retry holds the request, the invalid reply, and the feedback; roles sent {[r for r, _ in retry]}"
    assert retry[0][1] == LEDGER and '"critical"' in retry[1][1], "the model's own invalid reply goes back"
    feedback = retry[2][1]
    assert "severity" in feedback and "affected_users" in feedback, \
        f"the feedback names every failing field; it was {feedback[:300]!r}"
    sent_schema(provider, trace["sent"][1]["body"])  # the retry asks for structured output too


@pytest.mark.points(3)
@pytest.mark.hint("At most max_attempts requests in all; then raise StructuredOutputError (yours) carrying the "
                  "last validation error. Rules only the model validator knows (a sev1 needs an action) count too.")
def test_retries_are_bounded(run, provider):
    for attempts in (1, 3):
        trace = run("triage", "triage", provider=provider, report=LOGIN, max_attempts=attempts)
        assert trace["ok"], trace["error"]
        result = trace["result"]
        assert result.get("raised") == "StructuredOutputError", f"max_attempts={attempts}: got {result}"
        assert "sev1 needs at least one action" in result["message"], "the error says what was wrong"
        assert len(trace["sent"]) == attempts, f"max_attempts={attempts}, but {len(trace['sent'])} requests were sent"
    feedback = turns(provider, trace["sent"][2]["body"])[-1][1]
    assert "sev1 needs at least one action" in feedback, "the validator's message is fed back"
