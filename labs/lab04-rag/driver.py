"""What the graders call, in the submission's process: the student's `coderag` on click's source; plain data only.

The full index (click's decorators.py, exceptions.py, termui.py and utils.py) is built once per worker, that is
once per submission and grading session, and kept here: the encoder is the slow part. Nothing returned here is
evidence of what the code sent to a model: the tests judge that from what the grader's broker recorded."""
from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import click
import matplotlib

import agentkit

matplotlib.use("Agg")
import matplotlib.pyplot  # noqa: E402,F401 - imported while the worker starts, not in the report's 20 s

CLICK_ROOT = Path(click.__file__).parent
MODULES = ("decorators.py", "exceptions.py", "termui.py", "utils.py")
BUILDS: dict = {}  # submission -> the build of its index (a thread, then the index or the error), for this worker
WAIT = 8.0         # seconds a job waits for the build before it answers {"building": true} (a job's limit is 20)


class Building(Exception):
    """The index is still being built: the test asks again."""


def plain_chunk(chunk) -> dict:
    return {"path": str(chunk.path), "symbol": str(chunk.symbol), "start": int(chunk.start), "end": int(chunk.end)}


def chunks_of(submission, modules=MODULES) -> list:
    return [c for name in modules for c in submission.chunk_source(name, (CLICK_ROOT / name).read_text("utf-8"))]


def start_index(submission) -> dict:
    """Start building the submission's index over the corpus in the background, once per worker. Every entry
    calls this, so the build runs while the quick tests (chunking, fusion, metrics) do."""
    key = getattr(submission, "__file__", None) or id(submission)
    if key not in BUILDS:
        build = BUILDS[key] = {"done": threading.Event(), "index": None, "error": None}

        def work():
            try:
                folder = tempfile.mkdtemp(prefix="lab04-index-")
                build["index"] = submission.Index.build(chunks_of(submission), str(Path(folder) / "index.db"),
                                                        submission.Settings())
            except Exception as exc:  # noqa: BLE001 - reported to every job that needs the index
                build["error"] = f"building the index raised {type(exc).__name__}: {exc}"
            finally:
                build["done"].set()

        threading.Thread(target=work, name="lab04-index", daemon=True).start()
    return BUILDS[key]


def full_index(submission):
    """The submission's built index; Building if it is not ready within WAIT seconds."""
    build = start_index(submission)
    if not build["done"].wait(WAIT):
        raise Building()
    if build["error"]:
        raise RuntimeError(build["error"])
    return build["index"]


def building(entry):
    """An entry that needs the index answers {"building": true} while it is being built."""
    def wrapped(submission, *args, **kwargs):
        try:
            return entry(submission, *args, **kwargs)
        except Building:
            return {"building": True}
    wrapped.__name__, wrapped.__doc__ = entry.__name__, entry.__doc__
    return wrapped


def ready(submission) -> dict:
    """Whether the index is built (waiting up to WAIT seconds for it); what building it raised, if it did."""
    build = start_index(submission)
    return {"building": not build["done"].wait(WAIT), "error": build["error"]}


def chunk(submission, modules: list[str]) -> dict:
    """`chunk_source` on each module: every chunk's place and its text."""
    start_index(submission)
    return {"chunks": [{**plain_chunk(c), "text": str(c.text)} for c in chunks_of(submission, modules)]}


def small_index(submission, db_path: str, module: str, questions: list[str]) -> dict:
    """`Index.build` over one module's chunks into the SQLite file db_path; its vector search for each question."""
    chunks = chunks_of(submission, [module])
    index = submission.Index.build(chunks, db_path, submission.Settings())
    found = [[{**plain_chunk(chunks[i]), "id": int(i), "similarity": float(s)} for i, s in index.vector_search(q, 5)]
             for q in questions]
    return {"chunks": [plain_chunk(c) for c in chunks], "found": found}


@building
def retrieve(submission, questions: list[str], k: int = 5, rankings: bool = False) -> dict:
    """For each question the hybrid top k; with `rankings`, also the vector and keyword rankings
    (settings.candidates each) and the best cosine similarity."""
    index = full_index(submission)
    settings = submission.Settings()
    results = []
    for question in questions:
        vector = index.vector_search(question, settings.candidates) if rankings else []
        keyword = index.keyword_search(question, settings.candidates) if rankings else []
        hits = index.search(question, k)
        results.append({
            "vector": [{**plain_chunk(index.chunks[i]), "id": int(i), "score": float(s)} for i, s in vector],
            "keyword": [{**plain_chunk(index.chunks[i]), "id": int(i), "score": float(s)} for i, s in keyword],
            "hybrid": [{**plain_chunk(h.chunk), "score": float(h.score)} for h in hits]})
    return {"results": results, "candidates": int(settings.candidates), "rrf_k": int(settings.rrf_k)}


@building
def ask(submission, provider: str, questions: list[str]) -> dict:
    """`answer(Client(provider), index, question)` for each question: the Answer as data, or what it raised."""
    index = full_index(submission)
    llm = agentkit.Client(provider)
    answers = []
    for question in questions:
        try:
            got = submission.answer(llm, index, question)
        except Exception as exc:  # noqa: BLE001 - what it raised is the result
            answers.append({"raised": f"{type(exc).__name__}: {exc}"[:500]})
            continue
        answers.append({"raised": None, "text": str(got.text)[:4000], "refused": bool(got.refused),
                        "citations": [str(c) for c in got.citations], "rejected": [str(c) for c in got.rejected]})
    return {"answers": answers}


def fuse(submission, rankings: list[list[int]], rrf_k: int) -> dict:
    start_index(submission)
    return {"fused": [[int(i), float(s)] for i, s in submission.fuse(rankings, rrf_k)]}


def metrics(submission, cases: list[dict]) -> dict:
    """Each metric function on each case {ranked, relevant, k}; ranked items are lists, made tuples here."""
    start_index(submission)
    out = []
    for case in cases:
        ranked = [tuple(item) for item in case["ranked"]]
        relevant = {tuple(item) for item in case["relevant"]}
        out.append({"hit": float(submission.hit_at_k(ranked, relevant, case["k"])),
                    "recall": float(submission.recall_at_k(ranked, relevant, case["k"])),
                    "rr": float(submission.reciprocal_rank(ranked, relevant)),
                    "ndcg": float(submission.ndcg_at_k(ranked, relevant, case["k"]))})
    return {"metrics": out}


def refusal_accuracy(submission, refused: list[bool], answerable: list[bool]) -> dict:
    return {"accuracy": float(submission.refusal_accuracy(refused, answerable))}


@building
def report(submission, questions: list[dict], folder: str) -> dict:
    """`evaluate` on the index and `write_report` into folder: the paths it says it wrote."""
    result = submission.evaluate(full_index(submission), questions)
    paths = submission.write_report(result, folder)
    return {"paths": [str(p) for p in paths]}
