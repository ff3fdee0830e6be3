"""Why a tool refused."""


class OutsideWorkspace(ValueError):
    """A path that is absolute, has a `..` part, or resolves (symlinks followed) outside the workspace."""
