"""d5-model-router: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
FEATURES = "features.py"
CLASSIFIER = "classifier.py"
ROUTER = "router.py"

BROKEN = {
    "labels: 3 points already complex": (FEATURES, [(
        '    return "complex" if score >= 4 else', '    return "complex" if score >= 3 else')]),
    "input length: the system prompt not counted": (FEATURES, [(
        "    tokens = count_tokens(request.system) + count_tokens(prompt)", "    tokens = count_tokens(prompt)")]),
    "worst case: max_tokens of output not priced": (ROUTER, [(
        "Usage(input_tokens=tokens_in, output_tokens=request.max_tokens)",
        "Usage(input_tokens=tokens_in, output_tokens=0)")]),
    "LLM classifier: malformed JSON raises instead of falling back": (CLASSIFIER, [(
        "        except (LLMError, ValueError, ValidationError) as exc:", "        except LLMError as exc:")]),
    "LLM classifier: a long prompt sent whole": (CLASSIFIER, [(
        "        if count_tokens(prompt) <= self.max_prompt_tokens:", "        if True:")]),
    "tier table: a table without one of the three tiers accepted": (ROUTER, [(
        "        if set(tiers) != set(LEVELS):", "        if not set(tiers) <= set(LEVELS):")]),
}

CORRECT = {
    "length points by bisect over the thresholds": (FEATURES, [(
        "def _length(tokens: int) -> int:\n"
        "    return 3 if tokens >= 16_000 else 2 if tokens >= 4_000 else 1 if tokens >= 1_000 else 0",
        "def _length(tokens: int) -> int:\n"
        "    import bisect\n"
        "    return bisect.bisect_right((1_000, 4_000, 16_000), tokens)")]),
    "label parsed with pydantic's model_validate_json": (CLASSIFIER, [(
        "            label = Label.model_validate(json.loads(unfenced(reply.text)))",
        "            label = Label.model_validate_json(unfenced(reply.text))")]),
}
