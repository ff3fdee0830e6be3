"""Why the documenter cannot start."""


class DocAgentError(Exception):
    """Base class of the documenter's own errors."""


class InputError(DocAgentError):
    """SRC is not a folder, or holds no Python file. Nothing is written and no model call is made."""
