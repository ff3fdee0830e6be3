"""`course doctor` runs offline and says what to fix."""
import os
import subprocess
import sys


def doctor(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "COURSE_LLM_MODE")}
    return subprocess.run([sys.executable, "-m", "autograder.cli", "doctor"], capture_output=True, text=True,
                          env={**clean, **env}, timeout=120)


def test_doctor_offline_default_is_healthy():
    result = doctor()
    assert "LLM mode: replay (offline, recorded fixtures)" in result.stdout
    assert "ANTHROPIC_API_KEY: not set (fine: the course runs offline)" in result.stdout
    assert "fixtures:" in result.stdout and " 0 broken" in result.stdout


def test_doctor_names_each_problem_and_its_fix():
    result = doctor(COURSE_LLM_MODE="lve", OPENAI_API_KEY="'sk-abc'")
    assert result.returncode == 1
    assert "FIX COURSE_LLM_MODE='lve'" in result.stdout
    assert "-> unset COURSE_LLM_MODE, or set it to replay, live or record" in result.stdout
    assert "-> a real key starts with sk-; check for quotes or spaces" in result.stdout
