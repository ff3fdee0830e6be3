"""d3-safe-tools: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
WORKSPACE = "workspace.py"
COMMANDS = "commands.py"
APPROVAL = "approval.py"

BROKEN = {
    "paths stay inside the workspace: a string-prefix check (ws-evil passes)": (WORKSPACE, [(
        "        if not resolved.is_relative_to(self.root):",
        "        if not str(resolved).startswith(str(self.root)):")]),
    "paths stay inside the workspace: `..` applied but symlinks not followed": (WORKSPACE, [(
        "        resolved = (self.root / path).resolve()",
        "        resolved = Path(__import__(\"os\").path.normpath(self.root / path))")]),
    "only allow-listed names run: a path is allowed when its file name is": (COMMANDS, [(
        "        name = argv[0]\n", "        name = Path(argv[0]).name\n")]),
    "never through a shell: the checked argument list is joined and run by a shell": (COMMANDS, [(
        "subprocess.run([self.programs[name], *argv[1:]], cwd=self.cwd,",
        "subprocess.run(\" \".join([self.programs[name], *argv[1:]]), shell=True, cwd=self.cwd,")]),
    "argument lists only: an empty list is not refused": (COMMANDS, [(
        "if not isinstance(argv, list) or not argv or not all(",
        "if not isinstance(argv, list) or not all(")]),
    "only True approves: any truthy answer runs the tool": (APPROVAL, [(
        "        if verdict is not True:", "        if not verdict:")]),
    "an approver that crashes refuses: its exception escapes instead": (APPROVAL, [(
        "        try:\n            verdict = approve(name, dict(arguments))\n"
        "        except Exception as exc:  # noqa: BLE001 - an approval step that fails has not approved\n"
        "            raise ApprovalDenied(f\"{name} was not approved: the approval step failed ({exc})\") from exc\n",
        "        verdict = approve(name, dict(arguments))\n")]),
}

CORRECT = {
    "resolve with os.path.realpath and a commonpath check": (WORKSPACE, [(
        '''        resolved = (self.root / path).resolve()
        if not resolved.is_relative_to(self.root):''', '''        import os
        resolved = Path(os.path.realpath(os.path.join(self.root, path)))
        if os.path.commonpath([str(resolved), str(self.root)]) != str(self.root):''')]),
    "run with Popen and communicate(timeout=...), killing on timeout": (COMMANDS, [(
        '''        try:
            done = subprocess.run([self.programs[name], *argv[1:]], cwd=self.cwd, capture_output=True, text=True,
                                  timeout=self.timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise CommandTimeout(f"{name} ran longer than {self.timeout:g} s and was stopped") from exc
        return CommandResult(done.returncode, done.stdout[-self.max_output:], done.stderr[-self.max_output:])''',
        '''        with subprocess.Popen([self.programs[name], *argv[1:]], cwd=self.cwd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True) as process:
            try:
                out, err = process.communicate(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise CommandTimeout(f"{name} was stopped after {self.timeout} s") from None
        return CommandResult(process.returncode, out[-self.max_output:], err[-self.max_output:])''')]),
}
