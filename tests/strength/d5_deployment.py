"""d5-deployment: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
APP = "app.py"
LIFECYCLE = "lifecycle.py"
CONFIG = "deploy_config.py"

BROKEN = {
    "readiness: a draining service still reports ready": (APP, [(
        "        if lifecycle.draining:\n", "        if False:\n")]),
    "readiness: a dependency check that returns False is taken as passing": (APP, [(
        '    return "ok" if passed else "failed"', '    return "ok"')]),
    "shutdown: new work is still accepted while draining": (LIFECYCLE, [(
        "        if not self.accepting:\n            raise Draining()",
        "        if not self.serving:\n            raise Draining()")]),
    "shutdown: in-flight work is not waited for (the idle event is never cleared)": (LIFECYCLE, [(
        "        self.in_flight += 1\n        self._idle.clear()\n", "        self.in_flight += 1\n")]),
    "config: a grace period equal to the platform's kill delay is accepted": (CONFIG, [(
        "    elif kill_after is not None and float(grace) >= float(kill_after):",
        "    elif kill_after is not None and float(grace) > float(kill_after):")]),
    "config: --reload in a production start command is not flagged": (CONFIG, [(
        '    if "--reload" in options:', '    if False:')]),
}

CORRECT = {
    "wait_idle with asyncio.timeout instead of wait_for": (LIFECYCLE, [(
        """        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except asyncio.TimeoutError:
            return False""",
        """        try:
            async with asyncio.timeout(timeout):
                await self._idle.wait()
        except TimeoutError:
            return False
        return True""")]),
    "options paired with the word that follows through zip": (CONFIG, [(
        """    options: dict[str, str] = {}
    for index, word in enumerate(words):
        if not word.startswith("--"):
            continue
        name, equals, value = word.partition("=")
        if not equals:
            following = words[index + 1] if index + 1 < len(words) else ""
            value = following if following and not following.startswith("--") else ""
        options[name] = value
    return options""",
        """    options: dict[str, str] = {}
    for word, following in zip(words, [*words[1:], ""]):
        if word.startswith("--") and "=" in word:
            name, value = word.split("=", 1)
            options[name] = value
        elif word.startswith("--"):
            options[word] = "" if following.startswith("--") else following
    return options""")]),
}
