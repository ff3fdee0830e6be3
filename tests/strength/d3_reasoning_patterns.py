"""d3-reasoning-patterns: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
STRATEGIES = "strategies.py"

BROKEN = {
    "ReAct sends each result back flagged: is_error dropped": (STRATEGIES, [(
        "Message.tool_result(call, result, is_error=failed)", "Message.tool_result(call, result)")]),
    "ReAct's trace: the observation comes before its action": (STRATEGIES, [(
        'steps += [Step("action", action(call.name, call.arguments)), Step("observation", result)]',
        'steps += [Step("observation", result), Step("action", action(call.name, call.arguments))]')]),
    "a runaway plan runs at most max_steps calls: one more": (STRATEGIES, [(
        "for call in plan.steps[:max_steps]]", "for call in plan.steps[:max_steps + 1]]")]),
    "plan-and-execute stopped when the plan is longer than max_steps: never stopped": (STRATEGIES, [(
        "stopped=len(plan.steps) > max_steps)", "stopped=False)")]),
    "the verifier sees every observation: only the last one": (STRATEGIES, [(
        'observations = [step.content for step in steps if step.kind == "observation"]',
        'observations = [step.content for step in steps if step.kind == "observation"][-1:]')]),
    "revisions stop at max_revisions: one revision too many": (STRATEGIES, [(
        "        if revisions == max_revisions:", "        if revisions > max_revisions:")]),
}

CORRECT = {
    "verify-then-answer as a for loop over the revisions; execute_plan as an explicit loop": (STRATEGIES, [
        ('''    return [(call, *run_tool(call.tool, call.arguments)) for call in plan.steps[:max_steps]]''',
         '''    done = []
    for index, call in enumerate(plan.steps):
        if index >= max_steps:
            break
        text, failed = run_tool(call.tool, call.arguments)
        done.append((call, text, failed))
    return done'''),
        ('''    revisions = 0
    while not stopped:
        steps.append(Step("draft", answer))
        observations = [step.content for step in steps if step.kind == "observation"]
        verdict = client.structured(verify_prompt(task, observations, answer), Verdict, system=VERIFIER_SYSTEM)
        steps.append(Step("verdict", "ok" if verdict.ok else f"rejected: {verdict.problem}"))
        if verdict.ok:
            break
        if revisions == max_revisions:
            stopped = True
            break
        revisions += 1
        messages.append''', '''    for revision in range(max_revisions + 1):
        if stopped:
            break
        steps.append(Step("draft", answer))
        observations = [step.content for step in steps if step.kind == "observation"]
        verdict = client.structured(verify_prompt(task, observations, answer), Verdict, system=VERIFIER_SYSTEM)
        steps.append(Step("verdict", "ok" if verdict.ok else f"rejected: {verdict.problem}"))
        if verdict.ok:
            break
        if revision == max_revisions:
            stopped = True
            break
        messages.append'''),
    ]),
}
