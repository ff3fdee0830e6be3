"""Safe tools graded tests. Each runs your `safe_tools` package in its own process through ../driver.py, which builds
a fresh folder with a workspace, a secret beside it and symlinks pointing out, then attacks your functions. Every
attack must be refused with your `Refused` error (or a subclass) and a message; legitimate use must keep working.
Which files exist outside the workspace afterwards is read from the disk by the driver."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these safe-tools jobs call no model"},
          "exchanges": []}
SECRET = "db-password=hunter2"
ALLOWED = ["echo", "ls", "pwd", "sleep"]


def job(run, entry: str, **kwargs) -> dict:
    trace = run(NO_LLM, entry, **kwargs)
    assert trace["ok"], f"the job failed: {trace['error']}"
    return trace["result"]


def refused(outcome: dict) -> bool:
    return "refused" in outcome and bool(outcome["message"].strip())


def show(ops: list, results: list) -> str:
    return "\n".join(f"  {str(op)[:50]:<50} -> {r}" for op, r in zip(ops, results))


READ_ATTACKS = [["read", "../secret.txt"], ["read", "notes/../../secret.txt"], ["read", "./../ws/../secret.txt"],
                ["read", "/etc/passwd"], ["read_absolute", "secret.txt"], ["read", "out/secret.txt"],
                ["read", "secret_link"], ["read", "../ws-evil/secret.txt"], ["list", ".."], ["list", "out"]]


@pytest.mark.points(4)
@pytest.mark.hint("Refuse absolute paths; join the path to the workspace root and resolve() it (applies `..`, "
                  "follows symlinks); the result must be inside the root: Path.is_relative_to(root), not a string "
                  "prefix (`ws-evil` starts with `ws`). Raise your Refused error (PathEscape) with a message.")
def test_reads_outside_the_workspace_are_refused(run):
    got = job(run, "paths", ops=READ_ATTACKS)
    results = got["results"]
    leaked = [op for op, r in zip(READ_ATTACKS, results) if SECRET in str(r.get("ok", "")) or "root:" in str(r)]
    assert not leaked, f"these reads got out of the workspace: {leaked}\n" + show(READ_ATTACKS, results)
    not_refused = [op for op, r in zip(READ_ATTACKS, results) if not refused(r)]
    assert not not_refused, ("each attack must raise your Refused error with a message:\n"
                             + show(READ_ATTACKS, results))


@pytest.mark.points(3)
@pytest.mark.hint("Writes go through the same resolve(): a symlink whose target does not exist yet (`planted`) "
                  "still points out, and resolve() follows it. Check the final path again after making folders.")
def test_writes_outside_the_workspace_are_refused(run):
    ops = [["write", "../planted.txt", "x"], ["write", "planted", "x"], ["write", "out/new.txt", "x"],
           ["write", "secret_link", "overwritten"], ["write", "/tmp/escaped.txt", "x"],
           ["write", "../ws-evil/secret.txt", "overwritten"], ["write", "notes/../../escaped.txt", "x"]]
    got = job(run, "paths", ops=ops)
    assert got["outside"] == {"secret.txt": SECRET, "ws-evil/secret.txt": SECRET}, \
        f"files outside the workspace were written: {got['outside']}\n" + show(ops, got["results"])
    assert all(refused(r) for r in got["results"]), "each must raise Refused:\n" + show(ops, got["results"])


@pytest.mark.points(3)
@pytest.mark.hint("Legitimate paths must work: nested folders, `..` that stays inside, a symlink that points "
                  "inside, new files in new folders. Refusing everything is not safe, it is broken.")
def test_legitimate_paths_work(run):
    ops = [["read", "notes/todo.md"], ["read", "./notes/../notes/todo.md"], ["read", "todo_link"],
           ["write", "reports/2026/summary.md", "all green"], ["read", "reports/2026/summary.md"],
           ["list", "notes"], ["list", "."]]
    got = job(run, "paths", ops=ops)
    results = got["results"]
    assert all("ok" in r for r in results), "these must work:\n" + show(ops, results)
    assert [r["ok"] for r in results[:3]] == ["- ship the release\n"] * 3
    assert results[4]["ok"] == "all green" and got["inside"].get("reports/2026/summary.md") == "all green"
    assert results[5]["ok"] == ["todo.md"]


@pytest.mark.points(3)
@pytest.mark.hint("Only programs on the allow-list, named exactly (not a path such as ./echo), and an argument "
                  "list run with subprocess.run(..., shell=False): a string command, sh -c, or `;` in an "
                  "argument must not reach a shell. Refuse with CommandRefused (a Refused).")
def test_commands_outside_the_allow_list_are_refused(run):
    argvs = ["echo hi; touch pwned", ["sh", "-c", "touch pwned"], ["./echo", "x"], ["/bin/sh", "-c", "touch pwned"],
             ["rm", "-rf", "notes"], [], ["echo", "hi; touch pwned"], ["ls", "$(touch pwned)"]]
    got = job(run, "commands", argvs=argvs, allowed=ALLOWED)
    results = got["results"]
    assert not got["pwned"], "a command got a shell (or ran the planted ./echo):\n" + show(argvs, results)
    assert all(refused(r) for r in results[:6]), "each must raise Refused:\n" + show(argvs, results)
    assert results[6].get("ok", [None, None])[1] == "hi; touch pwned\n", \
        "echo with a `;` in its argument prints it: no shell\n" + show(argvs, results)


@pytest.mark.points(2)
@pytest.mark.hint("subprocess.run(..., cwd=the workspace, timeout=...); catch TimeoutExpired and raise "
                  "CommandTimeout (a Refused) with a message. subprocess.run kills the program on timeout.")
def test_commands_run_in_the_workspace_and_time_out(run):
    argvs = [["pwd"], ["ls", "notes"], ["sleep", "20"]]
    got = job(run, "commands", argvs=argvs, allowed=ALLOWED, timeout=1.0)
    pwd, ls, sleep = got["results"]
    assert "ok" in pwd and pwd["ok"][1].strip() == got["workspace"], f"commands run in the workspace: {pwd}"
    assert "ok" in ls and ls["ok"][0] == 0 and ls["ok"][1] == "todo.md\n"
    assert refused(sleep) and sleep["seconds"] < 5, f"sleep 20 with a 1 s timeout: {sleep}"


@pytest.mark.points(3)
@pytest.mark.hint("needs_approval(tool, approve) returns a function that calls approve(tool_name, arguments) "
                  "first and runs the tool only on True. A refusal, None, \"yes\" or an approver that raises: "
                  "ApprovalDenied (a Refused) and the tool does not run.")
def test_dangerous_tools_need_approval(run):
    allowed = job(run, "approvals", policy="allow")
    assert allowed["result"] == {"ok": "deleted notes/todo.md"} and allowed["deleted"] == ["notes/todo.md"], \
        f"an approved call runs: {allowed}"
    assert allowed["asked"] == [["delete_file", {"path": "notes/todo.md"}]], \
        f"the approver sees the tool's name and its arguments: {allowed['asked']}"
    for policy in ("deny", "none", "yes", "crash"):
        got = job(run, "approvals", policy=policy)
        assert got["deleted"] == [] and got["still_there"], f"approver said {policy}: the tool must not run"
        assert refused(got["result"]), f"approver said {policy}: raise ApprovalDenied (a Refused); got {got['result']}"
        assert len(got["asked"]) == 1, "ask once, before running"
