"""Settings graded tests. Each loads your `service_settings` in its own process through ../driver.py, with an
environment and a .env file the test chooses, and checks what load_settings() returned or raised, every way
the settings render as text, and every log record written meanwhile. No model is called."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "settings call no model"}, "exchanges": []}

# Fake secrets, made distinctive so that any fragment of one is easy to spot in output.
ANTHROPIC = "sk-ant-fake-Q7mZ9xLpV4rT8wKd2HsN"
OPENAI = "sk-proj-fake-J3vB6nYc1QeR5tUw8ZaP"
WEBHOOK = "whsec-fake-Lk2Pq9Xw4Tz7Rm1Vb6Nc3Hd8Fg5Js0Ay"
REDIS = "redis://default:Pw-fake-Zq4Xm8Kr2Tn6@cache.internal:6379/0"
GOOD_PRODUCTION = {"APP_ENVIRONMENT": "production", "COURSE_LLM_MODE": "live", "ANTHROPIC_API_KEY": ANTHROPIC,
                   "OPENAI_API_KEY": OPENAI, "APP_WEBHOOK_SECRET": WEBHOOK, "APP_REDIS_URL": REDIS,
                   "APP_PUBLIC_URL": "https://summaries.example.com"}


def fragments(secret: str) -> list[str]:
    """The whole secret and the pieces a truncated dump would still show (pydantic prints 'sk-pr...ALUE123')."""
    body = secret.split("fake-", 1)[-1]
    return [secret, body[:8], body[-8:]]


def leaks(texts: dict, secrets: list[str]) -> list[str]:
    return [f"{where} shows {fragment!r}" for where, text in texts.items() for secret in secrets
            for fragment in fragments(secret) if fragment in str(text)]


def loaded(trace: dict) -> dict:
    assert trace["ok"], f"the driver failed: {trace['error']}"
    result = trace["result"]
    assert result["loaded"], f"load_settings() raised: {(result['error'] or {}).get('message', '')[:800]}"
    return result


def refused(trace: dict) -> dict:
    assert trace["ok"], f"the driver failed: {trace['error']}"
    result = trace["result"]
    assert not result["loaded"], "load_settings() accepted a configuration it should refuse"
    error = result["error"]
    assert error["type"] == "SettingsError", \
        f"expected SettingsError, got {error['type']}: {error['message'][:300]}"
    assert error["problems"] is not None, "SettingsError.problems should list (variable, message) pairs"
    return error


def variables(error: dict) -> str:
    return " | ".join(variable for variable, _ in error["problems"])


@pytest.mark.points(3)
@pytest.mark.hint("Catch pydantic's ValidationError in load_settings and raise SettingsError with one Problem per "
                  "variable: its environment variable name (APP_WEBHOOK_SECRET, not webhook_secret) and what is "
                  "wrong. Make the rules field validators, so one failed start reports every problem.")
def test_missing_keys_fail_at_start_naming_every_variable(run):
    environ = {"APP_ENVIRONMENT": "production", "COURSE_LLM_MODE": "live", "APP_RATE_LIMIT_RPM": "lots"}
    error = refused(run(NO_LLM, "load", environ=environ))
    named = variables(error)
    for variable in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "APP_WEBHOOK_SECRET", "APP_RATE_LIMIT_RPM"):
        assert variable in named, f"the error should name {variable}; it names: {named}"
    for noise in ("input_value", "errors.pydantic.dev", "For further information"):
        assert noise not in error["message"], f"the message is pydantic's dump ({noise!r}), not a concise list"
    assert len(error["message"].splitlines()) <= 8, "one line per problem, not a traceback dump"


@pytest.mark.points(2)
@pytest.mark.hint("Provider keys are required only when COURSE_LLM_MODE is live or record, and one key (either "
                  "provider) is enough. Everything else has a default.")
def test_replay_mode_needs_no_key_and_one_key_is_enough(run):
    replay = loaded(run(NO_LLM, "load", environ={"COURSE_LLM_MODE": "replay"}))["values"]
    assert replay["environment"] == "development" and replay["llm_mode"] == "replay"
    assert replay["debug"] is False and replay["rate_limit_rpm"] == 60 and replay["model"] == "claude-haiku-4-5"
    live = loaded(run(NO_LLM, "load", environ={"COURSE_LLM_MODE": "live", "OPENAI_API_KEY": OPENAI}))["values"]
    assert live["openai_api_key"] == {"secret": OPENAI}, \
        f"OPENAI_API_KEY should be a SecretStr holding the key; got {live['openai_api_key']!r}"


@pytest.mark.points(4)
@pytest.mark.hint("Declare every secret as SecretStr (the provider keys, the webhook secret, and the Redis URL, "
                  "which holds a password): repr, str, model_dump_json and logging then show '**********'. "
                  "public_view() names variables only. The code that needs a key calls get_secret_value().")
def test_secrets_never_appear_in_repr_str_json_or_logs(run):
    result = loaded(run(NO_LLM, "load", environ=GOOD_PRODUCTION, log_settings=True))
    secrets = [ANTHROPIC, OPENAI, WEBHOOK, REDIS]
    shown = {**result["renderings"], **{f"log record {n}": line for n, line in enumerate(result["logs"])}}
    found = leaks(shown, secrets)
    assert not found, "secrets visible: " + "; ".join(found[:6])
    assert len(result["logs"]) >= 3, "the test logged the settings three ways; the records were not captured"
    values = result["values"]
    assert values["anthropic_api_key"] == {"secret": ANTHROPIC}, "the key must still be readable with get_secret_value()"
    assert values["redis_url"] == {"secret": REDIS}, "APP_REDIS_URL carries a password: make it a SecretStr"
    assert values["webhook_secret"] == {"secret": WEBHOOK}


@pytest.mark.points(3)
@pytest.mark.hint("An invalid secret must not be echoed: pydantic's ValidationError prints input_value=... (and "
                  "for a missing field, every other input). Build messages from exc.errors(include_input=False), "
                  "set hide_input_in_errors=True, and raise SettingsError outside the except block so the "
                  "ValidationError is not chained into the printed traceback.")
def test_invalid_secret_values_are_never_echoed(run):
    short_webhook = "hunter2-fake-Yt5Gb"
    spaced_key = "sk-ant-fake-Wn4Ek8Rc2Pv6 Zs"
    bad_redis = "redis//default:Pw-fake-Hq3Lx7Mz@cache:6379"
    environ = {"APP_ENVIRONMENT": "staging", "COURSE_LLM_MODE": "live", "ANTHROPIC_API_KEY": spaced_key,
               "OPENAI_API_KEY": OPENAI, "APP_WEBHOOK_SECRET": short_webhook, "APP_REDIS_URL": bad_redis}
    trace = run(NO_LLM, "load", environ=environ)
    error = refused(trace)
    named = variables(error)
    for variable in ("ANTHROPIC_API_KEY", "APP_WEBHOOK_SECRET", "APP_REDIS_URL"):
        assert variable in named, f"the error should name {variable}; it names: {named}"
    assert "OPENAI_API_KEY" not in named, "OPENAI_API_KEY is valid and should not be reported"
    shown = {"the message": error["message"], "the printed traceback": error["traceback"],
             "the problems": str(error["problems"]), "the logs": "\n".join(trace["result"]["logs"]),
             "printed output": trace["stdout"]}
    found = leaks(shown, [short_webhook, spaced_key, bad_redis, OPENAI])
    assert not found, "secret values echoed: " + "; ".join(found[:6])


@pytest.mark.points(3)
@pytest.mark.hint("environment is an Enum (development, staging, production), so 'prod' is an error, not "
                  "development. In production: APP_DEBUG false, COURSE_LLM_MODE live, APP_LOG_LEVEL not DEBUG, "
                  "APP_PUBLIC_URL https. Staging is not production.")
def test_production_is_stricter(run):
    risky = {**GOOD_PRODUCTION, "APP_DEBUG": "true", "COURSE_LLM_MODE": "replay", "APP_LOG_LEVEL": "debug",
             "APP_PUBLIC_URL": "http://summaries.example.com"}
    error = refused(run(NO_LLM, "load", environ=risky))
    named = variables(error)
    for variable in ("APP_DEBUG", "COURSE_LLM_MODE", "APP_LOG_LEVEL", "APP_PUBLIC_URL"):
        assert variable in named, f"production should refuse {variable}; the error names: {named}"
    staging = loaded(run(NO_LLM, "load", environ={**risky, "APP_ENVIRONMENT": "staging"}))["values"]
    assert staging["environment"] == "staging" and staging["debug"] is True, "staging allows what production refuses"
    typo = refused(run(NO_LLM, "load", environ={**GOOD_PRODUCTION, "APP_ENVIRONMENT": "prod"}))
    assert "APP_ENVIRONMENT" in variables(typo), "APP_ENVIRONMENT=prod must be an error, not a quiet 'development'"


@pytest.mark.points(2)
@pytest.mark.hint("Settings(_env_file=path) reads a .env file; the values there are validated and typed exactly "
                  "like environment variables (bounds included).")
def test_dotenv_file_is_read_and_typed(run):
    dotenv = (f"COURSE_LLM_MODE=live\nANTHROPIC_API_KEY={ANTHROPIC}\nAPP_ENVIRONMENT=staging\n"
              "APP_RATE_LIMIT_RPM=90\nAPP_SHUTDOWN_GRACE_SECONDS=12.5\n")
    values = loaded(run(NO_LLM, "load", environ={}, dotenv=dotenv))["values"]
    assert values["anthropic_api_key"] == {"secret": ANTHROPIC}, "ANTHROPIC_API_KEY from .env, as a SecretStr"
    assert values["environment"] == "staging"
    assert values["rate_limit_rpm"] == 90 and values["shutdown_grace_seconds"] == 12.5
    error = refused(run(NO_LLM, "load", environ={}, dotenv=dotenv + "APP_RATE_LIMIT_TPM=12\n"))
    assert "APP_RATE_LIMIT_TPM" in variables(error), "a tokens-per-minute limit of 12 is out of bounds (>= 1,000)"


@pytest.mark.points(2)
@pytest.mark.hint("pydantic-settings' order is: arguments, then environment variables, then the .env file, then "
                  "defaults. Pass the file with _env_file and do not read it yourself into the environment.")
def test_environment_beats_dotenv_beats_defaults(run):
    dotenv = "COURSE_LLM_MODE=replay\nAPP_RATE_LIMIT_RPM=90\nAPP_RATE_LIMIT_TPM=50000\n"
    values = loaded(run(NO_LLM, "load", environ={"APP_RATE_LIMIT_RPM": "120"}, dotenv=dotenv))["values"]
    got = (values["rate_limit_rpm"], values["rate_limit_tpm"], values["cache_ttl_seconds"])
    assert got == (120, 50000, 3600), f"(rpm, tpm, ttl) = {got}: expected rpm from the environment (120), tpm " \
                                      "from .env (50000) and ttl from the default (3600)"


@pytest.mark.points(2)
@pytest.mark.hint("pydantic-settings ignores environment variables no field reads, so APP_DEBGU=true silently "
                  "leaves debug at its default. Report every APP_ name, in the environment or the .env file, that "
                  "is not a setting.")
def test_unknown_app_variables_are_reported(run):
    environ = {"COURSE_LLM_MODE": "replay", "APP_DEBGU": "true"}
    error = refused(run(NO_LLM, "load", environ=environ, dotenv="APP_RATE_LIMT_RPM=5\n"))
    named = variables(error)
    assert "APP_DEBGU" in named and "APP_RATE_LIMT_RPM" in named, f"both typos should be named; got: {named}"


@pytest.mark.points(2)
@pytest.mark.hint("public_view() -> {'environment', 'llm_mode', 'variables': {NAME: 'set' | 'default' | 'not set'}} "
                  "using model_fields_set: a field in it was given; otherwise it has a default, or is None.")
def test_public_view_says_what_is_set_without_values(run):
    environ = {"COURSE_LLM_MODE": "live", "ANTHROPIC_API_KEY": ANTHROPIC, "APP_REDIS_URL": REDIS}
    view = loaded(run(NO_LLM, "load", environ=environ))["public_view"]
    assert isinstance(view, dict) and isinstance(view.get("variables"), dict), f"public_view() gave {view}"
    state = view["variables"]
    expected = {"ANTHROPIC_API_KEY": "set", "APP_REDIS_URL": "set", "OPENAI_API_KEY": "not set",
                "APP_WEBHOOK_SECRET": "not set", "APP_RATE_LIMIT_RPM": "default", "COURSE_LLM_MODE": "set"}
    wrong = {name: state.get(name) for name, want in expected.items() if state.get(name) != want}
    assert not wrong, f"wrong states (expected {expected}): {wrong}"
    assert view.get("environment") == "development"
    found = leaks({"public_view": view}, [ANTHROPIC, REDIS])
    assert not found, "; ".join(found)


@pytest.mark.points(2)
@pytest.mark.hint("get_settings() loads once and returns the same object after that (functools.lru_cache); "
                  "reload_settings() clears the cache and loads again.")
def test_settings_are_loaded_once_and_reloadable(run):
    trace = run(NO_LLM, "cached", environ={"COURSE_LLM_MODE": "replay", "APP_RATE_LIMIT_RPM": "30"},
                changed={"APP_RATE_LIMIT_RPM": "45"})
    assert trace["ok"], f"the driver failed: {trace['error']}"
    result = trace["result"]
    assert result["same_object"], "get_settings() built a new Settings on a second call: it re-reads everything"
    assert result["stale_is_first"] and result["stale_rpm"] == 30, \
        "until reload_settings(), get_settings() keeps the settings it loaded"
    assert result["reloaded_rpm"] == 45, "reload_settings() should read the changed environment"
    assert result["after_is_reloaded"], "after reload_settings(), get_settings() should return the new settings"
