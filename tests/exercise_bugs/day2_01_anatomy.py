"""Plausible mistakes in days/day2-prompting/notebooks/01-prompt-anatomy.ipynb's exercises; each check cell must
catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-fence-for": {
        "always three backticks": """
return "```"
""",
        "as long as the longest run, not longer": """
longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
return "`" * max(3, longest)""",
        "counts every backtick, not the longest run": """
return "`" * max(3, text.count("`") + 1)""",
        "only looks for runs of exactly three": """
return "````" if "```" in text else "```"
""",
    },
    "ex-rewrite-spec": {
        "the events pasted into the task": """
return PromptSpec(
    role="You are an SRE who explains Kubernetes failures to the on-call engineer.",
    task=f"Name the failing pod and the reason: {events}",
    format="Two lines: `POD: <name>` and `REASON: <at most 20 words>`.",
)""",
        "no role": """
return PromptSpec(
    context=(Source("events", events),),
    task="Using the events, name the failing pod and the most likely reason it fails.",
    format="Two lines: `POD: <name>` and `REASON: <at most 20 words>`.",
)""",
        "the events in the role": """
return PromptSpec(
    role=f"You are an SRE. These are the events: {events}",
    context=(Source("events", events),),
    task="Using the events, name the failing pod and the most likely reason it fails.",
    format="Two lines: `POD: <name>` and `REASON: <at most 20 words>`.",
)""",
        "a format nobody can check": """
return PromptSpec(
    role="You are an SRE who explains Kubernetes failures to the on-call engineer.",
    context=(Source("events", events),),
    task="Using the events, name the failing pod and the most likely reason it fails.",
    format="Keep it short.",
)""",
        "the task does not name the material": """
return PromptSpec(
    role="You are an SRE who explains Kubernetes failures to the on-call engineer.",
    context=(Source("k8s", events),),
    task="What is wrong here?",
    format="Two lines: `POD: <name>` and `REASON: <at most 20 words>`.",
)""",
    },
}
