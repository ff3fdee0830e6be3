"""What the graders call: run the student's `comparison` package and hand back plain JSON data only.

`compare_all` runs `compare` on the targets a test names; `totals_of`, `table_of` and `chart_for` run the
student's `totals`, `table` and `chart` on rows the test gives, so one bug costs the points of one test. While
`compare` runs, the wall clock (`time.time`) is stepped back 7 seconds at every read, as a clock adjusted by NTP
can be: latency measured on it comes out wrong, latency measured on a monotonic clock does not.
"""
from __future__ import annotations

import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def wall_clock_stepping_back(step_s: float = 7.0):
    real_time, real_time_ns, reads = time.time, time.time_ns, [0]

    def stepped() -> float:
        reads[0] += 1
        return real_time() - step_s * reads[0]

    time.time = stepped
    time.time_ns = lambda: int(stepped() * 1e9)
    try:
        yield
    finally:
        time.time, time.time_ns = real_time, real_time_ns


def failure(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def figure_texts(fig) -> list[str]:
    """Every piece of text a matplotlib Figure shows: titles, axis labels, tick labels, legends, annotations."""
    return [text.get_text() for text in fig.findobj(lambda artist: hasattr(artist, "get_text")) if text.get_text()]


def chart_of(submission, rows: list) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="chart-"))
    path = folder / "comparison.png"
    fig = submission.chart(rows, str(path))
    head = path.read_bytes()[:8] if path.is_file() else b""
    return {"saved": path.is_file(), "png": head == b"\x89PNG\r\n\x1a\n",
            "bytes": path.stat().st_size if path.is_file() else 0,
            "texts": figure_texts(fig) if hasattr(fig, "findobj") else None}


def compare_all(submission, targets: list[dict], cases: list[str] | None = None) -> dict:
    chosen = [case for case in submission.PROMPTS if cases is None or case.name in cases]
    out = {"rows": None, "errors": {}}
    try:
        with wall_clock_stepping_back():
            out["rows"] = submission.compare([submission.Target(**t) for t in targets], chosen)
    except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
        out["errors"]["compare"] = failure(exc)
        return out
    return out


def totals_of(submission, rows: list) -> list:
    return submission.totals(rows)


def table_of(submission, rows: list) -> str:
    return str(submission.table(rows))


def chart_for(submission, rows: list) -> dict:
    return chart_of(submission, rows)
