"""The plugin gives every test a time limit, so a hanging submission cannot stall a grading run."""
import subprocess
import sys


def test_a_hanging_test_is_stopped_by_the_default_timeout(tmp_path):
    (tmp_path / "test_hang.py").write_text("import time\n\ndef test_hangs():\n    time.sleep(60)\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", str(tmp_path), "--rootdir", str(tmp_path)],
                            capture_output=True, text=True, timeout=60,
                            env={"COURSE_TEST_TIMEOUT": "1", "PATH": "/usr/bin:/bin"})
    assert "1 failed" in result.stdout
    assert "Timeout (>1.0s)" in result.stdout
