"""`course doctor` runs offline, says which mode it finds and where calls would go, and says what to fix."""
import os
import subprocess
import sys

import pytest

SETTINGS = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "COURSE_LLM_MODE", "COURSE_BASE_URL", "COURSE_MODEL",
            "COURSE_PROVIDER", "COURSE_PRICE_PER_MTOK")


def doctor(**env):
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    return subprocess.run([sys.executable, "-m", "autograder.cli", "doctor"], capture_output=True, text=True,
                          env={**clean, **env}, timeout=120)


def llm_checks(**env) -> list[str]:
    """Only the mode, key and price lines, without the slower package and fixture checks (in-process)."""
    from autograder import doctor as module

    with pytest.MonkeyPatch.context() as patch:
        for name in SETTINGS:
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        return [f"{'ok ' if ok else 'FIX'} {found}" + ("" if ok else f" -> {fix}")
                for ok, found, fix in module.llm_checks()] + [module.summary(0).strip()]


def test_doctor_offline_default_is_healthy():
    result = doctor()
    assert "LLM mode: replay (offline, recorded fixtures)" in result.stdout
    assert "ANTHROPIC_API_KEY: not set (fine: the course runs offline)" in result.stdout
    assert "fixtures:" in result.stdout and " 0 broken" in result.stdout
    assert "All good: the course runs offline on this machine." in result.stdout


def test_doctor_names_each_problem_and_its_fix():
    result = doctor(COURSE_LLM_MODE="lve", OPENAI_API_KEY="'sk-abc'")
    assert result.returncode == 1
    assert "FIX COURSE_LLM_MODE='lve'" in result.stdout
    assert "-> unset COURSE_LLM_MODE, or set it to replay, live or record" in result.stdout
    assert "-> a real key starts with sk-; check for quotes or spaces" in result.stdout


def test_live_against_a_local_server_with_an_unpriced_model():
    result = doctor(COURSE_BASE_URL="http://localhost:11434/v1", COURSE_MODEL="llama3.2")
    assert result.returncode == 0, result.stdout
    assert "ok  LLM mode: live, OpenAI-compatible server at http://localhost:11434/v1, model llama3.2" in result.stdout
    assert "price of llama3.2: unknown" in result.stdout and 'set COURSE_PRICE_PER_MTOK="input,output"' in result.stdout
    assert "the course runs offline" not in result.stdout
    assert "All good: the course runs live against http://localhost:11434/v1 with llama3.2" in result.stdout


def test_a_supplied_price_is_reported_with_its_source():
    lines = llm_checks(COURSE_BASE_URL="http://localhost:11434/v1", COURSE_MODEL="llama3.2",
                       COURSE_PRICE_PER_MTOK="0.2, 0.6")
    assert "ok  price of llama3.2: $0.20 in, $0.60 out per million tokens (COURSE_PRICE_PER_MTOK)" in lines
    wrong = llm_checks(COURSE_BASE_URL="http://localhost:11434/v1", COURSE_MODEL="llama3.2",
                       COURSE_PRICE_PER_MTOK="free")
    assert any(line.startswith("FIX COURSE_PRICE_PER_MTOK='free'") for line in wrong), wrong
    orphan = llm_checks(ANTHROPIC_API_KEY="sk-ant-0123456789", COURSE_PRICE_PER_MTOK="1,5")
    assert any(line.startswith("FIX COURSE_PRICE_PER_MTOK=1,5: prices nothing") for line in orphan), orphan


def test_live_with_a_provider_names_it_its_model_and_price():
    lines = llm_checks(ANTHROPIC_API_KEY="sk-ant-0123456789")
    assert "ok  LLM mode: live, provider anthropic, model claude-haiku-4-5" in lines
    assert "ok  price of claude-haiku-4-5: $1.00 in, $5.00 out per million tokens (genai-prices)" in lines
    assert "ok  OPENAI_API_KEY: not set (fine: calls go to anthropic)" in lines
    assert lines[-1] == "All good: the course runs live on anthropic with claude-haiku-4-5 on this machine."


@pytest.mark.parametrize("env, problem", [
    ({"COURSE_LLM_MODE": "live", "COURSE_PROVIDER": "openai"},
     "FIX OPENAI_API_KEY: not set, and live mode calls openai"),
    ({"COURSE_BASE_URL": "http://localhost:11434/v1"}, "(none: COURSE_MODEL is not set) -> export COURSE_MODEL="),
    ({"ANTHROPIC_API_KEY": "sk-ant-0123456789", "COURSE_MODEL": "claude-opus-4-1"},
     "which agentkit/models.py does not list for anthropic"),
])
def test_live_problems_are_named(env, problem):
    lines = llm_checks(**env)
    assert any(problem in line for line in lines), lines


def test_replay_says_it_ignores_a_base_url():
    lines = llm_checks(COURSE_LLM_MODE="replay", COURSE_BASE_URL="http://localhost:11434/v1", COURSE_MODEL="x")
    assert lines[0] == "ok  LLM mode: replay (offline, recorded fixtures)"
    assert "ok  COURSE_BASE_URL=http://localhost:11434/v1 (not used: replay mode answers from the fixtures)" in lines
