"""Every ```python block of a lesson page runs: the blocks of one page in order, in one namespace, in a fresh
process started at the repository root, offline (replay mode, no key, sockets limited to loopback and unix), with
the unit's reference solution importable. A block that is not meant to run starts with `# not run: <reason>`."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.units import all_units

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})python[^\n]*\n(?P<code>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                   re.MULTILINE | re.DOTALL)
REDIS_SOCKET = "/tmp/course-redis.sock"  # where the pages' shell blocks start redis-server
SKIP = "# not run:"
RUNNER = r"""
import json, sys, textwrap, traceback
import pytest_socket
pytest_socket.socket_allow_hosts(["127.0.0.1", "::1", "localhost"], allow_unix_socket=True)
blocks = json.loads(sys.stdin.read())
namespace = {"__name__": "__lesson__"}
for line, code in blocks:
    try:
        exec(compile(textwrap.dedent(code), f"<block at line {line}>", "exec"), namespace)
    except BaseException:
        print(f"the block at line {line} failed:\n" + traceback.format_exc(limit=-4), file=sys.stderr)
        sys.exit(1)
"""


def lesson_pages() -> list[tuple[Path, list[Path]]]:
    """(page, folders to import from): each unit's README with its solution, and the days' other pages."""
    pages = [(u.path / "README.md", [u.solution]) for u in all_units() if (u.path / "README.md").exists()]
    pages += [(p, []) for p in sorted((ROOT / "days").glob("*/*.md"))]
    return [(page, folders) for page, folders in pages if "```python" in page.read_text()]


def blocks_of(page: Path) -> list[tuple[int, str]]:
    text = page.read_text()
    found = [(text.count("\n", 0, m.start()) + 2, m.group("code")) for m in BLOCK.finditer(text)]
    return [(line, code) for line, code in found if not code.lstrip().startswith(SKIP)]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("page, folders", lesson_pages(), ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else "")
def test_every_code_block_of_the_page_runs(page, folders, tmp_path):
    blocks = blocks_of(page)
    if any(REDIS_SOCKET in code for _, code in blocks):
        from agentkit import redis_server

        with redis_server.running(tmp_path) as socket_path:
            run_blocks(page, folders, tmp_path, [(line, code.replace(REDIS_SOCKET, socket_path))
                                                 for line, code in blocks])
    else:
        run_blocks(page, folders, tmp_path, blocks)


def run_blocks(page: Path, folders: list[Path], tmp_path: Path, blocks: list[tuple[int, str]]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and not k.startswith("COURSE_")}
    env.update(COURSE_LLM_MODE="replay", MPLBACKEND="Agg", HOME=str(tmp_path),
               PYTHONPATH=os.pathsep.join([*map(str, folders), str(ROOT)]))
    done = subprocess.run([sys.executable, "-c", RUNNER], input=json.dumps(blocks), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=170)
    assert done.returncode == 0, f"{page.relative_to(ROOT)}: {done.stderr[-3000:]}"
