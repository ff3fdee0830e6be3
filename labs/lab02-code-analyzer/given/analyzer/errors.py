"""Why an analysis could not be made. The API maps each to its status code."""


class AnalyzerError(Exception):
    """Base class of the analyzer's own errors."""


class InputTooLarge(AnalyzerError):
    """The source has more tokens than settings.max_input_tokens (HTTP 413). No model call was made."""

    def __init__(self, tokens: int, limit: int):
        super().__init__(f"the code is {tokens} tokens long; the limit is {limit} tokens")
        self.tokens, self.limit = tokens, limit


class AnalysisFailed(AnalyzerError):
    """The model answered, but no reply was a valid analysis within settings.max_attempts calls (HTTP 502)."""


class ModelUnavailable(AnalyzerError):
    """The model call itself failed: a server error, a timeout, a rate limit, a refused key (HTTP 503)."""
