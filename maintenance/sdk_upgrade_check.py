"""What would the newest SDKs break? (Maintainers; needs the package registry; not part of CI.)

Builds a throwaway environment from the course's lock file, upgrades `anthropic` and `openai` (and the HTTP
library under them) to the newest releases on the registry, and runs there the checks that pin the course to
the SDKs: every fixture parsed with the SDKs' own types, every taught parameter against their signatures, the
wire-format and replay tests. Prints the versions before and after and each failing check.

    python maintenance/sdk_upgrade_check.py            # newest releases
    python maintenance/sdk_upgrade_check.py --keep DIR  # keep the environment in DIR to investigate
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UPGRADED = ["anthropic", "openai", "httpx2"]
CHECKS = ["tests/test_fixtures_valid.py", "tests/test_taught_parameters.py", "tests/test_sdk_parameters.py",
          "tests/test_wire.py", "tests/test_replay_both_sdks.py", "tests/test_replay_timing.py"]


def run(*command: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, text=True, capture_output=True, **options)


def versions(python: Path) -> dict[str, str]:
    code = ("import json, importlib.metadata as m; "
            f"print(json.dumps({{n: m.version(n) for n in {UPGRADED!r}}}))")
    return json.loads(run(str(python), "-c", code, check=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="build the environment here and keep it")
    args = parser.parse_args()
    home = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sdk-upgrade-"))
    python = home / "bin" / "python"
    try:
        print(f"environment: {home}")
        run(sys.executable, "-m", "venv", str(home), check=True)
        run(str(python), "-m", "pip", "install", "--quiet", "uv", check=True)
        uv = [str(python), "-m", "uv", "pip", "install", "--quiet", "--python", str(python)]
        run(*uv, "-r", str(ROOT / "requirements.lock"), check=True)
        run(*uv, "--no-deps", "-r", str(ROOT / "requirements-nodeps.txt"), check=True)
        before = versions(python)
        upgrade = run(*uv, "--upgrade", *UPGRADED)
        if upgrade.returncode:
            print(f"the upgrade itself fails (a dependency conflict?):\n{upgrade.stderr[-3000:]}")
            return 1
        after = versions(python)
        for name in UPGRADED:
            print(f"  {name:<10} {before[name]:>10} -> {after[name]}")
        if before == after:
            print("the lock already holds the newest releases: nothing to check")
            return 0
        tests = run(str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", "--tb=line",
                    *CHECKS, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": str(home / "bin"),
                                             "HOME": str(home)})
        failures = [line for line in tests.stdout.splitlines()
                    if line.startswith(("FAILED", "ERROR", "E   ")) or (line.startswith("/") and "Error" in line)]
        print(tests.stdout.strip().splitlines()[-1] if tests.stdout.strip() else tests.stderr[-2000:])
        for line in failures:
            print(f"  would break: {line}")
        return 1 if tests.returncode else 0
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
