"""d1-chat-client: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CLIENT, ERRORS, WIRE = "client.py", "errors.py", "wire.py"

BROKEN = {
    "errors: 403 is not mapped to AuthError": (ERRORS, [(
        "        if status in (401, 403):", "        if status == 401:")]),
    "errors: a 500 is not a ServerError": (ERRORS, [("        if status >= 500:", "        if status > 500:")]),
    "errors: a timeout is reported as a ServerError": (ERRORS, [(
        "        return TimeoutError(message, provider=provider)", "        return ServerError(message, provider=provider)")]),
    "cost: an unknown model is priced at zero": (CLIENT, [(
        "        return None  # unknown is not free", "        return Decimal(0)  # unknown is not free")]),
    "wire: OpenAI's own API is sent max_tokens": (WIRE, [(
        '    limit = "max_tokens" if compatible else "max_completion_tokens"', '    limit = "max_tokens"')]),
}

CORRECT = {
    "errors: mapped with a match statement on the status": (ERRORS, [(
        '''        status = exc.status_code
        if status == 429:
            return RateLimitError(message, provider=provider, status=status,
                                  retry_after=retry_after_seconds(exc.response.headers))
        if status in (401, 403):
            return AuthError(message, provider=provider, status=status)
        if status >= 500:  # 529 is Anthropic's "overloaded"
            return ServerError(message, provider=provider, status=status)
        return BadRequestError(message, provider=provider, status=status)''',
        '''        status = exc.status_code
        match status:
            case 429:
                return RateLimitError(message, provider=provider, status=status,
                                      retry_after=retry_after_seconds(exc.response.headers))
            case 401 | 403:
                return AuthError(message, provider=provider, status=status)
            case _ if 500 <= status:
                return ServerError(message, provider=provider, status=status)
            case _:
                return BadRequestError(message, provider=provider, status=status)''')]),
}
